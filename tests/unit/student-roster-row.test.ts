import { describe, expect, it } from "vitest";
import { buildResidentId } from "@/lib/domain/id-number";
import { maskStudentNo } from "@/lib/domain/mask";
import {
  parseYearMonth,
  RosterDuplicates,
  validateRosterRow,
  type GradeRef,
  type RosterValues,
} from "@/lib/domain/student-roster-row";

const TODAY = new Date("2026-11-20T00:00:00Z");
const GRADES: GradeRef[] = [
  {
    id: "g1",
    stage: "SENIOR",
    name: "高一",
    classes: [
      { id: "c1", name: "1班" },
      { id: "c2", name: "2班" },
    ],
  },
  { id: "g2", stage: "JUNIOR", name: "2025级", classes: [{ id: "c3", name: "1班" }] },
  { id: "g3", stage: "SENIOR", name: "2025级", classes: [{ id: "c4", name: "1班" }] },
];
const ID = buildResidentId("440106", "2010-03-15", 123, "MALE");

const row = (over: Partial<RosterValues> = {}): RosterValues => ({
  name: "张三",
  gender: "",
  idType: "",
  idNumber: ID,
  studentNo: `G${ID}`,
  stage: "",
  grade: "高一",
  className: "1班",
  enrolledOn: "2026-09",
  programmeYears: "",
  status: "",
  hukouCode: "",
  guardianName: "",
  guardianRelation: "",
  guardianPhone: "",
  guardianIdNumber: "",
  ...over,
});
const reason = (v: RosterValues) => {
  const r = validateRosterRow(v, GRADES, TODAY);
  return r.ok ? null : r.reason;
};

describe("validateRosterRow", () => {
  it("accepts a minimal row and derives gender, birth date, stage and default programme length", () => {
    const r = validateRosterRow(row(), GRADES, TODAY);
    expect(r).toEqual({
      ok: true,
      row: {
        name: "张三",
        gender: "MALE",
        idType: "RESIDENT_ID",
        idNumber: ID,
        birthDate: "2010-03-15",
        studentNo: `G${ID}`,
        stage: "SENIOR",
        gradeId: "g1",
        classId: "c1",
        enrolledOn: "2026-09-01",
        programmeYears: 3,
        status: "IN_SCHOOL",
        hukouCode: null,
        guardian: null,
      },
    });
  });

  it("normalises guardian phone and keeps the relation", () => {
    const r = validateRosterRow(
      row({ guardianName: "张父", guardianRelation: "父亲", guardianPhone: "+86 138-1234-5678" }),
      GRADES,
      TODAY,
    );
    expect(r.ok && r.row.guardian).toEqual({
      name: "张父",
      relation: "父亲",
      phone: "13812345678",
      idNumber: null,
    });
  });

  it.each<[string, Partial<RosterValues>, RegExp]>([
    ["missing name", { name: " " }, /姓名为空/],
    ["wrong check digit", { idNumber: ID.slice(0, 17) + (ID.endsWith("1") ? "2" : "1") }, /校验位错误/],
    ["impossible birth date in ID", { idNumber: "440106201002301234" }, /出生日期无效/],
    ["gender contradicts the ID", { gender: "女" }, /性别与身份证号不一致/],
    ["unknown grade", { grade: "高四" }, /年级“高四”.*不存在/],
    ["unknown class", { className: "9班" }, /班级“9班”在高一中不存在/],
    ["grade name in two stages without 学段", { grade: "2025级" }, /多个学段/],
    ["bad 学籍号", { studentNo: "12345" }, /全国学籍号格式错误/],
    ["bad month", { enrolledOn: "2026-13" }, /入学年月“2026-13”格式错误/],
    ["not a date", { enrolledOn: "去年九月" }, /格式错误/],
    ["enrolled before birth", { enrolledOn: "2009-09" }, /早于出生日期/],
    ["enrolled far in the future", { enrolledOn: "2030-09" }, /晚于明年/],
    ["programme length", { programmeYears: "12" }, /学制“12”错误/],
    ["status", { status: "失踪" }, /就读状态/],
    ["guardian without phone", { guardianName: "张父" }, /监护人手机号为空/],
    ["bad guardian phone", { guardianName: "张父", guardianPhone: "12345" }, /不是有效的11位手机号/],
    ["unknown ID type", { idType: "驾照" }, /证件类型“驾照”无法识别/],
  ])("rejects %s", (_, over, re) => {
    expect(reason(row(over))).toMatch(re);
  });

  it("reports every problem of a row together", () => {
    const r = reason(row({ name: "", className: "9班", enrolledOn: "x" }));
    expect(r?.split("；")).toHaveLength(3);
  });

  it("picks the grade by 学段 when the name is shared", () => {
    const r = validateRosterRow(row({ grade: "2025级", stage: "初中", studentNo: `G${ID}` }), GRADES, TODAY);
    expect(r.ok && [r.row.gradeId, r.row.classId, r.row.stage]).toEqual(["g2", "c3", "JUNIOR"]);
  });

  it("accepts a passport with explicit gender and a college 学号", () => {
    const grades: GradeRef[] = [
      { id: "g", stage: "COLLEGE", name: "2026级", classes: [{ id: "c", name: "计科1班" }] },
    ];
    const r = validateRosterRow(
      row({
        idType: "护照",
        idNumber: "E12345678",
        gender: "女",
        studentNo: "20260001",
        grade: "2026级",
        className: "计科1班",
      }),
      grades,
      TODAY,
    );
    expect(r.ok && [r.row.idType, r.row.gender, r.row.programmeYears, r.row.birthDate]).toEqual([
      "PASSPORT",
      "FEMALE",
      4,
      null,
    ]);
  });

  // The forms refuse these characters (lib/schemas/text.ts); the import used to store them.
  it.each([
    ["a right-to-left override in the name", { name: "张\u202e三" }, "姓名含有无法识别的控制字符"],
    ["a right-to-left mark in the name", { name: "张三\u200f" }, "姓名含有无法识别的控制字符"],
    ["a NUL in the class", { className: "1班\u0000" }, "班级含有无法识别的控制字符"],
    [
      "a bidi isolate in the guardian's name",
      { guardianName: "\u2067王\u2069" },
      "监护人姓名含有无法识别的控制字符",
    ],
  ])("refuses %s, like the forms", (_, over, message) => {
    expect(reason(row(over))).toContain(message);
  });

  it("refuses ID numbers, 学籍号 and phones that come from number cells, telling the admin to format the column as text", () => {
    // 440106201003151234 typed into a number cell is stored as 4.40106201003151e17: the last digits are lost.
    const r = validateRosterRow(row({ guardianName: "李四", guardianPhone: "13900000001" }), GRADES, TODAY, [
      "idNumber",
      "studentNo",
      "guardianPhone",
    ]);
    expect(r.ok).toBe(false);
    const reasons = r.ok ? [] : r.reason.split("；");
    expect(reasons).toHaveLength(3);
    for (const [i, label] of ["证件号码", "全国学籍号", "监护人手机号"].entries()) {
      expect(reasons[i]).toContain(`${label}是数字格式的单元格`);
      expect(reasons[i]).toContain("设置为“文本”格式");
    }
    // Numbers elsewhere (学制, an empty number column) are fine.
    expect(validateRosterRow(row({ programmeYears: "3" }), GRADES, TODAY, ["programmeYears"]).ok).toBe(true);
  });
});

describe("parseYearMonth", () => {
  it.each([
    ["2025-09", 2025, 9],
    ["2025/9", 2025, 9],
    ["202509", 2025, 9],
    ["2025.09", 2025, 9],
    ["2025年9月", 2025, 9],
    ["2025-09-01", 2025, 9],
  ])("%s", (t, y, m) => expect(parseYearMonth(t)).toEqual({ year: y, month: m }));
  it.each(["2025-00", "2025-13", "25-09", "abc", ""])("refuses %j", (t) =>
    expect(parseYearMonth(t)).toBeNull(),
  );
});

describe("RosterDuplicates", () => {
  it("reports the second occurrence of an ID number or 学籍号 with the first row number", () => {
    const d = new RosterDuplicates();
    expect(d.check(2, "a", "G1")).toBeNull();
    expect(d.check(3, "a", "G2")).toMatch(/与第2行重复/);
    expect(d.check(4, "b", "G1")).toMatch(/全国学籍号与第2行重复/);
    expect(d.check(5, "c", "G3")).toBeNull();
  });
});

describe("maskStudentNo", () => {
  it("masks the ID number inside a national 学籍号", () =>
    expect(maskStudentNo(`G${ID}`)).toBe(`G${ID.slice(0, 4)}**********${ID.slice(-4)}`));
  it("leaves other numbers", () => expect(maskStudentNo("20260001")).toBe("20260001"));
});
