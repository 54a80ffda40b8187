/**
 * The baseline of bench/supervisor-pages.ts: the figures of the work-progress and statistics pages for a
 * whole region computed by plain GROUP BYs over the base tables (no rollups) — what a page would cost if it
 * counted per request. One row per child region (province → its cities).
 */
import type pg from "pg";

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

/** 统计: 十一类 per category (listed, enrolled, applied, determined, aided) and 受助情况 by stage and term (人数, 人次, amount). */
export const STATISTICS_SQL = `
WITH sch AS (
  SELECT s.id FROM "School" s JOIN "Region" r ON r.id = s."regionId" WHERE r.path LIKE $1 || '%'),
cat AS (
  SELECT g.category, count(DISTINCT g."idNumberHash") AS listed, count(DISTINCT st.id) AS enrolled,
         count(DISTINCT a.id) FILTER (WHERE a.state NOT IN ('draft', 'waived', 'withdrawn')) AS applied,
         count(DISTINCT a.id) FILTER (WHERE d."finalLevel" IS NOT NULL AND d."finalLevel" <> 'NONE') AS determined,
         count(DISTINCT e."studentId") AS aided
    FROM "SpecialGroupEntry" g JOIN sch ON sch.id = g."schoolId"
    LEFT JOIN "Student" st ON st."personId" = g."personId" AND st.status = 'IN_SCHOOL'
    LEFT JOIN "Application" a ON a."studentId" = st.id AND a."termId" = $2
    LEFT JOIN "Determination" d ON d."applicationId" = a.id
    LEFT JOIN "RosterEntry" e ON e."applicationId" = a.id
   GROUP BY 1),
aid AS (
  SELECT r."termId", st.stage, count(DISTINCT e."studentId") AS students, count(*) AS person_times,
         sum(e."amountFen") AS amount_fen, sum(e."paidAmountFen") AS paid_fen
    FROM "RosterEntry" e JOIN "Roster" r ON r.id = e."rosterId" JOIN sch ON sch.id = r."schoolId"
    JOIN "Student" st ON st.id = e."studentId"
   WHERE r.state = 'APPROVED' GROUP BY ROLLUP (1, 2))
SELECT 'category' AS kind, category::text AS key, listed, enrolled, applied, determined, aided, NULL::bigint AS amount_fen FROM cat
UNION ALL
SELECT 'aid', coalesce("termId", '*') || '/' || coalesce(stage::text, '*'), students, person_times, NULL, NULL, NULL, amount_fen FROM aid`;

export type BaselineQuery = { name: string; sql: string; params: unknown[] };

export function baselineQueries(regionPath: string, termId: string): BaselineQuery[] {
  const childPart = regionPath.split("/").filter(Boolean).length + 2;
  return [
    { name: "progress figures by child region", sql: PROGRESS_SQL, params: [regionPath, termId, childPart] },
    {
      name: "statistics figures (categories, stages, terms)",
      sql: STATISTICS_SQL,
      params: [regionPath, termId],
    },
  ];
}

export async function runBaseline(client: pg.Client, q: BaselineQuery): Promise<number> {
  return (await client.query(q.sql, q.params)).rowCount ?? 0;
}
