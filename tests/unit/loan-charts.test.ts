import { describe, expect, it } from "vitest";
import {
  loanAmountChart,
  loanChartData,
  loanColumn,
  loanRepaymentRateChart,
  loanYearAmountChart,
  loanYearStudentsChart,
  type LoanChartTable,
} from "@/lib/domain/loan-charts";

const COLUMNS = ["学年", "贷款笔数", "借款学生人数", "发放金额（元）", "已还款金额（元）", "还款率"];
const years: LoanChartTable = {
  key: "year",
  title: "按学年：发放与还款",
  columns: COLUMNS,
  rows: [
    ["2024-2025学年", "3", "3", "40500.50", "1500.25", "3.70%"],
    ["2023-2024学年", "2", "2", "20000.00", "0.00", "0.00%"],
  ],
};

describe("loan charts draw their table's figures", () => {
  it("reads a column as numbers", () => {
    expect(loanColumn(years, "发放金额（元）")).toEqual([40500.5, 20000]);
    expect(loanColumn(years, "还款率")).toEqual([3.7, 0]);
  });

  it("draws the years oldest first: amounts, students and the repayment rate", () => {
    const amount = loanYearAmountChart(years);
    expect(amount.option.xAxis).toMatchObject({ data: ["2023-2024学年", "2024-2025学年"] });
    expect(loanChartData(amount)).toEqual([
      [20000, 40500.5],
      [0, 1500.25],
    ]);
    expect(loanChartData(loanYearStudentsChart(years))).toEqual([[2, 3]]);
    expect(loanChartData(loanRepaymentRateChart(years))).toEqual([[0, 3.7]]);
  });

  it("labels an institution chart by the institution's name", () => {
    const institutions: LoanChartTable = {
      key: "institution",
      title: "科研院所：各院校",
      columns: ["学校标识码", "学校名称", ...COLUMNS.slice(1)],
      rows: [["5144000001", "中国科学院广州地球化学研究所", "1", "1", "12000.00", "0.00", "0.00%"]],
    };
    const chart = loanAmountChart(institutions);
    expect(chart.option.xAxis).toMatchObject({ data: ["中国科学院广州地球化学研究所"] });
    expect(loanChartData(chart)).toEqual([[12000], [0]]);
  });
});
