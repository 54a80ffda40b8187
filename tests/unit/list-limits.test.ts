import { describe, expect, it } from "vitest";
import {
  actualAmountRefusal,
  duplicateAidRefusal,
  listLimitRefusal,
  type LimitStep,
} from "@/lib/domain/list-limits";

const STEPS: LimitStep[] = ["BUILD", "SCHOOL_REVIEW", "SUPERVISOR_REVIEW", "RECORD_PAYMENT"];

describe("a list against its quota and budget", () => {
  it.each(STEPS)("%s: passes at the limits and without limits", (step) => {
    const totals = { count: 100, totalFen: 2_000_000, termTotalFen: 6_000_000 };
    expect(listLimitRefusal(step, totals, { quota: 100, budgetFen: 6_000_000 })).toBeNull();
    expect(listLimitRefusal(step, totals, { quota: null, budgetFen: null })).toBeNull();
  });

  it.each([
    ["BUILD", "不能生成名单"],
    ["SCHOOL_REVIEW", "不能学校审核通过"],
    ["SUPERVISOR_REVIEW", "不能主管部门审核通过"],
    ["RECORD_PAYMENT", "不能资金发放"],
  ] as const)("%s over the quota: refused with both head counts", (step, start) => {
    expect(
      listLimitRefusal(step, { count: 101, totalFen: 0, termTotalFen: 0 }, { quota: 100, budgetFen: null }),
    ).toBe(`${start}：本名单101人，超过名额100人（多1人）。请调整名单，或请主管部门核定名额、预算后再试。`);
  });

  it("over the budget by one fen: refused with the term's total, the list's and the budget", () => {
    expect(
      listLimitRefusal(
        "RECORD_PAYMENT",
        { count: 3, totalFen: 60_000, termTotalFen: 6_000_001 },
        { quota: 3, budgetFen: 6_000_000 },
      ),
    ).toBe(
      "不能资金发放：本学期该项目各月名单金额合计60000.01元（本名单600.00元），超过预算60000.00元（多0.01元）。" +
        "请调整名单，或请主管部门核定名额、预算后再试。",
    );
  });

  it("names both problems when over quota and budget (a term of one list: its own total)", () => {
    const message = listLimitRefusal(
      "BUILD",
      { count: 5, totalFen: 100_000, termTotalFen: 100_000 },
      { quota: 4, budgetFen: 80_000 },
    );
    expect(message).toContain("本名单5人，超过名额4人（多1人）；本名单金额合计1000.00元，超过预算800.00元");
  });
});

describe("an actual amount against the standard", () => {
  it.each([
    [20_000, 20_000, null, null],
    [20_000, 0, null, null],
    [20_000, 19_999, null, null],
    [20_000, 20_001, "含上月补发", null],
    [20_000, 20_001, null, "reason"],
    [20_000, 20_001, "   ", "reason"],
    [20_000, -1, null, "amount"],
    [20_000, 1.5, null, "amount"],
  ] as const)("standard %i, actual %d, reason %j → %j", (standard, actual, reason, field) => {
    expect(actualAmountRefusal(standard, actual, reason)?.field ?? null).toBe(field);
  });

  it("says both amounts when a reason is missing", () => {
    expect(actualAmountRefusal(20_000, 25_000, null)?.message).toBe(
      "实发金额250.00元高于资助标准200.00元，请在“超标准发放原因”中写明原因。",
    );
  });
});

describe("the same aid twice in one month", () => {
  it("names the students (five at most, then the count)", () => {
    expect(duplicateAidRefusal([])).toBeNull();
    expect(duplicateAidRefusal(["林小雨"])).toBe(
      "不能资金发放：林小雨本月已在其他名单领取同一资助项目（重复资助）。请核实后将其移出本名单，再发放。",
    );
    expect(duplicateAidRefusal(["甲", "乙", "丙", "丁", "戊", "己"])).toContain(
      "甲、乙、丙、丁、戊等6人本月",
    );
  });
});
