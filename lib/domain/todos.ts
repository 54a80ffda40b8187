/**
 * 待办事项 on the console home (app/(console)/console/page.tsx): what the viewer has to do this month, each a
 * {label, count, href} whose link opens the list filtered to exactly those items. Pure: the counts come from
 * lib/db/todos.repo.ts; the labels and addresses are built here. A later kind of to-do (the support desk,
 * notifications) adds its own builder and provider (lib/services/todos.ts `TODO_PROVIDERS`).
 */
import { beijingEndOfDay, formatBeijingDate } from "./time";
import { nthWorkingDayAfter, type HolidayCalendar } from "./working-days";

export type Todo = {
  key: string;
  label: string;
  count: number;
  href: string;
  /** When it must be done by (an applicant's step: the window's end, the return deadline, the publicity end). */
  deadline?: Date;
  /** One more line for the viewer (a return reason). */
  note?: string;
};

/** How many working days ahead a deadline counts as near (issue 22: "deadline in 2 working days"). */
export const NEAR_DEADLINE_WORKING_DAYS = 2;

/**
 * The end (Beijing time) of the `workingDays`-th working day after the Beijing day of `now`: a deadline at or
 * before it is near. On a Friday with no holidays, 2 working days reach the end of Tuesday.
 */
export function nearDeadlineCutoff(
  now: Date,
  cal: HolidayCalendar,
  workingDays = NEAR_DEADLINE_WORKING_DAYS,
): Date {
  return beijingEndOfDay(nthWorkingDayAfter(formatBeijingDate(now), workingDays, cal));
}

/** The Beijing calendar month of `now`: its year, month 1–12 and "YYYY-MM". */
export function beijingMonth(now: Date): { year: number; month: number; text: string } {
  const text = formatBeijingDate(now).slice(0, 7);
  return { year: Number(text.slice(0, 4)), month: Number(text.slice(5, 7)), text };
}

/** Months whose 中职 lists cannot be publicised without an attachment (lib/domain/vocational-roster.ts). */
const ATTACHMENT_MONTHS = new Set([5, 12]);

export type VocationalCounts = {
  awaitingPublicity: number;
  attachmentMissing: number;
  awaitingConfirmation: number;
  withdrawalPending: number;
};

const vocationalHref = (audience: "school" | "supervisor", month: string, todo: string) =>
  `/console/${audience === "school" ? "rosters" : "supervisor"}/vocational?month=${month}&todo=${todo}`;

/**
 * The 中职 monthly-list to-dos of the month: the school's lists awaiting 资助名单公示 and (in May and December)
 * its lists without a publicity attachment; the supervisor's lists awaiting 名单公示确认 and withdrawal requests
 * awaiting 公示退回审核.
 */
export function vocationalTodos(
  audience: "school" | "supervisor",
  month: { month: number; text: string },
  counts: VocationalCounts,
): Todo[] {
  if (audience === "school")
    return [
      {
        key: "vocational.awaiting_publicity",
        label: `${month.month}月中职资助名单待公示`,
        count: counts.awaitingPublicity,
        href: vocationalHref("school", month.text, "awaiting_publicity"),
      },
      ...(ATTACHMENT_MONTHS.has(month.month)
        ? [
            {
              key: "vocational.attachment_missing",
              label: `${month.month}月中职资助名单缺少公示附件`,
              count: counts.attachmentMissing,
              href: vocationalHref("school", month.text, "attachment_missing"),
            },
          ]
        : []),
    ];
  return [
    {
      key: "vocational.awaiting_confirmation",
      label: `${month.month}月中职资助名单待公示确认`,
      count: counts.awaitingConfirmation,
      href: vocationalHref("supervisor", month.text, "awaiting_confirmation"),
    },
    {
      key: "vocational.withdrawal_pending",
      label: `${month.month}月中职名单公示退回申请待审核`,
      count: counts.withdrawalPending,
      href: vocationalHref("supervisor", month.text, "withdrawal_pending"),
    },
  ];
}

/** The month's 中职 lists per step of the flow that waits on someone (lib/domain/vocational-list-view.ts `ListStage`). */
export type VocationalStageCounts = {
  SCHOOL_REVIEW: number;
  SCHOOL_REFUSED: number;
  SUPERVISOR_REVIEW: number;
  SUPERVISOR_REFUSED: number;
};

const STAGE_TODOS = {
  SCHOOL_LEADER: [{ stage: "SCHOOL_REVIEW", label: "中职资助名单待学校审核", always: true }],
  SCHOOL_ADMIN: [
    { stage: "SCHOOL_REFUSED", label: "中职资助名单学校审核不通过待修改", always: false },
    { stage: "SUPERVISOR_REFUSED", label: "中职资助名单主管部门审核不通过待修改", always: false },
  ],
  SUPERVISOR: [{ stage: "SUPERVISOR_REVIEW", label: "中职资助名单待主管部门审核", always: true }],
} as const;

/**
 * The 中职 monthly-list to-dos of a step of the flow for the role it waits on: the leader's 学校审核, the aid
 * officer's refused lists to correct (only when there are any), the supervisor's 主管部门审核 — each linking
 * to the lists page filtered to that step (`stage=`), which counts by the same SQL.
 */
export function vocationalStageTodos(
  role: "SCHOOL_ADMIN" | "SCHOOL_LEADER" | "SUPERVISOR",
  month: { month: number; text: string },
  counts: VocationalStageCounts,
): Todo[] {
  const page = role === "SUPERVISOR" ? "supervisor" : "rosters";
  return STAGE_TODOS[role]
    .filter((item) => item.always || counts[item.stage] > 0)
    .map((item) => ({
      key: `vocational.${item.stage.toLowerCase()}`,
      label: `${month.month}月${item.label}`,
      count: counts[item.stage],
      href: `/console/${page}/vocational?month=${month.text}&stage=${item.stage}`,
    }));
}

export type FeeWaiverCounts = { schoolPending: number; supervisorPending: number; refused: number };

/**
 * The 普高 免学杂费 to-dos of the current term for the viewer's role: the leader's 学校审核, the aid officer's
 * lists sent back for editing, the supervisor's 主管部门审核.
 */
export function feeWaiverTodos(
  role: "SCHOOL_ADMIN" | "SCHOOL_LEADER" | "SUPERVISOR",
  termId: string,
  counts: FeeWaiverCounts,
): Todo[] {
  const term = encodeURIComponent(termId);
  switch (role) {
    case "SCHOOL_LEADER":
      return [
        {
          key: "fee_waiver.school_pending",
          label: "普高免学杂费名单待学校审核",
          count: counts.schoolPending,
          href: `/console/rosters/fee-waiver?term=${term}&review=SCHOOL_PENDING`,
        },
      ];
    case "SCHOOL_ADMIN":
      return [
        {
          key: "fee_waiver.refused",
          label: "普高免学杂费名单审核不通过待修改",
          count: counts.refused,
          href: `/console/rosters/fee-waiver?term=${term}&review=REFUSED`,
        },
      ];
    case "SUPERVISOR":
      return [
        {
          key: "fee_waiver.supervisor_pending",
          label: "普高免学杂费名单待主管部门审核",
          count: counts.supervisorPending,
          href: `/console/supervisor/fee-waiver?term=${term}&review=SUPERVISOR_PENDING`,
        },
      ];
  }
}
