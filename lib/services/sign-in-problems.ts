/** Sign-in problems: reported by the class teacher, handled by the school admin. */
import "server-only";
import {
  createSignInProblem,
  listSignInProblems,
  resolveSignInProblem as closeSignInProblem,
} from "@/lib/db/sign-in-problems.repo";
import { listMyClasses } from "@/lib/db/teacher.repo";
import { fail, ok, type ActionResult } from "@/lib/domain/result";
import type { SessionUser } from "@/lib/domain/session-user";
import { parseInput } from "@/lib/forms/field-errors";
import { idSchema, resolutionSchema, signInProblemSchema } from "@/lib/schemas/teacher";
import { audit } from "./audit";
import { schoolContext, teacherContext } from "./context";

export async function loadTeacherSignInProblems(user: SessionUser) {
  const ctx = teacherContext(user, "signin_problem.report");
  if (!ctx.ok) return ctx;
  const [classes, problems] = await Promise.all([
    listMyClasses(ctx.data.scope),
    listSignInProblems(ctx.data.scope),
  ]);
  return ok({ classes, problems });
}

export async function reportSignInProblem(
  user: SessionUser,
  raw: unknown,
): Promise<ActionResult<{ id: string }>> {
  const ctx = teacherContext(user, "signin_problem.report");
  if (!ctx.ok) return ctx;
  const input = parseInput(signInProblemSchema, raw);
  if (!input.ok) return input;
  const problem = await createSignInProblem(ctx.data.scope, { ...input.data, reportedById: user.id });
  if (!problem)
    return fail("INVALID", "未找到该班级，或该班级不由您负责。", { classId: "请选择您负责的班级" });
  await audit(ctx.data, "signin_problem.report", { type: "SignInProblem", id: problem.id });
  return ok({ id: problem.id });
}

export async function loadAdminSignInProblems(user: SessionUser) {
  const ctx = schoolContext(user, "signin_problem.resolve");
  if (!ctx.ok) return ctx;
  return ok(await listSignInProblems(ctx.data.scope));
}

export async function resolveSignInProblem(
  user: SessionUser,
  problemId: string,
  raw: unknown,
): Promise<ActionResult<undefined>> {
  const ctx = schoolContext(user, "signin_problem.resolve");
  if (!ctx.ok) return ctx;
  const input = parseInput(resolutionSchema, raw);
  if (!input.ok) return input;
  const closed =
    idSchema.safeParse(problemId).success &&
    (await closeSignInProblem(ctx.data.scope, problemId, input.data.resolution, user.id));
  if (!closed) return fail("NOT_FOUND", "未找到该登录问题，或它已处理完毕。");
  await audit(
    ctx.data,
    "signin_problem.resolve",
    { type: "SignInProblem", id: problemId },
    { resolution: input.data.resolution },
  );
  return ok(undefined);
}
