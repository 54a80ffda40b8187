/**
 * Builds template rows (all cells as the strings written to the sheet) from
 * domain records. Special-group flags are "是" only for categories that come
 * from the school's lists or the national data (matched entries), never from
 * what the applicant declared, and blank otherwise — never "否".
 */
import {
  GENDER_LABELS,
  HARDSHIP_LEVEL_LABELS,
  RESIDENCE_LABELS,
  SEMESTER_LABELS,
  type Gender,
  type HardshipLevel,
  type Residence,
  type SpecialCategory,
} from "../codes";
import { fenToYuan } from "../household";
import type { IdType } from "../codes";
import { ID_TYPE_TEXT, type TemplateDef } from "./columns";
import type { ExportRow } from "./validate";

export interface FamilyEconomySource {
  studentNumber: string;
  name: string;
  idType: IdType;
  idNumber: string;
  /** Categories matched from the school lists / national data. */
  listedCategories: readonly SpecialCategory[];
  residence?: Residence | null;
  memberCount?: number | null;
  totalAnnualIncomeFen?: number | null;
  perCapitaMonthlyIncomeFen?: number | null;
  address?: string | null;
  level: HardshipLevel;
  /** Beijing calendar day "YYYY-MM-DD" of the determination. */
  determinedOn: string;
  /** The determination's reason text (level rule / override reason); ignored for 不困难. */
  reason: string;
}

export function familyEconomyRow(t: TemplateDef, s: FamilyEconomySource): ExportRow {
  const listed = new Set(s.listedCategories);
  const row: Record<string, string> = {};
  for (const col of t.columns) {
    let v = "";
    if (col.category) v = listed.has(col.category) ? "是" : "";
    else {
      switch (col.key) {
        case "studentNumber":
          v = s.studentNumber;
          break;
        case "name":
          v = s.name;
          break;
        case "idType":
          v = ID_TYPE_TEXT[s.idType];
          break;
        case "idNumber":
          v = s.idNumber;
          break;
        case "residence":
          v = s.residence ? RESIDENCE_LABELS[s.residence] : "";
          break;
        case "memberCount":
          v = s.memberCount != null ? String(s.memberCount) : "";
          break;
        case "annualIncome":
          v = s.totalAnnualIncomeFen != null ? fenToYuan(s.totalAnnualIncomeFen) : "";
          break;
        case "perCapitaMonthly":
          v = s.perCapitaMonthlyIncomeFen != null ? fenToYuan(s.perCapitaMonthlyIncomeFen) : "";
          break;
        case "address":
          v = s.address ?? "";
          break;
        case "level":
          v = HARDSHIP_LEVEL_LABELS[s.level];
          break;
        case "determinedOn":
          v = s.determinedOn.replaceAll("-", "");
          break;
        case "reason":
          v = s.level === "NONE" ? "不困难" : s.reason;
          break;
      }
    }
    row[col.key] = v;
  }
  return row;
}

export interface RosterBookSource {
  school: string;
  name: string;
  gender: Gender;
  idType: IdType;
  idNumber: string;
  studentNumber: string;
  grade: string;
  className: string;
  level: HardshipLevel | null;
  amountFen: number;
  academicYear: string;
  semester: "AUTUMN" | "SPRING";
  note?: string | null;
}

export function rosterBookRow(t: TemplateDef, s: RosterBookSource): ExportRow {
  const values: Record<string, string> = {
    school: s.school,
    name: s.name,
    gender: GENDER_LABELS[s.gender],
    idType: ID_TYPE_TEXT[s.idType],
    idNumber: s.idNumber,
    studentNumber: s.studentNumber,
    grade: s.grade,
    className: s.className,
    level: s.level ? HARDSHIP_LEVEL_LABELS[s.level] : "",
    amount: fenToYuan(s.amountFen),
    termText: `${s.academicYear}学年${SEMESTER_LABELS[s.semester]}`,
    note: s.note ?? "",
  };
  const row: Record<string, string> = {};
  for (const col of t.columns) row[col.key] = values[col.key] ?? "";
  return row;
}

export interface AidRecordSource {
  school: string;
  studentNumber: string;
  name: string;
  idType: IdType;
  idNumber: string;
  programme: string;
  academicYear: string;
  semester: "AUTUMN" | "SPRING";
  /** 1–12 for a monthly list's record; null for a semester roster's. */
  month: number | null;
  amountFen: number;
  /** Beijing calendar day "YYYY-MM-DD" of the payment. */
  paidOn: string;
}

export function aidRecordRow(t: TemplateDef, s: AidRecordSource): ExportRow {
  const values: Record<string, string> = {
    school: s.school,
    studentNumber: s.studentNumber,
    name: s.name,
    idType: ID_TYPE_TEXT[s.idType],
    idNumber: s.idNumber,
    programme: s.programme,
    academicYear: s.academicYear,
    semester: SEMESTER_LABELS[s.semester],
    month: s.month === null ? "" : String(s.month),
    amount: fenToYuan(s.amountFen),
    paidOn: s.paidOn.replaceAll("-", ""),
  };
  const row: Record<string, string> = {};
  for (const col of t.columns) row[col.key] = values[col.key] ?? "";
  return row;
}

/** Formula-injection guard for spreadsheet cells (one home: lib/domain/spreadsheet-cell.ts). */
export { neutraliseCell } from "../spreadsheet-cell";
