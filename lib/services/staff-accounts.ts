/**
 * 账号管理: the school admin creates teacher and
 * leader accounts (initial password shown once, changed at first sign-in),
 * assigns teachers to classes, disables accounts and resets passwords of
 * staff, students and parents of the school. Every action is audited.
 */
import "server-only";
import { randomInt } from "node:crypto";
import { hashPassword } from "@/lib/auth/password";
import type { SessionUser } from "@/lib/auth/session";
import { fieldErrorsOf } from "@/lib/forms/field-errors";
import { isUniqueViolation } from "@/lib/db/accounts.repo";
import {
  createStaff,
  findClass,
  findResettable,
  findStaff,
  findStaffAccount,
  listStaff,
  resetRefusal,
  schoolsOfAccount,
  setAssignment,
  setDisabled,
  searchApplicantAccounts,
  setTemporaryPassword,
  type StaffAccount,
  type StaffPage,
} from "@/lib/db/staff.repo";
import { listGradeRefs } from "@/lib/db/student-roster.repo";
import { temporaryPassword } from "@/lib/domain/temp-password";
import { isId } from "@/lib/schemas/id";
import { assignSchema, createStaffSchema, disableSchema, idSchema } from "@/lib/schemas/school-admin";
import { fail, ok, type ActionResult } from "@/lib/domain/result";
import { audit } from "./audit";
import { schoolContext } from "./context";

const NOT_FOUND = "账号不存在，或不属于本校。";
const RESET_NOT_DONE =
  "密码未重置：该账号已不在本校可重置的范围内（可能刚刚转学或被调整），请刷新页面后核对。";
const RESET_REFUSED = {
  STUDENT_ELSEWHERE:
    "该学生目前不在本校就读（已毕业、转出，或学籍在其他学校），本校不能重置其密码：请由其现在所在学校的班主任报告登录问题、由该校资助管理员处理，或联系主管部门。",
  PARENT_CHILD_ELSEWHERE:
    "该家长绑定的孩子中有不在本校就读的（在其他学校，或已毕业、转出），本校不能重置其密码：请由该孩子所在学校的班主任报告登录问题、由该校资助管理员处理，或联系主管部门。",
} as const;
const newPassword = () => temporaryPassword((bound) => randomInt(bound));

/** Page `page` of the school's staff accounts (`pageSize` a page), with their classes. */
export async function listStaffAccounts(
  user: SessionUser,
  page = 1,
  pageSize = 50,
): Promise<ActionResult<StaffPage>> {
  const ctx = schoolContext(user, "account.list");
  if (!ctx.ok) return ctx;
  return ok(await listStaff(ctx.data.scope, page, pageSize));
}

/** One staff account of the school with its classes, for its management page. */
export async function viewStaffAccount(user: SessionUser, id: string): Promise<ActionResult<StaffAccount>> {
  const ctx = schoolContext(user, "account.list");
  if (!ctx.ok) return ctx;
  if (!isId(id)) return fail("NOT_FOUND", NOT_FOUND);
  const account = await findStaffAccount(ctx.data.scope, id);
  return account ? ok(account) : fail("NOT_FOUND", NOT_FOUND);
}

/** The school's grades with their classes, for assigning a teacher to a class. */
export async function listAssignableGrades(user: SessionUser) {
  const ctx = schoolContext(user, "account.list");
  if (!ctx.ok) return ctx;
  return ok(await listGradeRefs(ctx.data.scope));
}

/** Students' and parents' accounts of the school whose name contains `name` (for a password reset). */
export async function findApplicantAccounts(user: SessionUser, name: string) {
  const ctx = schoolContext(user, "account.list");
  if (!ctx.ok) return ctx;
  return ok(name ? await searchApplicantAccounts(ctx.data.scope, name) : []);
}

export async function createStaffAccount(
  user: SessionUser,
  raw: unknown,
): Promise<ActionResult<{ userId: string; username: string; password: string }>> {
  const ctx = schoolContext(user, "account.create");
  if (!ctx.ok) return ctx;
  const parsed = createStaffSchema.safeParse(raw);
  if (!parsed.success) return fail("INVALID", "请按提示修改后再提交。", fieldErrorsOf(parsed.error));
  const password = newPassword();
  try {
    const userId = await createStaff(ctx.data.scope, {
      ...parsed.data,
      passwordHash: await hashPassword(password),
    });
    await audit(
      ctx.data,
      "account.create",
      { type: "User", id: userId },
      { role: parsed.data.role, username: parsed.data.username },
    );
    return ok({ userId, username: parsed.data.username, password });
  } catch (error) {
    if (isUniqueViolation(error))
      return fail("CONFLICT", "该登录名已被使用，请换一个。", { username: "登录名已被使用" });
    throw error;
  }
}

export async function setStaffDisabled(
  user: SessionUser,
  raw: unknown,
): Promise<ActionResult<{ displayName: string; disabled: boolean }>> {
  const ctx = schoolContext(user, "account.disable");
  if (!ctx.ok) return ctx;
  const parsed = disableSchema.safeParse(raw);
  if (!parsed.success) return fail("INVALID", "请求无效，请刷新页面后重试。");
  const target = await findStaff(ctx.data.scope, parsed.data.id);
  if (!target) return fail("NOT_FOUND", NOT_FOUND);
  if (target.id === user.id) return fail("REFUSED", "不能停用自己的账号。");
  await setDisabled(ctx.data.scope, target.id, parsed.data.disabled);
  await audit(ctx.data, parsed.data.disabled ? "account.disable" : "account.enable", {
    type: "User",
    id: target.id,
  });
  return ok({ displayName: target.displayName, disabled: parsed.data.disabled });
}

/** A new temporary password for a staff member, student or parent of the school; all their sessions end. */
export async function resetAccountPassword(
  user: SessionUser,
  raw: unknown,
): Promise<ActionResult<{ displayName: string; password: string }>> {
  const ctx = schoolContext(user, "account.reset_password");
  if (!ctx.ok) return ctx;
  const parsed = idSchema.safeParse(raw);
  if (!parsed.success) return fail("INVALID", "请求无效，请刷新页面后重试。");
  const target = await findResettable(ctx.data.scope, parsed.data.id);
  if (!target) {
    const refusal = await resetRefusal(ctx.data.scope, parsed.data.id);
    return refusal ? fail("REFUSED", RESET_REFUSED[refusal]) : fail("NOT_FOUND", NOT_FOUND);
  }
  const password = newPassword();
  // The account may have left the school's reach since the look-up (a transfer): then nothing was reset.
  if (!(await setTemporaryPassword(ctx.data.scope, target.id, await hashPassword(password)))) {
    const refusal = await resetRefusal(ctx.data.scope, target.id);
    return refusal ? fail("REFUSED", RESET_REFUSED[refusal]) : fail("CONFLICT", RESET_NOT_DONE);
  }
  // Visible in the audit log of every school the account belongs to, not only the resetting one.
  const schools = new Set([ctx.data.schoolId, ...(await schoolsOfAccount(target.id))]);
  for (const schoolId of schools)
    await audit(
      { user, schoolId },
      "account.reset_password",
      { type: "User", id: target.id },
      { role: target.role, resetBySchoolId: ctx.data.schoolId },
    );
  return ok({ displayName: target.displayName, password });
}

export async function assignTeacherToClass(
  user: SessionUser,
  raw: unknown,
): Promise<ActionResult<{ assigned: boolean }>> {
  const ctx = schoolContext(user, "class.assign_teacher");
  if (!ctx.ok) return ctx;
  const parsed = assignSchema.safeParse(raw);
  if (!parsed.success) return fail("INVALID", "请按提示修改后再提交。", fieldErrorsOf(parsed.error));
  const [teacher, klass] = await Promise.all([
    findStaff(ctx.data.scope, parsed.data.teacherId),
    findClass(ctx.data.scope, parsed.data.classId),
  ]);
  if (!teacher || teacher.role !== "TEACHER") return fail("NOT_FOUND", "班主任账号不存在，或不属于本校。");
  if (!klass) return fail("NOT_FOUND", "班级不存在，或不属于本校。");
  await setAssignment(ctx.data.scope, teacher.id, klass.id, parsed.data.assigned);
  await audit(
    ctx.data,
    parsed.data.assigned ? "class.assign_teacher" : "class.unassign_teacher",
    { type: "SchoolClass", id: klass.id },
    { teacherId: teacher.id },
  );
  return ok({ assigned: parsed.data.assigned });
}
