/**
 * 年级与班级: grades per stage and their classes,
 * editable by the school admin. A class with students (or applications)
 * cannot be deleted; a grade only when it has no classes. Audited.
 */
import "server-only";
import type { SessionUser } from "@/lib/auth/session";
import { fieldErrorsOf } from "@/lib/forms/field-errors";
import { isUniqueViolation } from "@/lib/db/accounts.repo";
import {
  createClass,
  createGrade,
  deleteClass,
  deleteGrade,
  findClassInScope,
  findGrade,
  findOwnSchool,
  listStructure,
  renameClass,
  updateGrade,
} from "@/lib/db/structure.repo";
import { STAGE_LABELS } from "@/lib/domain/codes";
import {
  classRenameSchema,
  classSchema,
  gradeSchema,
  gradeUpdateSchema,
  idSchema,
} from "@/lib/schemas/school-admin";
import { fail, ok, type ActionResult } from "@/lib/domain/result";
import { audit } from "./audit";
import { schoolContext } from "./context";

const INVALID = "请按提示修改后再提交。";

/** Runs a rename; a name already used beside it answers CONFLICT on the name field, else null. */
async function nameTakenOr(write: () => Promise<unknown>, message: string, fieldMessage: string) {
  try {
    await write();
    return null;
  } catch (error) {
    if (isUniqueViolation(error)) return fail("CONFLICT", message, { name: fieldMessage });
    throw error;
  }
}

export async function schoolStructure(user: SessionUser) {
  const ctx = schoolContext(user, "structure.edit");
  if (!ctx.ok) return ctx;
  const [school, grades] = await Promise.all([findOwnSchool(ctx.data.scope), listStructure(ctx.data.scope)]);
  if (!school) return fail("NOT_FOUND", "学校不存在。");
  return ok({ school, grades });
}

export async function addGrade(user: SessionUser, raw: unknown): Promise<ActionResult<{ id: string }>> {
  const ctx = schoolContext(user, "structure.edit");
  if (!ctx.ok) return ctx;
  const parsed = gradeSchema.safeParse(raw);
  if (!parsed.success) return fail("INVALID", INVALID, fieldErrorsOf(parsed.error));
  const school = await findOwnSchool(ctx.data.scope);
  if (!school) return fail("NOT_FOUND", "学校不存在。");
  if (!school.stages.includes(parsed.data.stage)) {
    return fail("INVALID", `本校没有${STAGE_LABELS[parsed.data.stage]}学段。`, {
      stage: `请选择本校的学段：${school.stages.map((stage) => STAGE_LABELS[stage]).join("、")}`,
    });
  }
  try {
    const id = await createGrade(ctx.data.schoolId, parsed.data);
    await audit(ctx.data, "structure.grade_create", { type: "Grade", id: id }, { name: parsed.data.name });
    return ok({ id });
  } catch (error) {
    if (isUniqueViolation(error)) return fail("CONFLICT", "该学段已有同名年级。", { name: "年级名称已存在" });
    throw error;
  }
}

export async function editGrade(user: SessionUser, raw: unknown): Promise<ActionResult<{ id: string }>> {
  const ctx = schoolContext(user, "structure.edit");
  if (!ctx.ok) return ctx;
  const parsed = gradeUpdateSchema.safeParse(raw);
  if (!parsed.success) return fail("INVALID", INVALID, fieldErrorsOf(parsed.error));
  const grade = await findGrade(ctx.data.scope, parsed.data.id);
  if (!grade) return fail("NOT_FOUND", "年级不存在。");
  const taken = await nameTakenOr(
    () => updateGrade(ctx.data.scope, grade.id, { name: parsed.data.name, entryYear: parsed.data.entryYear }),
    "该学段已有同名年级。",
    "年级名称已存在",
  );
  if (taken) return taken;
  await audit(
    ctx.data,
    "structure.grade_update",
    { type: "Grade", id: grade.id },
    {
      from: grade.name,
      to: parsed.data.name,
    },
  );
  return ok({ id: grade.id });
}

export async function removeGrade(user: SessionUser, raw: unknown): Promise<ActionResult<{ id: string }>> {
  const ctx = schoolContext(user, "structure.edit");
  if (!ctx.ok) return ctx;
  const parsed = idSchema.safeParse(raw);
  if (!parsed.success) return fail("INVALID", INVALID);
  const grade = await findGrade(ctx.data.scope, parsed.data.id);
  if (!grade) return fail("NOT_FOUND", "年级不存在。");
  if (grade._count.classes > 0)
    return fail("REFUSED", `${grade.name}下还有 ${grade._count.classes} 个班级，请先删除班级。`);
  if (!(await deleteGrade(ctx.data.scope, grade.id)))
    return fail("REFUSED", `${grade.name}下已有班级或学生，不能删除。`);
  await audit(ctx.data, "structure.grade_delete", { type: "Grade", id: grade.id }, { name: grade.name });
  return ok({ id: grade.id });
}

export async function addClass(user: SessionUser, raw: unknown): Promise<ActionResult<{ id: string }>> {
  const ctx = schoolContext(user, "structure.edit");
  if (!ctx.ok) return ctx;
  const parsed = classSchema.safeParse(raw);
  if (!parsed.success) return fail("INVALID", INVALID, fieldErrorsOf(parsed.error));
  const grade = await findGrade(ctx.data.scope, parsed.data.gradeId);
  if (!grade) return fail("NOT_FOUND", "年级不存在。", { gradeId: "请选择本校的年级" });
  try {
    const id = await createClass(ctx.data.schoolId, grade.id, parsed.data.name);
    await audit(
      ctx.data,
      "structure.class_create",
      { type: "SchoolClass", id: id },
      {
        grade: grade.name,
        name: parsed.data.name,
      },
    );
    return ok({ id });
  } catch (error) {
    if (isUniqueViolation(error))
      return fail("CONFLICT", `${grade.name}已有同名班级。`, { name: "班级名称已存在" });
    throw error;
  }
}

export async function editClass(user: SessionUser, raw: unknown): Promise<ActionResult<{ id: string }>> {
  const ctx = schoolContext(user, "structure.edit");
  if (!ctx.ok) return ctx;
  const parsed = classRenameSchema.safeParse(raw);
  if (!parsed.success) return fail("INVALID", INVALID, fieldErrorsOf(parsed.error));
  const klass = await findClassInScope(ctx.data.scope, parsed.data.id);
  if (!klass) return fail("NOT_FOUND", "班级不存在。");
  const taken = await nameTakenOr(
    () => renameClass(ctx.data.scope, klass.id, parsed.data.name),
    "该年级已有同名班级。",
    "班级名称已存在",
  );
  if (taken) return taken;
  await audit(
    ctx.data,
    "structure.class_rename",
    { type: "SchoolClass", id: klass.id },
    {
      from: klass.name,
      to: parsed.data.name,
    },
  );
  return ok({ id: klass.id });
}

export async function removeClass(user: SessionUser, raw: unknown): Promise<ActionResult<{ id: string }>> {
  const ctx = schoolContext(user, "structure.edit");
  if (!ctx.ok) return ctx;
  const parsed = idSchema.safeParse(raw);
  if (!parsed.success) return fail("INVALID", INVALID);
  const klass = await findClassInScope(ctx.data.scope, parsed.data.id);
  if (!klass) return fail("NOT_FOUND", "班级不存在。");
  if (klass._count.students > 0)
    return fail(
      "REFUSED",
      `${klass.name}还有 ${klass._count.students} 名学生，不能删除。请先把学生调到其他班级（重新导入名册）。`,
    );
  if (klass._count.applications > 0) return fail("REFUSED", `${klass.name}有资助申请记录，不能删除。`);
  if (!(await deleteClass(ctx.data.scope, klass.id)))
    return fail("REFUSED", `${klass.name}已有学生或资助申请，不能删除。`);
  await audit(
    ctx.data,
    "structure.class_delete",
    { type: "SchoolClass", id: klass.id },
    { name: klass.name },
  );
  return ok({ id: klass.id });
}
