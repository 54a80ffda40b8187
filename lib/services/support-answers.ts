/**
 * 常见问题 of the support desk (issue 21 item 5): each province keeps answers (trained topics, known issues);
 * every staff user of the province searches them, and the filing form suggests the ones most like the typed
 * words (lib/db/support-answers.repo.ts: pg_trgm word similarity, GIN index). A province supervisor adds and
 * removes answers and turns a resolved problem into one.
 */
import "server-only";
import {
  answerOfProblem,
  createAnswer,
  deleteAnswer,
  listAnswers,
  provinceOfPath,
  schoolRegionPath,
  searchAnswers,
} from "@/lib/db/support-answers.repo";
import { findProblem } from "@/lib/db/support.repo";
import { fail, ok, type ActionResult } from "@/lib/domain/result";
import type { SessionUser } from "@/lib/domain/session-user";
import { parseInput } from "@/lib/forms/field-errors";
import { idSchema } from "@/lib/schemas/id";
import { answerDeleteSchema, answerFromProblemSchema, answerSchema } from "@/lib/schemas/support";
import { audit } from "./audit";
import { accessContext, regionContext, type AccessContext } from "./context";

export const PROVINCE_ANSWERS_ONLY = "常见问题由省级主管部门维护。";
const QUERY_MAX = 100;

/** The province the caller belongs to (their region's, or their school's region's). */
async function callerProvince(ctx: AccessContext): Promise<string | null> {
  const path =
    ctx.scope.role === "SUPERVISOR"
      ? ctx.scope.regionPath
      : "schoolId" in ctx.scope
        ? await schoolRegionPath(ctx.scope.schoolId)
        : null;
  return path ? provinceOfPath(path) : null;
}

/** Suggestions for the typed words (at most 5; none for fewer than 2 characters). */
export async function suggestAnswers(user: SessionUser | null, rawQuery: unknown) {
  const ctx = accessContext(user, "support_answer.view");
  if (!ctx.ok) return ctx;
  const query = typeof rawQuery === "string" ? rawQuery.replace(/\s+/g, " ").trim().slice(0, QUERY_MAX) : "";
  if ([...query].length < 2) return ok([]);
  const province = await callerProvince(ctx.data);
  if (!province) return ok([]);
  return ok(await searchAnswers(province, query, 5));
}

/** The 常见问题 page: a search (up to 20 best) or the newest 100; whether the caller may keep them. */
export async function loadAnswers(user: SessionUser, rawQuery: unknown) {
  const ctx = accessContext(user, "support_answer.view");
  if (!ctx.ok) return ctx;
  const province = await callerProvince(ctx.data);
  if (!province) return ok({ answers: [], canManage: false, query: "" });
  const query = typeof rawQuery === "string" ? rawQuery.replace(/\s+/g, " ").trim().slice(0, QUERY_MAX) : "";
  const answers = query ? await searchAnswers(province, query, 20) : await listAnswers(province, 100);
  return ok({ answers, canManage: provinceContext(user).ok, query });
}

/** A province supervisor and their province. */
function provinceContext(user: SessionUser) {
  const ctx = regionContext(user, "support_answer.manage");
  if (!ctx.ok) return ctx;
  if (ctx.data.regionPath.split("/").filter(Boolean).length !== 1)
    return fail("FORBIDDEN", PROVINCE_ANSWERS_ONLY);
  return ctx;
}

export async function saveSupportAnswer(
  user: SessionUser,
  raw: unknown,
): Promise<ActionResult<{ id: string }>> {
  const ctx = provinceContext(user);
  if (!ctx.ok) return ctx;
  const input = parseInput(answerSchema, raw);
  if (!input.ok) return input;
  const answer = await createAnswer({ ...input.data, provinceId: ctx.data.regionId, createdById: user.id });
  await audit(
    ctx.data,
    "support_answer.save",
    { type: "SupportAnswer", id: answer.id },
    { title: input.data.title },
  );
  return ok(answer);
}

export async function deleteSupportAnswer(user: SessionUser, raw: unknown): Promise<ActionResult<undefined>> {
  const ctx = provinceContext(user);
  if (!ctx.ok) return ctx;
  const input = parseInput(answerDeleteSchema, raw);
  if (!input.ok) return input;
  if (!idSchema.safeParse(input.data.id).success || !(await deleteAnswer(ctx.data.regionId, input.data.id)))
    return fail("NOT_FOUND", "未找到该常见问题，可能已删除。");
  await audit(ctx.data, "support_answer.delete", { type: "SupportAnswer", id: input.data.id }, {});
  return ok(undefined);
}

/** Turns an answered problem of the province into a 常见问题 (once). */
export async function answerFromProblem(
  user: SessionUser,
  problemId: unknown,
  raw: unknown,
): Promise<ActionResult<{ id: string }>> {
  const ctx = provinceContext(user);
  if (!ctx.ok) return ctx;
  const input = parseInput(answerFromProblemSchema, raw);
  if (!input.ok) return input;
  const id = idSchema.safeParse(problemId);
  const problem = id.success ? await findProblem(ctx.data.scope, id.data, true) : null;
  if (!problem) return fail("NOT_FOUND", "未找到该问题，或您无权查看。");
  if (problem.state !== "RESOLVED" && problem.state !== "CLOSED")
    return fail("REFUSED", "只有已答复的问题可以转为常见问题。");
  if (await answerOfProblem(problem.id)) return fail("CONFLICT", "该问题已转为常见问题。");
  const answer = await createAnswer({
    ...input.data,
    category: problem.category,
    provinceId: ctx.data.regionId,
    createdById: user.id,
    sourceProblemId: problem.id,
  });
  await audit(
    ctx.data,
    "support_answer.save",
    { type: "SupportAnswer", id: answer.id },
    { title: input.data.title, sourceProblemId: problem.id },
  );
  return ok(answer);
}
