/**
 * 受助情况 export layout (lib/domain/national-export: AID_RECORD_TEMPLATE, aidRecordRow, docs/aid-records-export.md):
 * one row per student, programme and period; the validation refuses bad semesters, months and amounts and the same
 * aid twice in one period, but not the same student in several months or programmes.
 */
import { describe, expect, it } from "vitest";
import { buildResidentId } from "@/lib/domain/id-number";
import {
  AID_RECORD_TEMPLATE,
  aidRecordRow,
  validateExport,
  type AidRecordSource,
  type RegistryRecord,
} from "@/lib/domain/national-export";

const idNumber = buildResidentId("440106", "2009-03-05", 12, "FEMALE");
const base: AidRecordSource = {
  school: "广州市天河职业高级中学",
  studentNumber: `G${idNumber}`,
  name: "林小雨",
  idType: "RESIDENT_ID",
  idNumber,
  programme: "中职国家助学金",
  academicYear: "2026-2027",
  semester: "AUTUMN",
  month: 12,
  amountFen: 20_000,
  paidOn: "2026-12-20",
};
const registry = new Map<string, RegistryRecord>([
  [
    base.studentNumber,
    { studentNumber: base.studentNumber, name: base.name, idType: "RESIDENT_ID", idNumber },
  ],
]);

describe("受助情况 rows", () => {
  it("writes the columns in the layout's order, the month only for a monthly record", () => {
    const row = aidRecordRow(AID_RECORD_TEMPLATE, base);
    expect(AID_RECORD_TEMPLATE.columns.map((c) => row[c.key])).toEqual([
      "广州市天河职业高级中学",
      `G${idNumber}`,
      "林小雨",
      "居民身份证",
      idNumber,
      "中职国家助学金",
      "2026-2027",
      "秋季学期",
      "12",
      "200.00",
      "20261220",
    ]);
    expect(AID_RECORD_TEMPLATE.columns.map((c) => c.header)).toEqual([
      "学校名称",
      "学籍号",
      "姓名",
      "身份证件类型",
      "身份证件号",
      "资助项目名称",
      "资助学年",
      "资助学期",
      "资助月份",
      "资助金额（元）",
      "发放日期",
    ]);
    expect(aidRecordRow(AID_RECORD_TEMPLATE, { ...base, month: null, semester: "SPRING" })).toMatchObject({
      month: "",
      semester: "春季学期",
    });
  });

  it("passes one student in several months and programmes", () => {
    const rows = [
      aidRecordRow(AID_RECORD_TEMPLATE, base),
      aidRecordRow(AID_RECORD_TEMPLATE, { ...base, month: 11 }),
      aidRecordRow(AID_RECORD_TEMPLATE, { ...base, programme: "中职免学费" }),
    ];
    expect(validateExport(AID_RECORD_TEMPLATE, rows, { registry })).toEqual([]);
  });

  it("reports the same aid twice in one period, a bad month or semester, and a registry mismatch", () => {
    const rows = [
      aidRecordRow(AID_RECORD_TEMPLATE, base),
      aidRecordRow(AID_RECORD_TEMPLATE, base),
      { ...aidRecordRow(AID_RECORD_TEMPLATE, { ...base, month: 10 }), month: "13" },
      { ...aidRecordRow(AID_RECORD_TEMPLATE, { ...base, month: 9 }), semester: "冬季学期" },
      aidRecordRow(AID_RECORD_TEMPLATE, { ...base, month: 8, name: "林小雪" }),
    ];
    const problems = validateExport(AID_RECORD_TEMPLATE, rows, { registry });
    expect(problems.map((p) => [p.row, p.column, p.message])).toEqual([
      [3, "身份证件号", "与第2行重复：同一学生同一资助项目同一发放期只能有一条受助记录"],
      [4, "资助月份", "“资助月份”应为 1–12 的月份，按学期发放时留空"],
      [5, "资助学期", "“资助学期”只能填“秋季学期”或“春季学期”"],
      [6, "姓名", "“姓名”与学籍信息不一致（学籍为：林小雨）"],
    ]);
  });
});
