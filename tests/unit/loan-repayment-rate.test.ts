import { describe, expect, it } from "vitest";
import { loanChartData, loanRateOverTimeChart } from "@/lib/domain/loan-charts";
import { repaymentOverTime } from "@/lib/domain/loan-repayment-rate";

describe("the repayment rate over time", () => {
  it("accumulates what was granted and repaid by the end of each calendar year, gaps filled", () => {
    const rows = repaymentOverTime([
      { calendarYear: 2024, issuedFen: 0, repaidFen: 50_000 },
      { calendarYear: 2021, issuedFen: 1_000_000, repaidFen: 0 },
      { calendarYear: 2022, issuedFen: 1_000_000, repaidFen: 0 },
    ]);
    expect(rows.map((row) => row.calendarYear)).toEqual([2021, 2022, 2023, 2024]);
    expect(rows.map((row) => [row.issuedToDateFen, row.repaidToDateFen, row.ratePercent])).toEqual([
      [1_000_000, 0, 0],
      [2_000_000, 0, 0],
      [2_000_000, 0, 0],
      [2_000_000, 50_000, 2.5],
    ]);
  });

  it("is empty without figures, and 0 before any loan was granted", () => {
    expect(repaymentOverTime([])).toEqual([]);
    expect(repaymentOverTime([{ calendarYear: 2020, issuedFen: 0, repaidFen: 0 }])[0]!.ratePercent).toBe(0);
  });

  it("draws the cumulative rate with calendar years on the axis", () => {
    const chart = loanRateOverTimeChart({
      key: "time",
      title: "还款率随时间变化",
      columns: [
        "年份",
        "当年发放金额（元）",
        "当年还款金额（元）",
        "截至年末累计发放（元）",
        "截至年末累计还款（元）",
        "累计还款率",
      ],
      rows: [
        ["2025年", "100.00", "0.00", "100.00", "0.00", "0.00%"],
        ["2026年", "0.00", "25.00", "100.00", "25.00", "25.00%"],
      ],
    });
    expect(chart.option.xAxis).toMatchObject({ data: ["2025年", "2026年"] });
    expect(loanChartData(chart)).toEqual([[0, 25]]);
  });
});
