/**
 * Money checks of the 中职 monthly lists (lib/domain/vocational-roster.ts) and the 普高 免学杂费 lists
 * (lib/domain/fee-waiver-list.ts: one list per term, so the term's total is the list's), pure, integer fen only:
 *  - a list's head count against the programme's quota (名额) and the programme's total in the term (every
 *    monthly list of the programme at the school: the budget is the term's) against its budget (预算) — building,
 *    approving (学校审核 / 主管部门审核 通过) and paying (资金发放) a list over either is refused, with both figures;
 *  - an actual amount (实发金额) above the entry's standard amount (资助标准) only with a recorded reason (the
 *    database's CHECK "RosterEntry_over_standard_reason_check", migration 512, holds the same rule).
 * The semester rosters' approval uses the same wording (lib/domain/aid-roster.ts `rosterTotals`).
 */
import { fenToYuan } from "./household";

/** The steps that are refused over quota or budget. */
export type LimitStep = "BUILD" | "SCHOOL_REVIEW" | "SUPERVISOR_REVIEW" | "RECORD_PAYMENT";

const STEP_LABELS: Record<LimitStep, string> = {
  BUILD: "生成名单",
  SCHOOL_REVIEW: "学校审核通过",
  SUPERVISOR_REVIEW: "主管部门审核通过",
  RECORD_PAYMENT: "资金发放",
};

export type ListTotals = {
  /** Students on the list who are paid (overdue ones are flagged, never paid). */
  count: number;
  /** Their amounts (actual, else standard) on this list. */
  totalFen: number;
  /** The same over every list of the programme at the school in the term, this one included. */
  termTotalFen: number;
};

/** The programme's quota (students per list) and budget (fen per term); null = no limit. */
export type ListLimits = { quota: number | null; budgetFen: number | null };

/** The Chinese refusal of `step` when the list is over its quota or the term over its budget; else null. */
export function listLimitRefusal(step: LimitStep, totals: ListTotals, limits: ListLimits): string | null {
  const problems: string[] = [];
  if (limits.quota !== null && totals.count > limits.quota)
    problems.push(`本名单${totals.count}人，超过名额${limits.quota}人（多${totals.count - limits.quota}人）`);
  if (limits.budgetFen !== null && totals.termTotalFen > limits.budgetFen)
    problems.push(
      (totals.termTotalFen === totals.totalFen
        ? `本名单金额合计${fenToYuan(totals.totalFen)}元，`
        : `本学期该项目各月名单金额合计${fenToYuan(totals.termTotalFen)}元（本名单${fenToYuan(totals.totalFen)}元），`) +
        `超过预算${fenToYuan(limits.budgetFen)}元（多${fenToYuan(totals.termTotalFen - limits.budgetFen)}元）`,
    );
  if (problems.length === 0) return null;
  return `不能${STEP_LABELS[step]}：${problems.join("；")}。请调整名单，或请主管部门核定名额、预算后再试。`;
}

/**
 * The refusal of an actual amount for an entry whose standard amount is `standardFen`: negative, above the
 * standard without a reason. Null when it may be recorded.
 */
export function actualAmountRefusal(
  standardFen: number,
  actualFen: number,
  reason: string | null,
): { field: "amount" | "reason"; message: string } | null {
  if (!Number.isSafeInteger(actualFen) || actualFen < 0)
    return { field: "amount", message: "实发金额应为不小于0的金额（元，最多两位小数）。" };
  if (actualFen > standardFen && !reason?.trim())
    return {
      field: "reason",
      message: `实发金额${fenToYuan(actualFen)}元高于资助标准${fenToYuan(standardFen)}元，请在“超标准发放原因”中写明原因。`,
    };
  return null;
}

/** The refusal of a payment when some students are already paid the same aid for the period elsewhere. */
export function duplicateAidRefusal(names: readonly string[]): string | null {
  if (names.length === 0) return null;
  const shown = names.slice(0, 5).join("、") + (names.length > 5 ? `等${names.length}人` : "");
  return `不能资金发放：${shown}本月已在其他名单领取同一资助项目（重复资助）。请核实后将其移出本名单，再发放。`;
}
