"use server";

import { formAction } from "@/lib/forms/action";
import type { FormState } from "@/lib/forms/state";
import {
  addRegion,
  importRegistry,
  renameRegionInSubtree,
  saveRegistrySchool,
  type RegistryImportResult,
} from "@/lib/services/school-registry";

const PATH = "/console/supervisor/schools";
/** Rejected rows listed on screen; the rest are counted. */
const SHOWN_ERRORS = 200;

export async function addRegionAction(_prev: FormState, form: FormData) {
  return formAction({
    access: "school_registry.edit",
    form,
    run: (user, input) => addRegion(user, input),
    revalidate: [PATH],
    success: "已新增行政区划。",
  });
}

export async function renameRegionAction(_prev: FormState, form: FormData) {
  return formAction({
    access: "school_registry.edit",
    form,
    run: (user, input) => renameRegionInSubtree(user, input),
    revalidate: [PATH],
    success: "已修改名称。",
  });
}

export async function saveSchoolAction(_prev: FormState, form: FormData) {
  return formAction({
    access: "school_registry.edit",
    form,
    run: (user, input) => saveRegistrySchool(user, input),
    revalidate: [PATH],
    success: (data) => ({
      ok: true,
      message: data.created ? `已新增学校 ${data.code}。` : `已更新学校 ${data.code}。`,
    }),
  });
}

function importState(data: RegistryImportResult): NonNullable<FormState> {
  const saved = `新增 ${data.created} 所、更新 ${data.updated} 所学校`;
  if (data.errors.length === 0) return { ok: true, message: `导入完成：${saved}。` };
  const shown = data.errors.slice(0, SHOWN_ERRORS);
  const more = data.errors.length - shown.length;
  return {
    ok: false,
    code: "INVALID",
    message: `导入完成：${saved}；${data.errors.length} 行未导入，请按下列原因修改后重新导入这些行${more > 0 ? `（另有 ${more} 行未列出）` : ""}：`,
    fieldErrors: Object.fromEntries(
      shown.map((error) => [`row${error.row}`, `第${error.row}行：${error.reason}`]),
    ),
  };
}

export async function importRegistryAction(_prev: FormState, form: FormData) {
  return formAction({
    access: "school_registry.import",
    input: form.get("file"),
    run: (user, file) => importRegistry(user, file),
    revalidate: [PATH],
    success: importState,
  });
}
