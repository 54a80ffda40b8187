"use server";

import { formAction } from "@/lib/forms/action";
import type { FormState } from "@/lib/forms/state";
import { answerReinvestigation, drawFollowUpSample, recordFollowUpContact } from "@/lib/services/follow-up";

const PATH = "/console/determination/survey";

/** 抽取样本 (or again, before any contact): ≥ 30% of each group with a new recorded seed. */
export async function drawSampleAction(): Promise<FormState> {
  return formAction({
    access: "follow_up.draw",
    run: (user) => drawFollowUpSample(user),
    revalidate: [PATH],
    success: (data) => ({
      ok: true,
      message: `已抽取样本：满意度调查${data.survey}人，回访${data.waiver}人（随机种子 ${data.seed}）。`,
    }),
  });
}

/** 记录联系情况 of one sampled student. */
export async function recordContactAction(
  memberId: string,
  _prev: FormState,
  form: FormData,
): Promise<FormState> {
  return formAction({
    access: "follow_up.contact",
    form,
    run: (user, input) => recordFollowUpContact(user, memberId, input),
    revalidate: [PATH],
    success: (data) => ({
      ok: true,
      message: data.satisfied
        ? "已记录联系情况。"
        : "已记录联系情况；家长不满意，已转为重新调查，待学校答复。",
    }),
  });
}

/** 答复 a re-investigation (the aid officer). */
export async function answerReinvestigationAction(
  contactId: string,
  _prev: FormState,
  form: FormData,
): Promise<FormState> {
  return formAction({
    access: "follow_up.answer",
    form,
    run: (user, input) => answerReinvestigation(user, contactId, input),
    revalidate: [PATH],
    success: "已答复重新调查。",
  });
}
