/**
 * 普高 建档立卡等免学杂费 lists (the national system V3.2.0 notice, seed 002 §五 in /work/shared/seeds/): one list
 * per senior-high school and aid term (学年 + 秋季/春季, never a calendar year), 资助名单录入 by the school's aid
 * officer, 学校审核 by its leader, 主管部门审核 by the supervisors of the school's own region; a refusal at either
 * level sends the list back for editing. Pure: every change goes through `transition`; the database mirrors the
 * impossible combinations (prisma/migrations/520.do.fee-waiver-lists.sql).
 */
import { REVIEW_STATE_LABELS, type ListActor, type ReviewState } from "./vocational-roster";

export { REVIEW_STATE_LABELS, type ListActor, type ReviewState };

export type FeeWaiverState = { schoolReview: ReviewState; supervisorReview: ReviewState };

export const INITIAL_FEE_WAIVER_STATE: FeeWaiverState = {
  schoolReview: "PENDING",
  supervisorReview: "PENDING",
};

export type FeeWaiverAction =
  | { kind: "BUILD" }
  | { kind: "REMOVE_ENTRY" }
  | { kind: "SCHOOL_REVIEW"; pass: boolean; comment?: string; entries: number }
  | { kind: "SUPERVISOR_REVIEW"; pass: boolean; comment?: string };
export type FeeWaiverActionKind = FeeWaiverAction["kind"];

export const FEE_WAIVER_ACTION_LABELS: Record<FeeWaiverActionKind, string> = {
  BUILD: "资助名单录入（生成名单）",
  REMOVE_ENTRY: "资助名单录入（移出学生）",
  SCHOOL_REVIEW: "学校审核",
  SUPERVISOR_REVIEW: "主管部门审核",
};

export type FeeWaiverResult = { ok: true; state: FeeWaiverState } | { ok: false; reason: string };

const ALLOWED: Record<FeeWaiverActionKind, { role: ListActor["role"]; relation: string; who: string }> = {
  BUILD: { role: "SCHOOL_ADMIN", relation: "OWN_SCHOOL", who: "本校资助经办人员" },
  REMOVE_ENTRY: { role: "SCHOOL_ADMIN", relation: "OWN_SCHOOL", who: "本校资助经办人员" },
  SCHOOL_REVIEW: { role: "SCHOOL_LEADER", relation: "OWN_SCHOOL", who: "本校审核人员（学校领导）" },
  SUPERVISOR_REVIEW: { role: "SUPERVISOR", relation: "DIRECT", who: "学校所属主管部门" },
};

/** Why the entries cannot change now, or null: frozen once the school passed it, until the supervisor refuses. */
export function editRefusal(state: FeeWaiverState): string | null {
  if (state.schoolReview !== "PASSED" || state.supervisorReview === "REFUSED") return null;
  return state.supervisorReview === "PASSED"
    ? "名单已通过主管部门审核，不能再修改。"
    : "名单已通过学校审核，正等待主管部门审核，不能修改。";
}

/** Whether the entries may change (the trigger "FeeWaiverEntry_editable" of migration 520 says the same). */
export const isEditable = (state: FeeWaiverState) => editRefusal(state) === null;

/** Whether a combination can occur (the CHECK "FeeWaiverList_review_order_check"). */
export const isPossibleState = (state: FeeWaiverState) =>
  state.supervisorReview === "PENDING" || state.schoolReview === "PASSED";

const refuse = (reason: string): FeeWaiverResult => ({ ok: false, reason });

/** (state, action, actor) → the new state, or a refusal with a Chinese reason. */
export function transition(
  state: FeeWaiverState,
  action: FeeWaiverAction,
  actor: ListActor,
): FeeWaiverResult {
  const allowed = ALLOWED[action.kind];
  if (actor.role !== allowed.role || actor.relation !== allowed.relation)
    return refuse(`只有${allowed.who}可以进行“${FEE_WAIVER_ACTION_LABELS[action.kind]}”。`);
  switch (action.kind) {
    case "BUILD":
    case "REMOVE_ENTRY": {
      const why = editRefusal(state);
      return why ? refuse(why) : { ok: true, state: INITIAL_FEE_WAIVER_STATE };
    }
    case "SCHOOL_REVIEW": {
      if (state.schoolReview !== "PENDING")
        return refuse(
          state.schoolReview === "PASSED" && state.supervisorReview !== "REFUSED"
            ? `学校审核已是“通过”。`
            : "名单被退回，请学校资助经办人员修改名单后再审核。",
        );
      if (action.entries < 1) return refuse("名单中没有学生，不能提交审核；请先生成名单。");
      if (!action.pass && !action.comment?.trim()) return refuse("审核不通过时请填写原因。");
      return { ok: true, state: { ...state, schoolReview: action.pass ? "PASSED" : "REFUSED" } };
    }
    case "SUPERVISOR_REVIEW": {
      if (state.schoolReview !== "PASSED") return refuse("名单尚未通过学校审核，主管部门不能审核。");
      if (state.supervisorReview !== "PENDING")
        return refuse(`主管部门审核已是“${REVIEW_STATE_LABELS[state.supervisorReview]}”。`);
      if (!action.pass && !action.comment?.trim()) return refuse("审核不通过时请填写原因。");
      return { ok: true, state: { ...state, supervisorReview: action.pass ? "PASSED" : "REFUSED" } };
    }
  }
}

/** The five 资金发放查看 flags (seed 002 §五.3), in the national system's order, with their column labels. */
export const FEE_WAIVER_FLAGS = [
  "povertyAlleviated",
  "povertyUnstable",
  "ruralMinimumLiving",
  "ruralExtremePoverty",
  "disabled",
] as const;
export type FeeWaiverFlag = (typeof FEE_WAIVER_FLAGS)[number];
export const FEE_WAIVER_FLAG_LABELS: Record<FeeWaiverFlag, string> = {
  povertyAlleviated: "是否脱贫家庭学生（原建档立卡）",
  povertyUnstable: "是否脱贫不稳定家庭学生（原建档立卡）",
  ruralMinimumLiving: "是否农村低保家庭学生",
  ruralExtremePoverty: "是否农村特困救助供养学生",
  disabled: "是否家庭经济困难残疾学生",
};
export const yesNo = (value: boolean) => (value ? "是" : "否");
