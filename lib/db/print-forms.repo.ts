/**
 * What the printed forms (components/print/*) show, read within the caller's Scope: applications with their
 * household, a class's evaluation, a roster's entries for the sign-off sheet, a publicity batch, the school's
 * determinations of a term. Every query ANDs the scope (lib/db/scope.ts): a teacher's own classes, an admin's
 * school; anything else reads as absent.
 */
import "server-only";
import type { Scope } from "@/lib/auth/scope";
import { db } from "./client";
import type { Prisma } from "./generated/client";
import { applicationWhere, classWhere, schoolWhere, studentWhere } from "./scope";

/** Applications that have a signed form to print: submitted at least once (a draft has nothing signed). */
const PRINTABLE_STATES = ["submitted", "returned", "verified", "reviewed", "determined", "revoked"] as const;

export type PrintSelection = { applicationId: string } | { classId: string };

function selectionWhere(selection: PrintSelection): Prisma.ApplicationWhereInput {
  return "applicationId" in selection ? { id: selection.applicationId } : { classId: selection.classId };
}

const APPLICATION_FORM_SELECT = {
  id: true,
  personId: true,
  state: true,
  enteredOnPaper: true,
  commitmentSignedAt: true,
  submittedAt: true,
  person: { select: { name: true, gender: true, idNumberMasked: true, birthDate: true } },
  student: {
    select: {
      studentNo: true,
      stage: true,
      guardians: {
        orderBy: { sortOrder: "asc" },
        select: { name: true, relation: true, phoneMasked: true },
      },
    },
  },
  school: { select: { name: true } },
  class: { select: { name: true, grade: { select: { name: true } } } },
  term: { select: { name: true } },
  household: true,
  familyMembers: { orderBy: { sortOrder: "asc" } },
  suddenEvents: true,
  programmes: { select: { programme: { select: { name: true } } } },
  determination: { select: { finalLevel: true, revokedAt: true } },
} satisfies Prisma.ApplicationSelect;

type ApplicationFormRow = Prisma.ApplicationGetPayload<{ select: typeof APPLICATION_FORM_SELECT }>;

/** The applications of one student or one class in a term, in class order (sort keys of migration 070). */
export function listApplicationForms(
  scope: Scope,
  termId: string,
  selection: PrintSelection,
): Promise<ApplicationFormRow[]> {
  return db().application.findMany({
    where: {
      AND: [applicationWhere(scope), selectionWhere(selection)],
      termId,
      state: { in: [...PRINTABLE_STATES] },
    },
    orderBy: [{ sortClassName: "asc" }, { sortName: "asc" }, { id: "asc" }],
    select: APPLICATION_FORM_SELECT,
  });
}

/** The applications of a selection that have a home visit recorded: ids and the visit, for the scoring sheet. */
export function listHomeVisits(scope: Scope, termId: string, selection: PrintSelection) {
  return db().application.findMany({
    where: {
      AND: [applicationWhere(scope), selectionWhere(selection)],
      termId,
      homeVisit: { isNot: null },
    },
    orderBy: [{ sortClassName: "asc" }, { sortName: "asc" }, { id: "asc" }],
    select: {
      id: true,
      person: { select: { name: true } },
      school: { select: { name: true } },
      class: { select: { name: true } },
      term: { select: { name: true } },
      homeVisit: {
        select: {
          visitDate: true,
          visitors: true,
          findings: true,
          totalScore: true,
          scoringModel: { select: { name: true, version: true } },
        },
      },
    },
  });
}

/** A class's evaluation of a term with the ranked applicants' names (the class must be in scope: lib/db/class-evaluation.repo.ts findClassInScope). */
export function findEvaluationRecord(classId: string, termId: string) {
  return db().classEvaluation.findUnique({
    where: { termId_classId: { termId, classId } },
    select: {
      members: true,
      report: true,
      submittedAt: true,
      ranks: {
        orderBy: { rank: "asc" },
        select: {
          rank: true,
          application: {
            select: {
              person: { select: { name: true } },
              determination: { select: { simulatedLevel: true, finalLevel: true } },
            },
          },
        },
      },
    },
  });
}

/** The rosters (semester lists) of a term whose entries the caller may see, for the sign-off sheet picker. */
export function listPrintRosters(scope: Scope, termId: string) {
  return db().roster.findMany({
    where: {
      termId,
      month: null,
      school: schoolWhere(scope),
      entries: { some: { student: studentWhere(scope) } },
    },
    orderBy: [{ programme: { name: "asc" } }],
    select: { id: true, state: true, programme: { select: { name: true } } },
  });
}

/** A roster's entries within scope (and within one class when given), in class order, for the sign-off sheet. */
export async function findSignOffRoster(scope: Scope, rosterId: string, classId: string | null) {
  const roster = await db().roster.findFirst({
    where: { id: rosterId, school: schoolWhere(scope) },
    select: {
      id: true,
      state: true,
      month: true,
      school: { select: { name: true } },
      term: { select: { name: true } },
      programme: { select: { name: true } },
    },
  });
  if (!roster) return null;
  const entries = await db().rosterEntry.findMany({
    where: {
      rosterId,
      student: { AND: [studentWhere(scope), classId ? { classId } : {}] },
    },
    orderBy: [{ student: { sortClassName: "asc" } }, { student: { sortName: "asc" } }, { id: "asc" }],
    select: {
      id: true,
      amountFen: true,
      paidAmountFen: true,
      actualAmountFen: true,
      level: true,
      student: { select: { classId: true, sortClassName: true, person: { select: { name: true } } } },
    },
  });
  return { roster, entries };
}

/** A publicity batch of the caller's school with its items (what the public page shows, nothing else). */
export function findPublicityTable(scope: Scope, batchId: string) {
  return db().publicityBatch.findFirst({
    where: { id: batchId, school: schoolWhere(scope) },
    select: {
      id: true,
      title: true,
      kind: true,
      startDate: true,
      endDate: true,
      school: { select: { name: true } },
      term: { select: { name: true } },
      items: {
        orderBy: [{ sortOrder: "asc" }, { id: "asc" }],
        select: { studentName: true, className: true, result: true },
      },
    },
  });
}

/** The school's publicity batches of a term (picker and archive). */
export function listPublicityBatches(scope: Scope, termId: string) {
  return db().publicityBatch.findMany({
    where: { termId, school: schoolWhere(scope) },
    orderBy: [{ startDate: "asc" }, { id: "asc" }],
    select: { id: true, title: true, startDate: true },
  });
}

/** The school's determined applications of a term (final level set) and its review steps, for the summary. */
export async function findDeterminationSummary(scope: Scope, termId: string) {
  const school = await db().school.findFirst({ where: schoolWhere(scope), select: { id: true, name: true } });
  if (!school) return null;
  const [determinations, steps] = await Promise.all([
    db().application.findMany({
      where: {
        AND: [applicationWhere(scope)],
        schoolId: school.id,
        termId,
        determination: { finalLevel: { not: null } },
      },
      orderBy: [{ sortClassName: "asc" }, { sortName: "asc" }, { id: "asc" }],
      select: {
        person: { select: { name: true } },
        class: { select: { name: true } },
        state: true,
        determination: { select: { finalLevel: true, revokedAt: true } },
      },
    }),
    db().reviewStep.findMany({
      where: { schoolId: school.id, termId },
      orderBy: { at: "asc" },
      select: { kind: true, at: true, comment: true, actor: { select: { displayName: true } } },
    }),
  ]);
  return { school, determinations, steps };
}

/** The classes of the caller's scope in a school (the print index and the archive), in order. */
export function listPrintClasses(scope: Scope) {
  return db().schoolClass.findMany({
    where: classWhere(scope),
    orderBy: [{ grade: { name: "asc" } }, { name: "asc" }],
    select: { id: true, name: true, grade: { select: { name: true } } },
  });
}

/** The terms a school's archive can be asked for: the current one and every term with an application there. */
export function listArchiveTerms(scope: Scope) {
  return db().aidTerm.findMany({
    where: { OR: [{ isCurrent: true }, { applications: { some: applicationWhere(scope) } }] },
    orderBy: [{ academicYear: "desc" }, { semester: "asc" }],
    select: { id: true, name: true, isCurrent: true },
    take: 20,
  });
}

/** The name of a term (the archive job's task names it). */
export function findTermName(termId: string) {
  return db().aidTerm.findUnique({ where: { id: termId }, select: { name: true } });
}
