/**
 * Column layouts of the national system's import templates (全国学生资助管理
 * 信息系统), as DATA in one place: a province adjusts headers, order, limits
 * or adds columns here (or with `adjustTemplate`), never in the writer or
 * validator. Limits are in bytes with one Chinese character counted as two,
 * as the national templates state ("1个汉字是2个字符").
 */
import { SPECIAL_CATEGORIES, type SpecialCategory } from "../codes";

export type ColumnKind =
  /** free text */
  | "text"
  /** 是 or blank, never 否 */
  | "flag"
  /** 特别困难 / 困难 / 一般困难 / 不困难 */
  | "level"
  /** YYYYMMDD */
  | "date8"
  /** 身份证件类型 text */
  | "idType"
  /** 身份证件号, checked against the 身份证件类型 column */
  | "idNumber"
  /** 男 / 女 */
  | "gender"
  /** non-negative integer */
  | "integer"
  /** yuan with at most two decimals */
  | "money"
  /** 秋季学期 / 春季学期 */
  | "semester"
  /** a month 1–12 */
  | "month";

/** Which registry (学籍) field a column must equal. */
export type RegistryField = "studentNumber" | "name" | "idType" | "idNumber";

export interface ColumnDef {
  readonly key: string;
  readonly header: string;
  readonly kind: ColumnKind;
  readonly required: boolean;
  /** Byte limit (Chinese character = 2 bytes). */
  readonly maxBytes?: number;
  readonly registry?: RegistryField;
  readonly category?: SpecialCategory;
  /** Column width in the sheet (characters). */
  readonly width?: number;
}

export interface TemplateDef {
  readonly key: "family-economy" | "roster-book" | "aid-records";
  readonly title: string;
  readonly sheetName: string;
  readonly columns: readonly ColumnDef[];
}

export const ID_TYPE_TEXT = {
  RESIDENT_ID: "居民身份证",
  HMT_RESIDENCE_PERMIT: "港澳台居民居住证",
  HMT_TRAVEL_PERMIT: "港澳台居民来往内地通行证",
  PASSPORT: "护照",
  OTHER: "其他",
} as const;

/** Flag column headers of the special-group categories (national 11 + local 2). */
export const FLAG_HEADERS: Record<SpecialCategory, string> = {
  POVERTY_ALLEVIATED: "是否脱贫家庭学生（原建档立卡）",
  POVERTY_UNSTABLE: "是否脱贫不稳定家庭学生（原建档立卡）",
  MARGINAL_POVERTY_RISK: "是否边缘易致贫家庭学生",
  SUDDEN_SEVERE_HARDSHIP: "是否突发严重困难家庭学生",
  MINIMUM_LIVING: "是否城乡低保家庭学生",
  EXTREME_POVERTY_SUPPORT: "是否特困供养学生",
  ORPHAN: "是否孤儿",
  DISABLED_STUDENT: "是否残疾学生",
  CHILD_OF_DISABLED: "是否残疾人子女",
  DE_FACTO_UNSUPPORTED: "是否事实无人抚养儿童",
  NEAR_MINIMUM_LIVING: "是否低保边缘家庭学生",
  MARTYR_CHILD: "是否烈士子女",
  CHILD_IN_DISTRESS: "是否重点困境儿童",
};

/** The student's national registration number (全国学籍号), checked against the registry. */
const STUDENT_NUMBER_COLUMN: ColumnDef = {
  key: "studentNumber",
  header: "学籍号",
  kind: "text",
  required: true,
  maxBytes: 30,
  registry: "studentNumber",
  width: 22,
};

/** The student's name, checked against the registry. */
const NAME_COLUMN: ColumnDef = {
  key: "name",
  header: "姓名",
  kind: "text",
  required: true,
  maxBytes: 50,
  registry: "name",
  width: 12,
};

/** The identity document: its type and number, checked against the registry. */
const IDENTITY_COLUMNS: ColumnDef[] = [
  { key: "idType", header: "身份证件类型", kind: "idType", required: true, registry: "idType", width: 16 },
  {
    key: "idNumber",
    header: "身份证件号",
    kind: "idNumber",
    required: true,
    maxBytes: 20,
    registry: "idNumber",
    width: 22,
  },
];

/** 家庭经济信息 (determination results): registry fields first, then flags, household, and the determination. */
export const FAMILY_ECONOMY_TEMPLATE: TemplateDef = {
  key: "family-economy",
  title: "家庭经济信息",
  sheetName: "家庭经济信息",
  columns: [
    STUDENT_NUMBER_COLUMN,
    NAME_COLUMN,
    ...IDENTITY_COLUMNS,
    ...SPECIAL_CATEGORIES.map((c): ColumnDef => ({
      key: `flag_${c}`,
      header: FLAG_HEADERS[c],
      kind: "flag",
      required: false,
      category: c,
      width: 10,
    })),
    { key: "residence", header: "户口性质", kind: "text", required: false, maxBytes: 4, width: 8 },
    { key: "memberCount", header: "家庭人口数", kind: "integer", required: false, width: 8 },
    { key: "annualIncome", header: "家庭年收入（元）", kind: "money", required: false, width: 12 },
    { key: "perCapitaMonthly", header: "家庭人均月收入（元）", kind: "money", required: false, width: 12 },
    { key: "address", header: "家庭住址", kind: "text", required: false, maxBytes: 200, width: 30 },
    { key: "level", header: "认定级别", kind: "level", required: true, width: 10 },
    { key: "determinedOn", header: "认定时间", kind: "date8", required: true, width: 10 },
    { key: "reason", header: "认定原因", kind: "text", required: true, maxBytes: 200, width: 30 },
  ],
};

/** 资助名册 (roster book) per programme and term, in the national system's import layout. */
export const ROSTER_BOOK_TEMPLATE: TemplateDef = {
  key: "roster-book",
  title: "资助名册",
  sheetName: "资助名册",
  columns: [
    { key: "school", header: "学校", kind: "text", required: true, maxBytes: 100, width: 24 },
    NAME_COLUMN,
    { key: "gender", header: "性别", kind: "gender", required: true, width: 6 },
    ...IDENTITY_COLUMNS,
    STUDENT_NUMBER_COLUMN,
    { key: "grade", header: "年级", kind: "text", required: true, maxBytes: 20, width: 10 },
    { key: "className", header: "班级", kind: "text", required: true, maxBytes: 40, width: 12 },
    { key: "level", header: "受助等次", kind: "text", required: false, maxBytes: 20, width: 10 },
    { key: "amount", header: "金额", kind: "money", required: true, width: 10 },
    { key: "termText", header: "学年学期", kind: "text", required: true, maxBytes: 40, width: 22 },
    { key: "note", header: "备注", kind: "text", required: false, maxBytes: 200, width: 20 },
  ],
};

/**
 * 受助情况 (aid records) of one school and term: one row per student, programme and period paid and not reversed
 * — a month for the 中职 monthly lists (资助月份 filled), the semester otherwise (资助月份 empty). Layout and
 * rules: docs/aid-records-export.md.
 */
export const AID_RECORD_TEMPLATE: TemplateDef = {
  key: "aid-records",
  title: "受助情况",
  sheetName: "受助情况",
  columns: [
    { key: "school", header: "学校名称", kind: "text", required: true, maxBytes: 100, width: 24 },
    STUDENT_NUMBER_COLUMN,
    NAME_COLUMN,
    ...IDENTITY_COLUMNS,
    { key: "programme", header: "资助项目名称", kind: "text", required: true, maxBytes: 100, width: 24 },
    { key: "academicYear", header: "资助学年", kind: "text", required: true, maxBytes: 9, width: 12 },
    { key: "semester", header: "资助学期", kind: "semester", required: true, width: 10 },
    { key: "month", header: "资助月份", kind: "month", required: false, width: 8 },
    { key: "amount", header: "资助金额（元）", kind: "money", required: true, width: 12 },
    { key: "paidOn", header: "发放日期", kind: "date8", required: true, width: 10 },
  ],
};

/** A province's adjustment: rename or re-limit columns, drop some, append others. */
export interface TemplateAdjustment {
  readonly change?: Readonly<Record<string, Partial<Omit<ColumnDef, "key">>>>;
  readonly omit?: readonly string[];
  readonly append?: readonly ColumnDef[];
}

export function adjustTemplate(t: TemplateDef, a: TemplateAdjustment): TemplateDef {
  const omit = new Set(a.omit ?? []);
  for (const k of [...omit, ...Object.keys(a.change ?? {})]) {
    if (!t.columns.some((c) => c.key === k)) throw new Error(`模板“${t.title}”没有列 ${k}`);
  }
  const columns = t.columns
    .filter((c) => !omit.has(c.key))
    .map((c) => ({ ...c, ...(a.change?.[c.key] ?? {}) }));
  return { ...t, columns: [...columns, ...(a.append ?? [])] };
}
