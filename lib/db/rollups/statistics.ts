/**
 * The supervisor statistics' figures computed from the base tables (lib/services/statistics.ts shows them):
 * one SQL per rollup table of migration 430, over a set of schools and one term. With one school it is the
 * rollup's refresher; with a region's schools it is the "plain GROUP BY" the benchmark compares against.
 *
 * Definitions (also stated on the page, app/(console)/console/supervisor/statistics):
 *  - listed: the school's special-group list entries of the term's list year (autumn: the first calendar year
 *    of the academic year, spring: the second; SQL function aid_term_list_year, migration 431, which also makes
 *    a list change mark every term of its year), one per person and category;
 *  - enrolled: listed and matched to an in-school student (学籍在校) of the same school;
 *  - applied: that student's application of the term was submitted (not a draft, not waived or withdrawn);
 *  - determined: finally determined 特别困难 / 困难 / 一般困难 this term, not revoked;
 *  - aided: on an approved roster (资助名单) of the term — a 中职 monthly list once its publicity is confirmed
 *    (公示通过); not aided = enrolled − aided, by the 未资助原因 the
 *    school recorded (none recorded = 未上报原因);
 *  - person-times (人次): one per aid record (受助情况, migration 510) paid and not reversed, i.e. per person,
 *    programme and period (a month for monthly 中职 lists); amounts: the approved amount (approved rosters'
 *    entries) and the paid amount (the same aid records);
 *  - level: the student's final level of the term (UNDETERMINED when none), one per student and term, so
 *    students by level add up to students.
 */
import "server-only";
import type { Tx } from "../client";
import { Prisma } from "../generated/client";

/** A subquery naming the school ids the figures cover. */
export type SchoolSet = Prisma.Sql;

export const oneSchool = (schoolId: string): SchoolSet => Prisma.sql`SELECT ${schoolId}::text`;
export const schoolsUnder = (regionPath: string): SchoolSet =>
  Prisma.sql`SELECT sc."id" FROM "School" sc JOIN "Region" rg ON rg."id" = sc."regionId"
             WHERE rg."path" LIKE ${`${regionPath}%`}`;

/**
 * An approved roster: a semester roster approved by the school, or a 中职 monthly list whose publicity the
 * supervisor confirmed (公示通过; its Roster stays DRAFT under supervision, migration 500).
 */
function rosterApproved(roster: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`(${roster}."state" = 'APPROVED' OR EXISTS (
    SELECT 1 FROM "VocationalList" vl WHERE vl."rosterId" = ${roster}."id" AND vl."confirmation" = 'PASSED'))`;
}

/** Rows (schoolId, stage, category, listed … noAidUnreported) of 十一类特殊困难学生综合统计. */
export function specialGroupFigures(schools: SchoolSet, termId: string): Prisma.Sql {
  return Prisma.sql`
    WITH term AS (
      SELECT aid_term_list_year(t."academicYear", t."semester") AS "listYear" FROM "AidTerm" t WHERE t."id" = ${termId}
    ), listed AS (
      SELECT e."schoolId", e."category"::text AS "category", e."idNumberHash", st."id" AS "studentId",
             coalesce(st."stage"::text, '') AS "stage"
      FROM "SpecialGroupEntry" e
      JOIN term ON e."listYear" = term."listYear"
      LEFT JOIN "Student" st ON st."schoolId" = e."schoolId" AND st."personId" = e."personId"
        AND st."status" = 'IN_SCHOOL'
      WHERE e."schoolId" IN (${schools})
    ), facts AS (
      SELECT l.*,
             a."state" IN ('submitted', 'returned', 'verified', 'reviewed', 'determined', 'revoked') AS "applied",
             (a."state" = 'determined' AND d."revokedAt" IS NULL
               AND d."finalLevel" IN ('SPECIAL', 'HARDSHIP', 'GENERAL')) AS "determined",
             EXISTS (SELECT 1 FROM "RosterEntry" re JOIN "Roster" ro ON ro."id" = re."rosterId"
                      WHERE re."studentId" = l."studentId" AND ro."termId" = ${termId}
                        AND ${rosterApproved(Prisma.sql`ro`)}) AS "aided",
             na."reason"::text AS "reason"
      FROM listed l
      LEFT JOIN "Application" a ON a."studentId" = l."studentId" AND a."termId" = ${termId} AND a."ofRecord"
      LEFT JOIN "Determination" d ON d."applicationId" = a."id"
      LEFT JOIN "NoAidRecord" na ON na."studentId" = l."studentId" AND na."termId" = ${termId}
    )
    SELECT "schoolId", "stage", coalesce("category", 'ALL') AS "category",
           count(DISTINCT "idNumberHash")::int AS "listed",
           count(DISTINCT "studentId")::int AS "enrolled",
           count(DISTINCT "studentId") FILTER (WHERE "applied")::int AS "applied",
           count(DISTINCT "studentId") FILTER (WHERE "determined")::int AS "determined",
           count(DISTINCT "studentId") FILTER (WHERE "aided")::int AS "aided",
           count(DISTINCT "studentId") FILTER (WHERE NOT "aided" AND "reason" = 'WAIVED')::int AS "noAidWaived",
           count(DISTINCT "studentId") FILTER (WHERE NOT "aided" AND "reason" = 'LEFT_SCHOOL')::int AS "noAidLeftSchool",
           count(DISTINCT "studentId") FILTER (WHERE NOT "aided" AND "reason" = 'AIDED_ELSEWHERE')::int AS "noAidAidedElsewhere",
           count(DISTINCT "studentId") FILTER (WHERE NOT "aided" AND "reason" = 'NOT_ELIGIBLE')::int AS "noAidNotEligible",
           count(DISTINCT "studentId") FILTER (WHERE NOT "aided" AND "reason" = 'OTHER')::int AS "noAidOther",
           count(DISTINCT "studentId") FILTER (WHERE NOT "aided" AND "reason" IS NULL)::int AS "noAidUnreported"
    FROM facts
    GROUP BY GROUPING SETS (("schoolId", "stage", "category"), ("schoolId", "stage"))`;
}

/** Approved roster entries of the term with the student's stage and final level (one level per student). */
function aidEntries(schools: SchoolSet, termId: string): Prisma.Sql {
  return Prisma.sql`
    SELECT ro."schoolId", st."stage", ro."programmeId", re."studentId", re."amountFen",
           CASE WHEN re."paidAt" IS NULL THEN 0 ELSE coalesce(re."paidAmountFen", 0) END AS "paidFen",
           coalesce(lv."level", 'UNDETERMINED') AS "level"
    FROM "Roster" ro
    JOIN "RosterEntry" re ON re."rosterId" = ro."id"
    JOIN "Student" st ON st."id" = re."studentId"
    LEFT JOIN LATERAL (
      SELECT d."finalLevel"::text AS "level" FROM "Application" a
      JOIN "Determination" d ON d."applicationId" = a."id"
      WHERE a."studentId" = re."studentId" AND a."termId" = ${termId} AND a."state" = 'determined'
        AND a."ofRecord" AND d."revokedAt" IS NULL AND d."finalLevel" IS NOT NULL
      LIMIT 1
    ) lv ON true
    WHERE ro."schoolId" IN (${schools}) AND ro."termId" = ${termId} AND ${rosterApproved(Prisma.sql`ro`)}`;
}

/** Rows (schoolId, stage, level, persons): distinct aided students. */
export function aidStudentFigures(schools: SchoolSet, termId: string): Prisma.Sql {
  return Prisma.sql`
    SELECT "schoolId", "stage", "level", count(DISTINCT "studentId")::int AS "persons"
    FROM (${aidEntries(schools, termId)}) e
    GROUP BY "schoolId", "stage", "level"`;
}

/** The student's final level of the term (UNDETERMINED when none), one per student: a LATERAL on `studentId`. */
function levelOf(studentId: Prisma.Sql, termId: string): Prisma.Sql {
  return Prisma.sql`
    SELECT coalesce((
      SELECT d."finalLevel"::text FROM "Application" a
      JOIN "Determination" d ON d."applicationId" = a."id"
      WHERE a."studentId" = ${studentId} AND a."termId" = ${termId} AND a."state" = 'determined'
        AND a."ofRecord" AND d."revokedAt" IS NULL AND d."finalLevel" IS NOT NULL
      LIMIT 1), 'UNDETERMINED') AS "level"`;
}

/**
 * Rows (schoolId, stage, programmeId, level, persons, personTimes, amountFen, paidFen): persons and the approved
 * amount from the approved rosters' entries; person-times and the paid amount from the aid records (受助情况,
 * migration 510) paid and not reversed — one per person, programme and period (a month for 中职).
 */
export function aidProgrammeFigures(schools: SchoolSet, termId: string): Prisma.Sql {
  return Prisma.sql`
    WITH listed AS (
      SELECT "schoolId", "stage", "programmeId", "level", count(DISTINCT "studentId")::int AS "persons",
             sum("amountFen")::bigint AS "amountFen"
      FROM (${aidEntries(schools, termId)}) e
      GROUP BY "schoolId", "stage", "programmeId", "level"
    ), paid AS (
      SELECT r."schoolId", st."stage", r."programmeId", lv."level", count(*)::int AS "personTimes",
             sum(r."amountFen")::bigint AS "paidFen"
      FROM "AidRecord" r
      JOIN "Student" st ON st."id" = r."studentId"
      CROSS JOIN LATERAL (${levelOf(Prisma.sql`r."studentId"`, termId)}) lv
      WHERE r."schoolId" IN (${schools}) AND r."termId" = ${termId} AND r."state" = 'PAID'
      GROUP BY 1, 2, 3, 4
    )
    SELECT coalesce(l."schoolId", p."schoolId") AS "schoolId", coalesce(l."stage", p."stage") AS "stage",
           coalesce(l."programmeId", p."programmeId") AS "programmeId", coalesce(l."level", p."level") AS "level",
           coalesce(l."persons", 0) AS "persons", coalesce(p."personTimes", 0) AS "personTimes",
           coalesce(l."amountFen", 0)::bigint AS "amountFen", coalesce(p."paidFen", 0)::bigint AS "paidFen"
    FROM listed l
    FULL JOIN paid p ON p."schoolId" = l."schoolId" AND p."stage" = l."stage"
      AND p."programmeId" = l."programmeId" AND p."level" = l."level"`;
}

/** Replaces the statistics rollup rows of one school and term with figures computed now. */
export async function refreshStatistics(tx: Tx, schoolId: string, termId: string): Promise<void> {
  const school = oneSchool(schoolId);
  await tx.$executeRaw`DELETE FROM "SpecialGroupStat" WHERE "schoolId" = ${schoolId} AND "termId" = ${termId}`;
  await tx.$executeRaw`DELETE FROM "AidStudentStat" WHERE "schoolId" = ${schoolId} AND "termId" = ${termId}`;
  await tx.$executeRaw`DELETE FROM "AidProgrammeStat" WHERE "schoolId" = ${schoolId} AND "termId" = ${termId}`;
  await tx.$executeRaw`
    INSERT INTO "SpecialGroupStat" ("schoolId", "termId", "stage", "category", "listed", "enrolled", "applied",
      "determined", "aided", "noAidWaived", "noAidLeftSchool", "noAidAidedElsewhere", "noAidNotEligible",
      "noAidOther", "noAidUnreported")
    SELECT f."schoolId", ${termId}, f."stage", f."category", f."listed", f."enrolled", f."applied",
      f."determined", f."aided", f."noAidWaived", f."noAidLeftSchool", f."noAidAidedElsewhere",
      f."noAidNotEligible", f."noAidOther", f."noAidUnreported"
    FROM (${specialGroupFigures(school, termId)}) f`;
  await tx.$executeRaw`
    INSERT INTO "AidStudentStat" ("schoolId", "termId", "stage", "level", "persons")
    SELECT f."schoolId", ${termId}, f."stage", f."level", f."persons" FROM (${aidStudentFigures(school, termId)}) f`;
  await tx.$executeRaw`
    INSERT INTO "AidProgrammeStat" ("schoolId", "termId", "stage", "programmeId", "level", "persons",
      "personTimes", "amountFen", "paidFen")
    SELECT f."schoolId", ${termId}, f."stage", f."programmeId", f."level", f."persons", f."personTimes",
      f."amountFen", f."paidFen"
    FROM (${aidProgrammeFigures(school, termId)}) f`;
}

/**
 * The same figures for a whole region straight from the base tables ("plain GROUP BY", no rollup): the
 * benchmark's baseline for the statistics page (bench/), and a check that the rollups add up.
 */
export async function computeRegionStatistics(
  client: Pick<Tx, "$queryRaw">,
  regionPath: string,
  termId: string,
): Promise<{
  special: Record<string, unknown>[];
  students: Record<string, unknown>[];
  programmes: Record<string, unknown>[];
}> {
  const schools = schoolsUnder(regionPath);
  const [special, students, programmes] = [
    await client.$queryRaw<Record<string, unknown>[]>`
      SELECT f."stage", f."category", sum(f."listed")::int AS "listed", sum(f."enrolled")::int AS "enrolled",
             sum(f."applied")::int AS "applied", sum(f."determined")::int AS "determined", sum(f."aided")::int AS "aided"
      FROM (${specialGroupFigures(schools, termId)}) f GROUP BY 1, 2`,
    await client.$queryRaw<Record<string, unknown>[]>`
      SELECT f."stage", f."level", sum(f."persons")::int AS "persons"
      FROM (${aidStudentFigures(schools, termId)}) f GROUP BY 1, 2`,
    await client.$queryRaw<Record<string, unknown>[]>`
      SELECT f."stage", f."programmeId", f."level", sum(f."persons")::int AS "persons",
             sum(f."personTimes")::int AS "personTimes", sum(f."amountFen")::bigint AS "amountFen"
      FROM (${aidProgrammeFigures(schools, termId)}) f GROUP BY 1, 2, 3`,
  ];
  return { special, students, programmes };
}
