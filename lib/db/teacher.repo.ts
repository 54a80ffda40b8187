/**
 * The class teacher's view of applications: the monitor per class, the
 * verification detail, snapshots for returns, and home visits. Every query
 * ANDs the caller's scope; outside it a record is simply not found.
 */
import "server-only";
import type { Scope } from "@/lib/auth/scope";
import {
  emptyCounts,
  type ApplicationSnapshot,
  type MonitorCounts,
  type MonitorState,
} from "@/lib/domain/teacher-review";
import { db, readDb, type Tx } from "./client";
import type { Prisma } from "./generated/client";
import { applicationWhere, classWhere, studentWhere } from "./scope";

export type TeacherClass = { id: string; name: string; gradeName: string; label: string };

export async function listMyClasses(scope: Scope): Promise<TeacherClass[]> {
  const rows = await db().schoolClass.findMany({
    where: classWhere(scope),
    select: { id: true, name: true, grade: { select: { name: true, sortOrder: true } } },
    orderBy: [{ grade: { sortOrder: "asc" } }, { name: "asc" }],
  });
  return rows.map((teacherClass) => ({
    id: teacherClass.id,
    name: teacherClass.name,
    gradeName: teacherClass.grade.name,
    label: `${teacherClass.grade.name}${teacherClass.name}`,
  }));
}

/**
 * Students counted in a class's monitor: in school, or with an application this term.
 * Written as "in school, or one of these ids": the few who left (not 在读) but applied this
 * term are looked up first through the class's index. The single query's
 * `status = 在读 OR EXISTS (application this term)` was planned as a hashed subplan that read
 * every application of the term (bench/explain.ts).
 * Reads from the replica ({@link readDb}): only the monitor and its export use it.
 */
export async function monitorMembers(
  scope: Scope,
  classId: string,
  termId: string,
): Promise<Prisma.StudentWhereInput> {
  const left = await (
    await readDb()
  ).student.findMany({
    where: {
      AND: [
        studentWhere(scope),
        { classId, status: { not: "IN_SCHOOL" }, applications: { some: { termId } } },
      ],
    },
    select: { id: true },
  });
  const members: Prisma.StudentWhereInput = left.length
    ? { OR: [{ status: "IN_SCHOOL" }, { id: { in: left.map((s) => s.id) } }] }
    : { status: "IN_SCHOOL" };
  return { AND: [studentWhere(scope), { classId }, members] };
}

function stateFilter(termId: string, state: MonitorState | undefined): Prisma.StudentWhereInput {
  if (!state) return {};
  return state === "not_started"
    ? { applications: { none: { termId } } }
    : { applications: { some: { termId, state } } };
}

/** Per-state counts of the class's monitor; `members` from {@link monitorMembers}. Reads from the replica ({@link readDb}). */
export async function monitorCounts(
  scope: Scope,
  classId: string,
  termId: string,
  members: Prisma.StudentWhereInput,
): Promise<MonitorCounts> {
  const where: Prisma.StudentWhereInput = { AND: [studentWhere(scope), members] };
  const reader = await readDb();
  const [total, grouped] = await Promise.all([
    reader.student.count({ where }),
    reader.application.groupBy({
      by: ["state"],
      where: { AND: [applicationWhere(scope), { classId, termId, student: where }] },
      _count: { _all: true },
    }),
  ]);
  const counts = emptyCounts();
  let applied = 0;
  for (const group of grouped) {
    counts[group.state] = group._count._all;
    applied += group._count._all;
  }
  counts.not_started = total - applied;
  return counts;
}

const MONITOR_ROW = (termId: string) =>
  ({
    id: true,
    studentNo: true,
    status: true,
    person: { select: { name: true, idNumberMasked: true } },
    applications: {
      where: { termId },
      take: 1,
      select: {
        id: true,
        state: true,
        submittedAt: true,
        returnDeadline: true,
        updatedAt: true,
        enteredOnPaper: true,
        homeVisit: { select: { totalScore: true } },
      },
    },
  }) satisfies Prisma.StudentSelect;

export type MonitorRow = Prisma.StudentGetPayload<{ select: ReturnType<typeof MONITOR_ROW> }>;

/**
 * One page of the class's monitor and the number of rows of its filter; `members` from
 * {@link monitorMembers}. `countTotal: false` skips the count (the caller knows it: without a
 * state filter it is the members' number, the sum of {@link monitorCounts}).
 * Reads from the replica ({@link readDb}): the monitor is a read-only statistic and list.
 */
export async function listMonitorRows(
  scope: Scope,
  query: {
    termId: string;
    state?: MonitorState;
    page: number;
    pageSize: number;
    members: Prisma.StudentWhereInput;
    countTotal?: boolean;
  },
) {
  const where: Prisma.StudentWhereInput = {
    AND: [studentWhere(scope), query.members, stateFilter(query.termId, query.state)],
  };
  const reader = await readDb();
  const [total, rows] = await Promise.all([
    query.countTotal === false ? null : reader.student.count({ where }),
    reader.student.findMany({
      where,
      select: MONITOR_ROW(query.termId),
      orderBy: [{ person: { name: "asc" } }, { id: "asc" }],
      skip: (query.page - 1) * query.pageSize,
      take: query.pageSize,
    }),
  ]);
  return { total, rows };
}

/** All rows of the filter in batches (for the streaming export). Reads from the replica ({@link readDb}). */
export async function* monitorRowBatches(
  scope: Scope,
  query: { classId: string; termId: string; state?: MonitorState },
  batch = 500,
): AsyncGenerator<MonitorRow[]> {
  const where: Prisma.StudentWhereInput = {
    AND: [await monitorMembers(scope, query.classId, query.termId), stateFilter(query.termId, query.state)],
  };
  let cursor: string | undefined;
  const reader = await readDb();
  for (;;) {
    const rows = await reader.student.findMany({
      where,
      select: MONITOR_ROW(query.termId),
      orderBy: { id: "asc" },
      take: batch,
      ...(cursor ? { skip: 1, cursor: { id: cursor } } : {}),
    });
    if (rows.length === 0) return;
    yield rows;
    if (rows.length < batch) return;
    cursor = rows[rows.length - 1]!.id;
  }
}

// ───────────── verification detail ─────────────

const REVIEW_VIEW = {
  id: true,
  termId: true,
  personId: true,
  studentId: true,
  schoolId: true,
  classId: true,
  state: true,
  version: true,
  enteredOnPaper: true,
  submittedAt: true,
  returnReason: true,
  returnDeadline: true,
  returnSnapshot: true,
  verifiedAt: true,
  waiverReason: true,
  updatedAt: true,
  person: { select: { name: true, gender: true, idNumberMasked: true } },
  student: {
    select: { studentNo: true, class: { select: { name: true, grade: { select: { name: true } } } } },
  },
  household: true,
  familyMembers: { orderBy: { sortOrder: "asc" } },
  suddenEvents: true,
  programmes: { select: { programme: { select: { id: true, name: true } } } },
  evidence: {
    orderBy: { createdAt: "asc" },
    select: { id: true, purpose: true, originalName: true, mimeType: true, sizeBytes: true, createdAt: true },
  },
  transitions: {
    orderBy: { at: "asc" },
    select: {
      id: true,
      fromState: true,
      toState: true,
      actorRole: true,
      comment: true,
      at: true,
      actor: { select: { displayName: true } },
    },
  },
  homeVisit: {
    select: {
      visitDate: true,
      visitors: true,
      findings: true,
      scores: true,
      totalScore: true,
      scoringModelId: true,
      updatedAt: true,
    },
  },
  term: { select: { verifyDeadline: true, applyStart: true } },
} satisfies Prisma.ApplicationSelect;

export type ReviewView = Prisma.ApplicationGetPayload<{ select: typeof REVIEW_VIEW }>;

export function findForReview(scope: Scope, applicationId: string): Promise<ReviewView | null> {
  return db().application.findFirst({
    where: { AND: [applicationWhere(scope), { id: applicationId }] },
    select: REVIEW_VIEW,
  });
}

/** The applicant-editable parts of an application now (to store at return time or compare with). */
export async function snapshotOf(applicationId: string, tx?: Tx): Promise<ApplicationSnapshot> {
  const application = await (tx ?? db()).application.findUniqueOrThrow({
    where: { id: applicationId },
    select: {
      household: true,
      familyMembers: { orderBy: { sortOrder: "asc" } },
      suddenEvents: true,
      programmes: { select: { programme: { select: { name: true } } } },
      _count: { select: { evidence: true } },
    },
  });
  return toSnapshot({
    ...application,
    evidenceCount: application._count.evidence,
    programmeNames: application.programmes.map((p) => p.programme.name),
  });
}

export function toSnapshot(application: {
  household: ReviewView["household"];
  familyMembers: ReviewView["familyMembers"];
  suddenEvents: ReviewView["suddenEvents"];
  programmeNames: string[];
  evidenceCount: number;
}): ApplicationSnapshot {
  const household = application.household;
  return {
    household: household && {
      residence: household.residence,
      address: household.address,
      totalAnnualIncomeFen: household.totalAnnualIncomeFen,
      memberCount: household.memberCount,
      housing: household.housing,
      vehicles: household.vehicles,
      stateEmployedParent: household.stateEmployedParent,
      stableIncome: household.stableIncome,
      declaredCategories: [...household.declaredCategories],
      notes: household.notes,
    },
    familyMembers: application.familyMembers.map((member) => ({
      name: member.name,
      relation: member.relation,
      age: member.age,
      workStatus: member.workStatus,
      annualIncomeFen: member.annualIncomeFen,
      seriousIllness: member.seriousIllness,
      disability: member.disability,
      inSchool: member.inSchool,
    })),
    suddenEvents: application.suddenEvents.map((event) => ({
      kind: event.kind,
      amountFen: event.amountFen,
      description: event.description,
    })),
    programmes: [...application.programmeNames].sort(),
    evidenceCount: application.evidenceCount,
  };
}

// ───────────── home visit ─────────────

/** Records (or replaces) the home visit of an application within scope; false when not found or not in a visitable state. */
export async function saveHomeVisit(
  scope: Scope,
  applicationId: string,
  data: {
    visitDate: Date;
    visitors: string;
    findings: string;
    scores: Record<string, string>;
    totalScore: number;
    scoringModelId: string;
    recordedById: string;
  },
): Promise<boolean> {
  const app = await db().application.findFirst({
    where: {
      AND: [
        applicationWhere(scope),
        { id: applicationId, state: { in: ["submitted", "returned", "verified"] } },
      ],
    },
    select: { id: true },
  });
  if (!app) return false;
  await db().homeVisit.upsert({ where: { applicationId }, create: { applicationId, ...data }, update: data });
  return true;
}
