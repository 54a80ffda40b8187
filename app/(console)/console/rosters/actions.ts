"use server";

import { revalidatePath } from "next/cache";
import type { FormState } from "@/lib/forms/state";
import { authorize } from "@/lib/auth/access";
import type { SessionUser } from "@/lib/auth/session";
import { createRosterPublicity } from "@/lib/services/publicity";
import type { ActionResult } from "@/lib/services/result";
import {
  addEntry,
  approveRoster,
  correctPayment,
  generateRoster,
  pay,
  removeEntry,
  reversePayment,
  saveProgramme,
  unlockRoster,
} from "@/lib/services/rosters";

const v = (f: FormData, k: string) => {
  const x = f.get(k);
  return typeof x === "string" ? x : "";
};

async function run<T>(
  fn: (u: SessionUser) => Promise<ActionResult<T>>,
  okMessage: (d: T) => string,
): Promise<FormState> {
  const a = await authorize("rosters.manage");
  if (!a.ok) return { message: a.message };
  const r = await fn(a.user);
  if (!r.ok) return { message: r.message, fieldErrors: r.fieldErrors };
  revalidatePath("/console/rosters", "layout");
  return { ok: true, message: okMessage(r.data) };
}

export async function programmeAction(_: FormState, f: FormData): Promise<FormState> {
  return run(
    (u) =>
      saveProgramme(u, {
        programmeId: v(f, "programmeId"),
        amountMode: v(f, "amountMode"),
        fixedAmount: v(f, "fixedAmount"),
        amountSpecial: v(f, "amountSpecial"),
        amountHardship: v(f, "amountHardship"),
        amountGeneral: v(f, "amountGeneral"),
        quota: v(f, "quota"),
        budget: v(f, "budget"),
      }),
    () => "已保存金额、名额和预算。",
  );
}
export async function generateAction(programmeId: string): Promise<FormState> {
  return run(
    (u) => generateRoster(u, programmeId),
    (d) => `已生成名单：${d.count}人。${d.skipped.length ? `未列入：${d.skipped.join("、")}` : ""}`,
  );
}
export async function removeEntryAction(entryId: string): Promise<FormState> {
  return run(
    (u) => removeEntry(u, entryId),
    () => "已移出名单。",
  );
}
export async function approveAction(rosterId: string): Promise<FormState> {
  return run(
    (u) => approveRoster(u, rosterId),
    () => "名单已审核通过并锁定。",
  );
}
export async function unlockAction(_: FormState, f: FormData): Promise<FormState> {
  return run(
    (u) => unlockRoster(u, { rosterId: v(f, "rosterId"), reason: v(f, "reason") }),
    () => "名单已解锁，可以调整。",
  );
}
export async function payAction(_: FormState, f: FormData): Promise<FormState> {
  return run(
    (u) => pay(u, { entryId: v(f, "entryId"), amount: v(f, "amount"), reason: v(f, "reason") }),
    () => "已登记发放。",
  );
}
export async function correctPaymentAction(_: FormState, f: FormData): Promise<FormState> {
  return run(
    (u) => correctPayment(u, { entryId: v(f, "entryId"), amount: v(f, "amount"), reason: v(f, "reason") }),
    () => "已更正实发金额，原记录保留。",
  );
}
export async function reversePaymentAction(_: FormState, f: FormData): Promise<FormState> {
  return run(
    (u) => reversePayment(u, { entryId: v(f, "entryId"), reason: v(f, "reason") }),
    () => "已冲销这笔发放，原记录保留。",
  );
}
export async function addEntryAction(_: FormState, f: FormData): Promise<FormState> {
  return run(
    (u) =>
      addEntry(u, {
        rosterId: v(f, "rosterId"),
        studentNo: v(f, "studentNo"),
        amount: v(f, "amount"),
        note: v(f, "note"),
        exception: v(f, "exception"),
      }),
    () => "已加入名单。",
  );
}
export async function rosterPublicityAction(
  rosterId: string,
  _s: FormState,
  f: FormData,
): Promise<FormState> {
  const a = await authorize("publicity.manage");
  if (!a.ok) return { message: a.message };
  const r = await createRosterPublicity(a.user, rosterId, v(f, "startDate"));
  if (!r.ok) return { message: r.message };
  revalidatePath("/console/determination/publicity");
  return { ok: true, message: `已发布受助名单公示（${r.data.items}人），公示期至 ${r.data.endDate}。` };
}
