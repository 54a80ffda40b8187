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

-- Existing data: every (school, term) with applications is marked, so the next drain fills the table.
INSERT INTO "RollupDirty" ("schoolId", "termId", "markedAt")
SELECT DISTINCT a."schoolId", a."termId", now() FROM "Application" a
ON CONFLICT DO NOTHING;
