-- Adjustment within the year (动态调整; seed 003 三.2, lib/services/adjustments.ts): outside the application
-- window a teacher or the aid office opens an adjustment for one student after a sudden event. It is a second
-- application of the same student and term (kind ADJUSTMENT, linked to the application it adjusts) that goes
-- through verification, determination and a publicity of its own; when that publicity is finalised its level
-- replaces the earlier one from an effective date. Both applications stay; "ofRecord" marks the one whose level
-- counts for rosters, lists and statistics now.

CREATE TYPE "ApplicationKind" AS ENUM ('REGULAR', 'ADJUSTMENT');
CREATE TYPE "AdjustmentEvent" AS ENUM (
  'SERIOUS_ILLNESS', 'ACCIDENT', 'FAMILY_CHANGE', 'NATURAL_DISASTER', 'INCOME_LOSS', 'OTHER');
CREATE TYPE "AdjustmentState" AS ENUM ('OPEN', 'EFFECTIVE', 'WITHDRAWN');
ALTER TYPE "PublicityKind" ADD VALUE 'ADJUSTMENT';

ALTER TABLE "Application"
  ADD COLUMN "kind" "ApplicationKind" NOT NULL DEFAULT 'REGULAR',
  ADD COLUMN "adjustsId" TEXT,
  ADD COLUMN "ofRecord" BOOLEAN NOT NULL DEFAULT true;
ALTER TABLE "Application" ADD CONSTRAINT "Application_adjustsId_fkey" FOREIGN KEY ("adjustsId")
  REFERENCES "Application"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
-- An adjustment always names the application it adjusts (never itself); a regular application never does.
ALTER TABLE "Application" ADD CONSTRAINT "Application_adjusts_check" CHECK (
  ("kind" = 'ADJUSTMENT') = ("adjustsId" IS NOT NULL) AND "adjustsId" IS DISTINCT FROM "id");
-- An adjustment counts only once determined (its publicity finalised: lib/db/adjustments.repo.ts).
ALTER TABLE "Application" ADD CONSTRAINT "Application_adjustment_of_record_check" CHECK (
  "kind" = 'REGULAR' OR NOT "ofRecord" OR "state" IN ('determined', 'revoked'));

-- One regular application per student and term (as before), and exactly one application of record; adjustments
-- coexist with the regular one.
DROP INDEX "Application_personId_termId_key";
CREATE UNIQUE INDEX "Application_regular_person_term_key" ON "Application"("personId", "termId")
  WHERE "kind" = 'REGULAR';
CREATE UNIQUE INDEX "Application_of_record_person_term_key" ON "Application"("personId", "termId")
  WHERE "ofRecord";
CREATE INDEX "Application_personId_termId_idx" ON "Application"("personId", "termId");
CREATE INDEX "Application_adjustsId_idx" ON "Application"("adjustsId");

-- The adjustment itself: the sudden event, the reason, who opened it, its publicity and the date its level
-- takes effect. At most one open adjustment per student at a time.
CREATE TABLE "Adjustment" (
  "applicationId" TEXT NOT NULL,
  "personId" TEXT NOT NULL,
  "termId" TEXT NOT NULL,
  "schoolId" TEXT NOT NULL,
  "event" "AdjustmentEvent" NOT NULL,
  "reason" TEXT NOT NULL,
  "state" "AdjustmentState" NOT NULL DEFAULT 'OPEN',
  "openedById" TEXT NOT NULL,
  "openedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  "publicityBatchId" TEXT,
  "effectiveFrom" DATE,
  "closedAt" TIMESTAMP(3),
  "withdrawReason" TEXT,
  CONSTRAINT "Adjustment_pkey" PRIMARY KEY ("applicationId"),
  CONSTRAINT "Adjustment_reason_check" CHECK (length(btrim("reason")) BETWEEN 1 AND 500),
  CONSTRAINT "Adjustment_withdraw_reason_check" CHECK (length("withdrawReason") BETWEEN 1 AND 500),
  CONSTRAINT "Adjustment_effective_check" CHECK (("state" = 'EFFECTIVE') = ("effectiveFrom" IS NOT NULL)),
  CONSTRAINT "Adjustment_closed_check" CHECK (("state" = 'OPEN') = ("closedAt" IS NULL)),
  CONSTRAINT "Adjustment_withdrawn_check" CHECK (("state" = 'WITHDRAWN') = ("withdrawReason" IS NOT NULL))
);
CREATE UNIQUE INDEX "Adjustment_one_open_key" ON "Adjustment"("personId") WHERE "state" = 'OPEN';
CREATE INDEX "Adjustment_schoolId_termId_idx" ON "Adjustment"("schoolId", "termId");
CREATE INDEX "Adjustment_personId_idx" ON "Adjustment"("personId");
ALTER TABLE "Adjustment" ADD CONSTRAINT "Adjustment_applicationId_fkey" FOREIGN KEY ("applicationId")
  REFERENCES "Application"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "Adjustment" ADD CONSTRAINT "Adjustment_personId_fkey" FOREIGN KEY ("personId")
  REFERENCES "Person"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "Adjustment" ADD CONSTRAINT "Adjustment_termId_fkey" FOREIGN KEY ("termId")
  REFERENCES "AidTerm"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "Adjustment" ADD CONSTRAINT "Adjustment_schoolId_fkey" FOREIGN KEY ("schoolId")
  REFERENCES "School"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "Adjustment" ADD CONSTRAINT "Adjustment_openedById_fkey" FOREIGN KEY ("openedById")
  REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "Adjustment" ADD CONSTRAINT "Adjustment_publicityBatchId_fkey" FOREIGN KEY ("publicityBatchId")
  REFERENCES "PublicityBatch"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- The adjustment row must describe its own application: same person, term and school, and of kind ADJUSTMENT.
CREATE FUNCTION adjustment_matches_application() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NOT EXISTS (
    SELECT 1 FROM "Application" a
     WHERE a."id" = NEW."applicationId" AND a."kind" = 'ADJUSTMENT' AND a."personId" = NEW."personId"
       AND a."termId" = NEW."termId" AND a."schoolId" = NEW."schoolId") THEN
    RAISE EXCEPTION 'adjustment must match its application' USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER "Adjustment_matches_application" BEFORE INSERT OR UPDATE OF "applicationId", "personId", "termId", "schoolId"
  ON "Adjustment" FOR EACH ROW EXECUTE FUNCTION adjustment_matches_application();
