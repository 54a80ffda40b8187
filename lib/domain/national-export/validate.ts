/**
 * Validation of an export before download (验证通过后导入): every problem row
 * is reported with its sheet row number, column and a Chinese message; no
 * row is ever dropped silently.
 */
import { HARDSHIP_LEVEL_LABELS, type IdType } from "../codes";
import { validateIdNumber } from "../id-number";
import { maskIdNumber } from "../mask";
import { personNameProblem } from "../person-name";
import { ID_TYPE_TEXT, type ColumnDef, type RegistryField, type TemplateDef } from "./columns";

export type ExportRow = Readonly<Record<string, string>>;

export interface ExportProblem {
  /** Row number in the sheet (the header is row 1, the first data row is row 2). */
  readonly row: number;
  readonly column: string | null;
  readonly value: string;
  readonly message: string;
}

/** What the school's registry (学籍) says about a student, keyed by 学籍号. */
export type RegistryRecord = Readonly<Record<RegistryField, string>>;

/** Byte length with one Chinese (any non-Latin-1) character counted as two. */
export function byteLength(s: string): number {
  let n = 0;
  for (const ch of s) n += ch.codePointAt(0)! > 0xff ? 2 : 1;
  return n;
}

const LEVEL_TEXTS = new Set<string>(Object.values(HARDSHIP_LEVEL_LABELS));
const ID_TYPE_BY_TEXT = new Map<string, IdType>(
  Object.entries(ID_TYPE_TEXT).map(([k, v]) => [v, k as IdType]),
);

function validDate8(v: string): boolean {
  if (!/^\d{8}$/.test(v)) return false;
  const y = Number(v.slice(0, 4));
  const m = Number(v.slice(4, 6));
  const d = Number(v.slice(6, 8));
  const t = new Date(Date.UTC(y, m - 1, d));
  return y >= 1990 && t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
}

function cellProblem(col: ColumnDef, v: string, row: ExportRow): string | null {
  if (v === "") return col.required ? `“${col.header}”为必填项，不能为空` : null;
  if (col.maxBytes !== undefined && byteLength(v) > col.maxBytes) {
    return `“${col.header}”超过长度上限：最多${col.maxBytes}个字符（1个汉字算2个字符），当前${byteLength(v)}个`;
  }
  switch (col.kind) {
    case "flag":
      return v === "是"
        ? null
        : v === "否"
          ? `“${col.header}”不能填“否”：不属于该群体时请留空`
          : `“${col.header}”只能填“是”或留空`;
    case "level":
      return LEVEL_TEXTS.has(v) ? null : `“${col.header}”只能填特别困难、困难、一般困难或不困难`;
    case "date8":
      return validDate8(v) ? null : `“${col.header}”应为8位日期 YYYYMMDD，例如20261014`;
    case "idType":
      return ID_TYPE_BY_TEXT.has(v)
        ? null
        : `“${col.header}”不是有效的证件类型（${Object.values(ID_TYPE_TEXT).join("、")}）`;
    case "idNumber": {
      const t = ID_TYPE_BY_TEXT.get(row.idType ?? "");
      if (!t) return null; // the type column reports it
      const r = validateIdNumber(t, v);
      return r.ok
        ? r.id === v
          ? null
          : `“${col.header}”应填写规范格式：${r.id}`
        : `“${col.header}”无效：${r.reason}`;
    }
    case "gender":
      return v === "男" || v === "女" ? null : `“${col.header}”只能填“男”或“女”`;
    case "integer":
      return /^\d{1,6}$/.test(v) ? null : `“${col.header}”应为非负整数`;
    case "money":
      return /^\d{1,10}(\.\d{1,2})?$/.test(v)
        ? null
        : `“${col.header}”应为金额（元），最多两位小数，例如 1250.00`;
    case "semester":
      return v === "秋季学期" || v === "春季学期" ? null : `“${col.header}”只能填“秋季学期”或“春季学期”`;
    case "month":
      return /^(?:[1-9]|1[0-2])$/.test(v) ? null : `“${col.header}”应为 1–12 的月份，按学期发放时留空`;
    case "text": {
      if (/[\r\n\t]/.test(v)) return `“${col.header}”不能包含换行或制表符`;
      // A name the national system accepts: the same rule as registration (lib/domain/person-name.ts).
      const nameProblem = col.registry === "name" ? personNameProblem(v) : null;
      return nameProblem ? `“${col.header}”无效：${nameProblem}` : null;
    }
  }
}

/** Looks a student up in the registry by 学籍号 (a Map will do). */
export interface RegistryLookup {
  get(studentNumber: string): RegistryRecord | undefined;
}

export interface ValidateOptions {
  /** The registry by 学籍号: registry columns must match it, and every row's student must be in it. */
  readonly registry?: RegistryLookup;
}

/**
 * Row-by-row validation for an export read in pages: `check` takes the next
 * rows (numbered on from the last call) and returns their problems; the
 * duplicate-ID check spans all calls. The registry may differ per call (only
 * the page's students need to be in it).
 */
export interface ExportValidator {
  check(rows: readonly ExportRow[], registry?: RegistryLookup): ExportProblem[];
  /** Rows checked so far. */
  readonly rowCount: number;
}

/**
 * Checks every cell and the cross-column rules: registry fields equal the
 * roster, 不困难 has the reason "不困难", an ID number appears once.
 */
export function exportValidator(t: TemplateDef): ExportValidator {
  const cols = t.columns;
  const has = (k: string) => cols.some((c) => c.key === k);
  const checkReason = t.key === "family-economy" && has("level") && has("reason");
  const checkRegistry = has("studentNumber");
  const registryCols = cols.filter((c) => c.registry);
  const headerOf = (k: string) => cols.find((c) => c.key === k)?.header ?? k;
  const seenId = new Map<string, number>();
  // 受助情况 has one row per student, programme and period: only the same aid twice is a duplicate.
  const aidRecords = t.key === "aid-records";
  const duplicateKey = (row: ExportRow): string =>
    aidRecords
      ? [row.idNumber, row.programme, row.academicYear, row.semester, row.month].join("\u0000")
      : (row.idNumber ?? "");
  let rowCount = 0;
  return {
    get rowCount() {
      return rowCount;
    },
    check(rows, registry) {
      const problems: ExportProblem[] = [];
      for (const row of rows) {
        const rowNo = ++rowCount + 1;
        for (const col of cols) {
          const v = row[col.key] ?? "";
          const msg = cellProblem(col, v, row);
          if (msg) problems.push({ row: rowNo, column: col.header, value: v, message: msg });
        }
        if (checkReason && row.level === HARDSHIP_LEVEL_LABELS.NONE && row.reason !== "不困难") {
          problems.push({
            row: rowNo,
            column: headerOf("reason"),
            value: row.reason ?? "",
            message: "认定级别为“不困难”时，“认定原因”应填“不困难”",
          });
        }
        if (registry && checkRegistry && row.studentNumber) {
          const reg = registry.get(row.studentNumber);
          if (!reg) {
            problems.push({
              row: rowNo,
              column: headerOf("studentNumber"),
              value: row.studentNumber,
              message: "学籍号在学籍名册中不存在",
            });
          } else {
            for (const col of registryCols) {
              const v = row[col.key] ?? "";
              const expected =
                col.registry === "idType"
                  ? (ID_TYPE_TEXT[reg.idType as IdType] ?? reg.idType)
                  : reg[col.registry!];
              if (v !== "" && v !== expected)
                problems.push({
                  row: rowNo,
                  column: col.header,
                  value: v,
                  message: `“${col.header}”与学籍信息不一致（学籍为：${col.registry === "idNumber" ? maskIdNumber(expected ?? "") : expected}）`,
                });
            }
          }
        }
        const id = row.idNumber;
        if (id) {
          const key = duplicateKey(row);
          const first = seenId.get(key);
          if (first !== undefined)
            problems.push({
              row: rowNo,
              column: headerOf("idNumber"),
              value: id,
              message: aidRecords
                ? `与第${first}行重复：同一学生同一资助项目同一发放期只能有一条受助记录`
                : `身份证件号与第${first}行重复`,
            });
          else seenId.set(key, rowNo);
        }
      }
      return problems;
    },
  };
}

/** All rows at once (see {@link exportValidator}). */
export function validateExport(
  t: TemplateDef,
  rows: readonly ExportRow[],
  opts: ValidateOptions = {},
): ExportProblem[] {
  return exportValidator(t).check(rows, opts.registry);
}

/** Summary line for the validation report. */
export function summarise(problems: readonly ExportProblem[], rowCount: number): string {
  if (problems.length === 0) return `校验通过：共${rowCount}行，无问题。`;
  const rowsWith = new Set(problems.map((p) => p.row)).size;
  return `校验未通过：共${rowCount}行，其中${rowsWith}行有${problems.length}个问题，请逐行修正后再导出。`;
}
