-- Rollups: per-school, per-term aggregates the progress and statistics pages read instead of scanning
-- the base tables (a province has millions of students). How a figure stays fresh (docs/architecture.md,
-- "Rollups"):
--   1. STATEMENT-level AFTER triggers with transition tables on every base table a rollup reads mark the
--      (school, term) pairs a statement touched in "RollupDirty" — one small INSERT … SELECT DISTINCT per
--      statement, however many rows it changed;
--   2. the `rollups` job (lib/services/rollup-job.ts) claims one dirty pair at a time (DELETE … RETURNING,
--      FOR UPDATE SKIP LOCKED), recomputes every registered rollup table for it (lib/db/rollups/) and
--      stamps "RollupState", all in one short transaction;
--   3. `npm run rollups:rebuild` marks every (school, term) and drains the same way.
-- Region figures are sums over the schools of the region's subtree at request time (School → Region.path
-- prefix), so a school moving between regions needs no refresh.

CREATE TABLE "RollupDirty" (
  "schoolId" TEXT NOT NULL,
  "termId" TEXT NOT NULL,
  -- The start of the earliest transaction whose change is not yet in the rollups: every change
  -- committed before min(markedAt) of a region's pending rows is in its figures ("数据截至").
  "markedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT "RollupDirty_pkey" PRIMARY KEY ("schoolId", "termId")
);
CREATE INDEX "RollupDirty_markedAt_idx" ON "RollupDirty"("markedAt");

CREATE TABLE "RollupState" (
  "schoolId" TEXT NOT NULL,
  "termId" TEXT NOT NULL,
  "refreshedAt" TIMESTAMP(3) NOT NULL,
  CONSTRAINT "RollupState_pkey" PRIMARY KEY ("schoolId", "termId")
);
ALTER TABLE "RollupState" ADD CONSTRAINT "RollupState_schoolId_fkey" FOREIGN KEY ("schoolId") REFERENCES "School"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "RollupState" ADD CONSTRAINT "RollupState_termId_fkey" FOREIGN KEY ("termId") REFERENCES "AidTerm"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Region subtree queries (WHERE r."path" LIKE $subtree || '%') use "Region_path_prefix_idx" (migration 001).

-- Marking. ON CONFLICT DO NOTHING, not DO UPDATE: an update would lock the pending row for the rest of
-- the writer's transaction and so serialise every concurrent writer of one school. DO NOTHING keeps the
-- earlier markedAt (what "数据截至" needs) and still waits for a refresh that is deleting the row, so a
-- change committed during a refresh marks the pair again.
--
-- rollup_watch(table, function) attaches a marking function to a table: four statement triggers, the
-- UPDATE pair seeing the old and the new rows, so a row moved to another school marks both. The
-- function reads the transition table as "changed" and returns the (schoolId, termId) pairs through
-- rollup_mark_pairs(). Adding a watched table is one CREATE FUNCTION and one SELECT rollup_watch(…).
CREATE FUNCTION rollup_watch(tbl TEXT, fn TEXT) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE format('CREATE TRIGGER %I AFTER INSERT ON %I REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION %I()', tbl || '_rollup_insert', tbl, fn);
  EXECUTE format('CREATE TRIGGER %I AFTER UPDATE ON %I REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION %I()', tbl || '_rollup_update_old', tbl, fn);
  EXECUTE format('CREATE TRIGGER %I AFTER UPDATE ON %I REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION %I()', tbl || '_rollup_update_new', tbl, fn);
  EXECUTE format('CREATE TRIGGER %I AFTER DELETE ON %I REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION %I()', tbl || '_rollup_delete', tbl, fn);
END $$;

-- Tables with schoolId and termId on the row.
CREATE FUNCTION rollup_mark_school_term() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "RollupDirty" ("schoolId", "termId", "markedAt")
  SELECT DISTINCT c."schoolId", c."termId", now() FROM changed c
  ON CONFLICT DO NOTHING;
  RETURN NULL;
END $$;

-- Tables with a schoolId but no term (enrolments, special-group lists): the current term.
CREATE FUNCTION rollup_mark_school_current_term() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "RollupDirty" ("schoolId", "termId", "markedAt")
  SELECT DISTINCT c."schoolId", t."id", now() FROM changed c CROSS JOIN "AidTerm" t WHERE t."isCurrent"
  ON CONFLICT DO NOTHING;
  RETURN NULL;
END $$;

-- A new school: its (empty) figures for the current term exist at once.
CREATE FUNCTION rollup_mark_school() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "RollupDirty" ("schoolId", "termId", "markedAt")
  SELECT DISTINCT c."id", t."id", now() FROM changed c CROSS JOIN "AidTerm" t WHERE t."isCurrent"
  ON CONFLICT DO NOTHING;
  RETURN NULL;
END $$;

-- A term becoming current: every school gets its figures for it.
CREATE FUNCTION rollup_mark_term() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "RollupDirty" ("schoolId", "termId", "markedAt")
  SELECT s."id", c."id", now() FROM (SELECT DISTINCT "id" FROM changed WHERE "isCurrent") c CROSS JOIN "School" s
  ON CONFLICT DO NOTHING;
  RETURN NULL;
END $$;

CREATE FUNCTION rollup_mark_determination() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "RollupDirty" ("schoolId", "termId", "markedAt")
  SELECT DISTINCT a."schoolId", a."termId", now() FROM changed c JOIN "Application" a ON a."id" = c."applicationId"
  ON CONFLICT DO NOTHING;
  RETURN NULL;
END $$;

CREATE FUNCTION rollup_mark_roster_entry() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "RollupDirty" ("schoolId", "termId", "markedAt")
  SELECT DISTINCT r."schoolId", r."termId", now() FROM changed c JOIN "Roster" r ON r."id" = c."rosterId"
  ON CONFLICT DO NOTHING;
  RETURN NULL;
END $$;

CREATE FUNCTION rollup_mark_publicity_item() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "RollupDirty" ("schoolId", "termId", "markedAt")
  SELECT DISTINCT b."schoolId", b."termId", now() FROM changed c JOIN "PublicityBatch" b ON b."id" = c."batchId"
  ON CONFLICT DO NOTHING;
  RETURN NULL;
END $$;

SELECT rollup_watch('Application', 'rollup_mark_school_term');
SELECT rollup_watch('NoAidRecord', 'rollup_mark_school_term');
SELECT rollup_watch('Roster', 'rollup_mark_school_term');
SELECT rollup_watch('PublicityBatch', 'rollup_mark_school_term');
SELECT rollup_watch('Student', 'rollup_mark_school_current_term');
SELECT rollup_watch('SpecialGroupEntry', 'rollup_mark_school_current_term');
SELECT rollup_watch('Determination', 'rollup_mark_determination');
SELECT rollup_watch('RosterEntry', 'rollup_mark_roster_entry');
SELECT rollup_watch('PublicityItem', 'rollup_mark_publicity_item');
SELECT rollup_watch('School', 'rollup_mark_school');
SELECT rollup_watch('AidTerm', 'rollup_mark_term');

-- Existing data: every school for the current term, and every (school, term) with applications;
-- the first run of the job (or `npm run rollups:rebuild`) computes them.
INSERT INTO "RollupDirty" ("schoolId", "termId")
SELECT s."id", t."id" FROM "School" s CROSS JOIN "AidTerm" t WHERE t."isCurrent"
UNION
SELECT DISTINCT "schoolId", "termId" FROM "Application"
ON CONFLICT DO NOTHING;
