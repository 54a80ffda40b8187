-- Applications per state of one school and term (the console home's 本校概况 / 辖区学校 table), kept by the
-- rollup framework (migration 400; lib/db/rollups/application-states.ts) like ProgressRollup: the home read
-- 10,000 applications and 40,000 students of a large school on every page view (bench/README.md §4).
-- Counts regular applications (kind REGULAR), as the home's live count did; "Application" is already
-- watched (rollup_mark_school_term), so no new trigger is needed.
CREATE TABLE "ApplicationStateStat" (
  "schoolId" TEXT NOT NULL,
  "termId" TEXT NOT NULL,
  "state" "ApplicationState" NOT NULL,
  "applications" INTEGER NOT NULL,
  CONSTRAINT "ApplicationStateStat_pkey" PRIMARY KEY ("schoolId", "termId", "state"),
  CONSTRAINT "ApplicationStateStat_applications_check" CHECK ("applications" > 0)
);
ALTER TABLE "ApplicationStateStat" ADD CONSTRAINT "ApplicationStateStat_schoolId_fkey" FOREIGN KEY ("schoolId") REFERENCES "School"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "ApplicationStateStat" ADD CONSTRAINT "ApplicationStateStat_termId_fkey" FOREIGN KEY ("termId") REFERENCES "AidTerm"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Every enrolment of the school, any status: the student roster's total (lib/db/student-roster.repo.ts reads
-- it while no change of the school is pending, so the total stays exact).
ALTER TABLE "ProgressRollup" ADD COLUMN "studentRecords" INTEGER NOT NULL DEFAULT 0;

-- Existing data: every (school, term) with applications, and every school for the current term, is marked,
-- so the next drain fills both.
INSERT INTO "RollupDirty" ("schoolId", "termId", "markedAt")
SELECT DISTINCT a."schoolId", a."termId", now() FROM "Application" a
UNION
SELECT sc."id", t."id", now() FROM "School" sc CROSS JOIN "AidTerm" t WHERE t."isCurrent"
ON CONFLICT DO NOTHING;
