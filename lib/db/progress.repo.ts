/**
 * 工作进展查看 reads: the progress rollup (lib/db/rollups/progress.ts) of the schools of a region subtree for
 * a term, and how fresh it is. Never the base tables: a province's request reads ≤ 5,000 small rows. Every
 * read is limited to the caller's region subtree (the Scope) and goes to the read replica when there is one
 * (a statistic that tolerates a second of lag; docs/decisions/0008-read-replica.md).
 */
import "server-only";
import type { Scope } from "@/lib/auth/scope";
import type { MonthKey } from "@/lib/domain/vocational-overdue";
import type { ProgressFigures } from "@/lib/domain/work-progress";
import { readDb } from "./client";
import type { RegionLevel, Stage } from "./generated/enums";

type RegionScope = Extract<Scope, { role: "SUPERVISOR" }>;

export type ProgressRegion = { id: string; code: string; name: string; level: RegionLevel; path: string };

export type SchoolProgress = ProgressFigures & {
  schoolId: string;
  code: string;
  name: string;
  regionPath: string;
  stages: Stage[];
  verifyDeadline: Date;
  reviewDeadline: Date;
  /** False until the rollup job has computed the school for the term once. */
  computed: boolean;
};

const within = (scope: RegionScope, path: string) => path.startsWith(scope.regionPath);

/** A region of the caller's subtree by id (the caller's own when `regionId` is null); null when outside. */
export async function findProgressRegion(
  scope: RegionScope,
  regionId: string | null,
): Promise<ProgressRegion | null> {
  const reader = await readDb();
  return reader.region.findFirst({
    where: regionId ? { id: regionId, path: { startsWith: scope.regionPath } } : { path: scope.regionPath },
    select: { id: true, code: true, name: true, level: true, path: true },
  });
}

/** The regions from the caller's own down to `path` (breadcrumbs), top first. */
export async function regionsOnPath(scope: RegionScope, path: string): Promise<ProgressRegion[]> {
  if (!within(scope, path)) return [];
  const codes = path.split("/").filter(Boolean);
  const reader = await readDb();
  const rows = await reader.region.findMany({
    where: { code: { in: codes }, path: { startsWith: scope.regionPath } },
    select: { id: true, code: true, name: true, level: true, path: true },
  });
  return rows.sort((a, b) => a.path.length - b.path.length);
}

export async function childRegions(scope: RegionScope, region: ProgressRegion): Promise<ProgressRegion[]> {
  if (!within(scope, region.path)) return [];
  const reader = await readDb();
  return reader.region.findMany({
    where: { parentId: region.id },
    orderBy: { code: "asc" },
    take: 5000,
    select: { id: true, code: true, name: true, level: true, path: true },
  });
}

/**
 * The progress of every school under `path` (or the one school `schoolId`) for the term: its rollup row,
 * its 中职 students overdue at `month` (the rollup's overdue-from months up to it), its deadlines (the
 * school's own, else the term's). A school the rollup has not computed yet comes with zeros and
 * `computed: false`.
 */
export async function listSchoolProgress(
  scope: RegionScope,
  path: string,
  termId: string,
  month: MonthKey,
  schoolId: string | null = null,
): Promise<SchoolProgress[]> {
  if (!within(scope, path)) return [];
  const reader = await readDb();
  const rows = await reader.$queryRaw<(Omit<SchoolProgress, "stages"> & { stages: string[] })[]>`
    SELECT sc."id" AS "schoolId", sc."code", sc."name", r."path" AS "regionPath", sc."stages"::text[] AS "stages",
           coalesce(sts."verifyDeadline", t."verifyDeadline") AS "verifyDeadline",
           coalesce(sts."reviewDeadline", t."reviewDeadline") AS "reviewDeadline",
           (rs."schoolId" IS NOT NULL) AS "computed",
           coalesce(p."studentsInSchool", 0) AS "studentsInSchool", coalesce(p."applied", 0) AS "applied",
           coalesce(p."waived", 0) AS "waived", coalesce(p."inProgress", 0) AS "inProgress",
           coalesce(p."notStarted", 0) AS "notStarted",
           coalesce(p."awaitingVerification", 0) AS "awaitingVerification",
           coalesce(p."verified", 0) AS "verified",
           coalesce(p."awaitingDetermination", 0) AS "awaitingDetermination",
           coalesce(p."determinedSpecial", 0) AS "determinedSpecial",
           coalesce(p."determinedHardship", 0) AS "determinedHardship",
           coalesce(p."determinedGeneral", 0) AS "determinedGeneral",
           coalesce(p."determinedNone", 0) AS "determinedNone",
           coalesce(p."publicised", 0) AS "publicised", coalesce(p."rosterApproved", 0) AS "rosterApproved",
           coalesce(p."paid", 0) AS "paid", coalesce(p."specialGroup", 0) AS "specialGroup",
           coalesce(p."specialAided", 0) AS "specialAided",
           coalesce(p."specialNoAidWithReason", 0) AS "specialNoAidWithReason",
           coalesce(p."specialNoAidWithoutReason", 0) AS "specialNoAidWithoutReason",
           coalesce(p."vocationalInSchool", 0) AS "vocationalInSchool",
           coalesce((SELECT sum(v."students") FROM "ProgressVocationalDue" v
                      WHERE v."schoolId" = sc."id" AND v."termId" = t."id"
                        AND v."overdueFrom" <= ${`${month}-01`}::date), 0)::int AS "vocationalOverdue"
      FROM "School" sc
      JOIN "Region" r ON r."id" = sc."regionId"
      JOIN "AidTerm" t ON t."id" = ${termId}
      LEFT JOIN "ProgressRollup" p ON p."schoolId" = sc."id" AND p."termId" = t."id"
      LEFT JOIN "SchoolTermSetting" sts ON sts."schoolId" = sc."id" AND sts."termId" = t."id"
      LEFT JOIN "RollupState" rs ON rs."schoolId" = sc."id" AND rs."termId" = t."id"
     WHERE r."path" LIKE ${path} || '%' AND r."path" LIKE ${scope.regionPath} || '%'
       AND (${schoolId}::text IS NULL OR sc."id" = ${schoolId})
     ORDER BY sc."code"`;
  return rows.map((row) => ({ ...row, stages: row.stages as Stage[] }));
}

export type RegionProgress = ProgressFigures & {
  /** The path of the child region (of the region at `path`) the group sums; `path` itself for schools
   * attached to the region directly. */
  groupPath: string;
  schools: number;
  behindSchools: number;
  uncomputed: number;
  vocational: boolean;
};

/**
 * The progress of the schools under `path` summed per child region (grouped by the next segment of their
 * region's path), for a province or city: ≤ 5,000 small rollup rows summed in the database, a few dozen
 * rows back. "Behind schedule" is counted with the rule of lib/domain/work-progress.ts `behindSchedule`,
 * written here in SQL (tests/integration/work-progress.test.ts proves they agree).
 */
export async function listRegionProgress(
  scope: RegionScope,
  path: string,
  termId: string,
  month: MonthKey,
  now: Date,
): Promise<RegionProgress[]> {
  if (!within(scope, path)) return [];
  const reader = await readDb();
  return reader.$queryRaw<RegionProgress[]>`
    WITH due AS (
      SELECT v."schoolId", sum(v."students")::int AS "overdue"
        FROM "ProgressVocationalDue" v
       WHERE v."termId" = ${termId} AND v."overdueFrom" <= ${`${month}-01`}::date
       GROUP BY v."schoolId"
    ), school AS (
      SELECT substr(r."path", 1, length(${path}) + 7) AS "groupPath", sc."stages", p.*,
             coalesce(due."overdue", 0) AS "vocationalOverdue",
             (rs."schoolId" IS NULL) AS "uncomputed",
             ((nowUtc."at" > coalesce(sts."verifyDeadline", t."verifyDeadline") AND coalesce(p."awaitingVerification", 0) > 0)
              OR (nowUtc."at" > coalesce(sts."reviewDeadline", t."reviewDeadline") AND coalesce(p."awaitingDetermination", 0) > 0)) AS "behind"
        FROM "School" sc
        JOIN "Region" r ON r."id" = sc."regionId"
        JOIN "AidTerm" t ON t."id" = ${termId}
        LEFT JOIN "ProgressRollup" p ON p."schoolId" = sc."id" AND p."termId" = t."id"
        LEFT JOIN "SchoolTermSetting" sts ON sts."schoolId" = sc."id" AND sts."termId" = t."id"
        LEFT JOIN "RollupState" rs ON rs."schoolId" = sc."id" AND rs."termId" = t."id"
        LEFT JOIN due ON due."schoolId" = sc."id"
        -- The deadline columns hold UTC (timestamp without time zone), as Prisma writes them.
        CROSS JOIN (SELECT ${now.toISOString()}::timestamptz AT TIME ZONE 'UTC' AS "at") nowUtc
       WHERE r."path" LIKE ${path} || '%' AND r."path" LIKE ${scope.regionPath} || '%'
    )
    SELECT "groupPath", count(*)::int AS "schools",
           (count(*) FILTER (WHERE "behind"))::int AS "behindSchools",
           (count(*) FILTER (WHERE "uncomputed"))::int AS "uncomputed",
           bool_or('VOCATIONAL' = ANY("stages") OR coalesce("vocationalInSchool", 0) > 0) AS "vocational",
           coalesce(sum("studentsInSchool"), 0)::int AS "studentsInSchool", coalesce(sum("applied"), 0)::int AS "applied",
           coalesce(sum("waived"), 0)::int AS "waived", coalesce(sum("inProgress"), 0)::int AS "inProgress",
           coalesce(sum("notStarted"), 0)::int AS "notStarted",
           coalesce(sum("awaitingVerification"), 0)::int AS "awaitingVerification",
           coalesce(sum("verified"), 0)::int AS "verified",
           coalesce(sum("awaitingDetermination"), 0)::int AS "awaitingDetermination",
           coalesce(sum("determinedSpecial"), 0)::int AS "determinedSpecial",
           coalesce(sum("determinedHardship"), 0)::int AS "determinedHardship",
           coalesce(sum("determinedGeneral"), 0)::int AS "determinedGeneral",
           coalesce(sum("determinedNone"), 0)::int AS "determinedNone",
           coalesce(sum("publicised"), 0)::int AS "publicised",
           coalesce(sum("rosterApproved"), 0)::int AS "rosterApproved", coalesce(sum("paid"), 0)::int AS "paid",
           coalesce(sum("specialGroup"), 0)::int AS "specialGroup",
           coalesce(sum("specialAided"), 0)::int AS "specialAided",
           coalesce(sum("specialNoAidWithReason"), 0)::int AS "specialNoAidWithReason",
           coalesce(sum("specialNoAidWithoutReason"), 0)::int AS "specialNoAidWithoutReason",
           coalesce(sum("vocationalInSchool"), 0)::int AS "vocationalInSchool",
           coalesce(sum("vocationalOverdue"), 0)::int AS "vocationalOverdue"
      FROM school
     GROUP BY "groupPath"`;
}

/**
 * How fresh the figures under `path` are: the earliest mark of a change not yet in the rollup (every change
 * committed before it is in), null when none is pending (the figures are current).
 */
export async function pendingSince(scope: RegionScope, path: string, termId: string): Promise<Date | null> {
  if (!within(scope, path)) return null;
  const reader = await readDb();
  const [row] = await reader.$queryRaw<{ since: Date | null }[]>`
    SELECT min(d."markedAt") AS "since"
      FROM "RollupDirty" d
      JOIN "School" sc ON sc."id" = d."schoolId"
      JOIN "Region" r ON r."id" = sc."regionId"
     WHERE d."termId" = ${termId} AND r."path" LIKE ${path} || '%' AND r."path" LIKE ${scope.regionPath} || '%'`;
  return row?.since ?? null;
}
