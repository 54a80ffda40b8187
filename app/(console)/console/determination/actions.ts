"use server";

import type { Action } from "@/lib/auth/access";
import type { ActionResult } from "@/lib/domain/result";
import type { SessionUser } from "@/lib/domain/session-user";
import { formAction, type FormActionSpec } from "@/lib/forms/action";
import { formFields, type FormFields } from "@/lib/forms/read";
import type { FormState } from "@/lib/forms/state";
import { acceptClassLevels, adjustGradeLevel, reviewApplication, setLevel } from "@/lib/services/final-level";
import {
  answerObjection,
  createPublicity,
  deleteCalendarDay,
  finalisePublicity,
  saveCalendarDay,
} from "@/lib/services/publicity";
import { recordNoAidReason } from "@/lib/services/no-aid-reasons";
import { recordReviewStep, signOffDetermination } from "@/lib/services/review-steps";
import { revokeDetermination } from "@/lib/services/revocation";
import { saveScoringModel, saveScoringModelFromForm } from "@/lib/services/scoring-model";
import { startRecompute } from "@/lib/services/recompute-task";
import { startExport } from "@/lib/services/export-task";

/** Every determination page shows levels, steps or publicity of the term: all are revalidated. */
const DETERMINATION_PAGES = [{ layout: "/console/determination" }];
const modelSaved = (data: { version: number }) => ({
  ok: true,
  message: `已保存为第${data.version}版。此后的认定使用新版本，已认定的结果保留原版本。`,
});

/** One posted determination form: authorised as `access`, its fields to `run`, every determination page revalidated. */
function determinationForm<Data>(
  access: Action,
  form: FormData,
  run: (user: SessionUser, input: FormFields) => Promise<ActionResult<Data>>,
  success: FormActionSpec<FormFields, Data>["success"],
): Promise<FormState> {
  return formAction({ access, form, run, revalidate: DETERMINATION_PAGES, success });
}

/** One determination action on a record named by its id (bound into the action, not posted). */
function determinationById<Data>(
  access: Action,
  id: string,
  run: (user: SessionUser, id: string) => Promise<ActionResult<Data>>,
  success: string,
): Promise<FormState> {
  return formAction({ access, input: id, run, revalidate: DETERMINATION_PAGES, success });
}

export async function reviewApplicationAction(_prev: FormState, form: FormData): Promise<FormState> {
  return determinationForm("determination.review", form, reviewApplication, (data) => ({
    ok: true,
    message: data.state === "reviewed" ? "已审核通过。" : "已退回申请人修改。",
  }));
}

export async function setLevelAction(_prev: FormState, form: FormData): Promise<FormState> {
  return determinationForm("determination.set_level", form, setLevel, "已保存认定等级。");
}

export async function acceptClassLevelsAction(_prev: FormState, form: FormData): Promise<FormState> {
  return formAction({
    access: "determination.bulk_accept",
    form,
    input: formFields(form, ["exclude"]),
    run: (user, input) => acceptClassLevels(user, input),
    revalidate: DETERMINATION_PAGES,
    success: (data) => {
      const exceptions = data.exceptions.map((exception) => `${exception.name}（${exception.reason}）`);
      return {
        ok: true,
        message: `已确认${data.accepted.length}人的模拟等级。${
          exceptions.length ? `未处理${exceptions.length}人：${exceptions.join("；")}` : ""
        }`,
      };
    },
  });
}

export async function recomputeSimulationsAction(): Promise<FormState> {
  return formAction({
    access: "determination.recompute",
    input: undefined,
    run: (user) => startRecompute(user),
    revalidate: DETERMINATION_PAGES,
    success: "已开始重新计算模拟等级，进度见下方；完成后显示结果。",
  });
}

export async function startDeterminationExportAction(): Promise<FormState> {
  return formAction({
    access: "exports.national",
    input: undefined,
    run: (user) => startExport(user, { kind: "DETERMINATION" }),
    revalidate: ["/console/determination/export"],
    success: "已开始导出：正在校验并生成文件，进度见下方；完成后出现下载链接。",
  });
}

export async function recordReviewStepAction(_prev: FormState, form: FormData): Promise<FormState> {
  return determinationForm("determination.committee_step", form, recordReviewStep, "已记录审核环节。");
}

export async function signOffDeterminationAction(_prev: FormState, form: FormData): Promise<FormState> {
  return determinationForm("determination.sign_off", form, signOffDetermination, "已签字确认认定结果。");
}

export async function revokeDeterminationAction(_prev: FormState, form: FormData): Promise<FormState> {
  return determinationForm("determination.revoke", form, revokeDetermination, (data) => ({
    ok: true,
    message: data.recoveryRequired
      ? "已取消资格。该生已领取资助，已生成追回记录，请在“资助资金追回”中登记追回情况。"
      : "已取消资格。",
  }));
}

export async function saveScoringModelAction(_prev: FormState, form: FormData): Promise<FormState> {
  return determinationForm("determination.model", form, saveScoringModel, modelSaved);
}

/** The structured model editor: points, thresholds and tiers as separate fields. */
export async function saveScoringModelFormAction(_prev: FormState, form: FormData): Promise<FormState> {
  return determinationForm("determination.model", form, saveScoringModelFromForm, modelSaved);
}

export async function adjustGradeLevelAction(_prev: FormState, form: FormData): Promise<FormState> {
  return determinationForm(
    "determination.grade_adjust",
    form,
    adjustGradeLevel,
    "已记录年级认定小组的调整。",
  );
}

export async function createPublicityAction(_prev: FormState, form: FormData): Promise<FormState> {
  return determinationForm("publicity.manage", form, createPublicity, (data) => ({
    ok: true,
    message: `已发布公示（${data.items}人），公示期至 ${data.endDate}。`,
  }));
}

export async function answerObjectionAction(_prev: FormState, form: FormData): Promise<FormState> {
  return determinationForm("publicity.manage", form, answerObjection, "已答复。");
}

export async function finalisePublicityAction(batchId: string): Promise<FormState> {
  return determinationById("publicity.manage", batchId, finalisePublicity, "公示结果已确定。");
}

export async function saveCalendarDayAction(_prev: FormState, form: FormData): Promise<FormState> {
  return determinationForm(
    "publicity.manage",
    form,
    saveCalendarDay,
    "已保存。之后发布的公示按新的校历计算工作日。",
  );
}

export async function deleteCalendarDayAction(calendarDayId: string): Promise<FormState> {
  return determinationById("publicity.manage", calendarDayId, deleteCalendarDay, "已删除。");
}

export async function recordNoAidReasonAction(_prev: FormState, form: FormData): Promise<FormState> {
  return formAction({
    access: "no_aid_reason.record",
    form,
    run: (user, input) => recordNoAidReason(user, input),
    revalidate: [...DETERMINATION_PAGES, "/console/admin/special-groups"],
    success: (data) => ({ ok: true, message: `已保存 ${data.name} 的未资助原因。` }),
  });
}
