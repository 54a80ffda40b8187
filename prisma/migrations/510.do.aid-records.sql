-- Aid records (受助情况): one row per person, programme and period — a month for the monthly 中职 lists
-- (Roster.month set), the term ("2026-2027-AUTUMN") for every other roster — saying what was paid, when, from
-- which roster and entry, and whether it was reversed since (a reversed record is kept, with its reversal).
-- The supervisor statistics (lib/db/rollups/statistics.ts) and a person's aid history read these rows; the
-- 受助情况 export (docs/aid-records-export.md) writes them.
--
-- Kept right by the DATABASE: an AFTER INSERT trigger on "RosterPayment", the append-only history every payment
-- path already writes (the semester rosters' payment / correction / reversal in lib/db/aid-roster.repo.ts, the
-- 中职 lists' 资金发放 and granted 公示退回 in lib/db/vocational-list.repo.ts, the seed). One statement-level
-- trigger with a transition table turns a whole 资金发放 of 5,000 entries into one INSERT … ON CONFLICT, and a
-- payment path added later cannot forget the record: it cannot write a payment without it.
--
--  - PAYMENT / CORRECTION: the record is PAID with the amount now paid (a correction keeps the paid date; a
--    payment after a reversal pays the record again, with the new date);
--  - REVERSAL: the record becomes REVERSED with the reversal's time, reason and recorder; its amount stays
--    what had been paid;
--  - a payment for a (person, programme, period) already PAID from another roster or enrolment is refused:
--    the same aid twice in one period (重复资助).
CREATE TYPE "AidRecordState" AS ENUM ('PAID', 'REVERSED');

-- The period of a roster: "YYYY-MM" for a monthly list (September–December in the academic year's first
-- calendar year, January–August in its second, as lib/domain/vocational-roster.ts listMonthStart), else
-- "<academic year>-<semester>".
CREATE FUNCTION aid_record_month_period(academic_year TEXT, month INTEGER) RETURNS TEXT
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT CASE WHEN month >= 9 THEN split_part(academic_year, '-', 1) ELSE split_part(academic_year, '-', 2) END
         || '-' || lpad(month::text, 2, '0') $$;
CREATE FUNCTION aid_record_period(academic_year TEXT, semester TEXT, month INTEGER) RETURNS TEXT
  LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE WHEN month IS NULL THEN academic_year || '-' || semester
              ELSE aid_record_month_period(academic_year, month) END $$;

CREATE TABLE "AidRecord" (
  "id" TEXT NOT NULL,
  "personId" TEXT NOT NULL,
  "studentId" TEXT NOT NULL,
  "schoolId" TEXT NOT NULL,
  "termId" TEXT NOT NULL,
  "programmeId" TEXT NOT NULL,
  "month" INTEGER,
  "period" TEXT NOT NULL,
  "rosterId" TEXT NOT NULL,
  "entryId" TEXT,
  "amountFen" INTEGER NOT NULL,
  "state" "AidRecordState" NOT NULL DEFAULT 'PAID',
  "paidAt" TIMESTAMP(3) NOT NULL,
  "recordedById" TEXT,
  "reversedAt" TIMESTAMP(3),
  "reversalReason" TEXT,
  "reversedById" TEXT,
  "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT "AidRecord_pkey" PRIMARY KEY ("id"),
  CONSTRAINT "AidRecord_amount_check" CHECK ("amountFen" >= 0),
  CONSTRAINT "AidRecord_period_check" CHECK (
    ("month" IS NULL AND "period" ~ '^[0-9]{4}-[0-9]{4}-(AUTUMN|SPRING)$')
    OR ("month" BETWEEN 1 AND 12 AND "period" ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'
        AND substr("period", 6, 2)::int = "month")),
  CONSTRAINT "AidRecord_reversal_check" CHECK (
    ("state" = 'PAID' AND "reversedAt" IS NULL AND "reversalReason" IS NULL AND "reversedById" IS NULL)
    OR ("state" = 'REVERSED' AND "reversedAt" IS NOT NULL))
);
CREATE UNIQUE INDEX "AidRecord_personId_programmeId_period_key" ON "AidRecord"("personId", "programmeId", "period");
CREATE INDEX "AidRecord_rosterId_studentId_idx" ON "AidRecord"("rosterId", "studentId");
CREATE INDEX "AidRecord_schoolId_termId_idx" ON "AidRecord"("schoolId", "termId");
CREATE INDEX "AidRecord_studentId_idx" ON "AidRecord"("studentId");
ALTER TABLE "AidRecord" ADD CONSTRAINT "AidRecord_personId_fkey" FOREIGN KEY ("personId")
  REFERENCES "Person"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "AidRecord" ADD CONSTRAINT "AidRecord_studentId_fkey" FOREIGN KEY ("studentId")
  REFERENCES "Student"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "AidRecord" ADD CONSTRAINT "AidRecord_schoolId_fkey" FOREIGN KEY ("schoolId")
  REFERENCES "School"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "AidRecord" ADD CONSTRAINT "AidRecord_termId_fkey" FOREIGN KEY ("termId")
  REFERENCES "AidTerm"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "AidRecord" ADD CONSTRAINT "AidRecord_programmeId_fkey" FOREIGN KEY ("programmeId")
  REFERENCES "AidProgramme"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "AidRecord" ADD CONSTRAINT "AidRecord_rosterId_fkey" FOREIGN KEY ("rosterId")
  REFERENCES "Roster"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
-- An entry removed from a draft roster after its reversal: the record stays, without the entry.
ALTER TABLE "AidRecord" ADD CONSTRAINT "AidRecord_entryId_fkey" FOREIGN KEY ("entryId")
  REFERENCES "RosterEntry"("id") ON DELETE SET NULL ON UPDATE CASCADE;

CREATE FUNCTION aid_record_from_payments() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "AidRecord" ("id", "personId", "studentId", "schoolId", "termId", "programmeId", "month", "period",
    "rosterId", "entryId", "amountFen", "state", "paidAt", "recordedById")
  SELECT DISTINCT ON (st."personId", ro."programmeId", aid_record_period(t."academicYear", t."semester"::text, ro."month"))
         gen_random_uuid()::text, st."personId", p."studentId", ro."schoolId", ro."termId", ro."programmeId",
         ro."month", aid_record_period(t."academicYear", t."semester"::text, ro."month"), p."rosterId", e."id",
         p."amountFen", 'PAID', p."at", p."recordedById"
  FROM added p
  JOIN "Roster" ro ON ro."id" = p."rosterId"
  JOIN "AidTerm" t ON t."id" = ro."termId"
  JOIN "Student" st ON st."id" = p."studentId"
  LEFT JOIN "RosterEntry" e ON e."rosterId" = p."rosterId" AND e."studentId" = p."studentId"
  WHERE p."kind" IN ('PAYMENT', 'CORRECTION')
  ORDER BY st."personId", ro."programmeId", aid_record_period(t."academicYear", t."semester"::text, ro."month"),
           p."at" DESC, p."id" DESC
  ON CONFLICT ("personId", "programmeId", "period") DO UPDATE SET
    "amountFen" = EXCLUDED."amountFen",
    "paidAt" = CASE WHEN "AidRecord"."state" = 'REVERSED' THEN EXCLUDED."paidAt" ELSE "AidRecord"."paidAt" END,
    "recordedById" = CASE WHEN "AidRecord"."state" = 'REVERSED' THEN EXCLUDED."recordedById"
                          ELSE "AidRecord"."recordedById" END,
    "studentId" = EXCLUDED."studentId", "schoolId" = EXCLUDED."schoolId", "termId" = EXCLUDED."termId",
    "month" = EXCLUDED."month", "rosterId" = EXCLUDED."rosterId", "entryId" = EXCLUDED."entryId",
    "state" = 'PAID', "reversedAt" = NULL, "reversalReason" = NULL, "reversedById" = NULL,
    "updatedAt" = CURRENT_TIMESTAMP
  WHERE "AidRecord"."state" = 'REVERSED'
     OR ("AidRecord"."rosterId" = EXCLUDED."rosterId" AND "AidRecord"."studentId" = EXCLUDED."studentId");

  IF EXISTS (
    SELECT 1 FROM added p
    WHERE p."kind" IN ('PAYMENT', 'CORRECTION') AND NOT EXISTS (
      SELECT 1 FROM "AidRecord" r
      WHERE r."rosterId" = p."rosterId" AND r."studentId" = p."studentId" AND r."state" = 'PAID')
  ) THEN
    RAISE EXCEPTION USING ERRCODE = 'unique_violation', CONSTRAINT = 'AidRecord_personId_programmeId_period_key',
      MESSAGE = 'AidRecord: the person is already paid this programme for this period from another roster (重复资助)';
  END IF;

  UPDATE "AidRecord" r SET "state" = 'REVERSED', "reversedAt" = p."at", "reversalReason" = p."reason",
    "reversedById" = p."recordedById", "updatedAt" = CURRENT_TIMESTAMP
  FROM added p
  WHERE p."kind" = 'REVERSAL' AND r."rosterId" = p."rosterId" AND r."studentId" = p."studentId"
    AND r."state" = 'PAID';
  RETURN NULL;
END $$;

CREATE TRIGGER "RosterPayment_aid_record" AFTER INSERT ON "RosterPayment"
  REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION aid_record_from_payments();

-- Backfill from what is paid now and what was reversed: an entry paid now is PAID (its paid amount and date);
-- a (roster, student) whose latest payment record is a reversal and that is not paid now — its entry still there
-- or since removed — is REVERSED (the amount it had, the reversal's time, reason and recorder). The paid date and
-- recorder of a reversed one are those of its latest payment, as the trigger keeps them. One record per person,
-- programme and period: a paid one before a reversed one, the later before the earlier.
WITH last AS (
  SELECT DISTINCT ON (p."rosterId", p."studentId") p.* FROM "RosterPayment" p
  ORDER BY p."rosterId", p."studentId", p."at" DESC, p."id" DESC
), last_payment AS (
  SELECT DISTINCT ON (p."rosterId", p."studentId") p.* FROM "RosterPayment" p WHERE p."kind" = 'PAYMENT'
  ORDER BY p."rosterId", p."studentId", p."at" DESC, p."id" DESC
), source AS (
  SELECT e."rosterId", e."studentId", e."id" AS "entryId", 'PAID'::"AidRecordState" AS "state",
         e."paidAmountFen" AS "amountFen", e."paidAt", lp."recordedById",
         NULL::timestamp(3) AS "reversedAt", NULL::text AS "reversalReason", NULL::text AS "reversedById"
  FROM "RosterEntry" e
  LEFT JOIN last_payment lp ON lp."rosterId" = e."rosterId" AND lp."studentId" = e."studentId"
  WHERE e."paidAt" IS NOT NULL AND e."paidAmountFen" IS NOT NULL
  UNION ALL
  SELECT l."rosterId", l."studentId", e."id", 'REVERSED'::"AidRecordState", l."previousAmountFen",
         coalesce(lp."at", l."at"), lp."recordedById", l."at", l."reason", l."recordedById"
  FROM last l
  LEFT JOIN "RosterEntry" e ON e."rosterId" = l."rosterId" AND e."studentId" = l."studentId"
  LEFT JOIN last_payment lp ON lp."rosterId" = l."rosterId" AND lp."studentId" = l."studentId"
  WHERE l."kind" = 'REVERSAL' AND l."previousAmountFen" IS NOT NULL AND (e."id" IS NULL OR e."paidAt" IS NULL)
)
INSERT INTO "AidRecord" ("id", "personId", "studentId", "schoolId", "termId", "programmeId", "month", "period",
  "rosterId", "entryId", "amountFen", "state", "paidAt", "recordedById", "reversedAt", "reversalReason",
  "reversedById")
SELECT DISTINCT ON (st."personId", ro."programmeId", aid_record_period(t."academicYear", t."semester"::text, ro."month"))
       gen_random_uuid()::text, st."personId", src."studentId", ro."schoolId", ro."termId", ro."programmeId",
       ro."month", aid_record_period(t."academicYear", t."semester"::text, ro."month"), src."rosterId", src."entryId",
       src."amountFen", src."state", src."paidAt", src."recordedById", src."reversedAt", src."reversalReason",
       src."reversedById"
FROM source src
JOIN "Roster" ro ON ro."id" = src."rosterId"
JOIN "AidTerm" t ON t."id" = ro."termId"
JOIN "Student" st ON st."id" = src."studentId"
ORDER BY st."personId", ro."programmeId", aid_record_period(t."academicYear", t."semester"::text, ro."month"),
         (src."state" = 'PAID') DESC, coalesce(src."reversedAt", src."paidAt") DESC, src."rosterId", src."studentId";

-- The statistics read the records: a changed record marks its (school, term) for the rollups (migration 400).
SELECT rollup_watch('AidRecord', 'rollup_mark_school_term');
