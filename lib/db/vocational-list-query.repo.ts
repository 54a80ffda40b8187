/**
 * Reads of the 中职 monthly lists for the school's and the supervisor's pages (lib/services/vocational-list-pages.ts):
 * the lists of a school or of a region subtree, filtered by month, programme, stage and to-do, paged in SQL with
 * the entry totals computed for the page's rows only; the counts per stage and to-do in one aggregate; one list
 * with its entries, attachments, payments and history. The stage and to-do predicates are the SQL twins of
 * lib/domain/vocational-list-view.ts (`listStage`, `matchesTodo`; tests/integration/vocational-list-pages.test.ts).
 */
import "server-only";
import type { ListProgramme, ListStage, ListTodo } from "@/lib/domain/vocational-list-view";
import type { MonthlyListState } from "@/lib/domain/vocational-roster";
import { db } from "./client";
import { Prisma } from "./generated/client";
import { stateOf } from "./vocational-list.repo";

/** Whose lists: one school's, or every school's under a region path. */
export type ListOwner = { schoolId: string } | { regionPath: string };

export type ListFilter = {
  owner: ListOwner;
  /** A calendar month (year and month), or every month. */
  year?: number;
  month?: number;
  programme?: ListProgramme;
  stage?: ListStage;
  todo?: ListTodo;
};

const STAGE_SQL = Prisma.sql`CASE
  WHEN v."withdrawal" = 'PENDING' THEN 'WITHDRAWAL'
  WHEN v."payment" = 'PAID' THEN 'PAID'
  WHEN v."confirmation" = 'PASSED' THEN 'CONFIRMED'
  WHEN v."publicity" = 'PUBLISHED' THEN 'CONFIRMATION'
  WHEN v."schoolReview" = 'REFUSED' THEN 'SCHOOL_REFUSED'
  WHEN v."schoolReview" = 'PENDING' THEN 'SCHOOL_REVIEW'
  WHEN v."supervisorReview" = 'REFUSED' THEN 'SUPERVISOR_REFUSED'
  WHEN v."supervisorReview" = 'PENDING' THEN 'SUPERVISOR_REVIEW'
  ELSE 'PUBLICITY' END`;

const TODO_SQL: Record<ListTodo, Prisma.Sql> = {
  awaiting_publicity: Prisma.sql`(v."publicity" = 'UNPUBLISHED' AND v."schoolReview" = 'PASSED' AND v."supervisorReview" = 'PASSED')`,
  attachment_missing: Prisma.sql`(v."month" IN (5, 12) AND NOT EXISTS (SELECT 1 FROM "VocationalListAttachment" att WHERE att."rosterId" = v."rosterId"))`,
  awaiting_confirmation: Prisma.sql`(v."publicity" = 'PUBLISHED' AND v."confirmation" = 'PENDING')`,
  withdrawal_pending: Prisma.sql`(v."withdrawal" = 'PENDING')`,
};

/** The calendar year of a list: September–December in the academic year's first year, else its second. */
const YEAR_SQL = Prisma.sql`(CASE WHEN v."month" >= 9 THEN substr(t."academicYear", 1, 4) ELSE substr(t."academicYear", 6, 4) END)`;

const FROM_SQL = Prisma.sql`
  FROM "VocationalList" v
  JOIN "Roster" r ON r."id" = v."rosterId"
  JOIN "AidTerm" t ON t."id" = r."termId"
  JOIN "School" s ON s."id" = r."schoolId"
  JOIN "Region" g ON g."id" = s."regionId"
  JOIN "AidProgramme" p ON p."id" = r."programmeId"`;

/** The WHERE of the owner, month and programme (the base every count is taken over). */
function baseWhere(filter: ListFilter): Prisma.Sql {
  const parts: Prisma.Sql[] = [
    "schoolId" in filter.owner
      ? Prisma.sql`r."schoolId" = ${filter.owner.schoolId}`
      : Prisma.sql`g."path" LIKE ${`${filter.owner.regionPath.replace(/[\\%_]/g, "\\$&")}%`}`,
    Prisma.sql`p."kind" IN ('SUBSIDY', 'FEE_WAIVER')`,
  ];
  if (filter.month !== undefined) parts.push(Prisma.sql`v."month" = ${filter.month}`);
  if (filter.year !== undefined) parts.push(Prisma.sql`${YEAR_SQL} = ${String(filter.year)}`);
  if (filter.programme) parts.push(Prisma.sql`p."kind" = ${filter.programme}::"ProgrammeKind"`);
  return Prisma.join(parts, " AND ");
}

/** The WHERE of the stage and to-do filters on top of the base. */
function narrowWhere(filter: ListFilter): Prisma.Sql {
  const parts: Prisma.Sql[] = [Prisma.sql`true`];
  if (filter.stage) parts.push(Prisma.sql`${STAGE_SQL} = ${filter.stage}`);
  if (filter.todo) parts.push(TODO_SQL[filter.todo]);
  return Prisma.join(parts, " AND ");
}

export type ListSummary = {
  rosterId: string;
  month: number;
  year: number;
  academicYear: string;
  termName: string;
  schoolId: string;
  schoolName: string;
  schoolCode: string;
  programmeKind: ListProgramme;
  programmeName: string;
  state: MonthlyListState;
  entries: number;
  overdue: number;
  standardFen: number;
  paidFen: number;
  attachments: number;
};

type SummaryRow = Omit<ListSummary, "state" | "year"> & {
  year: string;
  schoolReview: MonthlyListState["schoolReview"];
  supervisorReview: MonthlyListState["supervisorReview"];
  publicity: MonthlyListState["publicity"];
  confirmation: MonthlyListState["confirmation"];
  withdrawal: MonthlyListState["withdrawal"];
  payment: MonthlyListState["payment"];
  publicityStart: Date | null;
  publicityEnd: Date | null;
};

/**
 * One page of the lists: newest month first, then school code and programme. The filter and the order run on
 * the list rows alone; the entry totals and attachment counts are taken for the page's rows only.
 */
export async function listLists(
  filter: ListFilter,
  page: { limit: number; offset: number },
): Promise<ListSummary[]> {
  const rows = await db().$queryRaw<SummaryRow[]>`
    WITH page AS (
      SELECT v."rosterId", v."month", ${YEAR_SQL} AS "year", t."academicYear", t."name" AS "termName",
             s."id" AS "schoolId", s."name" AS "schoolName", s."code" AS "schoolCode",
             p."kind"::text AS "programmeKind", p."name" AS "programmeName",
             v."schoolReview"::text AS "schoolReview", v."supervisorReview"::text AS "supervisorReview",
             v."publicity"::text AS "publicity", v."confirmation"::text AS "confirmation",
             v."withdrawal"::text AS "withdrawal", v."payment"::text AS "payment",
             v."publicityStart", v."publicityEnd"
      ${FROM_SQL}
      WHERE ${baseWhere(filter)} AND ${narrowWhere(filter)}
      ORDER BY 3 DESC, v."month" DESC, s."code", p."kind", v."rosterId"
      LIMIT ${page.limit} OFFSET ${page.offset}
    )
    SELECT page.*, totals."entries", totals."overdue", totals."standardFen", totals."paidFen", files."attachments"
    FROM page
    CROSS JOIN LATERAL (
      SELECT count(*)::int AS "entries", count(*) FILTER (WHERE e."overdue")::int AS "overdue",
             COALESCE(sum(COALESCE(e."actualAmountFen", e."amountFen")), 0)::int AS "standardFen",
             COALESCE(sum(e."paidAmountFen"), 0)::int AS "paidFen"
      FROM "RosterEntry" e WHERE e."rosterId" = page."rosterId"
    ) totals
    CROSS JOIN LATERAL (
      SELECT count(*)::int AS "attachments" FROM "VocationalListAttachment" a WHERE a."rosterId" = page."rosterId"
    ) files
    ORDER BY page."year" DESC, page."month" DESC, page."schoolCode", page."programmeKind", page."rosterId"`;
  return rows.map((row) => ({
    rosterId: row.rosterId,
    month: row.month,
    year: Number(row.year),
    academicYear: row.academicYear,
    termName: row.termName,
    schoolId: row.schoolId,
    schoolName: row.schoolName,
    schoolCode: row.schoolCode,
    programmeKind: row.programmeKind,
    programmeName: row.programmeName,
    state: stateOf(row),
    entries: row.entries,
    overdue: row.overdue,
    standardFen: row.standardFen,
    paidFen: row.paidFen,
    attachments: row.attachments,
  }));
}

export type ListCounts = {
  /** Lists matching the whole filter (the pager's total). */
  matched: number;
  /** Lists of the base filter (owner, month, programme) per stage and per to-do. */
  byStage: Partial<Record<ListStage, number>>;
  byTodo: Record<ListTodo, number>;
};

/** The counts of the page in one aggregate over the base filter's lists. */
export async function countLists(filter: ListFilter): Promise<ListCounts> {
  const rows = await db().$queryRaw<
    {
      stage: ListStage;
      matched: number;
      lists: number;
      awaiting_publicity: number;
      attachment_missing: number;
      awaiting_confirmation: number;
      withdrawal_pending: number;
    }[]
  >`
    SELECT ${STAGE_SQL} AS "stage", count(*)::int AS "lists",
           count(*) FILTER (WHERE ${narrowWhere(filter)})::int AS "matched",
           count(*) FILTER (WHERE ${TODO_SQL.awaiting_publicity})::int AS "awaiting_publicity",
           count(*) FILTER (WHERE ${TODO_SQL.attachment_missing})::int AS "attachment_missing",
           count(*) FILTER (WHERE ${TODO_SQL.awaiting_confirmation})::int AS "awaiting_confirmation",
           count(*) FILTER (WHERE ${TODO_SQL.withdrawal_pending})::int AS "withdrawal_pending"
    ${FROM_SQL}
    WHERE ${baseWhere(filter)}
    GROUP BY 1`;
  const counts: ListCounts = {
    matched: 0,
    byStage: {},
    byTodo: { awaiting_publicity: 0, attachment_missing: 0, awaiting_confirmation: 0, withdrawal_pending: 0 },
  };
  for (const row of rows) {
    counts.matched += row.matched;
    counts.byStage[row.stage] = row.lists;
    for (const todo of Object.keys(counts.byTodo) as ListTodo[]) counts.byTodo[todo] += row[todo];
  }
  return counts;
}

/** One list's page: the roster's names, entries with their students, attachments, payments and history. */
export function findListDetail(rosterId: string) {
  return db().roster.findUnique({
    where: { id: rosterId },
    select: {
      id: true,
      month: true,
      term: { select: { name: true, academicYear: true } },
      school: { select: { id: true, name: true, code: true } },
      programme: { select: { name: true, kind: true } },
      entries: {
        orderBy: [
          { student: { sortGradeName: "asc" } },
          { student: { sortClassName: "asc" } },
          { id: "asc" },
        ],
        select: {
          id: true,
          amountFen: true,
          actualAmountFen: true,
          overStandardReason: true,
          paidAmountFen: true,
          paidAt: true,
          overdue: true,
          note: true,
          level: true,
          student: {
            select: {
              id: true,
              studentNo: true,
              grade: { select: { name: true } },
              class: { select: { name: true } },
              person: { select: { name: true, idNumberMasked: true } },
            },
          },
        },
      },
      payments: {
        orderBy: [{ at: "asc" }, { id: "asc" }],
        select: {
          id: true,
          studentId: true,
          kind: true,
          amountFen: true,
          previousAmountFen: true,
          reason: true,
          at: true,
        },
      },
      vocationalList: {
        select: {
          attachments: {
            orderBy: { createdAt: "asc" },
            select: {
              createdAt: true,
              evidenceFile: { select: { id: true, originalName: true, mimeType: true, sizeBytes: true } },
            },
          },
        },
      },
      vocationalHistory: {
        orderBy: [{ at: "asc" }, { id: "asc" }],
        select: {
          id: true,
          action: true,
          fromState: true,
          toState: true,
          comment: true,
          at: true,
          actor: { select: { displayName: true } },
        },
      },
    },
  });
}
export type ListDetail = NonNullable<Awaited<ReturnType<typeof findListDetail>>>;

/** An attachment of a list (the caller has already found the list in their scope). */
export function findListAttachment(rosterId: string, evidenceFileId: string) {
  return db().vocationalListAttachment.findFirst({
    where: { rosterId, evidenceFileId },
    select: {
      evidenceFile: { select: { id: true, originalName: true, mimeType: true, storageKey: true } },
    },
  });
}
