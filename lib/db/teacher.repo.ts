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
import { APPLICATION_HEAD } from "./applications.repo";
import { db, readDb, type Tx } from "./client";
import { Prisma } from "./generated/client";
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

/** A student row of the monitor SQL below (one per student: at most one application per person and term). */
type MonitorSqlRow = {
  id: string;
  studentNo: string;
  status: MonitorRow["status"];
  name: string;
  idNumberMasked: string;
  appId: string | null;
  state: MonitorRow["applications"][number]["state"] | null;
  inClass: boolean;
  submittedAt: Date | null;
  returnDeadline: Date | null;
  updatedAt: Date | null;
  enteredOnPaper: boolean | null;
  totalScore: number | null;
  total: number;
};

/** The teacher's own classes (TEACHER scope), as SQL on "Student" s: the same rule as studentWhere. */
export function ownClassStudents(scope: Scope): Prisma.Sql {
  if (scope.role !== "TEACHER") throw new Error("the monitor is the class teacher's");
  return Prisma.sql`s."schoolId" = ${scope.schoolId} AND EXISTS (SELECT 1 FROM "TeacherClass" tc
    WHERE tc."classId" = s."classId" AND tc."teacherId" = ${scope.userId})`;
}

/**
 * The class's monitor in two plain SQL statements (run in parallel): the per-state counts and one page.
 * Members are the students in school (在读) and those who left but applied this term; a student's
 * application of the term is joined by (studentId, termId) — at most one, as an application is unique
 * per person and term. As before: the counts take the applications filed in this class (a student moved
 * in from another class with an application filed there counts as 未开始), the state filter and the rows
 * any application of the term, the order is name then id. Replaces Prisma's count, groupBy, leavers'
 * look-up and nested page select (7 → 4 statements per monitor request with the session, term and
 * classes; bench/README.md §4). Reads from the replica ({@link readDb}).
 */
export async function monitorOverview(
  scope: Scope,
  query: { classId: string; termId: string; state?: MonitorState; page: number; pageSize: number },
): Promise<{ counts: MonitorCounts; rows: MonitorRow[]; total: number }> {
  const reader = await readDb();
  const from = Prisma.sql`FROM "Student" s
    LEFT JOIN "Application" a ON a."studentId" = s."id" AND a."termId" = ${query.termId} AND a."kind" = 'REGULAR'`;
  const members = Prisma.sql`WHERE s."classId" = ${query.classId} AND ${ownClassStudents(scope)}
      AND (s."status" = 'IN_SCHOOL' OR a."id" IS NOT NULL)`;
  const stateSql = !query.state
    ? Prisma.empty
    : query.state === "not_started"
      ? Prisma.sql`AND a."id" IS NULL`
      : Prisma.sql`AND a."state" = ${query.state}::"ApplicationState"`;
  const [grouped, page] = await Promise.all([
    reader.$queryRaw<{ state: MonitorState | null; n: number }[]>`
      SELECT CASE WHEN a."classId" = ${query.classId} THEN a."state"::text END AS "state", count(*)::int AS "n"
      ${from} ${members} GROUP BY 1`,
    reader.$queryRaw<MonitorSqlRow[]>`
      SELECT s."id", s."studentNo", s."status"::text AS "status", p."name", p."idNumberMasked",
             a."id" AS "appId", a."state"::text AS "state", a."submittedAt", a."returnDeadline", a."updatedAt",
             a."enteredOnPaper", hv."totalScore", count(*) OVER ()::int AS "total"
      ${from} JOIN "Person" p ON p."id" = s."personId"
      LEFT JOIN "HomeVisit" hv ON hv."applicationId" = a."id"
      ${members} ${stateSql}
      ORDER BY p."name", s."id" LIMIT ${query.pageSize} OFFSET ${(query.page - 1) * query.pageSize}`,
  ]);
  const counts = emptyCounts();
  let total = 0;
  for (const group of grouped) {
    total += group.n;
    if (group.state) counts[group.state] = group.n;
  }
  counts.not_started = total - grouped.reduce((n, group) => n + (group.state ? group.n : 0), 0);
  const rows: MonitorRow[] = page.map((row) => ({
    id: row.id,
    studentNo: row.studentNo,
    status: row.status,
    person: { name: row.name, idNumberMasked: row.idNumberMasked },
    applications: row.appId
      ? [
          {
            id: row.appId,
            state: row.state!,
            submittedAt: row.submittedAt,
            returnDeadline: row.returnDeadline,
            updatedAt: row.updatedAt!,
            enteredOnPaper: row.enteredOnPaper!,
            homeVisit: row.totalScore === null ? null : { totalScore: row.totalScore },
          },
        ]
      : [],
  }));
  // The filter's size: the window count of a page, or (a page past the end) the counts without a filter.
  const filtered =
    page[0]?.total ??
    (query.state ? await countFiltered(reader, Prisma.sql`${from} ${members} ${stateSql}`) : total);
  return { counts, rows, total: filtered };
}

async function countFiltered(
  reader: Awaited<ReturnType<typeof readDb>>,
  filter: Prisma.Sql,
): Promise<number> {
  const [row] = await reader.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS "n" ${filter}`;
  return row?.n ?? 0;
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
  ...APPLICATION_HEAD,
  kind: true,
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
