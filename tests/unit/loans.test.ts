import { describe, expect, it } from "vitest";
import {
  academicYearLabel,
  loanCapFor,
  MISSING_LOAN_REASON,
  NATIONAL_LOAN_CAPS,
  parseAcademicYear,
  parseRepaymentTime,
  validateLoanRow,
  validateRepaymentRow,
  type LoanRowValues,
  type RepaymentRowValues,
} from "@/lib/domain/loans";

const today = new Date("2026-11-24T08:00:00Z");

describe("the cap for a level and academic year", () => {
  // Every boundary of the national table: the last year of one cap and the first of the next.
  it.each([
    ["UNDERGRADUATE", 2019, 800_000],
    ["UNDERGRADUATE", 2020, 800_000],
    ["UNDERGRADUATE", 2021, 1_200_000],
    ["UNDERGRADUATE", 2022, 1_200_000],
    ["UNDERGRADUATE", 2023, 1_600_000],
    ["UNDERGRADUATE", 2024, 2_000_000],
    ["UNDERGRADUATE", 2026, 2_000_000],
    ["GRADUATE", 2020, 1_200_000],
    ["GRADUATE", 2021, 1_600_000],
    ["GRADUATE", 2022, 1_600_000],
    ["GRADUATE", 2023, 2_000_000],
    ["GRADUATE", 2024, 2_500_000],
    ["GRADUATE", 2030, 2_500_000],
  ] as const)("%s %i → %i fen", (level, year, cap) => {
    expect(loanCapFor(NATIONAL_LOAN_CAPS, level, year)).toBe(cap);
  });

  it("follows a province's own row and has no cap before the first row", () => {
    const caps = [
      ...NATIONAL_LOAN_CAPS,
      { level: "UNDERGRADUATE" as const, fromYear: 2026, capFen: 2_200_000 },
    ];
    expect(loanCapFor(caps, "UNDERGRADUATE", 2025)).toBe(2_000_000);
    expect(loanCapFor(caps, "UNDERGRADUATE", 2026)).toBe(2_200_000);
    expect(loanCapFor(caps, "UNDERGRADUATE", 1998)).toBeNull();
  });
});

describe("academic years", () => {
  it.each([
    ["2024-2025", 2024],
    ["2024-25", 2024],
    ["2024—2025学年", 2024],
    ["2024", 2024],
    ["1999-00", 1999],
    ["2024-2026", null],
    ["2024-24", null],
    ["24-25", null],
    ["", null],
  ] as const)("%s → %s", (text, year) => {
    expect(parseAcademicYear(text)).toBe(year);
  });
  it("labels a year", () => expect(academicYearLabel(2024)).toBe("2024-2025学年"));
});

const loan = (over: Partial<LoanRowValues> = {}): LoanRowValues => ({
  academicYear: "2024-2025",
  studentName: "陈思远",
  idType: "居民身份证",
  idNumber: "440106201003151012",
  institutionCode: "4144010558",
  institutionName: "华南理工大学",
  institutionCategory: "",
  level: "本专科",
  contractNo: "GD2024-000001",
  bank: "国家开发银行广东省分行",
  amount: "20000",
  grantedOn: "2024-10-15",
  loanType: "生源地",
  ...over,
});
const check = (values: LoanRowValues, year = 2024) =>
  validateLoanRow(values, { year, caps: NATIONAL_LOAN_CAPS, today });
const reason = (result: ReturnType<typeof check> | ReturnType<typeof validateRepaymentRow>) =>
  result.ok ? "" : result.reason;

describe("a loan row", () => {
  it("is parsed: amount in fen, level, type, category left blank", () => {
    const result = check(loan());
    expect(result).toEqual({
      ok: true,
      row: expect.objectContaining({
        academicYear: 2024,
        amountFen: 2_000_000,
        level: "UNDERGRADUATE",
        loanType: "ORIGIN",
        institutionCategory: null,
        grantedOn: "2024-10-15",
      }),
    });
  });

  it("accepts institutions outside the system as their own category", () => {
    const result = check(
      loan({ institutionName: "中国科学院广州化学研究所", institutionCategory: "科研院所", level: "研究生" }),
    );
    expect(result.ok && result.row.institutionCategory).toBe("RESEARCH_INSTITUTE");
    const military = check(loan({ institutionCategory: "军队院校" }));
    expect(military.ok && military.row.institutionCategory).toBe("MILITARY_ACADEMY");
  });

  // Each row is checked against the cap of its own year and level, at the cap and one fen above it.
  it.each([
    [2020, "本专科", "8000", "8000.01"],
    [2021, "本专科", "12000", "12000.01"],
    [2023, "本专科", "16000", "16000.01"],
    [2024, "本专科", "20000", "20000.01"],
    [2020, "研究生", "12000", "12000.01"],
    [2021, "研究生", "16000", "16000.01"],
    [2023, "研究生", "20000", "20000.01"],
    [2024, "研究生", "25000", "25000.01"],
  ] as const)("%i %s: %s is within the cap, %s is over it", (year, level, atCap, over) => {
    const values = { academicYear: String(year), level, grantedOn: `${year}-10-15` };
    expect(check(loan({ ...values, amount: atCap }), year).ok).toBe(true);
    expect(reason(check(loan({ ...values, amount: over }), year))).toMatch(
      new RegExp(`发放金额 ${over} 元超过${year}-${year + 1}学年${level}每人每年最高 ${atCap}\\.00 元`),
    );
  });

  it("reports every problem of the row with its column", () => {
    const text = reason(
      check(
        loan({
          academicYear: "2023-2024",
          idNumber: "440106201003151013",
          level: "博士后",
          amount: "12.345",
          grantedOn: "2024-02-30",
          loanType: "助学",
          contractNo: "",
        }),
      ),
    );
    for (const part of [
      "与本次导入的学年（2024-2025学年）不一致",
      "证件号码：",
      "培养层次“博士后”无法识别",
      "发放金额“12.345”格式不正确",
      "发放日期“2024-02-30”不是有效日期",
      "贷款类型“助学”无法识别",
      "合同编号为空",
    ])
      expect(text).toContain(part);
  });

  it("refuses an unknown ID type and a zero amount", () => {
    expect(reason(check(loan({ idType: "驾驶证" })))).toContain("证件类型“驾驶证”无法识别");
    expect(reason(check(loan({ amount: "0" })))).toContain("发放金额应大于 0");
  });
});

const repayment = (over: Partial<RepaymentRowValues> = {}): RepaymentRowValues => ({
  contractNo: "GD2024-000001",
  studentName: "陈思远",
  idType: "",
  idNumber: "440106201003151012",
  amount: "1000.50",
  repaidAt: "2025-03-01 10:30:15",
  ...over,
});

describe("a repayment row", () => {
  it("takes two decimals and the time to the second", () => {
    expect(validateRepaymentRow(repayment(), today)).toEqual({
      ok: true,
      row: expect.objectContaining({ amountFen: 100_050, repaidAt: "2025-03-01 10:30:15" }),
    });
  });

  it("accepts 00:00:00 for an unknown time", () => {
    const result = validateRepaymentRow(repayment({ repaidAt: "2025-03-01 00:00:00" }), today);
    expect(result.ok && result.row.repaidAt).toBe("2025-03-01 00:00:00");
  });

  it.each(["1000.505", "1,000.5.0", "-5", "abc"])("refuses the amount %s", (amount) => {
    expect(reason(validateRepaymentRow(repayment({ amount }), today))).toContain("还款金额");
  });

  it.each([
    "2025-03-01",
    "2025-03-01 10:30",
    "2025-03-01 24:00:00",
    "2025-02-29 10:00:00",
    "2030-01-01 00:00:00",
  ])("refuses the time %s", (repaidAt) => {
    expect(reason(validateRepaymentRow(repayment({ repaidAt }), today))).toContain("还款时间");
  });

  it("normalises a time written with slashes and one-digit hour", () => {
    expect(parseRepaymentTime("2025/3/1 9:05:00")).toBe("2025-03-01 09:05:00");
  });

  it("names the missing loan as the issue says", () => {
    expect(MISSING_LOAN_REASON).toBe("请先录入对应的贷款信息");
  });
});
