/**
 * 班级评议 (SPEC §5, §7): the teacher orders the class's verified applicants
 * by hardship (move up / down), records the committee (≥ 3 members, no
 * applicant; in senior-high classes student representatives of the class,
 * ≥ 10% of its students) and its report, and submits the class result to the school.
 */
import type { SessionUser } from "@/lib/auth/session";
import { writeAudit } from "@/lib/db/audit.repo";
import {
  applicantNames,
  classStudentNames,
  findClassInScope,
  findEvaluation,
  listRankable,
  saveEvaluation,
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
  const [apps, saved, names, students] = await Promise.all([
    listRankable(g.data.scope, klass.id, term.id),
    findEvaluation(klass.id, term.id),
    applicantNames(g.data.scope, klass.id, term.id),
    classStudentNames(g.data.scope, klass.id),
  ]);
  const senior = klass.grade.stage === "SENIOR";
  const applicantSet = new Set(names);
  const order = mergeOrder(
    saved?.ranks.map((r) => r.applicationId) ?? [],
    apps.map((a) => a.id),
  );
  const byId = new Map(apps.map((a) => [a.id, a]));
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
): Promise<ActionResult<undefined>> {
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
  return ok(undefined);
}
