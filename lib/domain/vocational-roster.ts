/**
 * 中职 monthly aid lists (国家助学金 and 免学费, one list per school, programme and month) under supervision:
 * the national system's 资助名单录入 → 学校审核 → 主管部门审核 → 资助名单公示 → 名单公示确认 → 资金发放管理, and
 * 申请公示退回 / 公示退回审核 (seed 002 §二, §五 in /work/shared/seeds/). Pure: every change of a list's state goes
 * through `transition` below, which the services call inside their transaction (lib/services/vocational-roster*.ts).
 * The database mirrors the impossible combinations as CHECK constraints (prisma/migrations/500.do.vocational-rosters.sql).
 */
import { beijingStartOfDay, formatBeijingDate } from "./time";
import { addDays, MIN_PUBLICITY_WORKING_DAYS, publicityEndDate, type HolidayCalendar } from "./working-days";

/** 学校审核 and 主管部门审核: 待审核 / 通过 / 不通过. */
export const REVIEW_STATES = ["PENDING", "PASSED", "REFUSED"] as const;
export type ReviewState = (typeof REVIEW_STATES)[number];
export const REVIEW_STATE_LABELS: Record<ReviewState, string> = {
  PENDING: "待审核",
  PASSED: "通过",
  REFUSED: "不通过",
};

/** 学校公示状态: 学校未公示 / 已公示. */
export const PUBLICITY_STATES = ["UNPUBLISHED", "PUBLISHED"] as const;
export type PublicityState = (typeof PUBLICITY_STATES)[number];
export const PUBLICITY_STATE_LABELS: Record<PublicityState, string> = {
  UNPUBLISHED: "学校未公示",
  PUBLISHED: "已公示",
};

/** 名单公示确认 by the supervisor: 待确认 / 公示通过 / 公示不通过. */
export const CONFIRMATION_STATES = ["PENDING", "PASSED", "REFUSED"] as const;
export type ConfirmationState = (typeof CONFIRMATION_STATES)[number];
export const CONFIRMATION_STATE_LABELS: Record<ConfirmationState, string> = {
  PENDING: "待确认",
  PASSED: "公示通过",
  REFUSED: "公示不通过",
};

/** 申请公示退回: none yet / 待审核 / 同意 / 不同意. */
export const WITHDRAWAL_STATES = ["NONE", "PENDING", "GRANTED", "REFUSED"] as const;
export type WithdrawalState = (typeof WITHDRAWAL_STATES)[number];
export const WITHDRAWAL_STATE_LABELS: Record<WithdrawalState, string> = {
  NONE: "未申请",
  PENDING: "待审核",
  GRANTED: "同意退回",
  REFUSED: "不同意退回",
};

/** 资金发放: nothing paid yet / paid (amounts recorded). */
export const PAYMENT_STATES = ["UNPAID", "PAID"] as const;
export type PaymentState = (typeof PAYMENT_STATES)[number];
export const PAYMENT_STATE_LABELS: Record<PaymentState, string> = { UNPAID: "未发放", PAID: "已发放" };

export type MonthlyListState = {
  schoolReview: ReviewState;
  supervisorReview: ReviewState;
  publicity: PublicityState;
  confirmation: ConfirmationState;
  withdrawal: WithdrawalState;
  payment: PaymentState;
  /** Beijing calendar days "YYYY-MM-DD" of the current publicity; null while 学校未公示. */
  publicityStart: string | null;
  publicityEnd: string | null;
};

/** A new list: 待审核 at both levels, 学校未公示, 待确认, no withdrawal, nothing paid. */
export const INITIAL_STATE: MonthlyListState = {
  schoolReview: "PENDING",
  supervisorReview: "PENDING",
  publicity: "UNPUBLISHED",
  confirmation: "PENDING",
  withdrawal: "NONE",
  payment: "UNPAID",
  publicityStart: null,
  publicityEnd: null,
};

/**
 * Who acts, seen from the list's school: the school's aid officer (SCHOOL_ADMIN, 学校经办) or its leader
 * (SCHOOL_LEADER, 学校审核), a supervisor of the school's own region (主管部门, DIRECT) or of a region above it
 * (ABOVE: may look, never act), anyone else (OTHER: another school, another county, a teacher or a student).
 */
export type ListActor =
  | { role: "SCHOOL_ADMIN" | "SCHOOL_LEADER"; relation: "OWN_SCHOOL" | "OTHER" }
  | { role: "SUPERVISOR"; relation: "DIRECT" | "ABOVE" | "OTHER" }
  | { role: "TEACHER" | "STUDENT" | "PARENT"; relation: "OTHER" };

export type ListAction =
  | { kind: "EDIT" }
  | { kind: "SCHOOL_REVIEW"; pass: boolean; comment?: string }
  | { kind: "SUPERVISOR_REVIEW"; pass: boolean; comment?: string }
  | { kind: "PUBLICISE"; attachments: number; today: string; calendar: HolidayCalendar }
  | { kind: "CONFIRM"; comment?: string }
  | { kind: "REFUSE_PUBLICITY"; comment: string }
  | { kind: "RECORD_PAYMENT"; at: Date }
  | { kind: "REQUEST_WITHDRAWAL"; comment: string }
  | { kind: "DECIDE_WITHDRAWAL"; grant: boolean; comment?: string };
export type ListActionKind = ListAction["kind"];

export const LIST_ACTION_LABELS: Record<ListActionKind, string> = {
  EDIT: "资助名单录入",
  SCHOOL_REVIEW: "学校审核",
  SUPERVISOR_REVIEW: "主管部门审核",
  PUBLICISE: "资助名单公示",
  CONFIRM: "名单公示确认（公示通过）",
  REFUSE_PUBLICITY: "名单公示确认（公示不通过）",
  RECORD_PAYMENT: "资金发放",
  REQUEST_WITHDRAWAL: "申请公示退回",
  DECIDE_WITHDRAWAL: "公示退回审核",
};

/** What the service must do besides storing the new state. */
export type ListEffects = {
  /** 免学费 公示通过: every entry's actual amount becomes its standard amount. */
  fillActualAmounts?: true;
  /** Granted withdrawal: every paid amount goes to 0 through a reversal record (the history is kept). */
  zeroPaidAmounts?: true;
};

export type TransitionResult =
  { ok: true; state: MonthlyListState; effects: ListEffects } | { ok: false; reason: string };

export type ListContext = {
  /** The list's month, 1–12 (May and December need a publicity attachment). */
  month: number;
  /** FEE_WAIVER (免学费) fills the actual amounts on 公示通过. */
  programmeKind: "SUBSIDY" | "FEE_WAIVER";
};

/** Months whose lists cannot be publicised without an attachment (the national notice: May and December). */
export const ATTACHMENT_REQUIRED_MONTHS: ReadonlySet<number> = new Set([5, 12]);
export const attachmentRequired = (month: number) => ATTACHMENT_REQUIRED_MONTHS.has(month);

/** Who may take each action, as a Chinese phrase for the refusal. */
const ALLOWED: Record<
  ListActionKind,
  { roles: readonly ListActor["role"][]; relation: string; who: string }
> = {
  EDIT: { roles: ["SCHOOL_ADMIN"], relation: "OWN_SCHOOL", who: "本校资助经办人员" },
  SCHOOL_REVIEW: { roles: ["SCHOOL_LEADER"], relation: "OWN_SCHOOL", who: "本校审核人员（学校领导）" },
  SUPERVISOR_REVIEW: { roles: ["SUPERVISOR"], relation: "DIRECT", who: "学校所属主管部门" },
  PUBLICISE: { roles: ["SCHOOL_ADMIN"], relation: "OWN_SCHOOL", who: "本校资助经办人员" },
  CONFIRM: { roles: ["SUPERVISOR"], relation: "DIRECT", who: "学校所属主管部门" },
  REFUSE_PUBLICITY: { roles: ["SUPERVISOR"], relation: "DIRECT", who: "学校所属主管部门" },
  RECORD_PAYMENT: { roles: ["SCHOOL_ADMIN"], relation: "OWN_SCHOOL", who: "本校资助经办人员" },
  REQUEST_WITHDRAWAL: { roles: ["SCHOOL_ADMIN"], relation: "OWN_SCHOOL", who: "本校资助经办人员" },
  DECIDE_WITHDRAWAL: { roles: ["SUPERVISOR"], relation: "DIRECT", who: "学校所属主管部门" },
};

/** Back to the start of the review chain: both reviews 待审核, 学校未公示, no publicity dates. */
const backToReview = (state: MonthlyListState): MonthlyListState => ({
  ...state,
  schoolReview: "PENDING",
  supervisorReview: "PENDING",
  publicity: "UNPUBLISHED",
  publicityStart: null,
  publicityEnd: null,
});

const refuse = (reason: string): TransitionResult => ({ ok: false, reason });
const done = (state: MonthlyListState, effects: ListEffects = {}): TransitionResult => ({
  ok: true,
  state,
  effects,
});

/** The first instant (Beijing midnight after the last publicity day) at which the publicity has ended. */
export function publicityEndsAt(publicityEnd: string): Date {
  return beijingStartOfDay(addDays(publicityEnd, 1));
}

/**
 * The payment gate (资金发放管理): 公示通过 and the publicity period over. Null when open, otherwise the Chinese
 * message naming every missing condition.
 */
export function paymentGate(state: MonthlyListState, at: Date): string | null {
  const missing: string[] = [];
  if (state.confirmation !== "PASSED")
    missing.push(
      `主管部门尚未确认公示通过（名单公示确认：${CONFIRMATION_STATE_LABELS[state.confirmation]}）`,
    );
  if (state.publicityEnd === null) missing.push("名单尚未公示");
  else if (at < publicityEndsAt(state.publicityEnd))
    missing.push(
      `公示期至 ${state.publicityEnd}（北京时间）结束，${addDays(state.publicityEnd, 1)} 起才能发放（今天是 ${formatBeijingDate(at)}）`,
    );
  if (state.withdrawal === "PENDING") missing.push("公示退回申请正在审核中");
  return missing.length === 0 ? null : `暂不能发放资金：${missing.join("；")}。`;
}

/** Whether the list's entries may be changed (资助名单录入): before publicity, not yet passed by both levels. */
function editRefusal(state: MonthlyListState): string | null {
  if (state.publicity === "PUBLISHED")
    return "名单已公示，不能再修改；如需修改，请等待主管部门公示不通过或申请公示退回。";
  if (state.schoolReview === "PASSED" && state.supervisorReview !== "REFUSED")
    return state.supervisorReview === "PASSED"
      ? "名单已通过主管部门审核，请公示；不能再修改。"
      : "名单已通过学校审核，正等待主管部门审核，不能修改。";
  return null;
}

/**
 * The one transition function of a monthly list: (state, action, actor) → the new state and the effects the
 * service must apply, or a refusal with a Chinese reason.
 */
export function transition(
  state: MonthlyListState,
  action: ListAction,
  actor: ListActor,
  list: ListContext,
): TransitionResult {
  const allowed = ALLOWED[action.kind];
  if (!allowed.roles.includes(actor.role) || actor.relation !== allowed.relation)
    return refuse(`只有${allowed.who}可以进行“${LIST_ACTION_LABELS[action.kind]}”。`);

  switch (action.kind) {
    case "EDIT": {
      const why = editRefusal(state);
      if (why) return refuse(why);
      return done({ ...state, schoolReview: "PENDING", supervisorReview: "PENDING" });
    }
    case "SCHOOL_REVIEW": {
      if (state.publicity === "PUBLISHED") return refuse("名单已公示，不能再审核。");
      if (state.schoolReview !== "PENDING")
        return refuse(`学校审核已是“${REVIEW_STATE_LABELS[state.schoolReview]}”；请先修改名单再提交审核。`);
      if (!action.pass && !action.comment?.trim()) return refuse("审核不通过时请填写原因。");
      return done({ ...state, schoolReview: action.pass ? "PASSED" : "REFUSED" });
    }
    case "SUPERVISOR_REVIEW": {
      if (state.schoolReview !== "PASSED") return refuse("名单尚未通过学校审核，主管部门不能审核。");
      if (state.supervisorReview !== "PENDING")
        return refuse(`主管部门审核已是“${REVIEW_STATE_LABELS[state.supervisorReview]}”。`);
      if (!action.pass && !action.comment?.trim()) return refuse("审核不通过时请填写原因。");
      return done({ ...state, supervisorReview: action.pass ? "PASSED" : "REFUSED" });
    }
    case "PUBLICISE": {
      if (state.publicity === "PUBLISHED") return refuse("名单已公示。");
      if (state.schoolReview !== "PASSED" || state.supervisorReview !== "PASSED")
        return refuse("名单须先通过学校审核和主管部门审核，才能公示。");
      if (attachmentRequired(list.month) && action.attachments < 1)
        return refuse(`${list.month}月的名单公示必须上传公示附件（PDF 或图片）。`);
      const end = publicityEndDate(action.today, MIN_PUBLICITY_WORKING_DAYS.SCHOOL, action.calendar);
      return done({
        ...state,
        publicity: "PUBLISHED",
        confirmation: "PENDING",
        publicityStart: action.today,
        publicityEnd: end,
      });
    }
    case "CONFIRM": {
      if (state.publicity !== "PUBLISHED") return refuse("学校尚未公示名单，不能确认。");
      if (state.confirmation !== "PENDING")
        return refuse(`名单公示确认已是“${CONFIRMATION_STATE_LABELS[state.confirmation]}”。`);
      return done(
        { ...state, confirmation: "PASSED" },
        list.programmeKind === "FEE_WAIVER" ? { fillActualAmounts: true } : {},
      );
    }
    case "REFUSE_PUBLICITY": {
      if (state.publicity !== "PUBLISHED") return refuse("学校尚未公示名单，不能确认。");
      if (state.confirmation !== "PENDING")
        return refuse(
          `名单公示确认已是“${CONFIRMATION_STATE_LABELS[state.confirmation]}”；已确认的名单只能由学校申请公示退回。`,
        );
      if (!action.comment.trim()) return refuse("公示不通过时请填写原因。");
      return done({ ...backToReview(state), confirmation: "REFUSED" });
    }
    case "RECORD_PAYMENT": {
      const why = paymentGate(state, action.at);
      if (why) return refuse(why);
      return done({ ...state, payment: "PAID" });
    }
    case "REQUEST_WITHDRAWAL": {
      if (state.confirmation !== "PASSED")
        return refuse("只有主管部门已确认公示通过的名单才能申请公示退回。");
      if (state.withdrawal === "PENDING") return refuse("公示退回申请已提交，正在审核中。");
      if (!action.comment.trim()) return refuse("申请公示退回时请填写原因。");
      return done({ ...state, withdrawal: "PENDING" });
    }
    case "DECIDE_WITHDRAWAL": {
      if (state.withdrawal !== "PENDING") return refuse("没有待审核的公示退回申请。");
      if (!action.grant)
        return action.comment?.trim()
          ? done({ ...state, withdrawal: "REFUSED" })
          : refuse("不同意退回时请填写原因。");
      return done(
        { ...backToReview(state), confirmation: "REFUSED", withdrawal: "GRANTED", payment: "UNPAID" },
        state.payment === "PAID" ? { zeroPaidAmounts: true } : {},
      );
    }
  }
}

/**
 * Whether a combination of states can occur (the CHECK constraints of migration 500 say the same): a supervisor
 * review only after the school's pass, publicity only after both passes, a confirmation other than 待确认/公示不通过
 * only on a published list, a withdrawal request only on a confirmed list, payment only after 公示通过.
 */
export function isPossibleState(state: MonthlyListState): boolean {
  if (state.supervisorReview !== "PENDING" && state.schoolReview !== "PASSED") return false;
  if (state.publicity === "PUBLISHED") {
    if (state.schoolReview !== "PASSED" || state.supervisorReview !== "PASSED") return false;
    if (state.confirmation === "REFUSED") return false;
    if (state.publicityStart === null || state.publicityEnd === null) return false;
  } else {
    if (state.confirmation === "PASSED") return false;
    if (state.publicityStart !== null || state.publicityEnd !== null) return false;
  }
  if (state.withdrawal === "PENDING" && state.confirmation !== "PASSED") return false;
  if (state.payment === "PAID" && state.confirmation !== "PASSED") return false;
  return true;
}

/**
 * The first day "YYYY-MM-01" of a list's month in an academic year "2026-2027": September–December fall in the
 * first year, January–August in the second. Null for a malformed year or month.
 */
export function listMonthStart(academicYear: string, month: number): string | null {
  const match = /^(\d{4})-(\d{4})$/.exec(academicYear);
  if (!match || !Number.isInteger(month) || month < 1 || month > 12) return null;
  const year = Number(month >= 9 ? match[1] : match[2]);
  return `${year}-${String(month).padStart(2, "0")}-01`;
}
