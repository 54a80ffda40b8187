"use server";

import { revalidatePath } from "next/cache";
import type { FormState } from "@/lib/forms/state";
import { authorize, type Action } from "@/lib/auth/access";
import type { SessionUser } from "@/lib/auth/session";
import {
  bulkAccept,
  gradeAdjust,
  recordStep,
  reviewApplication,
  revokeDetermination,
  saveModel,
  saveModelFromForm,
  setLevel,
  signOff,
} from "@/lib/services/determination";
import {
  answerObjection,
  createPublicity,
  deleteCalendarDay,
  finalisePublicity,
  saveCalendarDay,
} from "@/lib/services/publicity";
import { startRecompute } from "@/lib/services/recompute-task";
import { recordNoAidReason } from "@/lib/services/rosters";
import type { ActionResult } from "@/lib/services/result";

const v = (f: FormData, k: string) => {
  const x = f.get(k);
  return typeof x === "string" ? x : "";
};

async function run<T>(
  action: Action,
  fn: (u: SessionUser) => Promise<ActionResult<T>>,
  okMessage: (d: T) => string,
  path = "/console/determination",
): Promise<FormState> {
  const a = await authorize(action);
  if (!a.ok) return { message: a.message };
  const r = await fn(a.user);
  if (!r.ok) return { message: r.message, fieldErrors: r.fieldErrors };
  revalidatePath(path, "layout");
  return { ok: true, message: okMessage(r.data) };
}

export async function reviewAction(_: FormState, f: FormData): Promise<FormState> {
  return run(
    "determination.review",
    (u) =>
      reviewApplication(u, {
        applicationId: v(f, "applicationId"),
        version: v(f, "version"),
        decision: v(f, "decision"),
        comment: v(f, "comment"),
      }),
    (d) => (d.state === "reviewed" ? "已审核通过。" : "已退回申请人修改。"),
  );
}

export async function setLevelAction(_: FormState, f: FormData): Promise<FormState> {
  return run(
    "determination.set_level",
    (u) =>
      setLevel(u, {
        applicationId: v(f, "applicationId"),
        version: v(f, "version"),
        level: v(f, "level"),
        reason: v(f, "reason"),
      }),
    () => "已保存认定等级。",
  );
}

export async function bulkAcceptAction(_: FormState, f: FormData): Promise<FormState> {
  return run(
    "determination.bulk_accept",
    (u) => bulkAccept(u, { classId: v(f, "classId"), exclude: f.getAll("exclude").map(String) }),
    (d) =>
      `已确认${d.accepted.length}人的模拟等级。${d.exceptions.length ? `未处理${d.exceptions.length}人：${d.exceptions.map((e) => `${e.name}（${e.reason}）`).join("；")}` : ""}`,
  );
}

export async function recomputeAction(): Promise<FormState> {
  return run(
    "determination.recompute",
    (u) => startRecompute(u),
    () => "已开始重新计算模拟等级，进度见下方；完成后显示结果。",
  );
}

export async function stepAction(_: FormState, f: FormData): Promise<FormState> {
  return run(
    "determination.committee_step",
    (u) =>
      recordStep(u, {
        kind: v(f, "kind"),
        gradeId: v(f, "gradeId"),
        members: v(f, "members"),
        comment: v(f, "comment"),
      }),
    () => "已记录审核环节。",
  );
}

export async function signOffAction(_: FormState, f: FormData): Promise<FormState> {
  return run(
    "determination.sign_off",
    (u) => signOff(u, { comment: v(f, "comment") }),
    () => "已签字确认认定结果。",
  );
}

export async function revokeAction(_: FormState, f: FormData): Promise<FormState> {
  return run(
    "determination.revoke",
    (u) =>
      revokeDetermination(u, {
        applicationId: v(f, "applicationId"),
        version: v(f, "version"),
        reason: v(f, "reason"),
        detail: v(f, "detail"),
      }),
    (d) => (d.recoveryRequired ? "已取消资格。该生已领取资助，已标记为需追回资金。" : "已取消资格。"),
  );
}

export async function modelAction(_: FormState, f: FormData): Promise<FormState> {
  return run(
    "determination.model",
    (u) => saveModel(u, { name: v(f, "name"), config: v(f, "config") }),
    (d) => `已保存为第${d.version}版。此后的认定使用新版本，已认定的结果保留原版本。`,
  );
}

export async function publicityAction(_: FormState, f: FormData): Promise<FormState> {
  return run(
    "publicity.manage",
    (u) =>
      createPublicity(u, {
        scope: v(f, "scope"),
        gradeId: v(f, "gradeId"),
        startDate: v(f, "startDate"),
        workingDays: v(f, "workingDays"),
        acknowledgePending: v(f, "acknowledgePending"),
      }),
    (d) => `已发布公示（${d.items}人），公示期至 ${d.endDate}。`,
  );
}

export async function answerAction(_: FormState, f: FormData): Promise<FormState> {
  return run(
    "publicity.manage",
    (u) => answerObjection(u, { objectionId: v(f, "objectionId"), answer: v(f, "answer") }),
    () => "已答复。",
  );
}

export async function finaliseAction(batchId: string): Promise<FormState> {
  return run(
    "publicity.manage",
    (u) => finalisePublicity(u, batchId),
    () => "公示结果已确定。",
  );
}

export async function noAidAction(_: FormState, f: FormData): Promise<FormState> {
  return run(
    "follow_up.record_reason",
    (u) =>
      recordNoAidReason(u, { studentId: v(f, "studentId"), reason: v(f, "reason"), detail: v(f, "detail") }),
    () => "已记录未资助原因。",
  );
}

export async function calendarDayAction(_: FormState, f: FormData): Promise<FormState> {
  return run(
    "publicity.manage",
    (u) => saveCalendarDay(u, { day: v(f, "day"), working: v(f, "working"), note: v(f, "note") }),
    () => "已保存。之后发布的公示按新的校历计算工作日。",
  );
}

export async function deleteCalendarDayAction(id: string): Promise<FormState> {
  return run(
    "publicity.manage",
    (u) => deleteCalendarDay(u, id),
    () => "已删除。",
  );
}

export async function modelFormAction(_: FormState, f: FormData): Promise<FormState> {
  const values: Record<string, string> = {};
  for (const [k, x] of f.entries()) if (typeof x === "string") values[k] = x;
  return run(
    "determination.model",
    (u) => saveModelFromForm(u, values),
    (d) => `已保存为第${d.version}版。此后的认定使用新版本，已认定的结果保留原版本。`,
  );
}

export async function gradeAdjustAction(_: FormState, f: FormData): Promise<FormState> {
  return run(
    "determination.grade_adjust",
    (u) =>
      gradeAdjust(u, { applicationId: v(f, "applicationId"), level: v(f, "level"), reason: v(f, "reason") }),
    () => "已记录年级认定小组的调整。",
  );
}
