-- A person belongs to at most one school at a time: 在读 (IN_SCHOOL) and 休学 (SUSPENDED) both keep the
-- 学籍 (lib/db/student-roster.repo.ts), so the database backstop of the roster import covers both.
-- The narrower index of 001.do.core-schema.sql covered IN_SCHOOL only, which let two concurrent imports
-- enrol the same person at two schools when one of them gave the status 休学.
CREATE UNIQUE INDEX "Student_one_enrolled_key" ON "Student"("personId") WHERE "status" IN ('IN_SCHOOL', 'SUSPENDED');
DROP INDEX "Student_one_in_school_key";
