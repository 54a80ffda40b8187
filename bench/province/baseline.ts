/**
 * The baseline of bench/supervisor-pages.ts: the figures of the work-progress and statistics pages for a
 * whole region computed by plain GROUP BYs over the base tables (no rollups) — what a page would cost if it
 * counted per request. One row per child region (province → its cities).
 */
import type pg from "pg";
import { Prisma } from "@/lib/db/generated/client";
import {
  aidProgrammeFigures,
  aidStudentFigures,
  schoolsUnder,
  specialGroupFigures,
} from "@/lib/db/rollups/statistics";

/**
 * 工作进展: per child region, the columns of the progress rollup (lib/db/rollups/progress.ts on the progress
 * branch, with its definitions: applied = submitted … determined or revoked; in progress = draft, returned,
 * withdrawn; not started = in school without an application; special groups = in-school students on their
 * school's lists; aided = on a roster of the term), computed for every school of the region at once.
 */
export const PROGRESS_SQL = `
WITH sch AS (
  SELECT s.id, split_part(r.path, '/', $3) AS child
    FROM "School" s JOIN "Region" r ON r.id = s."regionId"
   WHERE r.path LIKE $1 || '%'),
st AS (
  SELECT sch.child,
         count(*) FILTER (WHERE st.status = 'IN_SCHOOL') AS in_school,
         count(*) FILTER (WHERE st.status = 'IN_SCHOOL' AND NOT EXISTS (
           SELECT 1 FROM "Application" a WHERE a."studentId" = st.id AND a."termId" = $2)) AS not_started,
         count(*) FILTER (WHERE st.stage = 'VOCATIONAL' AND st.status = 'IN_SCHOOL') AS voc_in_school,
         count(*) FILTER (WHERE st.stage = 'VOCATIONAL' AND st.status = 'IN_SCHOOL'
                            AND st."enrolledOn" + make_interval(years => st."programmeYears") <= current_date) AS voc_overdue
    FROM "Student" st JOIN sch ON sch.id = st."schoolId" GROUP BY 1),
ap AS (
  SELECT sch.child,
         count(*) FILTER (WHERE a.state IN ('submitted', 'verified', 'reviewed', 'determined', 'revoked')) AS applied,
         count(*) FILTER (WHERE a.state = 'waived') AS waived,
         count(*) FILTER (WHERE a.state IN ('draft', 'returned', 'withdrawn')) AS in_progress,
         count(*) FILTER (WHERE a.state = 'submitted') AS awaiting_verification,
         count(*) FILTER (WHERE a.state IN ('verified', 'reviewed', 'determined', 'revoked')) AS verified,
         count(*) FILTER (WHERE a.state IN ('verified', 'reviewed')) AS awaiting_determination,
         count(*) FILTER (WHERE a.state = 'determined' AND d."finalLevel" = 'SPECIAL') AS special,
         count(*) FILTER (WHERE a.state = 'determined' AND d."finalLevel" = 'HARDSHIP') AS hardship,
         count(*) FILTER (WHERE a.state = 'determined' AND d."finalLevel" = 'GENERAL') AS general,
         count(*) FILTER (WHERE a.state = 'determined' AND d."finalLevel" = 'NONE') AS none
    FROM "Application" a JOIN sch ON sch.id = a."schoolId"
    LEFT JOIN "Determination" d ON d."applicationId" = a.id
   WHERE a."termId" = $2 GROUP BY 1),
pub AS (
  SELECT sch.child, count(DISTINCT i."applicationId") AS publicised
    FROM "PublicityItem" i JOIN "PublicityBatch" b ON b.id = i."batchId" JOIN sch ON sch.id = b."schoolId"
   WHERE b."termId" = $2 AND b.kind = 'DETERMINATION' GROUP BY 1),
ros AS (
  SELECT child, count(*) FILTER (WHERE approved) AS approved, count(*) FILTER (WHERE paid) AS paid
    FROM (SELECT sch.child, r."schoolId", e."studentId", bool_or(r.state = 'APPROVED') AS approved,
                 bool_or(e."paidAt" IS NOT NULL) AS paid
            FROM "RosterEntry" e JOIN "Roster" r ON r.id = e."rosterId" JOIN sch ON sch.id = r."schoolId"
           WHERE r."termId" = $2 GROUP BY 1, 2, 3) x
   GROUP BY 1),
sg AS (
  SELECT child, count(*) AS listed, count(*) FILTER (WHERE aided) AS aided,
         count(*) FILTER (WHERE NOT aided AND reason) AS with_reason,
         count(*) FILTER (WHERE NOT aided AND NOT reason) AS without_reason
    FROM (SELECT sch.child,
                 EXISTS (SELECT 1 FROM "RosterEntry" e JOIN "Roster" r ON r.id = e."rosterId"
                          WHERE e."studentId" = st.id AND r."schoolId" = st."schoolId" AND r."termId" = $2) AS aided,
                 EXISTS (SELECT 1 FROM "NoAidRecord" n WHERE n."studentId" = st.id AND n."termId" = $2) AS reason
            FROM "Student" st JOIN sch ON sch.id = st."schoolId"
           WHERE st.status = 'IN_SCHOOL' AND EXISTS (
             SELECT 1 FROM "SpecialGroupEntry" g WHERE g."schoolId" = st."schoolId" AND g."personId" = st."personId")) x
   GROUP BY 1)
SELECT c.child, st.in_school, ap.applied, ap.waived, ap.in_progress, st.not_started, ap.awaiting_verification,
       ap.verified, ap.awaiting_determination, ap.special, ap.hardship, ap.general, ap.none, pub.publicised,
       ros.approved, ros.paid, sg.listed, sg.aided, sg.with_reason, sg.without_reason, st.voc_in_school, st.voc_overdue
  FROM (SELECT DISTINCT child FROM sch) c
  LEFT JOIN st USING (child) LEFT JOIN ap USING (child) LEFT JOIN pub USING (child)
  LEFT JOIN ros USING (child) LEFT JOIN sg USING (child)
 ORDER BY c.child`;

/**
 * 统计: the statistics page's own plain GROUP BYs (lib/db/rollups/statistics.ts — the figure builders its
 * refresher runs for one school, here over every school of the region, as `computeRegionStatistics` does):
 * 十一类 per stage and category, aided students by stage and level, programmes by stage and level.
 */
function statisticsStatements(regionPath: string, termId: string): Prisma.Sql[] {
  const schools = schoolsUnder(regionPath);
  return [
    Prisma.sql`
      SELECT f."stage", f."category", sum(f."listed")::int AS "listed", sum(f."enrolled")::int AS "enrolled",
             sum(f."applied")::int AS "applied", sum(f."determined")::int AS "determined", sum(f."aided")::int AS "aided"
      FROM (${specialGroupFigures(schools, termId)}) f GROUP BY 1, 2`,
    Prisma.sql`
      SELECT f."stage", f."level", sum(f."persons")::int AS "persons"
      FROM (${aidStudentFigures(schools, termId)}) f GROUP BY 1, 2`,
    Prisma.sql`
      SELECT f."stage", f."programmeId", f."level", sum(f."persons")::int AS "persons",
             sum(f."personTimes")::int AS "personTimes", sum(f."amountFen")::bigint AS "amountFen"
      FROM (${aidProgrammeFigures(schools, termId)}) f GROUP BY 1, 2, 3`,
  ];
}

export type BaselineQuery = { name: string; statements: { text: string; values: unknown[] }[] };

export function baselineQueries(regionPath: string, termId: string): BaselineQuery[] {
  const childPart = regionPath.split("/").filter(Boolean).length + 2;
  return [
    {
      name: "progress figures by child region",
      statements: [{ text: PROGRESS_SQL, values: [regionPath, termId, childPart] }],
    },
    {
      name: "statistics figures (lib/db/rollups/statistics.ts over the region)",
      statements: statisticsStatements(regionPath, termId).map((q) => ({ text: q.text, values: q.values })),
    },
  ];
}

export async function runBaseline(client: pg.Client, q: BaselineQuery): Promise<number> {
  let rows = 0;
  for (const statement of q.statements)
    rows += (await client.query(statement.text, statement.values)).rowCount ?? 0;
  return rows;
}
