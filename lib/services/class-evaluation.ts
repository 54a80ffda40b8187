/**
 * 班级评议 (招远细则, docs/policy-sources.md; rules in lib/domain/class-evaluation.ts):
 * the teacher orders the class's verified applicants by hardship (move up /
 * down), records the committee (≥ 3 members, no applicant; in senior-high
 * classes student representatives of the class, ≥ 10% of its students) and its
 * report, and submits the class result to the school.
 */
import "server-only";
import { notifyClassEvaluationSubmitted } from "./notifications/staff-events";
import type { SessionUser } from "@/lib/domain/session-user";
import {
  findClassInScope,
  findEvaluation,
  listRankable,
  reopenEvaluation,
  saveEvaluation,
  evaluationNameLists,
} from "@/lib/db/class-evaluation.repo";
import { listMyClasses } from "@/lib/db/teacher.repo";
import { findCurrentTerm } from "@/lib/db/terms.repo";
import {
  committeeProblems,
  mergeOrder,
  minStudentRepresentatives,
  moveInOrder,
  parseMembers,
  parseRepresentatives,
  representativeProblems,
  type CommitteeMember,
} from "@/lib/domain/class-evaluation";
import { invalidInput } from "@/lib/forms/field-errors";
import { evaluationSchema, idSchema } from "@/lib/schemas/teacher";
import { audit } from "./audit";
import { fail, ok, type ActionResult } from "@/lib/domain/result";
import { teacherContext } from "./context";

const CLASS_NOT_FOUND = "未找到该班级，或该班级不由您负责。";
const SUBMITTED = "本班评议结果已提交学校，不能再修改。";

/** The class's evaluation page: the teacher's classes, the class, its rankable applicants and the saved evaluation. */
async function evaluationPage(user: SessionUser, classId: string | undefined) {
  const ctx = teacherContext(user, "evaluation.submit");
  if (!ctx.ok) return ctx;
  const classes = await listMyClasses(ctx.data.scope);
  const id = classId ?? classes[0]?.id;
  if (!id || !idSchema.safeParse(id).success) return classId ? fail("NOT_FOUND", CLASS_NOT_FOUND) : ok(null);
  const klass = await findClassInScope(ctx.data.scope, id);
  if (!klass) return fail("NOT_FOUND", CLASS_NOT_FOUND);
  const term = await findCurrentTerm();
  if (!term) return fail("REFUSED", "当前没有开放的资助学期。");
  const [apps, saved, { applicants: names, students, unverified }] = await Promise.all([
    listRankable(ctx.data.scope, klass.id, term.id),
    findEvaluation(klass.id, term.id),
    evaluationNameLists(ctx.data.scope, klass.id, term.id),
  ]);
  const senior = klass.grade.stage === "SENIOR";
  const applicantSet = new Set(names);
  const savedOrder = saved?.ranks.map((rank) => rank.applicationId) ?? [];
  const byId = new Map(apps.map((app) => [app.id, app]));
  // Once submitted, only the ranks the committee gave are ranks: an applicant verified afterwards is
  // listed apart as not evaluated (never shown as "5." when the school holds 4 ranks).
  const order = saved?.submittedAt
    ? savedOrder.filter((id) => byId.has(id))
    : mergeOrder(
        savedOrder,
        apps.map((a) => a.id),
      );
  const rankedIds = new Set(order);
  return ok({
    user: ctx.data.user,
    classes,
    klass,
    termId: term.id,
    applicantNames: names,
    classStudentNames: students,
    /**
     * Senior classes only (≥ 10% of the class, lib/domain/class-evaluation.ts): how many student
     * representatives are needed and who may be one.
     */
    representatives: senior
      ? {
          min: minStudentRepresentatives(students.length),
          classSize: students.length,
          eligible: students.filter((n) => !applicantSet.has(n)),
        }
      : null,
    ranked: order.map((id) => byId.get(id)!),
    /** Verified after the evaluation was submitted: not ranked; a supplementary evaluation ranks them. */
    unranked: saved?.submittedAt ? apps.filter((a) => !rankedIds.has(a.id)) : [],
    /** Applications of the class the teacher has not verified yet (submitted or returned): not ranked. */
    unverified,
    members: (saved?.members ?? []) as CommitteeMember[],
    report: saved?.report ?? "",
    submittedAt: saved?.submittedAt ?? null,
  });
}

export type EvaluationPage = NonNullable<
  Extract<Awaited<ReturnType<typeof evaluationPage>>, { ok: true }>["data"]
>;

export async function loadEvaluation(user: SessionUser, classId?: string) {
  return evaluationPage(user, classId);
}

export async function moveApplicant(
  user: SessionUser,
  classId: string,
  applicationId: string,
  direction: "up" | "down",
): Promise<ActionResult<undefined>> {
  const evaluation = await evaluationPage(user, classId);
  if (!evaluation.ok) return evaluation;
  if (!evaluation.data) return fail("NOT_FOUND", CLASS_NOT_FOUND);
  if (evaluation.data.submittedAt) return fail("REFUSED", SUBMITTED);
  const order = moveInOrder(
    evaluation.data.ranked.map((a) => a.id),
    applicationId,
    direction,
  );
  const done = await saveEvaluation(evaluation.data.klass, evaluation.data.termId, {
    members: evaluation.data.members,
    report: evaluation.data.report,
    order,
  });
  return done ? ok(undefined) : fail("REFUSED", SUBMITTED);
}

/** Saves members and report; with `submit`, checks the committee and submits to the school. */
export async function saveClassEvaluation(
  user: SessionUser,
  classId: string,
  raw: unknown,
  submit: boolean,
): Promise<ActionResult<{ unverified: string[] }>> {
  const evaluation = await evaluationPage(user, classId);
  if (!evaluation.ok) return evaluation;
  if (!evaluation.data) return fail("NOT_FOUND", CLASS_NOT_FOUND);
  if (evaluation.data.submittedAt) return fail("REFUSED", SUBMITTED);
  const parsed = evaluationSchema.safeParse({
    ...(raw as object),
    order: evaluation.data.ranked.map((ranked) => ranked.id),
  });
  if (!parsed.success) return invalidInput(parsed.error);
  const members = [
    ...parseMembers(parsed.data.members),
    ...parseRepresentatives(parsed.data.representatives),
  ];
  if (submit) {
    const committee = committeeProblems(members, evaluation.data.applicantNames);
    const representatives = representativeProblems(
      evaluation.data.klass.grade.stage,
      members,
      evaluation.data.classStudentNames,
      evaluation.data.applicantNames,
    );
    if (committee.length || representatives.length) {
      return fail("INVALID", [...committee, ...representatives].join(""), {
        ...(committee.length ? { members: committee.join("") } : {}),
        ...(representatives.length ? { representatives: representatives.join("") } : {}),
      });
    }
    if (parsed.data.report.length < 10)
      return fail("INVALID", "请填写评议报告（至少10个字），说明评议过程和结果。", {
        report: "请填写评议报告（至少10个字）",
      });
    if (evaluation.data.ranked.length === 0)
      return fail("REFUSED", "本班还没有班主任已核实的申请，暂不能提交评议结果。");
  }
  const done = await saveEvaluation(
    evaluation.data.klass,
    evaluation.data.termId,
    { members, report: parsed.data.report, order: parsed.data.order },
    submit ? user.id : undefined,
    (tx) => notifyClassEvaluationSubmitted(tx, evaluation.data!.klass),
  );
  if (!done) return fail("REFUSED", SUBMITTED);
  if (submit)
    await audit(
      { user, schoolId: evaluation.data.klass.schoolId },
      "evaluation.submit",
      { type: "SchoolClass", id: evaluation.data.klass.id },
      { ranked: parsed.data.order.length, members: members.length },
    );
  // The warning at submit: these were not evaluated; once verified, a supplementary evaluation ranks them.
  return ok({ unverified: submit ? evaluation.data.unverified : [] });
}

/** 补充评议: reopens the submitted evaluation when applicants were verified after it; audited. */
export async function startSupplementaryEvaluation(
  user: SessionUser,
  classId: string,
): Promise<ActionResult<{ applicants: number }>> {
  const ctx = teacherContext(user, "evaluation.supplement");
  if (!ctx.ok) return ctx;
  const evaluation = await evaluationPage(user, classId);
  if (!evaluation.ok) return evaluation;
  if (!evaluation.data) return fail("NOT_FOUND", CLASS_NOT_FOUND);
  if (!evaluation.data.submittedAt) return fail("REFUSED", "本班评议结果尚未提交，直接调整排序后提交即可。");
  if (evaluation.data.unranked.length === 0)
    return fail("REFUSED", "没有在评议提交后才核实的申请，不需要补充评议。");
  if (!(await reopenEvaluation(ctx.data.scope, evaluation.data.klass.id, evaluation.data.termId)))
    return fail("CONFLICT", "评议状态刚刚改变，请刷新页面。");
  await audit(
    { user, schoolId: evaluation.data.klass.schoolId },
    "evaluation.supplement",
    { type: "SchoolClass", id: evaluation.data.klass.id },
    { applicants: evaluation.data.unranked.length },
  );
  return ok({ applicants: evaluation.data.unranked.length });
}
