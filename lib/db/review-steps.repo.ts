/**
 * The school's review steps of a term (class evaluation, grade and school committees, the leader's
 * sign-off, reporting upward), recorded with their members and comment.
 */
import "server-only";
import type { Scope } from "@/lib/auth/scope";
import type { ReviewStepKindCode } from "@/lib/domain/codes";
import { db } from "./client";
import type { Prisma } from "./generated/client";
import { schoolWhere } from "./scope";

export async function addReviewStep(
  scope: Scope & { schoolId: string },
  data: {
    termId: string;
    kind: ReviewStepKindCode;
    gradeId: string | null;
    actorId: string;
    members: Prisma.InputJsonValue | undefined;
    comment: string | null;
  },
) {
  if (data.gradeId) {
    const grade = await db().grade.findFirst({
      where: { id: data.gradeId, school: schoolWhere(scope) },
      select: { id: true },
    });
    if (!grade) return null;
  }
  return db().reviewStep.create({
    data: { ...data, schoolId: scope.schoolId },
    select: { id: true, at: true },
  });
}

export function listReviewSteps(scope: Scope, termId: string) {
  return db().reviewStep.findMany({
    where: { termId, school: schoolWhere(scope) },
    orderBy: { at: "asc" },
    select: {
      id: true,
      kind: true,
      at: true,
      comment: true,
      members: true,
      grade: { select: { name: true } },
      actor: { select: { displayName: true, role: true } },
    },
  });
}

export async function lastStepAt(
  scope: Scope,
  termId: string,
  kind: ReviewStepKindCode,
  gradeId?: string | null,
): Promise<Date | null> {
  const step = await db().reviewStep.findFirst({
    where: {
      termId,
      kind,
      school: schoolWhere(scope),
      ...(gradeId ? { OR: [{ gradeId }, { gradeId: null }] } : {}),
    },
    orderBy: { at: "desc" },
    select: { at: true },
  });
  return step?.at ?? null;
}
