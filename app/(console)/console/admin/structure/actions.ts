"use server";

import type { FormState } from "@/lib/forms/state";
import { formAction } from "@/lib/forms/action";
import {
  addClass,
  addGrade,
  editClass,
  editGrade,
  removeClass,
  removeGrade,
} from "@/lib/services/school-structure";

function editStructure(service: typeof addGrade, form: FormData, success: string): Promise<FormState> {
  return formAction({
    access: "structure.edit",
    form,
    run: service,
    revalidate: ["/console/admin/structure"],
    success,
  });
}

export async function addGradeAction(_prev: FormState, form: FormData) {
  return editStructure(addGrade, form, "已添加年级。");
}
export async function editGradeAction(_prev: FormState, form: FormData) {
  return editStructure(editGrade, form, "已保存。");
}
export async function removeGradeAction(_prev: FormState, form: FormData) {
  return editStructure(removeGrade, form, "已删除年级。");
}
export async function addClassAction(_prev: FormState, form: FormData) {
  return editStructure(addClass, form, "已添加班级。");
}
export async function editClassAction(_prev: FormState, form: FormData) {
  return editStructure(editClass, form, "已改名。");
}
export async function removeClassAction(_prev: FormState, form: FormData) {
  return editStructure(removeClass, form, "已删除班级。");
}
