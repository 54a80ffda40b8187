/**
 * 班级评议 records: the ordered verified applicants of a class, the committee
 * and its report; once submitted, a CLASS_EVALUATION review step is written
 * for the school and the record is read-only.
 */
import "server-only";
import type { Scope } from "@/lib/auth/scope";
import type { CommitteeMember } from "@/lib/domain/class-evaluation";
import { db, type Tx } from "./client";
import { Prisma } from "./generated/client";
import { applicationWhere, classWhere } from "./scope";

export async function findClassInScope(scope: Scope, classId: string) {
  return db().schoolClass.findFirst({
    where: { AND: [classWhere(scope), { id: classId }] },
    select: {
      id: true,
      schoolId: true,
      gradeId: true,
      name: true,
      grade: { select: { name: true, stage: true } },
      school: { select: { name: true } },
    },
  });
}

/** Verified (and later) applications of the class this term: the ones the committee ranks. */
export function listRankable(scope: Scope, classId: string, termId: string) {
  return db().application.findMany({
    where: {
      AND: [
        applicationWhere(scope),
        { classId, termId, kind: "REGULAR", state: { in: ["verified", "reviewed", "determined"] } },
      ],
    },
    select: {
      id: true,
      state: true,
      person: { select: { name: true } },
      household: { select: { perCapitaMonthlyIncomeFen: true } },
      homeVisit: { select: { totalScore: true } },
    },
    // Until the committee orders them: the lowest per-capita income first.
    orderBy: [
      { household: { perCapitaMonthlyIncomeFen: { sort: "asc", nulls: "last" } } },
      { person: { name: "asc" } },
    ],
  });
}

/**
 * The three name lists of a class's evaluation page in one plain statement: everyone who applied this term
 * (not waived), of them the ones still waiting for the teacher (submitted or returned, by name), and the
 * class's in-school students (by name); three Prisma reads before (the teacher opens this page all day;
 * bench/README.md §4).
 * The class teacher's own classes only (the same rule as their scope).
 */
export async function evaluationNameLists(
  scope: Scope,
  classId: string,
  termId: string,
): Promise<{ applicants: string[]; unverified: string[]; students: string[] }> {
  const rows = await db().$queryRaw<{ kind: "applicant" | "unverified" | "student"; name: string }[]>`
    SELECT CASE WHEN a."state" IN ('submitted', 'returned') THEN 'unverified' ELSE 'applicant' END AS "kind", p."name"
    FROM "Application" a JOIN "Person" p ON p."id" = a."personId"
    WHERE a."classId" = ${classId} AND a."termId" = ${termId} AND a."state" <> 'waived' AND a."kind" = 'REGULAR'
      AND ${ownClassSql(scope, Prisma.sql`a`)}
    UNION ALL
    SELECT 'student', p."name"
    FROM "Student" s JOIN "Person" p ON p."id" = s."personId"
    WHERE s."classId" = ${classId} AND s."status" = 'IN_SCHOOL' AND ${ownClassSql(scope, Prisma.sql`s`)}
    ORDER BY 2`;
  const lists = { applicants: [] as string[], unverified: [] as string[], students: [] as string[] };
  for (const row of rows) {
    if (row.kind === "student") lists.students.push(row.name);
    else lists.applicants.push(row.name);
    if (row.kind === "unverified") lists.unverified.push(row.name);
  }
  return lists;
}

/** A row (alias `alias`, with schoolId and classId) of the class teacher's own classes: as applicationWhere/studentWhere. */
function ownClassSql(scope: Scope, alias: Prisma.Sql): Prisma.Sql {
  if (scope.role !== "TEACHER") throw new Error("the class evaluation is the class teacher's");
  return Prisma.sql`${alias}."schoolId" = ${scope.schoolId} AND EXISTS (SELECT 1 FROM "TeacherClass" tc
    WHERE tc."classId" = ${alias}."classId" AND tc."teacherId" = ${scope.userId})`;
}

export function findEvaluation(classId: string, termId: string) {
  return db().classEvaluation.findUnique({
    where: { termId_classId: { termId, classId } },
    select: {
      id: true,
      members: true,
      report: true,
      submittedAt: true,
      ranks: { orderBy: { rank: "asc" }, select: { applicationId: true } },
    },
  });
}

/**
 * Saves members, report and order (ranks 1..n) for a class in scope; with
 * `submitBy`, marks it submitted and writes the review step. Returns false
 * when the evaluation was already submitted (nothing is written then).
 */
export async function saveEvaluation(
  klass: { id: string; schoolId: string; gradeId: string },
  termId: string,
  data: { members: CommitteeMember[]; report: string; order: string[] },
  submitBy?: string,
  /** Writes of the submission's transaction (its notification: lib/services/notifications/staff-events.ts). */
  onWritten?: (tx: Tx) => Promise<unknown>,
): Promise<boolean> {
  return db().$transaction(async (tx) => {
    const existing = await tx.classEvaluation.findUnique({
      where: { termId_classId: { termId, classId: klass.id } },
      select: { id: true, submittedAt: true },
    });
    if (existing?.submittedAt) return false;
    const fields = {
      members: data.members as unknown as Prisma.InputJsonValue,
      report: data.report,
      ...(submitBy ? { submittedAt: new Date(), submittedById: submitBy } : {}),
    };
    let evaluationId: string;
    if (existing) {
      // Conditional update: of two concurrent submissions only one finds it still unsubmitted.
      const updated = await tx.classEvaluation.updateMany({
        where: { id: existing.id, submittedAt: null },
        data: fields,
      });
      if (updated.count === 0) return false;
      evaluationId = existing.id;
    } else {
      evaluationId = (
        await tx.classEvaluation.create({
          data: { termId, classId: klass.id, ...fields },
          select: { id: true },
        })
      ).id;
    }
    await tx.classEvaluationRank.deleteMany({ where: { evaluationId } });
    await tx.classEvaluationRank.createMany({
      data: data.order.map((applicationId, i) => ({ evaluationId, applicationId, rank: i + 1 })),
    });
    if (submitBy) {
      await tx.reviewStep.create({
        data: {
          termId,
          schoolId: klass.schoolId,
          gradeId: klass.gradeId,
          kind: "CLASS_EVALUATION",
          actorId: submitBy,
          members: data.members as unknown as Prisma.InputJsonValue,
          comment: data.report,
        },
      });
      await onWritten?.(tx);
    }
    return true;
  });
}

/**
 * Opens a submitted evaluation again for a supplementary evaluation (补充评议) of applicants
 * verified after it was submitted: the ranks and committee stay, the teacher orders the new
 * applicants and submits again (a new CLASS_EVALUATION step). False when it was not submitted
 * or the class is outside the caller's scope.
 */
export async function reopenEvaluation(scope: Scope, classId: string, termId: string): Promise<boolean> {
  const updated = await db().classEvaluation.updateMany({
    where: { classId, termId, submittedAt: { not: null }, class: classWhere(scope) },
    data: { submittedAt: null, submittedById: null },
  });
  return updated.count === 1;
}
