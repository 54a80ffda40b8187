/**
 * The printed forms of the aid archive (seed 003 附件, 八 档案保存): what each printed document holds, as plain
 * data the components of components/print render, and the few rules of their content. Pure, no I/O.
 *
 * ID numbers and 学籍号 (G + the ID number) are printed masked (as on every page of the system): the paper forms are kept in the school's
 * archive and handed round for signatures, and none of them is the record a payment is made from (that is
 * the national system's export, which carries the full number).
 */
import { HARDSHIP_LEVEL_LABELS, type HardshipLevel } from "./codes";
import { fenToYuan } from "./household";

/** The credit commitment (诚信承诺) the applicant signs, online (portal step 6) and on the printed form. */
export const COMMITMENT_TEXT =
  "本人承诺：所填写的家庭经济情况及上传的佐证材料真实、准确、完整。如有虚假，本人愿意承担相应责任，学校可取消资助资格并追回已发放的资助资金。";

type PrintForm =
  "application" | "home-visit" | "evaluation" | "sign-off" | "publicity" | "determination-summary";

/** The Chinese titles of the printed forms (seed 003 附件 and the school's archive list). */
export const PRINT_FORM_TITLES: Record<PrintForm, string> = {
  application: "家庭经济困难学生认定申请表",
  "home-visit": "学生资助入户走访调查情况和量化计分表",
  evaluation: "班级评议记录",
  "sign-off": "资助发放签收表",
  publicity: "各学段公示表",
  "determination-summary": "家庭经济困难学生认定结果汇总表",
};

export type ApplicationFormDoc = {
  applicationId: string;
  schoolName: string;
  termName: string;
  className: string;
  gradeName: string;
  stageLabel: string;
  studentNo: string;
  name: string;
  genderLabel: string;
  idNumberMasked: string;
  birthDate: string | null;
  residenceLabel: string | null;
  address: string | null;
  memberCount: number | null;
  annualIncomeYuan: string | null;
  perCapitaMonthlyYuan: string | null;
  housing: string | null;
  vehicles: string | null;
  categories: string[];
  guardians: { name: string; relation: string; phoneMasked: string }[];
  members: {
    name: string;
    relation: string;
    age: number | null;
    occupation: string | null;
    workStatus: string | null;
    annualIncomeYuan: string | null;
    health: string;
  }[];
  suddenEvents: { kind: string; amountYuan: string; description: string | null }[];
  programmes: string[];
  notes: string | null;
  commitmentSignedOn: string | null;
  submittedOn: string | null;
  enteredOnPaper: boolean;
  levelLabel: string | null;
};

export type HomeVisitSheetDoc = {
  applicationId: string;
  schoolName: string;
  termName: string;
  className: string;
  name: string;
  visitDate: string;
  visitors: string;
  findings: string;
  modelName: string;
  indicators: { label: string; option: string | null; points: number; source: "入户调查" | "申请表" }[];
  totalScore: number;
  levelLabel: string;
};

export type EvaluationRecordDoc = {
  schoolName: string;
  termName: string;
  className: string;
  gradeName: string;
  members: { name: string; role: string; isStudent: boolean }[];
  ranking: { rank: number; name: string; levelLabel: string }[];
  report: string;
  submittedOn: string | null;
};

export type SignOffSheetDoc = {
  schoolName: string;
  termName: string;
  programmeName: string;
  className: string | null;
  rows: { name: string; className: string; programmeName: string; amountFen: number; amountYuan: string }[];
  totalYuan: string;
};

export type PublicityTableDoc = {
  schoolName: string;
  termName: string;
  title: string;
  period: string;
  rows: { name: string; className: string; result: string }[];
};

export type DeterminationSummaryDoc = {
  schoolName: string;
  termName: string;
  counts: { levelLabel: string; count: number }[];
  rows: { name: string; className: string; levelLabel: string; revoked: boolean }[];
  steps: { label: string; actor: string; on: string; comment: string | null }[];
};

/** Amount paid (or actual, or due) of a roster entry, in fen: the paid amount once paid, else the list's amount. */
export function signOffAmountFen(entry: {
  amountFen: number;
  paidAmountFen: number | null;
  actualAmountFen: number | null;
}): number {
  return entry.paidAmountFen ?? entry.actualAmountFen ?? entry.amountFen;
}

/** The sign-off sheet's total in 元 of its rows. */
export function totalYuan(rows: readonly { amountFen: number }[]): string {
  return fenToYuan(rows.reduce((sum, row) => sum + row.amountFen, 0));
}

const LEVEL_ORDER: HardshipLevel[] = ["SPECIAL", "HARDSHIP", "GENERAL", "NONE"];

/** Determined students per level (every level listed, in order, zeros kept), revoked determinations left out. */
export function levelCounts(
  rows: readonly { level: HardshipLevel; revoked: boolean }[],
): { levelLabel: string; count: number }[] {
  return LEVEL_ORDER.map((level) => ({
    levelLabel: HARDSHIP_LEVEL_LABELS[level],
    count: rows.filter((row) => row.level === level && !row.revoked).length,
  }));
}
