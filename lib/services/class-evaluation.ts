/**
 * 班级评议 (SPEC §5, §7): the teacher orders the class's verified applicants
 * by hardship (move up / down), records the committee (≥ 3 members, no
 * applicant; in senior-high classes student representatives of the class,
 * ≥ 10% of its students) and its report, and submits the class result to the school.
 */
import "server-only";
import type { SessionUser } from "@/lib/auth/session";
import { writeAudit } from "@/lib/db/audit.repo";
import {
  applicantNames,
  classStudentNames,
  findClassInScope,
  findEvaluation,
  listRankable,
  reopenEvaluation,
  saveEvaluation,
  unverifiedApplicantNames,
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
import { evaluationSchema, idSchema } from "@/lib/schemas/teacher";
import { fail, ok, type ActionResult } from "./result";
import { guard } from "./teacher-verification";

const CLASS_NOT_FOUND = "未找到该班级，或该班级不由您负责。";
const SUBMITTED = "本班评议结果已提交学校，不能再修改。";

async function context(user: SessionUser, classId: string | undefined) {
  const g = guard(user, "evaluation.submit");
  if (!g.ok) return g;
  const classes = await listMyClasses(g.data.scope);
  const id = classId ?? classes[0]?.id;
  if (!id || !idSchema.safeParse(id).success) return classId ? fail(CLASS_NOT_FOUND) : ok(null);
  const klass = await findClassInScope(g.data.scope, id);
  if (!klass) return fail(CLASS_NOT_FOUND);
  const term = await findCurrentTerm();
  if (!term) return fail("当前没有开放的资助学期。");
  const [apps, saved, names, students, unverified] = await Promise.all([
    listRankable(g.data.scope, klass.id, term.id),
    findEvaluation(klass.id, term.id),
    applicantNames(g.data.scope, klass.id, term.id),
    classStudentNames(g.data.scope, klass.id),
    unverifiedApplicantNames(g.data.scope, klass.id, term.id),
  ]);
  const senior = klass.grade.stage === "SENIOR";
  const applicantSet = new Set(names);
  const savedOrder = saved?.ranks.map((r) => r.applicationId) ?? [];
  const byId = new Map(apps.map((a) => [a.id, a]));
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
    user: g.data.user,
    classes,
    klass,
    termId: term.id,
    applicantNames: names,
    classStudentNames: students,
    /** Senior classes only (SPEC §7): how many student representatives are needed and who may be one. */
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

export type EvaluationPage = NonNullable<Extract<Awaited<ReturnType<typeof context>>, { ok: true }>["data"]>;

export async function loadEvaluation(user: SessionUser, classId?: string) {
  return context(user, classId);
}

export async function moveApplicant(
  user: SessionUser,
  classId: string,
  applicationId: string,
  direction: "up" | "down",
): Promise<ActionResult<undefined>> {
  const c = await context(user, classId);
  if (!c.ok) return c;
  if (!c.data) return fail(CLASS_NOT_FOUND);
  if (c.data.submittedAt) return fail(SUBMITTED);
  const order = moveInOrder(
    c.data.ranked.map((a) => a.id),
    applicationId,
    direction,
  );
  const done = await saveEvaluation(c.data.klass, c.data.termId, {
    members: c.data.members,
    report: c.data.report,
    order,
  });
  return done ? ok(undefined) : fail(SUBMITTED);
}

/** Saves members and report; with `submit`, checks the committee and submits to the school. */
export async function saveClassEvaluation(
  user: SessionUser,
  classId: string,
  raw: unknown,
  submit: boolean,
): Promise<ActionResult<{ unverified: string[] }>> {
  const c = await context(user, classId);
  if (!c.ok) return c;
  if (!c.data) return fail(CLASS_NOT_FOUND);
  if (c.data.submittedAt) return fail(SUBMITTED);
  const parsed = evaluationSchema.safeParse({ ...(raw as object), order: c.data.ranked.map((a) => a.id) });
  if (!parsed.success)
    return fail(parsed.error.issues[0]!.message, {
      [String(parsed.error.issues[0]!.path[0])]: parsed.error.issues[0]!.message,
    });
  const members = [
    ...parseMembers(parsed.data.members),
    ...parseRepresentatives(parsed.data.representatives),
  ];
  if (submit) {
    const committee = committeeProblems(members, c.data.applicantNames);
    const reps = representativeProblems(
      c.data.klass.grade.stage,
      members,
      c.data.classStudentNames,
      c.data.applicantNames,
    );
    if (committee.length || reps.length) {
      return fail([...committee, ...reps].join(""), {
        ...(committee.length ? { members: committee.join("") } : {}),
        ...(reps.length ? { representatives: reps.join("") } : {}),
      });
    }
    if (parsed.data.report.length < 10)
      return fail("请填写评议报告（至少10个字），说明评议过程和结果。", {
        report: "请填写评议报告（至少10个字）",
      });
    if (c.data.ranked.length === 0) return fail("本班还没有班主任已核实的申请，暂不能提交评议结果。");
  }
  const done = await saveEvaluation(
    c.data.klass,
    c.data.termId,
    { members, report: parsed.data.report, order: parsed.data.order },
    submit ? user.id : undefined,
  );
  if (!done) return fail(SUBMITTED);
  if (submit)
    await writeAudit({
      actorUserId: user.id,
      actorRole: user.role,
      schoolId: c.data.klass.schoolId,
      action: "evaluation.submit",
      targetType: "SchoolClass",
      targetId: c.data.klass.id,
      detail: { ranked: parsed.data.order.length, members: members.length },
    });
  // The warning at submit: these were not evaluated; once verified, a supplementary evaluation ranks them.
  return ok({ unverified: submit ? c.data.unverified : [] });
}

/** 补充评议: reopens the submitted evaluation when applicants were verified after it; audited. */
export async function startSupplementaryEvaluation(
  user: SessionUser,
  classId: string,
): Promise<ActionResult<{ applicants: number }>> {
  const g = guard(user, "evaluation.supplement");
  if (!g.ok) return g;
  const c = await context(user, classId);
  if (!c.ok) return c;
  if (!c.data) return fail(CLASS_NOT_FOUND);
  if (!c.data.submittedAt) return fail("本班评议结果尚未提交，直接调整排序后提交即可。");
  if (c.data.unranked.length === 0) return fail("没有在评议提交后才核实的申请，不需要补充评议。");
  if (!(await reopenEvaluation(g.data.scope, c.data.klass.id, c.data.termId)))
    return fail("评议状态刚刚改变，请刷新页面。");
  await writeAudit({
    actorUserId: user.id,
    actorRole: user.role,
    schoolId: c.data.klass.schoolId,
    action: "evaluation.supplement",
    targetType: "SchoolClass",
    targetId: c.data.klass.id,
    detail: { applicants: c.data.unranked.length },
  });
  return ok({ applicants: c.data.unranked.length });
}
