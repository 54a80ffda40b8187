/**
 * Reads of the supervisor statistics: the rollup rows of migration 430 summed over the schools of a region
 * subtree, grouped by area (the child region, or in a county the school), stage and the table's own keys.
 * Read-only statistics: they read from the replica when one is configured (readDb). The caller passes a
 * region it has checked is within the supervisor's subtree (findRegionInSubtree).
 */
import "server-only";
import type { Stage } from "@/lib/domain/codes";
import type { AidProgrammeRow, AidStudentRow, SpecialGroupRow, TrendRow } from "@/lib/domain/statistics";
import { readDb } from "./client";
import { Prisma } from "./generated/client";

export type StatRegion = {
  id: string;
  code: string;
  name: string;
  level: "PROVINCE" | "CITY" | "COUNTY";
  path: string;
};

/** The region if it is the subtree's root or below it, else null. */
export async function findRegionInSubtree(subtreePath: string, regionId: string): Promise<StatRegion | null> {
  const region = await (
    await readDb()
  ).region.findUnique({
    where: { id: regionId },
    select: { id: true, code: true, name: true, level: true, path: true },
  });
  return region && region.path.startsWith(subtreePath) ? region : null;
}

/** The regions from the subtree's root down to `region` (for the breadcrumb). */
export async function regionsBetween(subtreePath: string, region: StatRegion): Promise<StatRegion[]> {
  const codes = region.path.split("/").filter(Boolean);
  const paths = codes
    .map((_, i) => `/${codes.slice(0, i + 1).join("/")}/`)
    .filter((p) => p.startsWith(subtreePath));
  return (await readDb()).region.findMany({
    where: { path: { in: paths } },
    select: { id: true, code: true, name: true, level: true, path: true },
    orderBy: { path: "asc" },
  });
}

export type AreaRow = { key: string; label: string; regionId: string | null };

/** The areas a region's figures are broken down by: its child regions, or in a county its schools. */
export async function listAreas(region: StatRegion): Promise<AreaRow[]> {
  const client = await readDb();
  if (region.level === "COUNTY") {
    const schools = await client.school.findMany({
      where: { regionId: region.id },
      select: { id: true, name: true },
      orderBy: { code: "asc" },
    });
    return schools.map((school) => ({ key: school.id, label: school.name, regionId: null }));
  }
  const children = await client.region.findMany({
    where: { parentId: region.id },
    select: { id: true, code: true, name: true },
    orderBy: { code: "asc" },
  });
  return children.map((child) => ({ key: child.code, label: child.name, regionId: child.id }));
}

export async function listStatTerms(): Promise<{ id: string; name: string; isCurrent: boolean }[]> {
  return (await readDb()).aidTerm.findMany({
    select: { id: true, name: true, isCurrent: true },
    orderBy: [{ academicYear: "asc" }, { semester: "asc" }],
  });
}

export async function listStatProgrammes(): Promise<{ id: string; name: string; stage: Stage }[]> {
  return (await readDb()).aidProgramme.findMany({
    select: { id: true, name: true, stage: true },
    orderBy: [{ stage: "asc" }, { code: "asc" }],
  });
}

/** The area key of a rollup row's school: the child region's code, or in a county the school. */
function areaKey(region: StatRegion): Prisma.Sql {
  return region.level === "COUNTY"
    ? Prisma.sql`sc."id"`
    : Prisma.sql`split_part(substr(rg."path", ${region.path.length + 1}), '/', 1)`;
}
const inSubtree = (region: StatRegion) => Prisma.sql`rg."path" LIKE ${`${region.path}%`}`;
const stageFilter = (stages: readonly Stage[] | null) =>
  stages === null ? Prisma.empty : Prisma.sql`AND s."stage"::text IN (${Prisma.join([...stages])})`;

export async function specialGroupRows(
  region: StatRegion,
  termId: string,
  stages: readonly Stage[] | null,
): Promise<SpecialGroupRow[]> {
  return (await readDb()).$queryRaw<SpecialGroupRow[]>`
    SELECT ${areaKey(region)} AS "area", s."stage", s."category",
           sum(s."listed")::int AS "listed", sum(s."enrolled")::int AS "enrolled", sum(s."applied")::int AS "applied",
           sum(s."determined")::int AS "determined", sum(s."aided")::int AS "aided",
           sum(s."noAidWaived")::int AS "noAidWaived", sum(s."noAidLeftSchool")::int AS "noAidLeftSchool",
           sum(s."noAidAidedElsewhere")::int AS "noAidAidedElsewhere",
           sum(s."noAidNotEligible")::int AS "noAidNotEligible", sum(s."noAidOther")::int AS "noAidOther",
           sum(s."noAidUnreported")::int AS "noAidUnreported"
    FROM "SpecialGroupStat" s
    JOIN "School" sc ON sc."id" = s."schoolId"
    JOIN "Region" rg ON rg."id" = sc."regionId"
    WHERE s."termId" = ${termId} AND ${inSubtree(region)} ${stageFilter(stages)}
    GROUP BY 1, 2, 3`;
}

export async function aidStudentRows(
  region: StatRegion,
  termId: string,
  stages: readonly Stage[] | null,
): Promise<AidStudentRow[]> {
  return (await readDb()).$queryRaw<AidStudentRow[]>`
    SELECT ${areaKey(region)} AS "area", s."stage"::text AS "stage", s."level", sum(s."persons")::int AS "persons"
    FROM "AidStudentStat" s
    JOIN "School" sc ON sc."id" = s."schoolId"
    JOIN "Region" rg ON rg."id" = sc."regionId"
    WHERE s."termId" = ${termId} AND ${inSubtree(region)} ${stageFilter(stages)}
    GROUP BY 1, 2, 3`;
}

export async function aidProgrammeRows(
  region: StatRegion,
  termId: string,
  stages: readonly Stage[] | null,
): Promise<AidProgrammeRow[]> {
  const rows = await (
    await readDb()
  ).$queryRaw<(Omit<AidProgrammeRow, "amountFen" | "paidFen"> & { amountFen: bigint; paidFen: bigint })[]>`
    SELECT ${areaKey(region)} AS "area", s."stage"::text AS "stage", s."programmeId", s."level",
           sum(s."persons")::int AS "persons", sum(s."personTimes")::int AS "personTimes",
           sum(s."amountFen")::bigint AS "amountFen", sum(s."paidFen")::bigint AS "paidFen"
    FROM "AidProgrammeStat" s
    JOIN "School" sc ON sc."id" = s."schoolId"
    JOIN "Region" rg ON rg."id" = sc."regionId"
    WHERE s."termId" = ${termId} AND ${inSubtree(region)} ${stageFilter(stages)}
    GROUP BY 1, 2, 3, 4`;
  return rows.map((row) => ({ ...row, amountFen: Number(row.amountFen), paidFen: Number(row.paidFen) }));
}

/** Students, person-times and amounts per term, every term in order (terms without aid show zeros). */
export async function trendRows(region: StatRegion, stages: readonly Stage[] | null): Promise<TrendRow[]> {
  const rows = await (
    await readDb()
  ).$queryRaw<
    {
      termId: string;
      termName: string;
      persons: number;
      personTimes: number;
      amountFen: bigint;
      paidFen: bigint;
    }[]
  >`
    WITH students AS (
      SELECT s."termId", sum(s."persons")::int AS "persons"
      FROM "AidStudentStat" s JOIN "School" sc ON sc."id" = s."schoolId" JOIN "Region" rg ON rg."id" = sc."regionId"
      WHERE ${inSubtree(region)} ${stageFilter(stages)}
      GROUP BY 1
    ), programmes AS (
      SELECT s."termId", sum(s."personTimes")::int AS "personTimes", sum(s."amountFen")::bigint AS "amountFen",
             sum(s."paidFen")::bigint AS "paidFen"
      FROM "AidProgrammeStat" s JOIN "School" sc ON sc."id" = s."schoolId" JOIN "Region" rg ON rg."id" = sc."regionId"
      WHERE ${inSubtree(region)} ${stageFilter(stages)}
      GROUP BY 1
    )
    SELECT t."id" AS "termId", t."name" AS "termName", coalesce(st."persons", 0)::int AS "persons",
           coalesce(pr."personTimes", 0)::int AS "personTimes", coalesce(pr."amountFen", 0)::bigint AS "amountFen",
           coalesce(pr."paidFen", 0)::bigint AS "paidFen"
    FROM "AidTerm" t
    LEFT JOIN students st ON st."termId" = t."id"
    LEFT JOIN programmes pr ON pr."termId" = t."id"
    ORDER BY t."academicYear", t."semester"`;
  return rows.map((row) => ({ ...row, amountFen: Number(row.amountFen), paidFen: Number(row.paidFen) }));
}

/**
 * How fresh the region's statistics are (rollup framework, docs/architecture.md "Rollups"): the earliest mark of
 * a change not yet in the rollups of any of its schools in any term (the trend covers every term), null when
 * nothing is pending.
 */
export async function statisticsPendingSince(region: StatRegion): Promise<Date | null> {
  const [row] = await (
    await readDb()
  ).$queryRaw<{ since: Date | null }[]>`
    SELECT min(d."markedAt") AS "since"
      FROM "RollupDirty" d
      JOIN "School" sc ON sc."id" = d."schoolId"
      JOIN "Region" rg ON rg."id" = sc."regionId"
     WHERE ${inSubtree(region)}`;
  return row?.since ?? null;
}
