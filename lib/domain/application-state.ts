/**
 * The application state machine:
 *
 *   draft → submitted → verified (班主任已核实) → reviewed (学校已审核) → determined
 *
 * with `returned` (sent back by the teacher or the admin with a reason and a
 * correction deadline; the applicant fixes and resubmits until the deadline),
 * `waived`, `withdrawn` (by the applicant until the teacher verifies) and,
 * after determination, `revoked`. Pure: callers load the application, ask
 * here, and write the result with an optimistic version check.
 */
import type { ApplicationState, Role } from "./codes";
import { formatBeijingDateTime } from "./time";

export type ApplicationAction =
  "submit" | "waive" | "withdraw" | "reopen" | "verify" | "return" | "review" | "determine" | "revoke";

export const ACTION_LABELS: Record<ApplicationAction, string> = {
  submit: "提交申请",
  waive: "放弃申请",
  withdraw: "撤回申请",
  reopen: "重新填写",
  verify: "核实",
  return: "退回修改",
  review: "审核",
  determine: "认定",
  revoke: "取消资格",
};

type Rule = { from: readonly ApplicationState[]; to: ApplicationState; roles: readonly Role[] };

const APPLICANT: readonly Role[] = ["STUDENT", "PARENT"];

/** Who may move an application from which states to which. The teacher may act for a paper applicant. */
export const TRANSITIONS: Record<ApplicationAction, Rule> = {
  submit: { from: ["draft", "returned"], to: "submitted", roles: [...APPLICANT, "TEACHER"] },
  waive: { from: ["draft", "withdrawn"], to: "waived", roles: [...APPLICANT, "TEACHER"] },
  withdraw: { from: ["submitted", "returned"], to: "withdrawn", roles: APPLICANT },
  reopen: { from: ["withdrawn", "waived"], to: "draft", roles: [...APPLICANT, "TEACHER"] },
  verify: { from: ["submitted"], to: "verified", roles: ["TEACHER"] },
  return: { from: ["submitted", "verified", "reviewed"], to: "returned", roles: ["TEACHER", "SCHOOL_ADMIN"] },
  review: { from: ["verified"], to: "reviewed", roles: ["SCHOOL_ADMIN"] },
  determine: { from: ["reviewed"], to: "determined", roles: ["SCHOOL_ADMIN"] },
  revoke: { from: ["determined"], to: "revoked", roles: ["SCHOOL_ADMIN"] },
};

/** Applicant-side actions need the application window to be open. */
const NEEDS_OPEN_WINDOW: readonly ApplicationAction[] = ["submit", "reopen", "waive"];

export type TransitionContext = {
  now: Date;
  /** Whether the term's application window (with the school's extension) is open now. */
  windowOpen: boolean;
  /** Message explaining the window when closed (with the dates). */
  windowMessage?: string;
  /** For returned applications: the correction deadline. */
  returnDeadline?: Date | null;
  /** Teacher return deadlines may not pass the term's verification deadline. */
  verifyDeadline?: Date;
};

export type TransitionInput = {
  action: ApplicationAction;
  actorRole: Role;
  from: ApplicationState;
  /** return: reason and correction deadline; revoke: reason; waive: optional reason. */
  reason?: string;
  deadline?: Date;
};

export type TransitionResult = { ok: true; to: ApplicationState } | { ok: false; message: string };

export function decideTransition(input: TransitionInput, ctx: TransitionContext): TransitionResult {
  const rule = TRANSITIONS[input.action];
  if (!rule.roles.includes(input.actorRole))
    return { ok: false, message: `您没有权限${ACTION_LABELS[input.action]}。` };
  if (!rule.from.includes(input.from))
    return { ok: false, message: notFromMessage(input.action, input.from) };

  // A resubmission after a return is allowed until the correction deadline, also after the window closed.
  const resubmission = input.action === "submit" && input.from === "returned";
  if (resubmission) {
    if (ctx.returnDeadline && ctx.now > ctx.returnDeadline) {
      return {
        ok: false,
        message: `修改期限已过（截止 ${formatBeijingDateTime(ctx.returnDeadline)}），无法再提交，请联系班主任。`,
      };
    }
  } else if (NEEDS_OPEN_WINDOW.includes(input.action) && !ctx.windowOpen && input.actorRole !== "TEACHER") {
    return { ok: false, message: ctx.windowMessage ?? "不在申请时间内。" };
  }

  if (input.action === "return") {
    if (!input.reason?.trim())
      return { ok: false, message: "退回时请填写退回原因，告诉申请人需要修改什么。" };
    if (!input.deadline) return { ok: false, message: "退回时请设置修改截止时间。" };
    if (input.deadline <= ctx.now) return { ok: false, message: "修改截止时间须晚于现在。" };
    if (ctx.verifyDeadline && input.actorRole === "TEACHER" && input.deadline > ctx.verifyDeadline) {
      return {
        ok: false,
        message: `修改截止时间不能晚于班主任核实截止时间（${formatBeijingDateTime(ctx.verifyDeadline)}）。`,
      };
    }
  }
  if (input.action === "revoke" && !input.reason?.trim())
    return { ok: false, message: "取消资格须选择并填写原因。" };
  return { ok: true, to: rule.to };
}

function notFromMessage(action: ApplicationAction, from: ApplicationState): string {
  switch (from) {
    case "verified":
    case "reviewed":
    case "determined":
      return action === "withdraw"
        ? "班主任已核实，申请不能再撤回；如有变化请联系班主任。"
        : `该申请已进入后续流程，不能${ACTION_LABELS[action]}。`;
    case "withdrawn":
      return "该申请已撤回。";
    case "waived":
      return "已放弃申请。";
    case "revoked":
      return "该申请资格已取消。";
    default:
      return `当前状态下不能${ACTION_LABELS[action]}。`;
  }
}

/** The applicant may edit the form only in these states (a submitted application is read-only to them). */
export function applicantCanEdit(state: ApplicationState): boolean {
  return state === "draft" || state === "returned";
}

/** The default correction deadline for a return: 3 days, never past the verification deadline. */
export function defaultReturnDeadline(now: Date, verifyDeadline: Date): Date {
  const threeDays = new Date(now.getTime() + 3 * 24 * 60 * 60 * 1000);
  return threeDays < verifyDeadline ? threeDays : verifyDeadline;
}
