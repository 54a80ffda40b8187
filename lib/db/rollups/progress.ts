/**
 * The work-progress rollup (工作进展查看, migration 401): one "ProgressRollup" row and the 中职
 * "ProgressVocationalDue" rows of one school and term. Every column, over the school's data of the term:
 *
 *   studentsInSchool        enrolments with status IN_SCHOOL (在校, all stages)
 *   applied                 applications whose form is back and not waived: submitted, verified, reviewed,
 *                           determined, revoked (the class teacher's 回收 rule, lib/domain/teacher-review.ts)
 *   waived                  applications in state waived (放弃申请)
 *   inProgress              applications still out: draft, returned, withdrawn
 *   notStarted              in-school enrolments without any application this term
 *   awaitingVerification    applications submitted, not yet verified (待核实)
 *   verified                applications verified or further on: verified, reviewed, determined, revoked
 *   awaitingDetermination   verified or reviewed, not yet determined (待认定)
 *   determined<Level>       applications determined, by final level (特别困难/困难/一般困难/不困难)
 *   publicised              applications listed on a determination publicity (认定结果公示) of the term
 *   rosterApproved          students on an approved roster of the term (资助名册已审批)
 *   paid                    students with a payment recorded on a roster of the term (已发放)
 *   specialGroup            in-school students matched to the school's special-group lists (重点保障人群)
 *   specialAided            … of them on a roster of the term
 *   specialNoAidWithReason  … not on a roster, with a 未资助原因 recorded for the term
 *   specialNoAidWithoutReason … not on a roster and no reason recorded
 *   vocationalInSchool      中职 enrolments IN_SCHOOL (在校; every 在读 enrolment counts as full-time:
 *                           the registry has no part-time flag)
 *   studentRecords          every enrolment of the school, any status (the student roster's total,
 *                           lib/db/student-roster.repo.ts)
 *   ProgressVocationalDue   those 中职 students by vocational_overdue_from(enrolledOn, programmeYears)
 */
import "server-only";
import type { Tx } from "../client";

export async function refreshProgress(tx: Tx, schoolId: string, termId: string): Promise<void> {
  await tx.$executeRaw`DELETE FROM "ProgressRollup" WHERE "schoolId" = ${schoolId} AND "termId" = ${termId}`;
  await tx.$executeRaw`DELETE FROM "ProgressVocationalDue" WHERE "schoolId" = ${schoolId} AND "termId" = ${termId}`;
  await tx.$executeRaw`
    WITH apps AS (
      SELECT a."state", d."finalLevel"
        FROM "Application" a LEFT JOIN "Determination" d ON d."applicationId" = a."id"
       WHERE a."schoolId" = ${schoolId} AND a."termId" = ${termId} AND a."ofRecord"
    ), roster AS (
      SELECT re."studentId", bool_or(ro."state" = 'APPROVED') AS "approved", bool_or(re."paidAt" IS NOT NULL) AS "paid"
        FROM "RosterEntry" re JOIN "Roster" ro ON ro."id" = re."rosterId"
       WHERE ro."schoolId" = ${schoolId} AND ro."termId" = ${termId}
       GROUP BY re."studentId"
    ), special AS (
      SELECT s."id",
             EXISTS (SELECT 1 FROM roster r WHERE r."studentId" = s."id") AS "aided",
             EXISTS (SELECT 1 FROM "NoAidRecord" na WHERE na."studentId" = s."id" AND na."termId" = ${termId}) AS "reason"
        FROM "Student" s
       WHERE s."schoolId" = ${schoolId} AND s."status" = 'IN_SCHOOL'
         AND EXISTS (SELECT 1 FROM "SpecialGroupEntry" e WHERE e."schoolId" = ${schoolId} AND e."personId" = s."personId")
    )
    INSERT INTO "ProgressRollup" (
      "schoolId", "termId", "studentsInSchool", "applied", "waived", "inProgress", "notStarted",
      "awaitingVerification", "verified", "awaitingDetermination",
      "determinedSpecial", "determinedHardship", "determinedGeneral", "determinedNone",
      "publicised", "rosterApproved", "paid",
      "specialGroup", "specialAided", "specialNoAidWithReason", "specialNoAidWithoutReason", "vocationalInSchool",
      "studentRecords")
    SELECT sc."id", t."id",
      (SELECT count(*) FROM "Student" s WHERE s."schoolId" = sc."id" AND s."status" = 'IN_SCHOOL'),
      (SELECT count(*) FROM apps WHERE "state" IN ('submitted', 'verified', 'reviewed', 'determined', 'revoked')),
      (SELECT count(*) FROM apps WHERE "state" = 'waived'),
      (SELECT count(*) FROM apps WHERE "state" IN ('draft', 'returned', 'withdrawn')),
      (SELECT count(*) FROM "Student" s WHERE s."schoolId" = sc."id" AND s."status" = 'IN_SCHOOL'
          AND NOT EXISTS (SELECT 1 FROM "Application" a WHERE a."studentId" = s."id" AND a."termId" = t."id")),
      (SELECT count(*) FROM apps WHERE "state" = 'submitted'),
      (SELECT count(*) FROM apps WHERE "state" IN ('verified', 'reviewed', 'determined', 'revoked')),
      (SELECT count(*) FROM apps WHERE "state" IN ('verified', 'reviewed')),
      (SELECT count(*) FROM apps WHERE "state" = 'determined' AND "finalLevel" = 'SPECIAL'),
      (SELECT count(*) FROM apps WHERE "state" = 'determined' AND "finalLevel" = 'HARDSHIP'),
      (SELECT count(*) FROM apps WHERE "state" = 'determined' AND "finalLevel" = 'GENERAL'),
      (SELECT count(*) FROM apps WHERE "state" = 'determined' AND "finalLevel" = 'NONE'),
      (SELECT count(DISTINCT pi."applicationId") FROM "PublicityItem" pi
         JOIN "PublicityBatch" b ON b."id" = pi."batchId"
        WHERE b."schoolId" = sc."id" AND b."termId" = t."id" AND b."kind" = 'DETERMINATION'),
      (SELECT count(*) FROM roster WHERE "approved"),
      (SELECT count(*) FROM roster WHERE "paid"),
      (SELECT count(*) FROM special),
      (SELECT count(*) FROM special WHERE "aided"),
      (SELECT count(*) FROM special WHERE NOT "aided" AND "reason"),
      (SELECT count(*) FROM special WHERE NOT "aided" AND NOT "reason"),
      (SELECT count(*) FROM "Student" s WHERE s."schoolId" = sc."id" AND s."status" = 'IN_SCHOOL' AND s."stage" = 'VOCATIONAL'),
      (SELECT count(*) FROM "Student" s WHERE s."schoolId" = sc."id")
    FROM "School" sc CROSS JOIN "AidTerm" t
    WHERE sc."id" = ${schoolId} AND t."id" = ${termId}`;
  await tx.$executeRaw`
    INSERT INTO "ProgressVocationalDue" ("schoolId", "termId", "overdueFrom", "students")
    SELECT s."schoolId", t."id", vocational_overdue_from(s."enrolledOn", s."programmeYears"), count(*)
      FROM "Student" s CROSS JOIN "AidTerm" t
     WHERE s."schoolId" = ${schoolId} AND t."id" = ${termId} AND s."status" = 'IN_SCHOOL' AND s."stage" = 'VOCATIONAL'
     GROUP BY 1, 2, 3`;
}
