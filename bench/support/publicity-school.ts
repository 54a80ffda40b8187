/**
 * A senior-high school ready for its school-wide publicity (学校公示), generated in SQL with generate_series (no
 * per-row round trips): `students` students in classes of 50 across three grades, each with an application this
 * term already determined (a quarter each 特别困难 / 困难 / 一般困难 / 不困难), a student account, one bound parent
 * (every tenth student a second one), the grade publicities over, the school committee's review and the leader's
 * signature done, the follow-up sample drawn and every sampled family contacted — so `createPublicity` (lib/services/publicity.ts) passes every check and lists three quarters of
 * the students, while every applicant (and bound parent) is someone a publicity notification goes to.
 * Rows are bulk-loaded and then ANALYZEd, as a school's data would be after its term.
 */
import type { SessionUser } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import { seedDefaultModel } from "@/lib/db/seed/applications";
import { drawFollowUpSample } from "@/lib/services/follow-up";

export type PublicitySchool = { officer: SessionUser; schoolId: string; termId: string; students: number };

const CLASS_SIZE = 50;

export async function generatePublicitySchool(students: number): Promise<PublicitySchool> {
  const sql = (text: string, ...values: unknown[]) => db().$executeRawUnsafe(text, ...values);
  const classes = Math.ceil(students / CLASS_SIZE);
  const model = await seedDefaultModel(db());
  await sql(`INSERT INTO "Region"(id, code, name, level, "parentId", path)
    VALUES ('r44', '440000', '测试省', 'PROVINCE', NULL, '/440000/'),
           ('k44', '440106', '测试区', 'COUNTY', 'r44', '/440000/440106/')`);
  await sql(`INSERT INTO "School"(id, code, name, "regionId", stages)
    VALUES ('sch', '4401069902', '测试高级中学', 'k44', ARRAY['SENIOR'::"Stage"])`);
  await sql(`INSERT INTO "Grade"(id, "schoolId", stage, name, "entryYear", "sortOrder")
    VALUES ('g1', 'sch', 'SENIOR', '高一', 2026, 1), ('g2', 'sch', 'SENIOR', '高二', 2025, 2),
           ('g3', 'sch', 'SENIOR', '高三', 2024, 3)`);
  // Class k is in grade (k % 3) + 1; student n in class ceil(n / 50).
  await sql(
    `INSERT INTO "SchoolClass"(id, "schoolId", "gradeId", name)
     SELECT 'c' || k, 'sch', 'g' || (k % 3 + 1), k || '班' FROM generate_series(1, $1::int) k`,
    classes,
  );
  await sql(`INSERT INTO "AidTerm"(id, "academicYear", semester, name, "applyStart", "applyEnd", "verifyDeadline",
      "reviewDeadline", "isCurrent")
    VALUES ('term', '2026-2027', 'AUTUMN', '2026-2027学年秋季学期', now() - interval '40 days',
      now() - interval '30 days', now() - interval '25 days', now() + interval '20 days', true)`);
  await sql(`INSERT INTO "User"(id, role, "displayName", username, "schoolId", "passwordHash", "updatedAt")
    VALUES ('officer', 'SCHOOL_ADMIN', '资助经办', 'sch_officer', 'sch', 'x', now())`);
  await sql(
    `INSERT INTO "Person"(id, name, gender, "idType", "idNumberCipher", "idNumberHash", "idNumberMasked", "updatedAt")
     SELECT 'p' || n, '学生' || n, 'FEMALE', 'RESIDENT_ID', 'x', 'h' || n, '4401**********' || lpad((n % 10000)::text, 4, '0'),
       now()
     FROM generate_series(1, $1::int) n`,
    students,
  );
  await sql(
    `INSERT INTO "Student"(id, "personId", "schoolId", "gradeId", "classId", stage, "studentNo", "enrolledOn",
       "programmeYears", "updatedAt")
     SELECT 's' || n, 'p' || n, 'sch', 'g' || (c % 3 + 1), 'c' || c, 'SENIOR', 'S' || lpad(n::text, 8, '0'),
       DATE '2025-09-01', 3, now()
     FROM generate_series(1, $1::int) n, LATERAL (SELECT (n - 1) / ${CLASS_SIZE} + 1 AS c) k`,
    students,
  );
  await sql(
    `INSERT INTO "Application"(id, "termId", "personId", "studentId", "schoolId", "classId", state,
       "commitmentSignedAt", "submittedAt", "verifiedAt", "reviewedAt", "updatedAt")
     SELECT 'a' || n, 'term', 'p' || n, 's' || n, 'sch', 'c' || ((n - 1) / ${CLASS_SIZE} + 1), 'determined',
       now() - interval '35 days', now() - interval '35 days', now() - interval '28 days', now() - interval '10 days',
       now() - interval '3 days'
     FROM generate_series(1, $1::int) n`,
    students,
  );
  await sql(
    `INSERT INTO "Determination"("applicationId", "scoringModelId", "simulatedScore", "simulatedLevel", explanation,
       "finalLevel", "determinedAt", "updatedAt")
     SELECT 'a' || n, $2, 50, lvl, '{}', lvl, now() - interval '3 days', now() - interval '3 days'
     FROM generate_series(1, $1::int) n,
       LATERAL (SELECT (ARRAY['SPECIAL', 'HARDSHIP', 'GENERAL', 'NONE'])[n % 4 + 1]::"HardshipLevel" AS lvl) l`,
    students,
    model.id,
  );
  // Accounts: every student's own, one parent per student and a second for every tenth.
  await sql(
    `INSERT INTO "User"(id, role, "displayName", "personId", "passwordHash", "updatedAt")
     SELECT 'u' || n, 'STUDENT'::"Role", '学生' || n, 'p' || n, 'x', now() FROM generate_series(1, $1::int) n`,
    students,
  );
  await sql(
    `INSERT INTO "User"(id, role, "displayName", "phoneCipher", "phoneHash", "phoneMasked", "passwordHash", "updatedAt")
     SELECT 'm' || n, 'PARENT'::"Role", '家长' || n, 'x', 'pm' || n, '138****' || lpad((n % 10000)::text, 4, '0'), 'x', now()
     FROM generate_series(1, $1::int) n
     UNION ALL
     SELECT 'f' || n, 'PARENT'::"Role", '家长' || n, 'x', 'pf' || n, '139****' || lpad((n % 10000)::text, 4, '0'), 'x', now()
     FROM generate_series(10, $1::int, 10) n`,
    students,
  );
  await sql(
    `INSERT INTO "ParentChild"("parentId", "personId")
     SELECT 'm' || n, 'p' || n FROM generate_series(1, $1::int) n
     UNION ALL SELECT 'f' || n, 'p' || n FROM generate_series(10, $1::int, 10) n`,
    students,
  );
  // The process before a school publicity: grade publicities over, school committee, leader's signature.
  await sql(`INSERT INTO "PublicityBatch"(id, "schoolId", "termId", kind, scope, "gradeId", title, "startDate",
      "endDate", "workingDays", state, "createdById")
    SELECT 'gp' || g, 'sch', 'term', 'DETERMINATION', 'GRADE', 'g' || g, '年级公示', CURRENT_DATE - 12,
      CURRENT_DATE - 8, 3, 'FINAL', 'officer'
    FROM generate_series(1, 3) g`);
  await sql(`INSERT INTO "ReviewStep"(id, "termId", "schoolId", kind, "actorId", at)
    VALUES ('rs1', 'term', 'sch', 'SCHOOL_COMMITTEE', 'officer', now() - interval '2 days'),
           ('rs2', 'term', 'sch', 'LEADER_SIGNOFF', 'officer', now() - interval '1 day')`);
  await sql(`ANALYZE`);
  const officer: SessionUser = {
    id: "officer",
    role: "SCHOOL_ADMIN",
    displayName: "资助经办",
    schoolId: "sch",
    regionId: null,
    personId: null,
    regionPath: null,
    mustChangePassword: false,
  };
  // The follow-up survey before a school publicity (lib/services/follow-up.ts): the sample drawn by the real
  // service, every sampled family contacted and satisfied.
  const drawn = await drawFollowUpSample(officer);
  if (!drawn.ok) throw new Error(`drawFollowUpSample: ${drawn.message}`);
  await sql(`INSERT INTO "FollowUpContact"(id, "memberId", "contactedOn", way, satisfied, "recordedById")
    SELECT 'fc' || m.id, m.id, CURRENT_DATE, 'PHONE', true, 'officer' FROM "FollowUpSampleMember" m`);
  return {
    officer,
    schoolId: "sch",
    termId: "term",
    students,
  };
}
