/**
 * The school's decision on each application: review (approve or return), the final level (an override of
 * the simulated level needs a reason), the grade committee's adjustment, and the bulk acceptance of a class.
 */
import "server-only";
import { VersionConflict } from "@/lib/db/applications.repo";
import {
  findForScoring,
  findManyForScoring,
  listedCategories,
  type ScoringApplication,
} from "@/lib/db/scoring-input.repo";
import { reviewTransition, setFinalLevel, setGradeAdjusted } from "@/lib/db/final-level.repo";
import { HARDSHIP_LEVEL_LABELS, type ApplicationState, type HardshipLevel } from "@/lib/domain/codes";
import { overrideProblem } from "@/lib/domain/determination";
import { fail, ok, type ActionResult } from "@/lib/domain/result";
import { tierLevelProblem } from "@/lib/domain/scoring";
import type { SessionUser } from "@/lib/domain/session-user";
import { endOfBeijingDayAfter } from "@/lib/domain/teacher-review";
import { parseInput } from "@/lib/forms/field-errors";
import {
  bulkAcceptSchema,
  gradeAdjustSchema,
  reviewSchema,
  setLevelSchema,
} from "@/lib/schemas/determination";
import { audit } from "./audit";
import { schoolTermContext } from "./context";
import {
  CONFLICT_MESSAGE,
  NO_MODEL_MESSAGE,
  NOT_FOUND_MESSAGE,
  transitionActor,
} from "./determination-failures";
import { categoriesOf, simulateAndSave, type Simulation } from "./simulation";
import { applicantOf, notifyApplicationDetermined } from "./notifications/applicant-events";

/** Approves an application for determination, or returns it to the applicant (three days to fix it). */
export async function reviewApplication(
  user: SessionUser,
  raw: unknown,
): Promise<ActionResult<{ state: ApplicationState }>> {
  const ctx = await schoolTermContext(user, "determination.review");
  if (!ctx.ok) return ctx;
  const input = parseInput(reviewSchema, raw);
  if (!input.ok) return input;
  const to = input.data.decision === "approve" ? "reviewed" : "returned";
  try {
    await reviewTransition(ctx.data.scope, {
      applicationId: input.data.applicationId,
      version: input.data.version,
      to,
      actor: transitionActor(ctx.data),
      comment: input.data.comment || (to === "reviewed" ? "学校审核通过" : ""),
      returnDeadline: to === "returned" ? endOfBeijingDayAfter(new Date(), 3) : undefined,
    });
  } catch (error) {
    if (!(error instanceof VersionConflict)) throw error;
    return (await findForScoring(ctx.data.scope, input.data.applicationId))
      ? fail("CONFLICT", CONFLICT_MESSAGE)
      : fail("NOT_FOUND", NOT_FOUND_MESSAGE);
  }
  await audit(
    ctx.data,
    `application.${to}`,
    { type: "Application", id: input.data.applicationId },
    { comment: input.data.comment },
  );
  return ok({ state: to });
}

/** Sets the final level of a verified application; a level other than the simulated one needs a reason. */
export async function setLevel(
  user: SessionUser,
  raw: unknown,
): Promise<ActionResult<{ level: HardshipLevel }>> {
  const ctx = await schoolTermContext(user, "determination.set_level");
  if (!ctx.ok) return ctx;
  const input = parseInput(setLevelSchema, raw);
  if (!input.ok) return input;
  const application = await findForScoring(ctx.data.scope, input.data.applicationId);
  if (!application || application.termId !== ctx.data.term.id) return fail("NOT_FOUND", NOT_FOUND_MESSAGE);
  if (!["verified", "reviewed", "determined"].includes(application.state))
    return fail("REFUSED", "只有班主任已核实的申请才能认定。");
  const simulation = await simulateAndSave(application, await categoriesOf(application));
  if (!simulation) return fail("REFUSED", NO_MODEL_MESSAGE);
  const level = input.data.level;
  const tierProblem = tierLevelProblem(simulation.tier, level, application.student.stage);
  if (tierProblem) return fail("INVALID", tierProblem, { level: tierProblem });
  const proposed = proposedLevel(application, simulation);
  // Keeping the grade committee's level carries its reason; any other change needs the admin's own.
  const reason = input.data.reason || (level === proposed.level ? proposed.reason : null) || "";
  const problem = overrideProblem(simulation.level, level, reason);
  if (problem) return fail("INVALID", problem, { reason: problem });
  const asSimulated = simulation.level === level;
  try {
    await setFinalLevel(ctx.data.scope, {
      applicationId: application.id,
      version: input.data.version,
      from: application.state as "verified" | "reviewed" | "determined",
      level,
      reason: asSimulated ? null : reason,
      actor: transitionActor(ctx.data),
      onWritten: (tx) => notifyApplicationDetermined(tx, applicantOf(application), level),
      comment: `认定为${HARDSHIP_LEVEL_LABELS[level]}${
        asSimulated
          ? "（与模拟等级一致）"
          : `（模拟等级${HARDSHIP_LEVEL_LABELS[simulation.level]}，调整理由：${reason}）`
      }`,
    });
  } catch (error) {
    if (error instanceof VersionConflict) return fail("CONFLICT", CONFLICT_MESSAGE);
    throw error;
  }
  await audit(
    ctx.data,
    "determination.set",
    { type: "Application", id: application.id },
    { level, simulated: simulation.level, reason: input.data.reason || null },
  );
  return ok({ level });
}

/** The grade committee adjusts a simulated level (招远细则: 年级认定小组…可对班级认定情况予以适当调整); a change needs a reason. */
export async function adjustGradeLevel(
  user: SessionUser,
  raw: unknown,
): Promise<ActionResult<{ level: HardshipLevel }>> {
  const ctx = await schoolTermContext(user, "determination.grade_adjust");
  if (!ctx.ok) return ctx;
  const input = parseInput(gradeAdjustSchema, raw);
  if (!input.ok) return input;
  const application = await findForScoring(ctx.data.scope, input.data.applicationId);
  if (!application || application.termId !== ctx.data.term.id) return fail("NOT_FOUND", NOT_FOUND_MESSAGE);
  const simulation = await simulateAndSave(application, await categoriesOf(application));
  if (!simulation) return fail("REFUSED", NO_MODEL_MESSAGE);
  const { level, reason } = input.data;
  const tierProblem = tierLevelProblem(simulation.tier, level, application.student.stage);
  if (tierProblem) return fail("INVALID", tierProblem, { level: tierProblem });
  const problem = overrideProblem(simulation.level, level, reason);
  if (problem) return fail("INVALID", problem.replace("认定等级", "调整后的等级"), { reason: problem });
  const asSimulated = simulation.level === level;
  const done = await setGradeAdjusted(ctx.data.scope, {
    applicationId: application.id,
    level,
    reason: asSimulated ? "与模拟等级一致" : reason,
    actor: transitionActor(ctx.data),
    comment: `年级认定小组调整为${HARDSHIP_LEVEL_LABELS[level]}${asSimulated ? "（与模拟等级一致）" : `（理由：${reason}）`}`,
  });
  if (!done) return fail("REFUSED", "只有尚未确定最终等级的已核实申请才能由年级认定小组调整。");
  await audit(
    ctx.data,
    "determination.grade_adjust",
    { type: "Application", id: application.id },
    { level, simulated: simulation.level },
  );
  return ok({ level });
}

/** The level a bulk acceptance or an unchanged final level takes: the grade committee's, else the simulated one. */
function proposedLevel(
  application: ScoringApplication,
  simulation: Simulation,
): { level: HardshipLevel; reason: string | null } {
  const adjusted = application.determination?.gradeAdjustedLevel;
  if (adjusted && adjusted !== simulation.level)
    return {
      level: adjusted,
      reason: `年级认定小组调整：${application.determination?.gradeAdjustReason ?? ""}`,
    };
  return { level: simulation.level, reason: null };
}

export type BulkResult = {
  accepted: { id: string; name: string; level: HardshipLevel }[];
  exceptions: { id: string; name: string; reason: string }[];
};

/** Accepts the simulated level of every verified/reviewed application of a class, except those listed; reports every exception. */
export async function acceptClassLevels(user: SessionUser, raw: unknown): Promise<ActionResult<BulkResult>> {
  const ctx = await schoolTermContext(user, "determination.bulk_accept");
  if (!ctx.ok) return ctx;
  const input = parseInput(bulkAcceptSchema, raw);
  if (!input.ok) return input;
  const applications = await findManyForScoring(ctx.data.scope, ctx.data.term.id, input.data.classId, [
    "verified",
    "reviewed",
  ]);
  if (applications.length === 0) return fail("REFUSED", "该班级没有待认定的申请（需班主任已核实）。");
  const excluded = new Set(input.data.exclude);
  const categories = await listedCategories(applications.map((application) => application.personId));
  const result: BulkResult = { accepted: [], exceptions: [] };
  for (const application of applications) {
    const { id } = application;
    const name = application.person.name;
    if (excluded.has(id)) {
      result.exceptions.push({ id, name, reason: "已选择单独认定" });
      continue;
    }
    if (!application.household) {
      result.exceptions.push({ id, name, reason: "缺少家庭经济情况，无法计算模拟等级" });
      continue;
    }
    const simulation = await simulateAndSave(application, categories.get(application.personId) ?? []);
    if (!simulation) {
      result.exceptions.push({ id, name, reason: "没有可用的评分模型" });
      continue;
    }
    const proposed = proposedLevel(application, simulation);
    if (tierLevelProblem(simulation.tier, proposed.level, application.student.stage)) {
      result.exceptions.push({
        id,
        name,
        reason: "年级调整的等级不符合本学段“不分档次”的设置，请单独认定",
      });
      continue;
    }
    try {
      await setFinalLevel(ctx.data.scope, {
        applicationId: id,
        version: application.version,
        from: application.state as "verified" | "reviewed",
        level: proposed.level,
        reason: proposed.reason,
        actor: transitionActor(ctx.data),
        onWritten: (tx) => notifyApplicationDetermined(tx, applicantOf(application), proposed.level),
        comment: proposed.reason
          ? `批量确认年级调整等级：${HARDSHIP_LEVEL_LABELS[proposed.level]}（${proposed.reason}）`
          : `批量确认模拟等级：${HARDSHIP_LEVEL_LABELS[proposed.level]}`,
      });
      result.accepted.push({ id, name, level: proposed.level });
    } catch (error) {
      if (!(error instanceof VersionConflict)) throw error;
      result.exceptions.push({ id, name, reason: "刚被他人处理，未改动" });
    }
  }
  await audit(
    ctx.data,
    "determination.bulk_accept",
    { type: "SchoolClass", id: input.data.classId },
    { accepted: result.accepted.length, exceptions: result.exceptions.length },
  );
  return ok(result);
}
