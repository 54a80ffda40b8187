/**
 * The school's determination queue (applications under review and determined) and the grades and
 * classes its filter lists. Every query ANDs the caller's Scope.
 */
import "server-only";
import type { Scope } from "@/lib/auth/scope";
import type { ApplicationState, HardshipLevel } from "@/lib/domain/codes";
import { db, readDb } from "./client";
import type { Prisma } from "./generated/client";
import { applicationWhere, classWhere, schoolWhere } from "./scope";

const QUEUE_STATES: ApplicationState[] = ["verified", "reviewed", "determined", "revoked"];

export type QueueRow = {
  id: string;
  state: ApplicationState;
  version: number;
  name: string;
  studentNo: string;
  className: string;
  classId: string;
  gradeName: string;
  simulatedLevel: HardshipLevel | null;
  simulatedScore: number | null;
  finalLevel: HardshipLevel | null;
  overrideReason: string | null;
  gradeAdjustedLevel: HardshipLevel | null;
  classRank: number | null;
};

/**
 * One page of the determination queue. Reads from the replica ({@link readDb}): a read-only list; the
 * simulations its page fills in are written with a guard against determined rows (saveSimulations), and
 * every determination action re-reads its application (and version) on the primary.
 */
export async function listQueue(
  scope: Scope,
  termId: string,
  opts: { gradeId?: string; classId?: string; state?: ApplicationState; page: number; pageSize: number },
): Promise<{ rows: QueueRow[]; total: number }> {
  const where: Prisma.ApplicationWhereInput = {
    AND: [
      applicationWhere(scope),
      { termId, state: opts.state ? opts.state : { in: QUEUE_STATES } },
      opts.classId ? { classId: opts.classId } : opts.gradeId ? { class: { gradeId: opts.gradeId } } : {},
    ],
  };
  const reader = await readDb();
  const [total, apps] = await Promise.all([
    reader.application.count({ where }),
    reader.application.findMany({
      // Class name, person name, id through the trigger-kept copies of the names (migration 070):
      // the index (schoolId, termId, sortClassName, sortName, id) returns the page without sorting the school's queue.
      where,
      orderBy: [{ sortClassName: "asc" }, { sortName: "asc" }, { id: "asc" }],
      skip: (opts.page - 1) * opts.pageSize,
      take: opts.pageSize,
      select: {
        id: true,
        state: true,
        version: true,
        classId: true,
        person: { select: { name: true } },
        student: { select: { studentNo: true } },
        class: { select: { name: true, grade: { select: { name: true } } } },
        determination: {
          select: {
            simulatedLevel: true,
            simulatedScore: true,
            finalLevel: true,
            overrideReason: true,
            gradeAdjustedLevel: true,
          },
        },
        rankings: { select: { rank: true }, take: 1 },
      },
    }),
  ]);
  return {
    total,
    rows: apps.map((application) => ({
      id: application.id,
      state: application.state,
      version: application.version,
      name: application.person.name,
      studentNo: application.student.studentNo,
      className: application.class.name,
      classId: application.classId,
      gradeName: application.class.grade.name,
      simulatedLevel: application.determination?.simulatedLevel ?? null,
      simulatedScore: application.determination?.simulatedScore ?? null,
      finalLevel: application.determination?.finalLevel ?? null,
      overrideReason: application.determination?.overrideReason ?? null,
      gradeAdjustedLevel: application.determination?.gradeAdjustedLevel ?? null,
      classRank: application.rankings[0]?.rank ?? null,
    })),
  };
}

/** The school's classes, or one grade's (a large school has hundreds: the queue's filter lists one grade's). */
export function listClasses(scope: Scope, gradeId?: string) {
  return db().schoolClass.findMany({
    where: { AND: [classWhere(scope), gradeId ? { gradeId } : {}] },
    orderBy: [{ grade: { name: "asc" } }, { name: "asc" }],
    select: { id: true, name: true, gradeId: true, grade: { select: { name: true } } },
  });
}

/** One class of the caller's scope (its grade), or null. */
export function findClass(scope: Scope, classId: string) {
  return db().schoolClass.findFirst({
    where: { AND: [classWhere(scope), { id: classId }] },
    select: { id: true, gradeId: true },
  });
}

export function listGrades(scope: Scope) {
  return db().grade.findMany({
    where: { school: schoolWhere(scope) },
    orderBy: { name: "asc" },
    select: { id: true, name: true },
  });
}
