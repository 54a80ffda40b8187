/** Sign-in problems: reported by the class teacher, handled by the school admin (SPEC §2, G). */
import type { SessionUser } from "@/lib/auth/session";
import { fieldErrorsOf, invalidInput } from "@/lib/forms/field-errors";
import { writeAudit } from "@/lib/db/audit.repo";
import {
  createSignInProblem,
  listSignInProblems,
  resolveSignInProblem,
} from "@/lib/db/sign-in-problems.repo";
import { listMyClasses } from "@/lib/db/teacher.repo";
import { idSchema, resolutionSchema, signInProblemSchema } from "@/lib/schemas/teacher";
import { fail, ok, type ActionResult } from "./result";
import { guard } from "./teacher-verification";

export async function loadTeacherSignInProblems(user: SessionUser) {
  const g = guard(user, "signin_problem.report");
  if (!g.ok) return g;
  const [classes, problems] = await Promise.all([
    listMyClasses(g.data.scope),
    listSignInProblems(g.data.scope),
  ]);
  return ok({ classes, problems });
}

export async function reportSignInProblem(
  user: SessionUser,
  raw: unknown,
): Promise<ActionResult<{ id: string }>> {
  const g = guard(user, "signin_problem.report");
  if (!g.ok) return g;
  const parsed = signInProblemSchema.safeParse(raw);
  if (!parsed.success) return fail("INVALID", "请按提示修改标红的内容。", fieldErrorsOf(parsed.error));
  const p = await createSignInProblem(g.data.scope, { ...parsed.data, reportedById: user.id });
  if (!p) return fail("未找到该班级，或该班级不由您负责。", { classId: "请选择您负责的班级" });
  await writeAudit({
    actorUserId: user.id,
    actorRole: user.role,
    schoolId: p.schoolId,
    action: "signin_problem.report",
    targetType: "SignInProblem",
    targetId: p.id,
  });
  return ok({ id: p.id });
}

export async function loadAdminSignInProblems(user: SessionUser) {
  const g = guard(user, "signin_problem.resolve");
  if (!g.ok) return g;
  return ok(await listSignInProblems(g.data.scope));
}

export async function resolveProblem(
  user: SessionUser,
  id: string,
  raw: unknown,
): Promise<ActionResult<undefined>> {
  const g = guard(user, "signin_problem.resolve");
  if (!g.ok) return g;
  const parsed = resolutionSchema.safeParse(raw);
  if (!parsed.success) return invalidInput(parsed.error);
  if (
    !idSchema.safeParse(id).success ||
    !(await resolveSignInProblem(g.data.scope, id, parsed.data.resolution, user.id))
  )
    return fail("未找到该登录问题，或它已处理完毕。");
  await writeAudit({
    actorUserId: user.id,
    actorRole: user.role,
    schoolId: user.schoolId,
    action: "signin_problem.resolve",
    targetType: "SignInProblem",
    targetId: id,
    detail: { resolution: parsed.data.resolution },
  });
  return ok(undefined);
}
