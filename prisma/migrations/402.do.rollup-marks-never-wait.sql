-- Rollup marks that never make a writer wait (supersedes the marking of migration 400).
--
-- With a unique (schoolId, termId) key, a statement marking a pair whose mark another transaction had
-- just inserted (uncommitted) waited for that whole transaction — serialising the writers of one school
-- behind, e.g., an import batch — and two such writers touching each other's rows could deadlock where
-- they used to simply queue. Now every marking statement appends its own row (no unique key, no
-- conflict, no wait); the refresh (lib/db/rollups/refresh.ts) takes a pair under a transaction-level
-- advisory lock and deletes all of that pair's marks visible to it. A mark committed after that delete
-- stays and brings the pair round again. "数据截至" is still min(markedAt) of the pending marks.

ALTER TABLE "RollupDirty" DROP CONSTRAINT "RollupDirty_pkey";
ALTER TABLE "RollupDirty" ADD COLUMN "id" BIGSERIAL NOT NULL;
ALTER TABLE "RollupDirty" ADD CONSTRAINT "RollupDirty_pkey" PRIMARY KEY ("id");
CREATE INDEX "RollupDirty_schoolId_termId_idx" ON "RollupDirty"("schoolId", "termId");

CREATE OR REPLACE FUNCTION rollup_mark_school_term() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "RollupDirty" ("schoolId", "termId", "markedAt")
  SELECT DISTINCT c."schoolId", c."termId", now() FROM changed c;
  RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION rollup_mark_school_current_term() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "RollupDirty" ("schoolId", "termId", "markedAt")
  SELECT DISTINCT c."schoolId", t."id", now() FROM changed c CROSS JOIN "AidTerm" t WHERE t."isCurrent";
  RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION rollup_mark_school() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "RollupDirty" ("schoolId", "termId", "markedAt")
  SELECT DISTINCT c."id", t."id", now() FROM changed c CROSS JOIN "AidTerm" t WHERE t."isCurrent";
  RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION rollup_mark_term() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "RollupDirty" ("schoolId", "termId", "markedAt")
  SELECT s."id", c."id", now() FROM (SELECT DISTINCT "id" FROM changed WHERE "isCurrent") c CROSS JOIN "School" s;
  RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION rollup_mark_determination() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "RollupDirty" ("schoolId", "termId", "markedAt")
  SELECT DISTINCT a."schoolId", a."termId", now() FROM changed c JOIN "Application" a ON a."id" = c."applicationId";
  RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION rollup_mark_roster_entry() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "RollupDirty" ("schoolId", "termId", "markedAt")
  SELECT DISTINCT r."schoolId", r."termId", now() FROM changed c JOIN "Roster" r ON r."id" = c."rosterId";
  RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION rollup_mark_publicity_item() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "RollupDirty" ("schoolId", "termId", "markedAt")
  SELECT DISTINCT b."schoolId", b."termId", now() FROM changed c JOIN "PublicityBatch" b ON b."id" = c."batchId";
  RETURN NULL;
END $$;
