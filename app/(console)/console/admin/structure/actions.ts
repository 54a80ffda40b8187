"use server";

import { revalidatePath } from "next/cache";
import type { FormState } from "@/lib/forms/state";
import { authorize } from "@/lib/auth/access";
import { formValues } from "@/lib/forms/read";
import type { ActionResult } from "@/lib/services/result";
import {
  addClass,
  addGrade,
  editClass,
  editGrade,
  removeClass,
  removeGrade,
} from "@/lib/services/school-structure";

type Service = (user: Parameters<typeof addGrade>[0], raw: unknown) => Promise<ActionResult<{ id: string }>>;

async function run(service: Service, form: FormData, fields: string[], done: string): Promise<FormState> {
  const auth = await authorize("structure.edit");
  if (!auth.ok) return { ok: false, message: auth.message };
  const values = formValues(form, fields);
  const r = await service(auth.user, values);
  if (!r.ok) return { ok: false, message: r.message, fieldErrors: r.fieldErrors, values };
  revalidatePath("/console/admin/structure");
  return { ok: true, message: done };
}

export const addGradeAction = async (_p: FormState, f: FormData) =>
  run(addGrade, f, ["stage", "name", "entryYear"], "已添加年级。");
export const editGradeAction = async (_p: FormState, f: FormData) =>
  run(editGrade, f, ["id", "name", "entryYear"], "已保存。");
export const removeGradeAction = async (_p: FormState, f: FormData) =>
  run(removeGrade, f, ["id"], "已删除年级。");
export const addClassAction = async (_p: FormState, f: FormData) =>
  run(addClass, f, ["gradeId", "name"], "已添加班级。");
export const editClassAction = async (_p: FormState, f: FormData) =>
  run(editClass, f, ["id", "name"], "已改名。");
export const removeClassAction = async (_p: FormState, f: FormData) =>
  run(removeClass, f, ["id"], "已删除班级。");
