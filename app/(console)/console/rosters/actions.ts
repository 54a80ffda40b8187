"use server";

import type { FormState } from "@/lib/forms/state";
import { formAction } from "@/lib/forms/action";
import type { FormFields } from "@/lib/forms/read";
import type { ActionResult } from "@/lib/domain/result";
import type { SessionUser } from "@/lib/domain/session-user";
import { createRosterPublicity } from "@/lib/services/publicity";
import {
  addRosterEntry,
  approveRoster,
  correctPayment,
  generateRoster,
  recordRosterPayment,
  removeRosterEntry,
  reversePayment,
  saveProgramme,
  unlockRoster,
} from "@/lib/services/aid-roster";
import { startExport } from "@/lib/services/export-task";

/** A change to a term's programmes or rosters: every page under /console/rosters shows it. */
function manageRosters<Data>(
  run: (user: SessionUser, input: FormFields) => Promise<ActionResult<Data>>,
  success: (data: Data) => string,
  form?: FormData,
): Promise<FormState> {
  return formAction({
    access: "rosters.manage",
    form,
    run,
    revalidate: [{ layout: "/console/rosters" }],
    success: (data) => ({ ok: true, message: success(data) }),
  });
}

export async function programmeAction(_prev: FormState, form: FormData): Promise<FormState> {
  return manageRosters(saveProgramme, () => "已保存金额、名额和预算。", form);
}
export async function generateAction(programmeId: string): Promise<FormState> {
  return manageRosters(
    (user) => generateRoster(user, programmeId),
    (generated) =>
      `已生成名单：${generated.count}人。${generated.skipped.length ? `未列入：${generated.skipped.join("、")}` : ""}`,
  );
}
export async function removeEntryAction(entryId: string): Promise<FormState> {
  return manageRosters(
    (user) => removeRosterEntry(user, entryId),
    () => "已移出名单。",
  );
}
export async function approveAction(rosterId: string): Promise<FormState> {
  return manageRosters(
    (user) => approveRoster(user, rosterId),
    () => "名单已审核通过并锁定。",
  );
}
export async function unlockAction(_prev: FormState, form: FormData): Promise<FormState> {
  return manageRosters(unlockRoster, () => "名单已解锁，可以调整。", form);
}
export async function payAction(_prev: FormState, form: FormData): Promise<FormState> {
  return manageRosters(recordRosterPayment, () => "已登记发放。", form);
}
export async function correctPaymentAction(_prev: FormState, form: FormData): Promise<FormState> {
  return manageRosters(correctPayment, () => "已更正实发金额，原记录保留。", form);
}
export async function reversePaymentAction(_prev: FormState, form: FormData): Promise<FormState> {
  return manageRosters(reversePayment, () => "已冲销这笔发放，原记录保留。", form);
}
export async function addEntryAction(_prev: FormState, form: FormData): Promise<FormState> {
  return manageRosters(addRosterEntry, () => "已加入名单。", form);
}
export async function rosterPublicityAction(
  rosterId: string,
  _prev: FormState,
  form: FormData,
): Promise<FormState> {
  return formAction({
    access: "publicity.manage",
    form,
    run: (user, input) => createRosterPublicity(user, rosterId, String(input.startDate ?? "")),
    revalidate: ["/console/determination/publicity"],
    success: (publicity) => ({
      ok: true,
      message: `已发布受助名单公示（${publicity.items}人），公示期至 ${publicity.endDate}。`,
    }),
  });
}

/** Starts the 资助名册 export of a roster as a job; the roster page shows its progress and download link. */
export async function startRosterExportAction(rosterId: string): Promise<FormState> {
  return formAction({
    access: "exports.national",
    input: undefined,
    run: (user) => startExport(user, { kind: "ROSTER", rosterId }),
    revalidate: [{ layout: "/console/rosters" }],
    success: "已开始导出资助名册：正在校验并生成文件，进度见下方；完成后出现下载链接。",
  });
}

/** Starts the 受助情况 export of the school's current term as a job; the 受助情况 page shows its progress. */
export async function startAidRecordExportAction(): Promise<FormState> {
  return formAction({
    access: "exports.national",
    input: undefined,
    run: (user) => startExport(user, { kind: "AID_RECORDS" }),
    revalidate: ["/console/rosters/aid-records"],
    success: "已开始导出受助情况：正在校验并生成文件，进度见下方；完成后出现下载链接。",
  });
}
