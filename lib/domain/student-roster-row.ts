/**
 * 在校生信息导入: the columns of the roster file and the validation of one
 * row. Pure: the caller passes the school's grades and classes and
 * today's date; duplicates across rows are found by {@link RosterDuplicates}.
 *
 * Columns are matched by header name, so both our template and the national
 * student-registry (全国中小学生学籍信息管理系统) export are accepted whatever
 * their column order. The aliases below are the national export's header
 * names; see docs/student-roster-import.md for the full mapping.
 */
import { ENROLMENT_STATUS_LABELS, STAGE_LABELS, type EnrolmentStatus, type Stage } from "./codes";
import type { Gender, IdType } from "./codes";
import { chinaDateString, normaliseIdNumber, validateIdNumber } from "./id-number";
import { isValidMobile, normaliseMobile } from "./mask";
import { isPrintable, unprintableMessage } from "@/lib/schemas/text";

export const ROSTER_COLUMNS = [
  { key: "name", names: ["姓名", "学生姓名"], required: true },
  { key: "gender", names: ["性别"] },
  { key: "idType", names: ["证件类型", "身份证件类型"] },
  { key: "idNumber", names: ["证件号码", "身份证件号", "身份证号", "身份证件号码"], required: true },
  { key: "studentNo", names: ["全国学籍号", "学籍号", "学号"], required: true },
  { key: "stage", names: ["学段"] },
  { key: "grade", names: ["年级", "年级名称"], required: true },
  { key: "className", names: ["班级", "班级名称"], required: true },
  { key: "enrolledOn", names: ["入学年月"], required: true },
  { key: "programmeYears", names: ["学制", "学制年"] },
  { key: "status", names: ["就读状态", "学生状态"] },
  { key: "hukouCode", names: ["户籍所在地代码", "户口所在地行政区划代码"] },
  { key: "guardianName", names: ["监护人姓名", "成员1姓名", "家庭成员1姓名"] },
  { key: "guardianRelation", names: ["监护人关系", "成员1关系", "家庭成员1关系"] },
  { key: "guardianPhone", names: ["监护人手机号", "成员1联系电话", "成员1手机号码", "家庭成员1联系电话"] },
  { key: "guardianIdNumber", names: ["监护人身份证号", "成员1身份证件号", "家庭成员1身份证件号"] },
] as const;

export type RosterKey = (typeof ROSTER_COLUMNS)[number]["key"];
export type RosterValues = Record<RosterKey, string>;

/** The template's header row (first name of each column), also used by the export and the rejected-rows file. */
export const ROSTER_HEADERS: readonly string[] = ROSTER_COLUMNS.map((c) => c.names[0]);
export const ROSTER_KEYS: readonly RosterKey[] = ROSTER_COLUMNS.map((c) => c.key);

export type GradeRef = {
  id: string;
  stage: Stage;
  name: string;
  classes: readonly { id: string; name: string }[];
};

export type RosterRow = {
  name: string;
  gender: Gender;
  idType: IdType;
  idNumber: string;
  birthDate: string | null;
  studentNo: string;
  stage: Stage;
  gradeId: string;
  classId: string;
  /** YYYY-MM-01 */
  enrolledOn: string;
  programmeYears: number;
  status: EnrolmentStatus;
  hukouCode: string | null;
  guardian: { name: string; relation: string; phone: string; idNumber: string | null } | null;
};

export type RowResult = { ok: true; row: RosterRow } | { ok: false; reason: string };

export const DEFAULT_PROGRAMME_YEARS: Record<Stage, number> = {
  KINDERGARTEN: 3,
  PRIMARY: 6,
  JUNIOR: 3,
  SENIOR: 3,
  VOCATIONAL: 3,
  COLLEGE: 4,
  GRADUATE: 3,
};

/** 证件类型 as written in a spreadsheet (blank: 居民身份证) → the code. */
export const ID_TYPE_NAMES: Record<string, IdType> = {
  "": "RESIDENT_ID",
  居民身份证: "RESIDENT_ID",
  身份证: "RESIDENT_ID",
  港澳台居民居住证: "HMT_RESIDENCE_PERMIT",
  港澳居民来往内地通行证: "HMT_TRAVEL_PERMIT",
  台湾居民来往大陆通行证: "HMT_TRAVEL_PERMIT",
  通行证: "HMT_TRAVEL_PERMIT",
  护照: "PASSPORT",
  其他: "OTHER",
};
const GENDER_NAMES: Record<string, Gender> = {
  男: "MALE",
  男性: "MALE",
  "1": "MALE",
  女: "FEMALE",
  女性: "FEMALE",
  "2": "FEMALE",
};
// The labels moved to ./codes; re-exported for the services that import them from here.

const STAGE_NAMES: Record<string, Stage> = {
  学前: "KINDERGARTEN",
  幼儿园: "KINDERGARTEN",
  小学: "PRIMARY",
  初中: "JUNIOR",
  普高: "SENIOR",
  普通高中: "SENIOR",
  高中: "SENIOR",
  中职: "VOCATIONAL",
  本专科: "COLLEGE",
  本科: "COLLEGE",
  专科: "COLLEGE",
  高职: "COLLEGE",
  研究生: "GRADUATE",
};
const STATUS_NAMES: Record<string, EnrolmentStatus> = {
  "": "IN_SCHOOL",
  在读: "IN_SCHOOL",
  在校: "IN_SCHOOL",
  休学: "SUSPENDED",
  转出: "TRANSFERRED_OUT",
  毕业: "GRADUATED",
};

/** 全国学籍号 for 小学–中职: G/J/L followed by 17 digits and a digit or X. Colleges use their own 学号. */
const NATIONAL_STUDENT_NO = /^[GJL]\d{17}[\dX]$/;
const GENERIC_STUDENT_NO = /^[A-Z0-9]{6,30}$/;
const K12: readonly Stage[] = ["PRIMARY", "JUNIOR", "SENIOR", "VOCATIONAL"];

/** "2024-09", "2024/9", "202409", "2024.09", "2024年9月", "2024-09-01" → { year, month }, or null. */
export function parseYearMonth(raw: string): { year: number; month: number } | null {
  const t = raw.trim();
  const m = /^(\d{4})\s*(?:[-/.年]\s*(\d{1,2})\s*月?(?:\s*[-/.]\s*\d{1,2}\s*日?)?|(\d{2}))$/.exec(t);
  if (!m) return null;
  const year = Number(m[1]);
  const month = Number(m[2] ?? m[3]);
  if (month < 1 || month > 12) return null;
  return { year, month };
}

const pad2 = (n: number) => String(n).padStart(2, "0");

/**
 * Columns that must come from text cells: Excel keeps 15 significant digits
 * of a number, so an 18-digit ID number or 学籍号 typed into a number cell
 * has already lost its last digits (and may still pass the check digit).
 */
export const TEXT_ONLY_COLUMNS: readonly RosterKey[] = [
  "idNumber",
  "studentNo",
  "guardianPhone",
  "guardianIdNumber",
];

const COLUMN_LABEL = Object.fromEntries(ROSTER_COLUMNS.map((c) => [c.key, c.names[0]])) as Record<
  RosterKey,
  string
>;

/** The Chinese reason a value from a number cell is refused; one wording for every import. */
export const numericCellMessage = (label: string): string =>
  `${label}是数字格式的单元格（Excel 只保留15位有效数字，长号码的末几位可能已经丢失），请把该列设置为“文本”格式，重新填写正确的号码后再导入`;

/**
 * Validates one row. All problems of the row are reported together, in
 * Chinese, each naming the column and the fix. `numeric` lists the columns
 * whose cell held a number (see {@link TEXT_ONLY_COLUMNS}).
 */
export function validateRosterRow(
  v: RosterValues,
  grades: readonly GradeRef[],
  today: Date = new Date(),
  numeric: readonly RosterKey[] = [],
): RowResult {
  const problems: string[] = [];
  // One printable-text rule for forms and imports (lib/schemas/text.ts): no control or bidi characters.
  for (const key of ROSTER_KEYS)
    if (!isPrintable(v[key])) problems.push(unprintableMessage(COLUMN_LABEL[key]));
  for (const key of TEXT_ONLY_COLUMNS)
    if (numeric.includes(key) && v[key] !== "") problems.push(numericCellMessage(COLUMN_LABEL[key]));
  if (problems.length) return { ok: false, reason: problems.join("；") };

  const name = v.name.replace(/\s+/g, " ").trim();
  if (!name) problems.push("姓名为空，请填写学生姓名");
  else if (Array.from(name).length > 50) problems.push("姓名超过50个字，请核对");

  const idType = ID_TYPE_NAMES[v.idType.trim()];
  let idNumber = normaliseIdNumber(v.idNumber);
  let birthDate: string | null = null;
  let idGender: Gender | undefined;
  if (!idType)
    problems.push(
      `证件类型“${v.idType}”无法识别，应为：居民身份证、港澳台居民居住证、港澳居民来往内地通行证、护照或其他`,
    );
  else {
    const id = validateIdNumber(idType, v.idNumber, today);
    if (!id.ok) problems.push(`证件号码：${id.reason}`);
    else {
      idNumber = id.id;
      birthDate = id.birthDate ?? null;
      idGender = id.gender;
    }
  }

  let gender: Gender | undefined = idGender;
  const g = v.gender.trim();
  if (g) {
    const parsed = GENDER_NAMES[g];
    if (!parsed) problems.push(`性别“${g}”无法识别，请填写“男”或“女”`);
    else if (idGender && parsed !== idGender)
      problems.push("性别与身份证号不一致（身份证号第17位奇数为男、偶数为女），请核对");
    else gender = parsed;
  } else if (!idGender) problems.push("性别为空，请填写“男”或“女”");

  let stage: Stage | undefined;
  const st = v.stage.trim();
  if (st) {
    stage = STAGE_NAMES[st];
    if (!stage) problems.push(`学段“${st}”无法识别，应为：${Object.values(STAGE_LABELS).join("、")}`);
  }

  let grade: GradeRef | undefined;
  let classId: string | undefined;
  const gradeName = v.grade.trim();
  const className = v.className.trim();
  if (!gradeName) problems.push("年级为空，请填写本校已设置的年级名称");
  else {
    const candidates = grades.filter((x) => x.name === gradeName && (!stage || x.stage === stage));
    if (candidates.length === 0)
      problems.push(
        `年级“${gradeName}”${stage ? `（${STAGE_LABELS[stage]}）` : ""}在本校不存在，请先在“年级与班级”中添加，或改为已有的年级`,
      );
    else if (candidates.length > 1) problems.push(`年级“${gradeName}”在多个学段中都有，请填写“学段”列`);
    else grade = candidates[0];
  }
  if (!className) problems.push("班级为空，请填写本校已设置的班级名称");
  else if (grade) {
    classId = grade.classes.find((c) => c.name === className)?.id;
    if (!classId)
      problems.push(`班级“${className}”在${grade.name}中不存在，请先在“年级与班级”中添加，或改为已有的班级`);
  }
  const effectiveStage = grade?.stage ?? stage;

  const studentNo = v.studentNo.replace(/\s+/g, "").toUpperCase();
  if (!studentNo) problems.push("全国学籍号为空，请填写");
  else if (
    effectiveStage && K12.includes(effectiveStage)
      ? !NATIONAL_STUDENT_NO.test(studentNo)
      : !GENERIC_STUDENT_NO.test(studentNo)
  ) {
    problems.push(
      effectiveStage && K12.includes(effectiveStage)
        ? "全国学籍号格式错误：应为字母G、J或L加18位（17位数字加1位数字或X），如G440106200901011234"
        : "学籍号（学号）格式错误：应为6–30位字母或数字",
    );
  }

  let enrolledOn: string | undefined;
  const ym = parseYearMonth(v.enrolledOn);
  if (!v.enrolledOn.trim()) problems.push("入学年月为空，请按“2025-09”的格式填写");
  else if (!ym) problems.push(`入学年月“${v.enrolledOn}”格式错误，请按“2025-09”的格式填写（月份为1–12）`);
  else {
    const todayYm = chinaDateString(today).slice(0, 7);
    enrolledOn = `${ym.year}-${pad2(ym.month)}-01`;
    if (enrolledOn.slice(0, 7) > `${Number(todayYm.slice(0, 4)) + 1}${todayYm.slice(4)}`)
      problems.push(`入学年月“${v.enrolledOn}”晚于明年同月，请核对`);
    else if (ym.year < 1950) problems.push(`入学年月“${v.enrolledOn}”早于1950年，请核对`);
    else if (birthDate && enrolledOn.slice(0, 7) <= birthDate.slice(0, 7))
      problems.push("入学年月早于出生日期，请核对");
  }

  let programmeYears: number | undefined;
  const py = v.programmeYears.trim().replace(/年$/, "");
  if (py) {
    programmeYears = /^\d+$/.test(py) ? Number(py) : NaN;
    if (!(programmeYears >= 1 && programmeYears <= 9))
      problems.push(`学制“${v.programmeYears}”错误，应为1–9之间的整数（年）`);
  } else if (effectiveStage) programmeYears = DEFAULT_PROGRAMME_YEARS[effectiveStage];

  const status = STATUS_NAMES[v.status.trim()];
  if (!status)
    problems.push(
      `就读状态“${v.status}”无法识别，应为：${Object.values(ENROLMENT_STATUS_LABELS).join("、")}`,
    );

  const hukouCode = v.hukouCode.trim() || null;
  if (hukouCode && !/^\d{6}$/.test(hukouCode)) problems.push("户籍所在地代码应为6位行政区划代码，如440106");

  let guardian: RosterRow["guardian"] = null;
  const gName = v.guardianName.trim();
  const gRel = v.guardianRelation.trim();
  const gPhone = normaliseMobile(v.guardianPhone);
  const gId = v.guardianIdNumber.trim();
  if (gName || gRel || gPhone || gId) {
    if (!gName) problems.push("监护人姓名为空：填写了监护人信息时必须填写姓名");
    else if (Array.from(gName).length > 50) problems.push("监护人姓名超过50个字，请核对");
    if (!gPhone) problems.push("监护人手机号为空：填写了监护人信息时必须填写手机号（家长绑定孩子时核对）");
    else if (!isValidMobile(gPhone))
      problems.push(`监护人手机号“${v.guardianPhone}”不是有效的11位手机号，请核对`);
    let guardianId: string | null = null;
    if (gId) {
      const r = validateIdNumber("RESIDENT_ID", gId, today);
      if (!r.ok) problems.push(`监护人身份证号：${r.reason}`);
      else guardianId = r.id;
    }
    guardian = { name: gName, relation: gRel || "监护人", phone: gPhone, idNumber: guardianId };
  }

  if (problems.length) return { ok: false, reason: problems.join("；") };
  return {
    ok: true,
    row: {
      name,
      gender: gender!,
      idType: idType!,
      idNumber,
      birthDate,
      studentNo,
      stage: grade!.stage,
      gradeId: grade!.id,
      classId: classId!,
      enrolledOn: enrolledOn!,
      programmeYears: programmeYears!,
      status: status!,
      hukouCode,
      guardian,
    },
  };
}

/**
 * Finds rows that repeat an ID number or 学籍号 of an earlier row of the same
 * file. Holds one short key per row (a few MB for 100,000 rows).
 */
export class RosterDuplicates {
  private ids = new Map<string, number>();
  private nos = new Map<string, number>();

  /** The reason the row repeats an earlier one, or null (and remembers it). */
  check(rowNumber: number, idKey: string, studentNo: string): string | null {
    const id = this.ids.get(idKey);
    if (id !== undefined) return `证件号码与第${id}行重复（同一文件中每名学生只能出现一次）`;
    const no = this.nos.get(studentNo);
    if (no !== undefined) return `全国学籍号与第${no}行重复（同一文件中每名学生只能出现一次）`;
    this.ids.set(idKey, rowNumber);
    this.nos.set(studentNo, rowNumber);
    return null;
  }
}

/** The row's cells in template order, for the export and the rejected-rows file. */
export function rosterCells(v: RosterValues): string[] {
  return ROSTER_KEYS.map((k) => v[k]);
}

/** A 全国学籍号 of the form G/J/L + ID number reveals the ID number: one masking rule for the whole app, in ./mask. */
