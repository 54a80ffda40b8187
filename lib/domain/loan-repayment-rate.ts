/**
 * The repayment rate over time (issue 20 §4) of a province's approved loans: at the end of each calendar
 * year, what had been repaid by then over what had been granted by then. Input: per calendar year, the
 * approved loans granted and the approved repayments made that year (lib/db/loans.repo.ts
 * `loanFlowByCalendarYear`); years without either are filled in, so the axis is continuous time.
 */
export type LoanFlowYear = { calendarYear: number; issuedFen: number; repaidFen: number };

export type LoanRateAtYearEnd = LoanFlowYear & {
  issuedToDateFen: number;
  repaidToDateFen: number;
  /** repaidToDate / issuedToDate in percent with two decimals; 0 before any loan. */
  ratePercent: number;
};

export function repaymentOverTime(flows: LoanFlowYear[]): LoanRateAtYearEnd[] {
  if (!flows.length) return [];
  const byYear = new Map(flows.map((flow) => [flow.calendarYear, flow]));
  const first = Math.min(...byYear.keys());
  const last = Math.max(...byYear.keys());
  const result: LoanRateAtYearEnd[] = [];
  let issuedToDateFen = 0;
  let repaidToDateFen = 0;
  for (let calendarYear = first; calendarYear <= last; calendarYear++) {
    const flow = byYear.get(calendarYear) ?? { calendarYear, issuedFen: 0, repaidFen: 0 };
    issuedToDateFen += flow.issuedFen;
    repaidToDateFen += flow.repaidFen;
    const ratePercent = issuedToDateFen ? Math.round((repaidToDateFen / issuedToDateFen) * 10_000) / 100 : 0;
    result.push({ ...flow, issuedToDateFen, repaidToDateFen, ratePercent });
  }
  return result;
}
