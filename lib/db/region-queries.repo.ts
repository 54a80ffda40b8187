/**
 * The supervisor's region queries (lib/services/region-queries.ts), read straight from the base tables at
 * province scale (2,000,000 students, 600,000 applications a term):
 * - scoped in SQL: the subtree's schools and regions are resolved first (a few thousand ids at most) and
 *   every list query takes them as an `= ANY($ids)` array, which PostgreSQL walks in index order;
 * - filtered in SQL, ordered by an index (migration 420) with the id last so the order is total;
 * - paged in SQL: pages by LIMIT/OFFSET with a bounded count (at most QUERY_COUNT_CAP + 1 rows counted,
 *   lib/domain/region-queries.ts), exports by keyset (`after` the last row's sort key), so a 100,000-row
 *   export reads 100 indexed pages and never holds the list.
 * Lists read from the replica (`readDb`, docs/decisions/0008-read-replica.md): they only read.
 */
import "server-only";
import type { Scope } from "@/lib/auth/scope";
import type { HardshipLevel, SpecialCategory, SpecialSource, Stage } from "@/lib/domain/codes";
import { QUERY_COUNT_CAP } from "@/lib/domain/region-queries";
import { db, readDb } from "./client";
import { Prisma } from "./generated/client";

type RegionScope = Extract<Scope, { role: "SUPERVISOR" }>;

/** In-school statuses: a person has at most one such enrolment (migration 213). */
const ENROLLED = Prisma.sql`st."status" IN ('IN_SCHOOL', 'SUSPENDED')`;

export type RegionRef = { id: string; code: string; name: string; path: string };

/** The subtree's regions (the own one first) and the ids of its schools. */
export async function subtreeReach(scope: RegionScope) {
  const reader = await readDb();
  const [regions, schools] = await Promise.all([
    reader.region.findMany({
      where: { path: { startsWith: scope.regionPath } },
      orderBy: { path: "asc" },
      select: { id: true, code: true, name: true, path: true },
    }),
    reader.$queryRaw<{ id: string }[]>`
      SELECT s.id FROM "School" s JOIN "Region" r ON r.id = s."regionId"
      WHERE starts_with(r.path, ${scope.regionPath})`,
  ]);
  return { regions: regions as RegionRef[], schoolIds: schools.map((row) => row.id) };
}

/** The complement: ids of the regions and schools outside the subtree (the hukou queries' other side). */
export async function outsideReach(scope: RegionScope) {
  const reader = await readDb();
  const [regions, schools] = await Promise.all([
    reader.$queryRaw<{ id: string }[]>`
      SELECT id FROM "Region" WHERE NOT starts_with(path, ${scope.regionPath})`,
    reader.$queryRaw<{ id: string }[]>`
      SELECT s.id FROM "School" s JOIN "Region" r ON r.id = s."regionId"
      WHERE NOT starts_with(r.path, ${scope.regionPath})`,
  ]);
  return { regionIds: regions.map((row) => row.id), schoolIds: schools.map((row) => row.id) };
}

/** A school of the subtree by its 学校标识码; null when there is none or it lies outside. */
export async function findSubtreeSchoolByCode(scope: RegionScope, code: string) {
  const reader = await readDb();
  return reader.school.findFirst({
    where: { code, region: { path: { startsWith: scope.regionPath } } },
    select: { id: true, code: true, name: true },
  });
}

export async function listTerms() {
  const reader = await readDb();
  return reader.aidTerm.findMany({
    orderBy: [{ academicYear: "desc" }, { semester: "asc" }],
    select: { id: true, name: true, isCurrent: true },
    take: 100,
  });
}

/** Paging of one call: a page (LIMIT/OFFSET) or a keyset page after a sort key. */
export type Paging<Key> = { limit: number; offset?: number; after?: Key };

const boundedCount = async (from: Prisma.Sql): Promise<number> => {
  const reader = await readDb();
  const rows = await reader.$queryRaw<{ n: number }[]>`
    SELECT count(*)::int AS n FROM (SELECT 1 ${from} LIMIT ${QUERY_COUNT_CAP + 1}) counted`;
  return rows[0]?.n ?? 0;
};

/** The person (column `person`) is on a special-group list: any, or of the category (and source). */
const categoryExists = (person: Prisma.Sql, category: SpecialCategory | undefined, source?: SpecialSource) =>
  Prisma.sql`EXISTS (SELECT 1 FROM "SpecialGroupEntry" e WHERE e."personId" = ${person}
    ${category ? Prisma.sql`AND e.category = ${category}::"SpecialCategory"` : Prisma.empty}
    ${source ? Prisma.sql`AND e.source = ${source}::"SpecialSource"` : Prisma.empty})`;

const categoriesOf = Prisma.sql`COALESCE((SELECT array_agg(DISTINCT e.category::text) FROM "SpecialGroupEntry" e
  WHERE e."personId" = p.id), '{}') AS categories`;

const pageSql = <Key>(paging: Paging<Key>, keyColumns: Prisma.Sql, keyValues: (key: Key) => unknown[]) => ({
  after: paging.after
    ? Prisma.sql`AND (${keyColumns}) > (${Prisma.join(keyValues(paging.after))})`
    : Prisma.empty,
  limit: Prisma.sql`LIMIT ${paging.limit} ${paging.offset ? Prisma.sql`OFFSET ${paging.offset}` : Prisma.empty}`,
});

// ───────────── 困难学生认定结果查看 ─────────────

export type DeterminationFilter = {
  termId: string;
  schoolIds: string[];
  stage?: Stage;
  level?: HardshipLevel;
  category?: SpecialCategory;
};
export type DeterminationKey = { schoolId: string; sortClassName: string; sortName: string; id: string };
export type DeterminationRow = DeterminationKey & {
  personId: string;
  name: string;
  idMasked: string;
  schoolName: string;
  gradeName: string;
  className: string;
  stage: Stage;
  level: HardshipLevel;
  determinedAt: Date | null;
  categories: SpecialCategory[];
};

/**
 * The stage is the class's grade's (Grade is small; joining Student, 2,000,000 rows, for it made the
 * province's count read Student whole); the count joins only what its filters need.
 */
function determinationFrom(filter: DeterminationFilter, forList: boolean) {
  const classJoins =
    forList || filter.stage
      ? Prisma.sql`JOIN "SchoolClass" c ON c.id = a."classId" JOIN "Grade" g ON g.id = c."gradeId"`
      : Prisma.empty;
  const listJoins = forList
    ? Prisma.sql`JOIN "Person" p ON p.id = a."personId" JOIN "School" sc ON sc.id = a."schoolId"`
    : Prisma.empty;
  return Prisma.sql`FROM "Application" a
      JOIN "Determination" d ON d."applicationId" = a.id ${classJoins} ${listJoins}
    WHERE a."termId" = ${filter.termId} AND a.state = 'determined' AND a."ofRecord" AND d."finalLevel" IS NOT NULL
      AND a."schoolId" = ANY(${filter.schoolIds}::text[])
      ${filter.stage ? Prisma.sql`AND g.stage = ${filter.stage}::"Stage"` : Prisma.empty}
      ${filter.level ? Prisma.sql`AND d."finalLevel" = ${filter.level}::"HardshipLevel"` : Prisma.empty}
      ${filter.category ? Prisma.sql`AND ${categoryExists(Prisma.sql`a."personId"`, filter.category)}` : Prisma.empty}`;
}

export const countDeterminations = (filter: DeterminationFilter) =>
  boundedCount(determinationFrom(filter, false));

export async function listDeterminations(
  filter: DeterminationFilter,
  paging: Paging<DeterminationKey>,
): Promise<DeterminationRow[]> {
  const page = pageSql(paging, Prisma.sql`a."schoolId", a."sortClassName", a."sortName", a.id`, (key) => [
    key.schoolId,
    key.sortClassName,
    key.sortName,
    key.id,
  ]);
  const reader = await readDb();
  return reader.$queryRaw<DeterminationRow[]>`
    SELECT a.id, a."schoolId", a."sortClassName", a."sortName", a."personId", p.name, p."idNumberMasked" AS "idMasked",
      sc.name AS "schoolName", g.name AS "gradeName", c.name AS "className", g.stage::text AS stage,
      d."finalLevel"::text AS level, d."determinedAt", ${categoriesOf}
    ${determinationFrom(filter, true)} ${page.after}
    ORDER BY a."schoolId", a."sortClassName", a."sortName", a.id ${page.limit}`;
}

// ───────────── 重点保障人群信息查询 ─────────────

export type SpecialGroupFilter = {
  schoolIds: string[];
  category?: SpecialCategory;
  source?: SpecialSource;
  stage?: Stage;
};
export type EnrolmentKey = {
  schoolId: string;
  sortGradeName: string;
  sortClassName: string;
  sortName: string;
  studentId: string;
};
export type SpecialGroupKey = EnrolmentKey & { entryId: string };
export type SpecialGroupRow = SpecialGroupKey & {
  personId: string;
  name: string;
  idMasked: string;
  category: SpecialCategory;
  source: SpecialSource;
  listYear: number;
  schoolName: string;
  gradeName: string;
  className: string;
  stage: Stage;
  hukouName: string | null;
};

function specialGroupFrom(filter: SpecialGroupFilter, joins = Prisma.empty) {
  return Prisma.sql`FROM "Student" st
      JOIN "SpecialGroupEntry" e ON e."personId" = st."personId" ${joins}
    WHERE ${ENROLLED} AND st."schoolId" = ANY(${filter.schoolIds}::text[])
      ${filter.category ? Prisma.sql`AND e.category = ${filter.category}::"SpecialCategory"` : Prisma.empty}
      ${filter.source ? Prisma.sql`AND e.source = ${filter.source}::"SpecialSource"` : Prisma.empty}
      ${filter.stage ? Prisma.sql`AND st.stage = ${filter.stage}::"Stage"` : Prisma.empty}`;
}

export const countSpecialGroup = (filter: SpecialGroupFilter) => boundedCount(specialGroupFrom(filter));

const ENROLMENT_KEY = Prisma.sql`st."schoolId", st."sortGradeName", st."sortClassName", st."sortName", st.id`;

export async function listSpecialGroup(
  filter: SpecialGroupFilter,
  paging: Paging<SpecialGroupKey>,
): Promise<SpecialGroupRow[]> {
  const page = pageSql(paging, Prisma.sql`${ENROLMENT_KEY}, e.id`, (key) => [
    key.schoolId,
    key.sortGradeName,
    key.sortClassName,
    key.sortName,
    key.studentId,
    key.entryId,
  ]);
  const reader = await readDb();
  return reader.$queryRaw<SpecialGroupRow[]>`
    SELECT e.id AS "entryId", st.id AS "studentId", st."schoolId", st."sortGradeName", st."sortClassName", st."sortName",
      p.id AS "personId", p.name, p."idNumberMasked" AS "idMasked", e.category::text AS category,
      e.source::text AS source, e."listYear", sc.name AS "schoolName", st."sortGradeName" AS "gradeName",
      st."sortClassName" AS "className", st.stage::text AS stage,
      (SELECT r.name FROM "Region" r WHERE r.id = p."hukouRegionId") AS "hukouName"
    ${specialGroupFrom(
      filter,
      Prisma.sql`JOIN "Person" p ON p.id = st."personId" JOIN "School" sc ON sc.id = st."schoolId"`,
    )} ${page.after}
    ORDER BY ${ENROLMENT_KEY}, e.id ${page.limit}`;
}

// ───────────── 本地户籍外地就读 / 外地户籍本地就读 ─────────────

/**
 * "out" = household registration in the subtree's regions, enrolled at a school outside; "in" = enrolled at
 * a subtree school, registered in a region outside (people without a recorded 户籍所在地 are in neither
 * list). Each side is an id set given as the smaller of itself and its complement (`negate`), so the
 * query drives from the small side by its index: a county's "in" from its own schools' students, the
 * province's "in" from the people registered in the few regions outside it.
 */
export type IdSet = { ids: string[]; negate: boolean };
const inSet = (column: Prisma.Sql, set: IdSet) =>
  set.negate
    ? Prisma.sql`${column} IS NOT NULL AND NOT (${column} = ANY(${set.ids}::text[]))`
    : Prisma.sql`${column} = ANY(${set.ids}::text[])`;

export type HukouFilter = {
  hukouRegions: IdSet;
  schools: IdSet;
  /** The side the query reads by its index (the small one); the other is probed per row. */
  drive: "person" | "student";
  /** undefined: any special-group category; "ALL": every student; else one category. */
  category?: SpecialCategory | "ALL";
  stage?: Stage;
};
export type HukouRow = EnrolmentKey & {
  personId: string;
  name: string;
  idMasked: string;
  hukouName: string | null;
  schoolName: string;
  schoolRegionName: string;
  stage: Stage;
  gradeName: string;
  className: string;
  categories: SpecialCategory[];
};

/**
 * The people of a hukou list, driven from `filter.drive`: the other side is looked up per row through a
 * LATERAL subquery (OFFSET 0 keeps it a per-row index probe: left to itself the planner hashed a
 * sequential scan of the whole other table, 127–255 ms on 400,000 students, bench/region-queries.ts).
 */
function hukouFrom(filter: HukouFilter, joins = Prisma.empty) {
  const group =
    filter.category === "ALL"
      ? Prisma.empty
      : Prisma.sql`AND ${categoryExists(Prisma.sql`p.id`, filter.category)}`;
  const from =
    filter.drive === "student"
      ? Prisma.sql`FROM "Student" st
      CROSS JOIN LATERAL (SELECT p.id, p.name, p."idNumberMasked", p."hukouRegionId" FROM "Person" p
        WHERE p.id = st."personId" OFFSET 0) p`
      : Prisma.sql`FROM "Person" p
      CROSS JOIN LATERAL (SELECT st.id, st."personId", st."schoolId", st.stage, st.status, st."sortGradeName",
          st."sortClassName", st."sortName"
        FROM "Student" st WHERE st."personId" = p.id AND ${ENROLLED} OFFSET 0) st`;
  return Prisma.sql`${from} ${joins}
    WHERE ${ENROLLED} AND ${inSet(Prisma.sql`p."hukouRegionId"`, filter.hukouRegions)}
      AND ${inSet(Prisma.sql`st."schoolId"`, filter.schools)}
      ${filter.stage ? Prisma.sql`AND st.stage = ${filter.stage}::"Stage"` : Prisma.empty} ${group}`;
}

export const countHukou = (filter: HukouFilter) => boundedCount(hukouFrom(filter));

export async function listHukou(filter: HukouFilter, paging: Paging<EnrolmentKey>): Promise<HukouRow[]> {
  const page = pageSql(paging, ENROLMENT_KEY, (key) => [
    key.schoolId,
    key.sortGradeName,
    key.sortClassName,
    key.sortName,
    key.studentId,
  ]);
  const reader = await readDb();
  return reader.$queryRaw<HukouRow[]>`
    SELECT st.id AS "studentId", st."schoolId", st."sortGradeName", st."sortClassName", st."sortName",
      p.id AS "personId", p.name, p."idNumberMasked" AS "idMasked", hr.name AS "hukouName",
      sc.name AS "schoolName", sr.name AS "schoolRegionName", st.stage::text AS stage,
      st."sortGradeName" AS "gradeName", st."sortClassName" AS "className", ${categoriesOf}
    ${hukouFrom(
      filter,
      Prisma.sql`JOIN "Region" hr ON hr.id = p."hukouRegionId" JOIN "School" sc ON sc.id = st."schoolId"
        JOIN "Region" sr ON sr.id = sc."regionId"`,
    )} ${page.after}
    ORDER BY ${ENROLMENT_KEY} ${page.limit}`;
}

/** Counts per (region, stage): of the household registration ("out") or of the school ("in"). */
export async function hukouBreakdown(filter: HukouFilter, by: "hukou" | "school") {
  const reader = await readDb();
  const rows = await reader.$queryRaw<{ regionPath: string; stage: Stage; count: number }[]>`
    SELECT r.path AS "regionPath", st.stage::text AS stage, count(*)::int AS count
    ${hukouFrom(
      filter,
      by === "hukou"
        ? Prisma.sql`JOIN "Region" r ON r.id = p."hukouRegionId"`
        : Prisma.sql`JOIN "School" s ON s.id = st."schoolId" JOIN "Region" r ON r.id = s."regionId"`,
    )}
    GROUP BY r.path, st.stage`;
  return rows;
}

// ───────────── 受助情况 (档案全学段衔接) ─────────────

/**
 * A person the supervisor may follow: enrolled (在读/休学) at a school of the subtree, with their household
 * registration in it (本地户籍外地就读), or who applied at one of its schools (a determination the
 * supervisor lists). Anyone else is "not found".
 */
export async function personInReach(scope: RegionScope, personId: string): Promise<boolean> {
  const rows = await db().$queryRaw<{ id: string }[]>`
    SELECT p.id FROM "Person" p
    WHERE p.id = ${personId} AND (
      EXISTS (SELECT 1 FROM "Region" r WHERE r.id = p."hukouRegionId" AND starts_with(r.path, ${scope.regionPath}))
      OR EXISTS (SELECT 1 FROM "Student" st JOIN "School" s ON s.id = st."schoolId" JOIN "Region" r ON r.id = s."regionId"
        WHERE st."personId" = p.id AND ${ENROLLED} AND starts_with(r.path, ${scope.regionPath}))
      OR EXISTS (SELECT 1 FROM "Application" a JOIN "School" s ON s.id = a."schoolId" JOIN "Region" r ON r.id = s."regionId"
        WHERE a."personId" = p.id AND starts_with(r.path, ${scope.regionPath})))`;
  return rows.length === 1;
}

/** Everything of one person's aid file, across terms and schools (the caller has checked the reach). */
export async function aidHistoryOf(personId: string) {
  const reader = await readDb();
  const school = {
    select: { id: true, code: true, name: true, region: { select: { name: true, path: true } } },
  };
  const [person, enrolments, applications, rosterEntries, entries, aidRecords] = await Promise.all([
    reader.person.findUnique({
      where: { id: personId },
      select: {
        id: true,
        name: true,
        idNumberMasked: true,
        hukouRegion: { select: { name: true, path: true } },
      },
    }),
    reader.student.findMany({
      where: { personId },
      orderBy: [{ enrolledOn: "asc" }, { id: "asc" }],
      select: {
        id: true,
        stage: true,
        status: true,
        enrolledOn: true,
        school,
        grade: { select: { name: true } },
        class: { select: { name: true } },
      },
    }),
    reader.application.findMany({
      where: { personId },
      orderBy: [{ term: { academicYear: "asc" } }, { term: { semester: "desc" } }],
      select: {
        id: true,
        state: true,
        term: { select: { name: true } },
        school,
        determination: { select: { finalLevel: true, determinedAt: true, revokedAt: true } },
        programmes: { select: { programme: { select: { name: true } } } },
      },
    }),
    reader.rosterEntry.findMany({
      where: { student: { personId } },
      orderBy: [{ roster: { term: { academicYear: "asc" } } }, { roster: { term: { semester: "desc" } } }],
      select: {
        id: true,
        level: true,
        amountFen: true,
        paidAmountFen: true,
        paidAt: true,
        roster: {
          select: {
            month: true,
            state: true,
            term: { select: { name: true } },
            programme: { select: { name: true } },
            school,
          },
        },
      },
    }),
    reader.specialGroupEntry.findMany({
      where: { personId },
      orderBy: [{ listYear: "desc" }, { category: "asc" }],
      select: { id: true, category: true, source: true, listYear: true, school },
    }),
    // 受助情况 (migration 510): what was paid per programme and period, reversed ones kept as such.
    reader.aidRecord.findMany({
      where: { personId },
      orderBy: [{ period: "asc" }, { programme: { name: "asc" } }, { id: "asc" }],
      select: {
        id: true,
        period: true,
        amountFen: true,
        state: true,
        paidAt: true,
        reversedAt: true,
        reversalReason: true,
        programme: { select: { name: true } },
        school,
      },
    }),
  ]);
  return person ? { person, enrolments, applications, rosterEntries, entries, aidRecords } : null;
}

/** The person's encrypted ID number, when they are on a matched special-group list (the reveal's rule). */
export async function specialGroupPersonCipher(personId: string): Promise<string | null> {
  const person = await db().person.findFirst({
    where: { id: personId, specialGroupEntries: { some: {} } },
    select: { idNumberCipher: true },
  });
  return person?.idNumberCipher ?? null;
}

/** Encrypted ID numbers of the given people (the export with full ID numbers, page by page). */
export async function idCiphersOf(personIds: string[]): Promise<Map<string, string>> {
  if (personIds.length === 0) return new Map();
  const reader = await readDb();
  const rows = await reader.person.findMany({
    where: { id: { in: personIds } },
    select: { id: true, idNumberCipher: true },
  });
  return new Map(rows.map((row) => [row.id, row.idNumberCipher]));
}
