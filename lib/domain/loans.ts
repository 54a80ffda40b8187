/**
 * 国家助学贷款 (national student loans): academic years, the per-record cap by level and year, and the
 * validation of one loan row and one repayment row of the banks' files (layout: docs/loans-import.md).
 * Pure: no I/O. Reasons are Chinese and say how to fix the row.
 */
import {
  LOAN_INSTITUTION_CATEGORY_LABELS,
  LOAN_LEVEL_LABELS,
  LOAN_TYPE_LABELS,
  type IdType,
  type LoanInstitutionCategory,
  type LoanLevel,
  type LoanType,
} from "./codes";
import { fenToYuan, yuanToFen } from "./household";
import { chinaDateString, validateIdNumber } from "./id-number";
import { ID_TYPE_NAMES } from "./student-roster-row";

/** An academic year by its first calendar year: 2024 = 2024-2025学年. */
export const academicYearLabel = (year: number) => `${year}-${year + 1}学年`;

export const EARLIEST_LOAN_YEAR = 1999;
export const LATEST_LOAN_YEAR = 2100;

/**
 * "2024-2025", "2024-25", "2024—2025学年", "2024～2025", or "2024" → 2024; null when it is none of these
 * or the two years do not follow each other.
 */
export function parseAcademicYear(raw: string): number | null {
  const text = raw
    .replace(/\s+/g, "")
    .replace(/学年$/, "")
    .replace(/[—–~～至－]/g, "-");
  const match = /^(\d{4})(?:-(\d{2}|\d{4}))?$/.exec(text);
  if (!match) return null;
  const first = Number(match[1]);
  if (first < EARLIEST_LOAN_YEAR || first > LATEST_LOAN_YEAR) return null;
  const second = match[2];
  if (second !== undefined && Number(second) !== (second.length === 2 ? (first + 1) % 100 : first + 1))
    return null;
  return first;
}

/** One row of a province's cap table: from academic year `fromYear` on, at most `capFen` per loan. */
export type LoanCapRow = { level: LoanLevel; fromYear: number; capFen: number };

/**
 * The published national caps (seed 002 §四): until 2020-2021 本专科 8,000 / 研究生 12,000 yuan; from
 * 2021-2022 12,000 / 16,000; from 2023-2024 16,000 / 20,000; from 2024-2025 20,000 / 25,000. Migration 560
 * seeds every province's table with them; a province edits its own rows.
 */
export const NATIONAL_LOAN_CAPS: readonly LoanCapRow[] = [
  { level: "UNDERGRADUATE", fromYear: EARLIEST_LOAN_YEAR, capFen: 800_000 },
  { level: "GRADUATE", fromYear: EARLIEST_LOAN_YEAR, capFen: 1_200_000 },
  { level: "UNDERGRADUATE", fromYear: 2021, capFen: 1_200_000 },
  { level: "GRADUATE", fromYear: 2021, capFen: 1_600_000 },
  { level: "UNDERGRADUATE", fromYear: 2023, capFen: 1_600_000 },
  { level: "GRADUATE", fromYear: 2023, capFen: 2_000_000 },
  { level: "UNDERGRADUATE", fromYear: 2024, capFen: 2_000_000 },
  { level: "GRADUATE", fromYear: 2024, capFen: 2_500_000 },
];

/** The cap for a loan of `level` in academic year `year`: the row with the latest fromYear ≤ year, or null. */
export function loanCapFor(caps: readonly LoanCapRow[], level: LoanLevel, year: number): number | null {
  let best: LoanCapRow | null = null;
  for (const cap of caps)
    if (cap.level === level && cap.fromYear <= year && (!best || cap.fromYear > best.fromYear)) best = cap;
  return best ? best.capFen : null;
}

/** The columns of the loan file, in template order (first name = the template's header; others accepted). */
export const LOAN_COLUMNS = [
  { key: "academicYear", names: ["学年"], required: true },
  { key: "studentName", names: ["借款学生姓名", "学生姓名", "姓名"], required: true },
  { key: "idType", names: ["证件类型", "身份证件类型"] },
  { key: "idNumber", names: ["证件号码", "身份证件号", "身份证号码", "身份证号"], required: true },
  { key: "institutionCode", names: ["学校标识码", "院校代码"], required: true },
  { key: "institutionName", names: ["学校名称", "院校名称"], required: true },
  { key: "institutionCategory", names: ["院校类型"] },
  { key: "level", names: ["培养层次"], required: true },
  { key: "contractNo", names: ["合同编号"], required: true },
  { key: "bank", names: ["经办银行"], required: true },
  { key: "amount", names: ["发放金额", "发放金额（元）", "发放金额(元)"], required: true },
  { key: "grantedOn", names: ["发放日期"], required: true },
  { key: "loanType", names: ["贷款类型"], required: true },
] as const;
export type LoanColumnKey = (typeof LOAN_COLUMNS)[number]["key"];
export type LoanRowValues = Record<LoanColumnKey, string>;

/** The columns of the repayment file. */
export const REPAYMENT_COLUMNS = [
  { key: "contractNo", names: ["合同编号"], required: true },
  { key: "studentName", names: ["借款学生姓名", "学生姓名", "姓名"] },
  { key: "idType", names: ["证件类型", "身份证件类型"] },
  { key: "idNumber", names: ["证件号码", "身份证件号", "身份证号码", "身份证号"], required: true },
  { key: "amount", names: ["还款金额", "还款金额（元）", "还款金额(元)"], required: true },
  { key: "repaidAt", names: ["还款时间"], required: true },
] as const;
export type RepaymentColumnKey = (typeof REPAYMENT_COLUMNS)[number]["key"];
export type RepaymentRowValues = Record<RepaymentColumnKey, string>;

const byLabel = <T extends string>(labels: Record<T, string>, extra: Record<string, T> = {}) =>
  Object.fromEntries([
    ...Object.entries(labels).map(([code, label]) => [label as string, code as T]),
    ...Object.entries(extra),
  ]) as Record<string, T>;
const LEVEL_NAMES = byLabel(LOAN_LEVEL_LABELS, {
  本科: "UNDERGRADUATE",
  专科: "UNDERGRADUATE",
  高职: "UNDERGRADUATE",
  本专科生: "UNDERGRADUATE",
  硕士: "GRADUATE",
  博士: "GRADUATE",
  研究生: "GRADUATE",
});
const LOAN_TYPE_NAMES = byLabel(LOAN_TYPE_LABELS, {
  校园地贷款: "CAMPUS",
  校园地国家助学贷款: "CAMPUS",
  生源地贷款: "ORIGIN",
  生源地信用助学贷款: "ORIGIN",
});
const CATEGORY_NAMES = byLabel(LOAN_INSTITUTION_CATEGORY_LABELS, {
  本科: "UNDERGRADUATE_COLLEGE",
  专科: "JUNIOR_COLLEGE",
  高职院校: "JUNIOR_COLLEGE",
  科研机构: "RESEARCH_INSTITUTE",
});

export type ValidLoanRow = {
  academicYear: number;
  studentName: string;
  idType: IdType;
  idNumber: string;
  institutionCode: string;
  institutionName: string;
  institutionCategory: LoanInstitutionCategory | null;
  level: LoanLevel;
  contractNo: string;
  bank: string;
  amountFen: number;
  /** YYYY-MM-DD */
  grantedOn: string;
  loanType: LoanType;
};

/** A calendar date "YYYY-MM-DD" (also "YYYY/MM/DD", "YYYY.MM.DD", "YYYY年M月D日"), or null. */
export function parseCalendarDate(raw: string): string | null {
  const text = raw
    .trim()
    .replace(/[年/.]/g, "-")
    .replace(/月/, "-")
    .replace(/日$/, "");
  const match = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(text);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day)
    return null;
  return `${match[1]}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

/** An amount in yuan with at most two decimals → fen (> 0), or a reason naming the column. */
export function parseAmountFen(
  raw: string,
  column: string,
): { ok: true; fen: number } | { ok: false; reason: string } {
  const text = raw.trim();
  if (!text) return { ok: false, reason: `${column}为空，请填写金额（元，最多两位小数）` };
  const fen = yuanToFen(text.replace(/元$/, ""));
  if (fen === null)
    return {
      ok: false,
      reason: `${column}“${text}”格式不正确，应为以元为单位、最多两位小数的数字，如 8000 或 1234.56`,
    };
  if (fen <= 0) return { ok: false, reason: `${column}应大于 0` };
  if (fen > 2_000_000_000) return { ok: false, reason: `${column}过大，请核对` };
  return { ok: true, fen };
}

const idProblem = (typeText: string, idText: string, today: Date) => {
  const idType = ID_TYPE_NAMES[typeText.trim()];
  if (!idType)
    return {
      ok: false as const,
      reason: `证件类型“${typeText}”无法识别，应为：居民身份证、港澳台居民居住证、港澳居民来往内地通行证、护照或其他`,
    };
  const id = validateIdNumber(idType, idText, today);
  return id.ok
    ? { ok: true as const, idType, idNumber: id.id }
    : { ok: false as const, reason: `证件号码：${id.reason}` };
};

/**
 * One loan row: every problem, joined by "；" (so the operator fixes the row at once), or the parsed row.
 * `year` is the academic year of the import (rows of another year are refused); the amount is checked
 * against the cap of the row's own level and year.
 */
export function validateLoanRow(
  values: LoanRowValues,
  context: { year: number; caps: readonly LoanCapRow[]; today: Date },
): { ok: true; row: ValidLoanRow } | { ok: false; reason: string } {
  const problems: string[] = [];
  const year = parseAcademicYear(values.academicYear);
  if (!values.academicYear.trim()) problems.push("学年为空，请填写如 2024-2025");
  else if (year === null) problems.push(`学年“${values.academicYear}”格式不正确，应为如 2024-2025`);
  else if (year !== context.year)
    problems.push(
      `学年 ${academicYearLabel(year)} 与本次导入的学年（${academicYearLabel(context.year)}）不一致`,
    );

  const studentName = values.studentName.replace(/\s+/g, " ").trim();
  if (!studentName) problems.push("借款学生姓名为空，请填写");
  else if (Array.from(studentName).length > 50) problems.push("借款学生姓名超过50个字，请核对");

  const id = idProblem(values.idType, values.idNumber, context.today);
  if (!id.ok) problems.push(id.reason);

  const institutionCode = values.institutionCode.trim();
  if (!/^\d{5}$|^\d{10}$/.test(institutionCode))
    problems.push(`学校标识码“${institutionCode}”应为10位数字（或5位院校代码），请核对`);
  const institutionName = values.institutionName.replace(/\s+/g, "").trim();
  if (!institutionName) problems.push("学校名称为空，请填写");
  else if (institutionName.length > 100) problems.push("学校名称超过100个字，请核对");

  const categoryText = values.institutionCategory.trim();
  const institutionCategory = categoryText ? (CATEGORY_NAMES[categoryText] ?? null) : null;
  if (categoryText && !institutionCategory)
    problems.push(
      `院校类型“${categoryText}”无法识别，应为：本科院校、专科院校、科研院所或军队院校（可留空）`,
    );

  const levelText = values.level.trim();
  const level = LEVEL_NAMES[levelText];
  if (!levelText) problems.push("培养层次为空，请填写“本专科”或“研究生”");
  else if (!level) problems.push(`培养层次“${levelText}”无法识别，应为“本专科”或“研究生”`);

  const contractNo = values.contractNo.replace(/\s+/g, "").trim();
  if (!contractNo) problems.push("合同编号为空，请填写");
  else if (!/^[\p{L}\p{N}\-_/()（）]{1,60}$/u.test(contractNo))
    problems.push("合同编号只能含字母、数字和 - _ / ( )，不超过60个字符");

  const bank = values.bank.trim();
  if (!bank) problems.push("经办银行为空，请填写");
  else if (bank.length > 100) problems.push("经办银行超过100个字，请核对");

  const amount = parseAmountFen(values.amount, "发放金额");
  if (!amount.ok) problems.push(amount.reason);
  else if (level && year !== null) {
    const cap = loanCapFor(context.caps, level, year);
    if (cap === null)
      problems.push(
        `${academicYearLabel(year)}没有${LOAN_LEVEL_LABELS[level]}贷款额度标准，请先在额度表中设置`,
      );
    else if (amount.fen > cap)
      problems.push(
        `发放金额 ${fenToYuan(amount.fen)} 元超过${academicYearLabel(year)}${LOAN_LEVEL_LABELS[level]}每人每年最高 ${fenToYuan(cap)} 元`,
      );
  }

  const grantedOn = parseCalendarDate(values.grantedOn);
  if (!values.grantedOn.trim()) problems.push("发放日期为空，请填写如 2024-10-15");
  else if (!grantedOn) problems.push(`发放日期“${values.grantedOn}”不是有效日期，应为如 2024-10-15`);
  else if (grantedOn > chinaDateString(context.today)) problems.push("发放日期晚于今天，请核对");

  const typeText = values.loanType.trim();
  const loanType = LOAN_TYPE_NAMES[typeText];
  if (!typeText) problems.push("贷款类型为空，请填写“校园地”或“生源地”");
  else if (!loanType) problems.push(`贷款类型“${typeText}”无法识别，应为“校园地”或“生源地”`);

  if (problems.length) return { ok: false, reason: problems.join("；") };
  return {
    ok: true,
    row: {
      academicYear: year!,
      studentName,
      idType: id.ok ? id.idType : "RESIDENT_ID",
      idNumber: id.ok ? id.idNumber : "",
      institutionCode,
      institutionName,
      institutionCategory,
      level: level!,
      contractNo,
      bank,
      amountFen: amount.ok ? amount.fen : 0,
      grantedOn: grantedOn!,
      loanType: loanType!,
    },
  };
}

/** The reason of a repayment whose loan record does not exist (the wording). */
export const MISSING_LOAN_REASON = "请先录入对应的贷款信息";

export type ValidRepaymentRow = {
  contractNo: string;
  idType: IdType;
  idNumber: string;
  amountFen: number;
  /** China time as written, "YYYY-MM-DD HH:MM:SS". */
  repaidAt: string;
};

/**
 * A repayment time "YYYY-MM-DD HH:MM:SS" (China time, to the second; 00:00:00 when unknown) → the same
 * text normalised, or null. "YYYY/MM/DD" is accepted for the date part.
 */
export function parseRepaymentTime(raw: string): string | null {
  const match = /^(\S+)\s+(\d{1,2}):(\d{2}):(\d{2})$/.exec(raw.trim());
  if (!match) return null;
  const date = parseCalendarDate(match[1]!);
  const [hour, minute, second] = [Number(match[2]), Number(match[3]), Number(match[4])];
  if (!date || hour > 23 || minute > 59 || second > 59) return null;
  const two = (n: number) => String(n).padStart(2, "0");
  return `${date} ${two(hour)}:${two(minute)}:${two(second)}`;
}

/** China time "YYYY-MM-DD HH:MM:SS" → the instant (UTC+8, no daylight saving). */
export const chinaTimeToDate = (text: string) => new Date(`${text.replace(" ", "T")}+08:00`);

/** One repayment row: every problem joined by "；", or the parsed row (the loan is looked up by the service). */
export function validateRepaymentRow(
  values: RepaymentRowValues,
  today: Date,
): { ok: true; row: ValidRepaymentRow } | { ok: false; reason: string } {
  const problems: string[] = [];
  const contractNo = values.contractNo.replace(/\s+/g, "").trim();
  if (!contractNo) problems.push("合同编号为空，请填写贷款的合同编号");
  const id = idProblem(values.idType, values.idNumber, today);
  if (!id.ok) problems.push(id.reason);
  const amount = parseAmountFen(values.amount, "还款金额");
  if (!amount.ok) problems.push(amount.reason);
  const timeText = values.repaidAt.trim();
  const repaidAt = parseRepaymentTime(timeText);
  if (!timeText) problems.push("还款时间为空，请填写如 2025-03-01 10:30:00（时间不详时填 00:00:00）");
  else if (!repaidAt)
    problems.push(
      `还款时间“${timeText}”格式不正确，应精确到秒，如 2025-03-01 10:30:00（时间不详时填 00:00:00）`,
    );
  else if (chinaTimeToDate(repaidAt).getTime() > today.getTime()) problems.push("还款时间晚于现在，请核对");
  if (problems.length) return { ok: false, reason: problems.join("；") };
  return {
    ok: true,
    row: {
      contractNo,
      idType: id.ok ? id.idType : "RESIDENT_ID",
      idNumber: id.ok ? id.idNumber : "",
      amountFen: amount.ok ? amount.fen : 0,
      repaidAt: repaidAt!,
    },
  };
}

/** An instant as China time to the second, "YYYY-MM-DD HH:MM:SS" (a repayment's time as the bank wrote it). */
export const chinaTimeText = (date: Date) =>
  new Date(date.getTime() + 8 * 3600_000).toISOString().slice(0, 19).replace("T", " ");
