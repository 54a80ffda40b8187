import { describe, expect, it } from "vitest";
import { SPECIAL_CATEGORIES, type HardshipLevel, type SpecialCategory } from "@/lib/domain/codes";
import { buildResidentId } from "@/lib/domain/id-number";
import {
  adjustTemplate,
  byteLength,
  FAMILY_ECONOMY_TEMPLATE,
  familyEconomyRow,
  neutraliseCell,
  ROSTER_BOOK_TEMPLATE,
  rosterBookRow,
  exportValidator,
  summarise,
  validateExport,
  type ExportProblem,
  type FamilyEconomySource,
  type RegistryRecord,
} from "@/lib/domain/national-export";
import { maskIdNumber } from "@/lib/domain/mask";

const LEVELS: HardshipLevel[] = ["SPECIAL", "HARDSHIP", "GENERAL", "NONE"];
function students(n: number): FamilyEconomySource[] {
  const out: FamilyEconomySource[] = [];
  for (let i = 0; i < n; i++) {
    const day = String((i % 28) + 1).padStart(2, "0");
    const month = String((Math.floor(i / 28) % 12) + 1).padStart(2, "0");
    const cats: SpecialCategory[] = i % 17 === 0 ? [SPECIAL_CATEGORIES[i % SPECIAL_CATEGORIES.length]!] : [];
    out.push({
      studentNumber: `G44010620${String(i).padStart(8, "0")}`,
      name: i % 97 === 0 ? "欧阳娜娜" : `学生${i}`,
      idType: "RESIDENT_ID",
      idNumber: buildResidentId(
        "440106",
        `2010-${month}-${day}`,
        (Math.floor(i / 336) * 2) % 1000,
        i % 2 ? "MALE" : "FEMALE",
      ),
      listedCategories: cats,
      residence: i % 3 ? "URBAN" : "RURAL",
      memberCount: 3 + (i % 4),
      totalAnnualIncomeFen: 2_400_000 + i,
      perCapitaMonthlyIncomeFen: 66_667,
      address: "广州市天河区龙洞街" + i + "号",
      level: cats.length ? "SPECIAL" : LEVELS[i % 4]!,
      determinedOn: "2026-10-14",
      reason: "家庭人均月收入低于当地低保标准，父母务农",
    });
  }
  return out;
}
const registryOf = (src: FamilyEconomySource[]) =>
  new Map<string, RegistryRecord>(
    src.map((s) => [
      s.studentNumber,
      { studentNumber: s.studentNumber, name: s.name, idType: s.idType, idNumber: s.idNumber },
    ]),
  );

describe("家庭经济信息 template", () => {
  it("puts the registry fields first and has one flag column per special group", () => {
    expect(FAMILY_ECONOMY_TEMPLATE.columns.slice(0, 4).map((c) => c.header)).toEqual([
      "学籍号",
      "姓名",
      "身份证件类型",
      "身份证件号",
    ]);
    expect(FAMILY_ECONOMY_TEMPLATE.columns.filter((c) => c.kind === "flag")).toHaveLength(
      SPECIAL_CATEGORIES.length,
    );
    expect(FAMILY_ECONOMY_TEMPLATE.columns.slice(-3).map((c) => c.header)).toEqual([
      "认定级别",
      "认定时间",
      "认定原因",
    ]);
  });
  it("writes 是 for listed categories and blank otherwise, never 否; level text; YYYYMMDD; 不困难 reason", () => {
    const [s] = students(1);
    const row = familyEconomyRow(FAMILY_ECONOMY_TEMPLATE, {
      ...s!,
      listedCategories: ["ORPHAN"],
      level: "NONE",
    });
    expect(row.flag_ORPHAN).toBe("是");
    expect(row.flag_MINIMUM_LIVING).toBe("");
    expect(Object.values(row)).not.toContain("否");
    expect(row.level).toBe("不困难");
    expect(row.determinedOn).toBe("20261014");
    expect(row.reason).toBe("不困难");
    expect(row.idType).toBe("居民身份证");
    expect(familyEconomyRow(FAMILY_ECONOMY_TEMPLATE, { ...s!, level: "SPECIAL" }).level).toBe("特别困难");
  });
  it("an export of 5,000 students validates against the registry", () => {
    const src = students(5_000);
    const rows = src.map((s) => familyEconomyRow(FAMILY_ECONOMY_TEMPLATE, s));
    const problems = validateExport(FAMILY_ECONOMY_TEMPLATE, rows, { registry: registryOf(src) });
    expect(problems).toEqual([]);
    expect(summarise(problems, rows.length)).toBe("校验通过：共5000行，无问题。");
  });
  it("a file with planted errors reports exactly those, with sheet row numbers", () => {
    const src = students(300);
    const registry = registryOf(src);
    const rows: Record<string, string>[] = src.map((s) => ({
      ...familyEconomyRow(FAMILY_ECONOMY_TEMPLATE, s),
    }));
    const plant = (i: number, k: string, v: string) => {
      rows[i]![k] = v;
    };
    plant(3, "flag_ORPHAN", "否");
    plant(10, "level", "较困难");
    plant(20, "determinedOn", "2026-10-14");
    plant(21, "determinedOn", "20260230");
    plant(30, "name", "张三"); // differs from registry
    plant(40, "reason", "家庭收入较高"); // row 40 is 不困难 (i % 4 === 3 → NONE? set explicitly)
    rows[40]!.level = "不困难";
    plant(50, "address", "很".repeat(101)); // 202 bytes > 200
    plant(60, "idNumber", rows[60]!.idNumber!.slice(0, 17) + (rows[60]!.idNumber!.endsWith("0") ? "1" : "0")); // bad check digit
    plant(70, "studentNumber", "G000");
    plant(80, "idNumber", rows[79]!.idNumber!); // duplicate (and not the registry's)
    plant(90, "name", "");
    plant(95, "flag_MINIMUM_LIVING", "Y");
    const problems = validateExport(FAMILY_ECONOMY_TEMPLATE, rows, { registry });
    const got = problems.map((p) => [p.row, p.column, p.message]);
    expect(got).toEqual([
      [5, "是否孤儿", "“是否孤儿”不能填“否”：不属于该群体时请留空"],
      [12, "认定级别", "“认定级别”只能填特别困难、困难、一般困难或不困难"],
      [22, "认定时间", "“认定时间”应为8位日期 YYYYMMDD，例如20261014"],
      [23, "认定时间", "“认定时间”应为8位日期 YYYYMMDD，例如20261014"],
      [32, "姓名", `“姓名”与学籍信息不一致（学籍为：${src[30]!.name}）`],
      [42, "认定原因", "认定级别为“不困难”时，“认定原因”应填“不困难”"],
      [52, "家庭住址", "“家庭住址”超过长度上限：最多200个字符（1个汉字算2个字符），当前202个"],
      [62, "身份证件号", expect.stringMatching(/^“身份证件号”无效：.*校验/)],
      [62, "身份证件号", `“身份证件号”与学籍信息不一致（学籍为：${maskIdNumber(src[60]!.idNumber)}）`],
      [72, "学籍号", "学籍号在学籍名册中不存在"],
      [82, "身份证件号", `“身份证件号”与学籍信息不一致（学籍为：${maskIdNumber(src[80]!.idNumber)}）`],
      [82, "身份证件号", "身份证件号与第81行重复"],
      [92, "姓名", "“姓名”为必填项，不能为空"],
      [97, "是否城乡低保家庭学生", "“是否城乡低保家庭学生”只能填“是”或留空"],
    ]);
    expect(summarise(problems, rows.length)).toBe(
      "校验未通过：共300行，其中12行有14个问题，请逐行修正后再导出。",
    );

    // The service checks a file page by page, each page with the registry entries of its own students only:
    // the same problems, numbered on across pages, and a duplicate ID number found across a page boundary.
    for (const size of [1, 7, 81, 300]) {
      const v = exportValidator(FAMILY_ECONOMY_TEMPLATE);
      const paged: ExportProblem[] = [];
      for (let i = 0; i < rows.length; i += size) {
        const page = rows.slice(i, i + size);
        const pageRegistry = new Map(
          page.flatMap((r) =>
            registry.has(r.studentNumber!)
              ? [[r.studentNumber!, registry.get(r.studentNumber!)!] as const]
              : [],
          ),
        );
        paged.push(...v.check(page, pageRegistry));
      }
      expect(paged, `pages of ${size}`).toEqual(problems);
      expect(v.rowCount).toBe(300);
    }
  });
});

describe("byte length", () => {
  it("counts a Chinese character as two bytes", () => {
    expect(byteLength("abc")).toBe(3);
    expect(byteLength("张三")).toBe(4);
    expect(byteLength("张a")).toBe(3);
    expect(byteLength("（）")).toBe(4);
  });
  it("the limit is inclusive", () => {
    const [s] = students(1);
    const ok = { ...familyEconomyRow(FAMILY_ECONOMY_TEMPLATE, s!), address: "很".repeat(100) };
    expect(validateExport(FAMILY_ECONOMY_TEMPLATE, [ok])).toEqual([]);
  });
});

describe("资助名册 roster book", () => {
  const src = {
    school: "广州市第一中学",
    name: "李四",
    gender: "FEMALE" as const,
    idType: "RESIDENT_ID" as const,
    idNumber: buildResidentId("440106", "2009-03-05", 12, "FEMALE"),
    studentNumber: "G440106200903050120",
    grade: "高一",
    className: "高一（3）班",
    level: "HARDSHIP" as const,
    amountFen: 125_000,
    academicYear: "2026-2027",
    semester: "AUTUMN" as const,
  };
  it("has the columns of SPEC §8 in order and validates a good row", () => {
    expect(ROSTER_BOOK_TEMPLATE.columns.map((c) => c.header)).toEqual([
      "学校",
      "姓名",
      "性别",
      "身份证件类型",
      "身份证件号",
      "学籍号",
      "年级",
      "班级",
      "受助等次",
      "金额",
      "学年学期",
      "备注",
    ]);
    const row = rosterBookRow(ROSTER_BOOK_TEMPLATE, src);
    expect(row).toMatchObject({
      gender: "女",
      level: "困难",
      amount: "1250.00",
      termText: "2026-2027学年秋季学期",
    });
    expect(validateExport(ROSTER_BOOK_TEMPLATE, [row])).toEqual([]);
  });
  it("reports bad gender and amount", () => {
    const row = { ...rosterBookRow(ROSTER_BOOK_TEMPLATE, src), gender: "F", amount: "12.345" };
    expect(validateExport(ROSTER_BOOK_TEMPLATE, [row]).map((p) => p.column)).toEqual(["性别", "金额"]);
  });
});

describe("province adjustments and cell safety", () => {
  it("a province can rename, re-limit, drop and append columns as data", () => {
    const t = adjustTemplate(FAMILY_ECONOMY_TEMPLATE, {
      change: { reason: { maxBytes: 100, header: "认定理由" } },
      omit: ["flag_MARTYR_CHILD", "flag_CHILD_IN_DISTRESS"],
      append: [{ key: "phone", header: "联系电话", kind: "text", required: false, maxBytes: 20 }],
    });
    expect(t.columns.find((c) => c.key === "reason")).toMatchObject({ header: "认定理由", maxBytes: 100 });
    expect(t.columns.some((c) => c.key === "flag_MARTYR_CHILD")).toBe(false);
    expect(t.columns.at(-1)!.header).toBe("联系电话");
    expect(FAMILY_ECONOMY_TEMPLATE.columns.find((c) => c.key === "reason")!.maxBytes).toBe(200);
    expect(() => adjustTemplate(FAMILY_ECONOMY_TEMPLATE, { omit: ["nope"] })).toThrow(/没有列 nope/);
  });
  it("neutralises formula-looking cells", () => {
    expect(neutraliseCell('=HYPERLINK("x")')).toBe('\'=HYPERLINK("x")');
    expect(neutraliseCell("+1")).toBe("'+1");
    expect(neutraliseCell("-1")).toBe("'-1");
    expect(neutraliseCell("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(neutraliseCell("张三")).toBe("张三");
  });
});
