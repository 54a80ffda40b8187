-- The work-progress rollup (工作进展查看): one row per school and term, refreshed by
-- lib/db/rollups/progress.ts through the rollup framework (migration 400). Definitions of every
-- column are in that file; the page sums them over a region's schools.
CREATE TABLE "ProgressRollup" (
  "schoolId" TEXT NOT NULL,
  "termId" TEXT NOT NULL,
  "studentsInSchool" INTEGER NOT NULL DEFAULT 0,
  "applied" INTEGER NOT NULL DEFAULT 0,
  "waived" INTEGER NOT NULL DEFAULT 0,
  "inProgress" INTEGER NOT NULL DEFAULT 0,
  "notStarted" INTEGER NOT NULL DEFAULT 0,
  "awaitingVerification" INTEGER NOT NULL DEFAULT 0,
  "verified" INTEGER NOT NULL DEFAULT 0,
  "awaitingDetermination" INTEGER NOT NULL DEFAULT 0,
  "determinedSpecial" INTEGER NOT NULL DEFAULT 0,
  "determinedHardship" INTEGER NOT NULL DEFAULT 0,
  "determinedGeneral" INTEGER NOT NULL DEFAULT 0,
  "determinedNone" INTEGER NOT NULL DEFAULT 0,
  "publicised" INTEGER NOT NULL DEFAULT 0,
  "rosterApproved" INTEGER NOT NULL DEFAULT 0,
  "paid" INTEGER NOT NULL DEFAULT 0,
  "specialGroup" INTEGER NOT NULL DEFAULT 0,
  "specialAided" INTEGER NOT NULL DEFAULT 0,
  "specialNoAidWithReason" INTEGER NOT NULL DEFAULT 0,
  "specialNoAidWithoutReason" INTEGER NOT NULL DEFAULT 0,
  "vocationalInSchool" INTEGER NOT NULL DEFAULT 0,
  CONSTRAINT "ProgressRollup_pkey" PRIMARY KEY ("schoolId", "termId")
);
ALTER TABLE "ProgressRollup" ADD CONSTRAINT "ProgressRollup_schoolId_fkey" FOREIGN KEY ("schoolId") REFERENCES "School"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "ProgressRollup" ADD CONSTRAINT "ProgressRollup_termId_fkey" FOREIGN KEY ("termId") REFERENCES "AidTerm"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- 中职 students in school by the month from which they are overdue (逾期): the count overdue at any
-- month is the sum of the rows up to it, so the figure needs no refresh when a month turns.
CREATE TABLE "ProgressVocationalDue" (
  "schoolId" TEXT NOT NULL,
  "termId" TEXT NOT NULL,
  "overdueFrom" DATE NOT NULL,
  "students" INTEGER NOT NULL,
  CONSTRAINT "ProgressVocationalDue_pkey" PRIMARY KEY ("schoolId", "termId", "overdueFrom")
);
ALTER TABLE "ProgressVocationalDue" ADD CONSTRAINT "ProgressVocationalDue_schoolId_fkey" FOREIGN KEY ("schoolId") REFERENCES "School"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "ProgressVocationalDue" ADD CONSTRAINT "ProgressVocationalDue_termId_fkey" FOREIGN KEY ("termId") REFERENCES "AidTerm"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- The overdue rule (seed 002 §三; the same rule as lib/domain/vocational-overdue.ts, tested to agree):
-- a full-time 在读 student is overdue from the first day of the month `enrolment month + 学制 years`
-- (enrolled 2021-09 with 2 years → overdue from 2023-09-01).
CREATE FUNCTION vocational_overdue_from(enrolled DATE, years INTEGER) RETURNS DATE
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  RETURN (date_trunc('month', enrolled) + make_interval(years => years))::date;
