/**
 * Sign-in problems: the class teacher records who cannot sign in
 * and what happens; the school admin handles them. Teachers see the problems
 * of their classes, admins those of their school.
 */
import "server-only";
import type { Scope } from "@/lib/auth/scope";
import type { Role } from "@/lib/domain/codes";
import { db } from "./client";
import type { Prisma } from "./generated/client";
import { classWhere, schoolWhere } from "./scope";

function problemWhere(scope: Scope): Prisma.SignInProblemWhereInput {
  return scope.role === "TEACHER"
    ? { schoolId: scope.schoolId, class: classWhere(scope) }
    : { school: schoolWhere(scope) };
}

const VIEW = {
  id: true,
  subjectName: true,
  subjectRole: true,
  description: true,
  state: true,
  resolution: true,
  createdAt: true,
  resolvedAt: true,
  class: { select: { name: true, grade: { select: { name: true } } } },
  reportedBy: { select: { displayName: true } },
  handledBy: { select: { displayName: true } },
  /** The support ticket the school admin turned it into (lib/services/support-desk.ts), if any. */
  supportProblem: { select: { id: true } },
} satisfies Prisma.SignInProblemSelect;

export type SignInProblemView = Prisma.SignInProblemGetPayload<{ select: typeof VIEW }>;

export function listSignInProblems(scope: Scope, take = 200): Promise<SignInProblemView[]> {
  return db().signInProblem.findMany({
    where: problemWhere(scope),
    select: VIEW,
    orderBy: [{ state: "asc" }, { createdAt: "desc" }],
    take,
  });
}

/** Records a problem for a class within the teacher's scope; null when the class is not theirs. */
export async function createSignInProblem(
  scope: Scope,
  data: {
    classId: string;
    subjectName: string;
    subjectRole: Role;
    description: string;
    reportedById: string;
  },
): Promise<{ id: string; schoolId: string } | null> {
  const klass = await db().schoolClass.findFirst({
    where: { AND: [classWhere(scope), { id: data.classId }] },
    select: { id: true, schoolId: true },
  });
  if (!klass) return null;
  const problem = await db().signInProblem.create({
    data: { ...data, schoolId: klass.schoolId },
    select: { id: true, schoolId: true },
  });
  return problem;
}

/** Closes an open problem within scope; false when not found or already closed. */
export async function resolveSignInProblem(
  scope: Scope,
  id: string,
  resolution: string,
  handledById: string,
): Promise<boolean> {
  const updated = await db().signInProblem.updateMany({
    where: { AND: [problemWhere(scope), { id, state: "OPEN" }] },
    data: { state: "DONE", resolution, handledById, resolvedAt: new Date() },
  });
  return updated.count === 1;
}
