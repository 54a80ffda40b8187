/**
 * 普高 建档立卡等免学杂费 lists (migration 520): the lists, their entries built set-based from the term's
 * determinations and special-group lists, their history, and the 资金发放查看 rows with the five flags derived
 * in SQL. Every read takes the caller's Scope; writes run in the caller's transaction after `lockFeeWaiverList`.
 */
import "server-only";
import type { Scope } from "@/lib/auth/scope";
import type { FeeWaiverState } from "@/lib/domain/fee-waiver-list";
import { db, type Tx } from "./client";
import { Prisma } from "./generated/client";
import { schoolWhere } from "./scope";

export type FeeWaiverListRow = {
  id: string;
  schoolId: string;
  schoolName: string;
  schoolRegionId: string;
  termId: string;
  termName: string;
  state: FeeWaiverState;
};

const LIST_SELECT = {
  id: true,
  schoolId: true,
  termId: true,
  schoolReview: true,
  supervisorReview: true,
  school: { select: { name: true, regionId: true } },
  term: { select: { name: true } },
} as const;

type ListSelected = Prisma.FeeWaiverListGetPayload<{ select: typeof LIST_SELECT }>;
const rowOf = (row: ListSelected): FeeWaiverListRow => ({
  id: row.id,
  schoolId: row.schoolId,
  schoolName: row.school.name,
  schoolRegionId: row.school.regionId,
  termId: row.termId,
  termName: row.term.name,
  state: { schoolReview: row.schoolReview, supervisorReview: row.supervisorReview },
});

/** The list in the caller's scope (its school, or a school of the supervisor's subtree), or null. */
export async function findFeeWaiverList(
  scope: Scope,
  listId: string,
  tx: Tx | null = null,
): Promise<FeeWaiverListRow | null> {
  const row = await (tx ?? db()).feeWaiverList.findFirst({
    where: { id: listId, school: schoolWhere(scope) },
    select: LIST_SELECT,
  });
  return row ? rowOf(row) : null;
}

/** Takes the list row's lock inside `tx` (SELECT … FOR UPDATE). */
export async function lockFeeWaiverList(tx: Tx, listId: string): Promise<void> {
  await tx.$queryRaw`SELECT 1 FROM "FeeWaiverList" WHERE "id" = ${listId} FOR UPDATE`;
}

/** The school's list of (term, programme), created when missing; locked. */
export async function ensureFeeWaiverList(
  tx: Tx,
  key: { schoolId: string; termId: string; programmeId: string },
): Promise<string> {
  const list = await tx.feeWaiverList.upsert({
    where: { schoolId_termId_programmeId: key },
    update: {},
    create: key,
    select: { id: true },
  });
  await lockFeeWaiverList(tx, list.id);
  return list.id;
}

/** The senior-high FEE_WAIVER programmes offered in the term (normally one: 普通高中免学杂费). */
export function feeWaiverProgrammes(termId: string) {
  return db().aidProgramme.findMany({
    where: { stage: "SENIOR", kind: "FEE_WAIVER", terms: { some: { termId } } },
    select: { id: true, name: true },
    orderBy: { code: "asc" },
  });
}

/**
 * 资助名单录入: adds, in one INSERT … SELECT, every in-school senior-high student of the school who qualifies for
 * the programme in the term: a determination of an eligible level, or an entry of an eligible category on the
 * special-group lists (脱贫家庭, 低保, 特困, 残疾 … matched to the student by ID number: these families qualify
 * without an application). The amount is the programme's in the term (the CASE of lib/domain/aid-roster.ts
 * `amountFor`; no level: the 特别困难 amount); the entry keeps the term's application when there is one.
 * Students already on the list keep their entry. Returns how many were added.
 */
export async function buildFeeWaiverEntries(
  tx: Tx,
  input: { listId: string; termId: string; programmeId: string; schoolId: string },
): Promise<number> {
  const { listId, termId, programmeId, schoolId } = input;
  return tx.$executeRaw`
    INSERT INTO "FeeWaiverEntry" ("id", "listId", "studentId", "applicationId", "amountFen", "note")
    SELECT gen_random_uuid()::text, ${listId}, s."id", a."id", amount.fen,
           CASE WHEN groups.hit THEN '特殊群体' END
    FROM "Student" s
    JOIN "AidProgramme" p ON p."id" = ${programmeId}
    JOIN LATERAL (
      SELECT tp.* FROM "TermProgramme" tp
      WHERE tp."termId" = ${termId} AND tp."programmeId" = p."id" AND (tp."schoolId" = ${schoolId} OR tp."schoolId" IS NULL)
      ORDER BY tp."schoolId" NULLS LAST LIMIT 1
    ) tp ON true
    LEFT JOIN "Application" a ON a."personId" = s."personId" AND a."termId" = ${termId} AND a."studentId" = s."id"
      AND a."ofRecord"
    LEFT JOIN "Determination" d ON d."applicationId" = a."id" AND a."state" = 'determined'
    CROSS JOIN LATERAL (
      SELECT EXISTS (
        SELECT 1 FROM "SpecialGroupEntry" g
        WHERE g."personId" = s."personId" AND g."category" = ANY (p."eligibleCategories")
      ) AS hit
    ) groups
    CROSS JOIN LATERAL (
      SELECT CASE
        WHEN tp."amountMode" = 'FIXED' THEN tp."fixedAmountFen"
        WHEN d."finalLevel" = 'SPECIAL' THEN COALESCE(tp."amountSpecialFen", tp."amountHardshipFen")
        WHEN d."finalLevel" = 'HARDSHIP' THEN tp."amountHardshipFen"
        WHEN d."finalLevel" = 'GENERAL' THEN tp."amountGeneralFen"
        ELSE COALESCE(tp."amountSpecialFen", tp."amountHardshipFen")
      END AS fen
    ) amount
    WHERE s."schoolId" = ${schoolId} AND s."stage" = 'SENIOR' AND s."status"::text = 'IN_SCHOOL'
      AND ((d."finalLevel" IS NOT NULL AND d."finalLevel" = ANY (p."eligibleLevels")) OR groups.hit)
      AND amount.fen IS NOT NULL
    ON CONFLICT ("listId", "studentId") DO NOTHING`;
}

/** Removes one entry of the list; 0 when it is not on that list. */
export async function removeFeeWaiverEntry(tx: Tx, listId: string, entryId: string): Promise<number> {
  return (await tx.feeWaiverEntry.deleteMany({ where: { id: entryId, listId } })).count;
}

export const countFeeWaiverEntries = (tx: Tx, listId: string) =>
  tx.feeWaiverEntry.count({ where: { listId } });

export async function saveFeeWaiverState(tx: Tx, listId: string, state: FeeWaiverState): Promise<void> {
  await tx.feeWaiverList.update({ where: { id: listId }, data: state });
}

export async function addFeeWaiverHistory(
  tx: Tx,
  row: {
    listId: string;
    actorId: string;
    action: string;
    from: FeeWaiverState;
    to: FeeWaiverState;
    comment: string | null;
  },
): Promise<void> {
  await tx.feeWaiverListHistory.create({
    data: {
      listId: row.listId,
      actorId: row.actorId,
      action: row.action,
      fromState: row.from as unknown as Prisma.InputJsonValue,
      toState: row.to as unknown as Prisma.InputJsonValue,
      comment: row.comment,
    },
  });
}

/** The list's history, oldest first (the caller has found the list in its scope). */
export function feeWaiverHistory(listId: string) {
  return db().feeWaiverListHistory.findMany({
    where: { listId },
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
  });
}

/** The list's entries with the student's name, class and masked ID number (the caller found the list). */
export function feeWaiverEntries(listId: string) {
  return db().feeWaiverEntry.findMany({
    where: { listId },
    orderBy: [{ student: { sortClassName: "asc" } }, { student: { sortName: "asc" } }, { id: "asc" }],
    select: {
      id: true,
      amountFen: true,
      note: true,
      student: {
        select: {
          studentNo: true,
          sortGradeName: true,
          sortClassName: true,
          person: { select: { name: true, idNumberMasked: true } },
        },
      },
    },
  });
}

export type ListFilter = {
  termId: string;
  review?: "SCHOOL_PENDING" | "SUPERVISOR_PENDING" | "PASSED" | "REFUSED";
};

const REVIEW_WHERE: Record<NonNullable<ListFilter["review"]>, Prisma.FeeWaiverListWhereInput> = {
  SCHOOL_PENDING: { schoolReview: "PENDING" },
  SUPERVISOR_PENDING: { schoolReview: "PASSED", supervisorReview: "PENDING" },
  PASSED: { supervisorReview: "PASSED" },
  REFUSED: { OR: [{ schoolReview: "REFUSED" }, { supervisorReview: "REFUSED" }] },
};

/** The lists of the term in the caller's scope, with their entry count and total, by school. */
export async function listFeeWaiverLists(scope: Scope, filter: ListFilter) {
  const lists = await db().feeWaiverList.findMany({
    where: {
      termId: filter.termId,
      school: schoolWhere(scope),
      ...(filter.review ? REVIEW_WHERE[filter.review] : {}),
    },
    select: { ...LIST_SELECT, school: { select: { name: true, regionId: true, code: true } } },
    orderBy: [{ school: { code: "asc" } }, { id: "asc" }],
    take: 500,
  });
  const totals = await db().feeWaiverEntry.groupBy({
    by: ["listId"],
    where: { listId: { in: lists.map((list) => list.id) } },
    _count: { _all: true },
    _sum: { amountFen: true },
  });
  const byList = new Map(totals.map((row) => [row.listId, row]));
  return lists.map((list) => ({
    ...rowOf(list),
    schoolCode: list.school.code,
    entries: byList.get(list.id)?._count._all ?? 0,
    totalFen: byList.get(list.id)?._sum.amountFen ?? 0,
  }));
}

/** The aid terms (学年学期) to choose from, newest first (terms are public, not scoped). */
export function feeWaiverTerms() {
  return db().aidTerm.findMany({
    orderBy: [{ academicYear: "desc" }, { semester: "desc" }],
    select: { id: true, name: true, academicYear: true, semester: true, isCurrent: true },
    take: 20,
  });
}

/** The five flags of 资金发放查看: null = either, true = 是, false = 否. */
export type FlagFilter = {
  povertyAlleviated: boolean | null;
  povertyUnstable: boolean | null;
  ruralMinimumLiving: boolean | null;
  ruralExtremePoverty: boolean | null;
  disabled: boolean | null;
};

export type PaymentFilter = { scope: Scope; termId: string; schoolId: string | null; flags: FlagFilter };
export type PaymentKey = { schoolCode: string; sortClassName: string; sortName: string; entryId: string };
export type PaymentRow = PaymentKey & {
  schoolName: string;
  name: string;
  idMasked: string;
  studentNo: string;
  gradeName: string;
  amountFen: number;
} & { [flag in keyof FlagFilter]: boolean };

const scopeSql = (scope: Scope) =>
  scope.role === "SUPERVISOR"
    ? Prisma.sql`starts_with(r."path", ${scope.regionPath})`
    : "schoolId" in scope
      ? Prisma.sql`sc."id" = ${scope.schoolId}`
      : Prisma.sql`false`;

const flagSql = (column: string, value: boolean | null) =>
  value === null ? Prisma.sql`true` : Prisma.sql`${Prisma.raw(`rows."${column}"`)} = ${value}`;

/**
 * The entries of the lists passed by the supervisor (主管部门审核通过) in the term and scope, each with the five
 * flags derived from the special-group lists matched to the student (大数据比对: "SpecialGroupEntry"."personId")
 * and, for rural 低保 / 特困, the 户口性质 (农村) recorded on a household form ("Household"."residence"): the one
 * of the entry's application, else the student's latest one; none recorded reads 否.
 */
function paymentsFrom(filter: PaymentFilter) {
  const hasGroup = (category: string) =>
    Prisma.sql`EXISTS (SELECT 1 FROM "SpecialGroupEntry" g WHERE g."personId" = s."personId" AND g."category" = ${category}::"SpecialCategory")`;
  const rural = Prisma.sql`COALESCE(h."residence" = 'RURAL', false)`;
  const { flags } = filter;
  return Prisma.sql`
    FROM (
      SELECT e."id" AS "entryId", sc."code" AS "schoolCode", sc."name" AS "schoolName", s."sortClassName",
             s."sortName", s."sortGradeName" AS "gradeName", p."name", p."idNumberMasked" AS "idMasked",
             s."studentNo", e."amountFen",
             ${hasGroup("POVERTY_ALLEVIATED")} AS "povertyAlleviated",
             ${hasGroup("POVERTY_UNSTABLE")} AS "povertyUnstable",
             (${hasGroup("MINIMUM_LIVING")} AND ${rural}) AS "ruralMinimumLiving",
             (${hasGroup("EXTREME_POVERTY_SUPPORT")} AND ${rural}) AS "ruralExtremePoverty",
             ${hasGroup("DISABLED_STUDENT")} AS "disabled"
      FROM "FeeWaiverList" l
      JOIN "School" sc ON sc."id" = l."schoolId"
      JOIN "Region" r ON r."id" = sc."regionId"
      JOIN "FeeWaiverEntry" e ON e."listId" = l."id"
      JOIN "Student" s ON s."id" = e."studentId"
      JOIN "Person" p ON p."id" = s."personId"
      LEFT JOIN LATERAL (
        SELECT hh."residence" FROM "Application" aa JOIN "Household" hh ON hh."applicationId" = aa."id"
        WHERE aa."personId" = s."personId" AND hh."residence" IS NOT NULL
        ORDER BY (aa."id" = e."applicationId") DESC, aa."createdAt" DESC LIMIT 1
      ) h ON true
      WHERE l."termId" = ${filter.termId} AND l."supervisorReview" = 'PASSED' AND ${scopeSql(filter.scope)}
        ${filter.schoolId ? Prisma.sql`AND sc."id" = ${filter.schoolId}` : Prisma.empty}
    ) rows
    WHERE ${flagSql("povertyAlleviated", flags.povertyAlleviated)}
      AND ${flagSql("povertyUnstable", flags.povertyUnstable)}
      AND ${flagSql("ruralMinimumLiving", flags.ruralMinimumLiving)}
      AND ${flagSql("ruralExtremePoverty", flags.ruralExtremePoverty)}
      AND ${flagSql("disabled", flags.disabled)}`;
}

export async function countFeeWaiverPayments(
  filter: PaymentFilter,
): Promise<{ count: number; totalFen: number }> {
  const [row] = await db().$queryRaw<{ count: number; total: bigint | null }[]>`
    SELECT count(*)::int AS count, sum(rows."amountFen")::bigint AS total ${paymentsFrom(filter)}`;
  return { count: row?.count ?? 0, totalFen: Number(row?.total ?? 0) };
}

/** One page of the rows in (school code, class, name, entry) order: by offset for the page, by key for exports. */
export function listFeeWaiverPayments(
  filter: PaymentFilter,
  page: { limit: number; offset?: number; after?: PaymentKey },
): Promise<PaymentRow[]> {
  const after = page.after
    ? Prisma.sql`AND (rows."schoolCode", rows."sortClassName", rows."sortName", rows."entryId") >
        (${page.after.schoolCode}, ${page.after.sortClassName}, ${page.after.sortName}, ${page.after.entryId})`
    : Prisma.empty;
  return db().$queryRaw<PaymentRow[]>`
    SELECT rows.* ${paymentsFrom(filter)} ${after}
    ORDER BY rows."schoolCode", rows."sortClassName", rows."sortName", rows."entryId"
    LIMIT ${page.limit} OFFSET ${page.offset ?? 0}`;
}
