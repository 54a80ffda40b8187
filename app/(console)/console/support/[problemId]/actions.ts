"use server";

import { formAction } from "@/lib/forms/action";
import type { FormState } from "@/lib/forms/state";
import {
  confirmSupportProblem,
  passUpSupportProblem,
  reopenSupportProblem,
  resolveSupportProblem,
  takeSupportProblem,
} from "@/lib/services/support-desk";

const pages = (problemId: string) => [
  `/console/support/${problemId}`,
  "/console/support",
  "/console/support/queue",
  "/console/support/progress",
];

export async function takeAction(problemId: string) {
  return formAction({
    access: "support.handle",
    input: {},
    run: (user) => takeSupportProblem(user, problemId),
    revalidate: pages(problemId),
    success: "已受理。按首接负责制，该问题由您负责到答复办结或上报上级。",
  });
}

export async function passUpAction(problemId: string, _prev: FormState, form: FormData) {
  return formAction({
    access: "support.handle",
    form,
    run: (user, input) => passUpSupportProblem(user, problemId, input),
    revalidate: pages(problemId),
    success: (data) => ({ ok: true, message: `已上报${data.level}级，等待上级受理。` }),
  });
}

export async function resolveAction(problemId: string, _prev: FormState, form: FormData) {
  return formAction({
    access: "support.handle",
    form,
    run: (user, input) => resolveSupportProblem(user, problemId, input),
    revalidate: pages(problemId),
    success: "已答复并办结，等待提交人确认。",
  });
}

export async function confirmAction(problemId: string, _prev: FormState, form: FormData) {
  return formAction({
    access: "support.view_own",
    form,
    run: (user, input) => confirmSupportProblem(user, problemId, input),
    revalidate: pages(problemId),
    success: "已确认解决，感谢您的评价。",
  });
}

export async function reopenAction(problemId: string, _prev: FormState, form: FormData) {
  return formAction({
    access: "support.view_own",
    form,
    run: (user, input) => reopenSupportProblem(user, problemId, input),
    revalidate: pages(problemId),
    success: "已重新打开，原受理人会继续处理。",
  });
}
