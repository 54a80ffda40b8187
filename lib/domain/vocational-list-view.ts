/**
 * How the 中职 monthly lists (lib/domain/vocational-roster.ts) are shown and filtered on the school's and the
 * supervisor's pages (app/(console)/console/rosters/vocational, …/supervisor/vocational): one Chinese stage per
 * list, the to-do filters the console home links to, the month parameter "YYYY-MM". Pure.
 */
import {
  attachmentRequired,
  CONFIRMATION_STATE_LABELS,
  PUBLICITY_STATE_LABELS,
  REVIEW_STATE_LABELS,
  WITHDRAWAL_STATE_LABELS,
  PAYMENT_STATE_LABELS,
  type MonthlyListState,
} from "./vocational-roster";

/** Where a list stands, as one step of the national flow (the state filter of the supervisor's page). */
export const LIST_STAGES = [
  "SCHOOL_REVIEW",
  "SCHOOL_REFUSED",
  "SUPERVISOR_REVIEW",
  "SUPERVISOR_REFUSED",
  "PUBLICITY",
  "CONFIRMATION",
  "CONFIRMED",
  "PAID",
  "WITHDRAWAL",
] as const;
export type ListStage = (typeof LIST_STAGES)[number];
export const LIST_STAGE_LABELS: Record<ListStage, string> = {
  SCHOOL_REVIEW: "待学校审核",
  SCHOOL_REFUSED: "学校审核不通过",
  SUPERVISOR_REVIEW: "待主管部门审核",
  SUPERVISOR_REFUSED: "主管部门审核不通过",
  PUBLICITY: "待学校公示",
  CONFIRMATION: "已公示，待主管部门确认",
  CONFIRMED: "公示通过，待发放",
  PAID: "已发放",
  WITHDRAWAL: "公示退回待审核",
};

/** The one stage of a list's states (the first that applies, in this order). */
export function listStage(state: MonthlyListState): ListStage {
  if (state.withdrawal === "PENDING") return "WITHDRAWAL";
  if (state.payment === "PAID") return "PAID";
  if (state.confirmation === "PASSED") return "CONFIRMED";
  if (state.publicity === "PUBLISHED") return "CONFIRMATION";
  if (state.schoolReview === "REFUSED") return "SCHOOL_REFUSED";
  if (state.schoolReview === "PENDING") return "SCHOOL_REVIEW";
  if (state.supervisorReview === "REFUSED") return "SUPERVISOR_REFUSED";
  if (state.supervisorReview === "PENDING") return "SUPERVISOR_REVIEW";
  return "PUBLICITY";
}

/** Every state of a list as label → Chinese value, for the list pages and the history. */
export function stateLabels(state: MonthlyListState): { label: string; value: string }[] {
  return [
    { label: "学校审核", value: REVIEW_STATE_LABELS[state.schoolReview] },
    { label: "主管部门审核", value: REVIEW_STATE_LABELS[state.supervisorReview] },
    { label: "学校公示状态", value: PUBLICITY_STATE_LABELS[state.publicity] },
    { label: "名单公示确认", value: CONFIRMATION_STATE_LABELS[state.confirmation] },
    { label: "公示退回", value: WITHDRAWAL_STATE_LABELS[state.withdrawal] },
    { label: "资金发放", value: PAYMENT_STATE_LABELS[state.payment] },
  ];
}

/** The states that differ between two, as "学校审核：待审核 → 通过" lines (the history's from → to). */
export function stateChanges(from: MonthlyListState, to: MonthlyListState): string[] {
  const before = stateLabels(from);
  const after = stateLabels(to);
  const lines = before.flatMap((item, index) =>
    item.value === after[index]!.value ? [] : [`${item.label}：${item.value} → ${after[index]!.value}`],
  );
  if (from.publicityEnd !== to.publicityEnd && to.publicityStart && to.publicityEnd)
    lines.push(`公示期：${to.publicityStart} 至 ${to.publicityEnd}`);
  return lines;
}

/**
 * The to-dos of the console home (its counts link here with `todo=`):
 *   awaiting_publicity     school: both reviews passed, not yet publicised (资助名单公示 is the school's next step)
 *   attachment_missing     school: a May or December list without any publicity attachment
 *   awaiting_confirmation  supervisor: publicised, 名单公示确认 still 待确认
 *   withdrawal_pending     supervisor: 申请公示退回 awaiting 公示退回审核
 */
export const SCHOOL_TODOS = ["awaiting_publicity", "attachment_missing"] as const;
export const SUPERVISOR_TODOS = ["awaiting_confirmation", "withdrawal_pending"] as const;
export type ListTodo = (typeof SCHOOL_TODOS)[number] | (typeof SUPERVISOR_TODOS)[number];
export const TODO_LABELS: Record<ListTodo, string> = {
  awaiting_publicity: "待公示的名单",
  attachment_missing: "5月、12月名单缺少公示附件",
  awaiting_confirmation: "待名单公示确认",
  withdrawal_pending: "待审核的公示退回申请",
};

/** Whether a list is one of a to-do's (the repo's SQL says the same: lib/db/vocational-list-query.repo.ts). */
export function matchesTodo(todo: ListTodo, state: MonthlyListState, month: number, attachments: number) {
  switch (todo) {
    case "awaiting_publicity":
      return (
        state.publicity === "UNPUBLISHED" &&
        state.schoolReview === "PASSED" &&
        state.supervisorReview === "PASSED"
      );
    case "attachment_missing":
      return attachmentRequired(month) && attachments === 0;
    case "awaiting_confirmation":
      return state.publicity === "PUBLISHED" && state.confirmation === "PENDING";
    case "withdrawal_pending":
      return state.withdrawal === "PENDING";
  }
}

/** The two programmes of a month, each its own list. */
export const LIST_PROGRAMMES = ["SUBSIDY", "FEE_WAIVER"] as const;
export type ListProgramme = (typeof LIST_PROGRAMMES)[number];
export const LIST_PROGRAMME_LABELS: Record<ListProgramme, string> = {
  SUBSIDY: "国家助学金",
  FEE_WAIVER: "免学费",
};

/** A calendar month "YYYY-MM" → its year and month, or null. */
export function parseMonth(value: string): { year: number; month: number } | null {
  const match = /^(\d{4})-(\d{2})$/.exec(value);
  if (!match) return null;
  const year = Number(match[1]);
  const month = Number(match[2]);
  return month >= 1 && month <= 12 && year >= 2000 && year <= 2100 ? { year, month } : null;
}

/** The calendar year of month `month` of academic year "2026-2027" (September–December: the first year). */
export function calendarYear(academicYear: string, month: number): number | null {
  const match = /^(\d{4})-(\d{4})$/.exec(academicYear);
  if (!match) return null;
  return Number(month >= 9 ? match[1] : match[2]);
}

/** "2026年9月" of a list. */
export function monthLabel(academicYear: string, month: number): string {
  const year = calendarYear(academicYear, month);
  return year === null ? `${month}月` : `${year}年${month}月`;
}

/** "YYYY-MM" of a list, for links and filters. */
export function monthParam(academicYear: string, month: number): string | null {
  const year = calendarYear(academicYear, month);
  return year === null ? null : `${year}-${String(month).padStart(2, "0")}`;
}
