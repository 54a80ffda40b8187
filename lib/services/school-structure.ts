/**
 * 年级与班级 (SPEC §1, issue 5 item 2): grades per stage and their classes,
 * editable by the school admin. A class with students (or applications)
 * cannot be deleted; a grade only when it has no classes. Audited.
 */
import "server-only";
import type { SessionUser } from "@/lib/auth/session";
import { fieldErrorsOf } from "@/lib/forms/field-errors";
import { isUniqueViolation } from "@/lib/db/accounts.repo";
import { writeAudit } from "@/lib/db/audit.repo";
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
import type { AuditAction } from "@/lib/domain/audit-actions";
import { STAGE_LABELS } from "@/lib/domain/codes";
import {
  classRenameSchema,
  classSchema,
  gradeSchema,
  gradeUpdateSchema,
  idSchema,
} from "@/lib/schemas/school-admin";
import { permitSchool } from "./permit";
import { fail, ok, type ActionResult } from "./result";

const INVALID = "请按提示修改后再提交。";

export async function schoolStructure(user: SessionUser) {
  const p = permitSchool(user, "structure.edit");
  if (!p.ok) return fail(p.message);
  const [school, grades] = await Promise.all([findOwnSchool(p.scope), listStructure(p.scope)]);
  if (!school) return fail("学校不存在。");
  return ok({ school, grades });
}

async function audit(
  user: SessionUser,
  schoolId: string,
  action: AuditAction,
  targetType: string,
  targetId: string,
  detail?: Record<string, string | number>,
) {
  await writeAudit({
    actorUserId: user.id,
    actorRole: user.role,
    schoolId,
    action,
    targetType,
    targetId,
    detail,
  });
}

export async function addGrade(user: SessionUser, raw: unknown): Promise<ActionResult<{ id: string }>> {
  const p = permitSchool(user, "structure.edit");
  if (!p.ok) return fail(p.message);
  const parsed = gradeSchema.safeParse(raw);
  if (!parsed.success) return fail("INVALID", INVALID, fieldErrorsOf(parsed.error));
  const school = await findOwnSchool(p.scope);
  if (!school) return fail("学校不存在。");
  if (!school.stages.includes(parsed.data.stage)) {
    return fail(`本校没有${STAGE_LABELS[parsed.data.stage]}学段。`, {
      stage: `请选择本校的学段：${school.stages.map((s) => STAGE_LABELS[s]).join("、")}`,
    });
  }
  try {
    const id = await createGrade(p.schoolId, parsed.data);
    await audit(user, p.schoolId, "structure.grade_create", "Grade", id, { name: parsed.data.name });
    return ok({ id });
  } catch (e) {
    if (isUniqueViolation(e)) return fail("该学段已有同名年级。", { name: "年级名称已存在" });
    throw e;
  }
}

export async function editGrade(user: SessionUser, raw: unknown): Promise<ActionResult<{ id: string }>> {
  const p = permitSchool(user, "structure.edit");
  if (!p.ok) return fail(p.message);
  const parsed = gradeUpdateSchema.safeParse(raw);
  if (!parsed.success) return fail("INVALID", INVALID, fieldErrorsOf(parsed.error));
  const grade = await findGrade(p.scope, parsed.data.id);
  if (!grade) return fail("年级不存在。");
  try {
    await updateGrade(p.scope, grade.id, { name: parsed.data.name, entryYear: parsed.data.entryYear });
  } catch (e) {
    if (isUniqueViolation(e)) return fail("该学段已有同名年级。", { name: "年级名称已存在" });
    throw e;
  }
  await audit(user, p.schoolId, "structure.grade_update", "Grade", grade.id, {
    from: grade.name,
    to: parsed.data.name,
  });
  return ok({ id: grade.id });
}

export async function removeGrade(user: SessionUser, raw: unknown): Promise<ActionResult<{ id: string }>> {
  const p = permitSchool(user, "structure.edit");
  if (!p.ok) return fail(p.message);
  const parsed = idSchema.safeParse(raw);
  if (!parsed.success) return fail(INVALID);
  const grade = await findGrade(p.scope, parsed.data.id);
  if (!grade) return fail("年级不存在。");
  if (grade._count.classes > 0)
    return fail(`${grade.name}下还有 ${grade._count.classes} 个班级，请先删除班级。`);
  if (!(await deleteGrade(p.scope, grade.id))) return fail(`${grade.name}下已有班级或学生，不能删除。`);
  await audit(user, p.schoolId, "structure.grade_delete", "Grade", grade.id, { name: grade.name });
  return ok({ id: grade.id });
}

export async function addClass(user: SessionUser, raw: unknown): Promise<ActionResult<{ id: string }>> {
  const p = permitSchool(user, "structure.edit");
  if (!p.ok) return fail(p.message);
  const parsed = classSchema.safeParse(raw);
  if (!parsed.success) return fail("INVALID", INVALID, fieldErrorsOf(parsed.error));
  const grade = await findGrade(p.scope, parsed.data.gradeId);
  if (!grade) return fail("年级不存在。", { gradeId: "请选择本校的年级" });
  try {
    const id = await createClass(p.schoolId, grade.id, parsed.data.name);
    await audit(user, p.schoolId, "structure.class_create", "SchoolClass", id, {
      grade: grade.name,
      name: parsed.data.name,
    });
    return ok({ id });
  } catch (e) {
    if (isUniqueViolation(e)) return fail(`${grade.name}已有同名班级。`, { name: "班级名称已存在" });
    throw e;
  }
}

export async function editClass(user: SessionUser, raw: unknown): Promise<ActionResult<{ id: string }>> {
  const p = permitSchool(user, "structure.edit");
  if (!p.ok) return fail(p.message);
  const parsed = classRenameSchema.safeParse(raw);
  if (!parsed.success) return fail("INVALID", INVALID, fieldErrorsOf(parsed.error));
  const klass = await findClassInScope(p.scope, parsed.data.id);
  if (!klass) return fail("班级不存在。");
  try {
    await renameClass(p.scope, klass.id, parsed.data.name);
  } catch (e) {
    if (isUniqueViolation(e)) return fail("该年级已有同名班级。", { name: "班级名称已存在" });
    throw e;
  }
  await audit(user, p.schoolId, "structure.class_rename", "SchoolClass", klass.id, {
    from: klass.name,
    to: parsed.data.name,
  });
  return ok({ id: klass.id });
}

export async function removeClass(user: SessionUser, raw: unknown): Promise<ActionResult<{ id: string }>> {
  const p = permitSchool(user, "structure.edit");
  if (!p.ok) return fail(p.message);
  const parsed = idSchema.safeParse(raw);
  if (!parsed.success) return fail(INVALID);
  const klass = await findClassInScope(p.scope, parsed.data.id);
  if (!klass) return fail("班级不存在。");
  if (klass._count.students > 0)
    return fail(
      `${klass.name}还有 ${klass._count.students} 名学生，不能删除。请先把学生调到其他班级（重新导入名册）。`,
    );
  if (klass._count.applications > 0) return fail(`${klass.name}有资助申请记录，不能删除。`);
  if (!(await deleteClass(p.scope, klass.id))) return fail(`${klass.name}已有学生或资助申请，不能删除。`);
  await audit(user, p.schoolId, "structure.class_delete", "SchoolClass", klass.id, { name: klass.name });
  return ok({ id: klass.id });
}
