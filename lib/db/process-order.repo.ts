/**
 * The facts the order of the determination process depends on (see
 * lib/domain/process-order.ts), read within the caller's school scope, and the
 * names of the term's applicants a committee may not include.
 */
import "server-only";
import type { Scope } from "@/lib/auth/scope";
import type { ProcessFacts } from "@/lib/domain/process-order";
import { db } from "./client";
import { lastStepAt } from "./review-steps.repo";
import { applicationWhere, schoolWhere } from "./scope";

/** Applications the committees work on (class teacher verified, or later). */
const RANKABLE = { in: ["verified", "reviewed", "determined"] as ("verified" | "reviewed" | "determined")[] };
const day = (d: Date) => d.toISOString().slice(0, 10);

export async function processFacts(
  scope: Scope & { schoolId: string },
  termId: string,
  gradeId: string | null,
  today: string,
): Promise<ProcessFacts> {
  const [school, classes, grades, committeeAt, signOffAt, centreReviewAt, finalBatch] = await Promise.all([
    db().school.findFirst({
      where: { AND: [schoolWhere(scope), { id: scope.schoolId }] },
      select: { isVillage: true },
    }),
    gradeId
      ? db().schoolClass.findMany({
          where: {
            gradeId,
            schoolId: scope.schoolId,
            applications: { some: { termId, state: RANKABLE } },
            evaluations: { none: { termId, submittedAt: { not: null } } },
          },
          select: { name: true, grade: { select: { name: true } } },
          orderBy: { name: "asc" },
        })
      : Promise.resolve([]),
    db().grade.findMany({
      where: {
        schoolId: scope.schoolId,
        classes: { some: { applications: { some: { termId, state: RANKABLE } } } },
      },
      select: {
        name: true,
        publicityBatches: {
          where: { termId, scope: "GRADE", kind: "DETERMINATION" },
          orderBy: { endDate: "desc" },
          take: 1,
          select: { endDate: true },
        },
      },
      orderBy: { name: "asc" },
    }),
    lastStepAt(scope, termId, "SCHOOL_COMMITTEE"),
    lastStepAt(scope, termId, "LEADER_SIGNOFF"),
    lastStepAt(scope, termId, "CENTRE_SCHOOL_REVIEW"),
    db().publicityBatch.findFirst({
      where: { schoolId: scope.schoolId, termId, scope: "SCHOOL", kind: "DETERMINATION", state: "FINAL" },
      select: { id: true },
    }),
  ]);
  return {
    isVillage: school?.isVillage ?? false,
    classesWithoutEvaluation: classes.map((c) => `${c.grade.name}${c.name}`),
    gradesWithoutEndedPublicity: grades.flatMap((grade) => {
      const end = grade.publicityBatches[0]?.endDate;
      if (end && day(end) < today) return [];
      return [end ? `${grade.name}（公示至 ${day(end)}）` : `${grade.name}（尚未公示）`];
    }),
    committeeAt,
    signOffAt,
    centreReviewAt,
    schoolPublicityFinal: finalBatch !== null,
  };
}

/** The last day ("YYYY-MM-DD") of the term's latest-ending grade publicity at the school, or null. */
export async function lastGradePublicityEnd(
  scope: Scope & { schoolId: string },
  termId: string,
): Promise<string | null> {
  const batch = await db().publicityBatch.findFirst({
    where: {
      school: schoolWhere(scope),
      schoolId: scope.schoolId,
      termId,
      scope: "GRADE",
      kind: "DETERMINATION",
    },
    orderBy: { endDate: "desc" },
    select: { endDate: true },
  });
  return batch ? day(batch.endDate) : null;
}

/** Names of the term's applicants (not waived) in the grade, or in the whole school: they may not sit on its committee. */
export async function committeeApplicantNames(
  scope: Scope,
  termId: string,
  gradeId: string | null,
): Promise<string[]> {
  const rows = await db().application.findMany({
    where: {
      AND: [
        applicationWhere(scope),
        { termId, state: { notIn: ["waived", "withdrawn"] } },
        gradeId ? { class: { gradeId } } : {},
      ],
    },
    select: { person: { select: { name: true } } },
  });
  return rows.map((r) => r.person.name);
}
