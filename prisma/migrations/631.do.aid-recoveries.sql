-- Recovery of revoked aid: revoking a determination whose aid was already paid (lib/db/revocation.repo.ts) opens
-- a recovery record with the amount due (integer fen, the paid amounts of the application's roster entries);
-- recoveries are append-only entries with a date and an amount; the recovered total is kept by the database
-- from the entries, can never pass the amount due, and the record is closed when the whole amount is back.
CREATE TABLE "AidRecovery" (
  "id" TEXT NOT NULL,
  "applicationId" TEXT NOT NULL,
  "schoolId" TEXT NOT NULL,
  "termId" TEXT NOT NULL,
  "studentId" TEXT NOT NULL,
  "dueFen" INTEGER NOT NULL,
  "recoveredFen" INTEGER NOT NULL DEFAULT 0,
  "closedAt" TIMESTAMP(3),
  "openedById" TEXT,
  "openedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT "AidRecovery_pkey" PRIMARY KEY ("id"),
  CONSTRAINT "AidRecovery_due_check" CHECK ("dueFen" > 0),
  CONSTRAINT "AidRecovery_recovered_check" CHECK ("recoveredFen" >= 0 AND "recoveredFen" <= "dueFen"),
  CONSTRAINT "AidRecovery_closed_check" CHECK (("closedAt" IS NOT NULL) = ("recoveredFen" = "dueFen"))
);
CREATE UNIQUE INDEX "AidRecovery_applicationId_key" ON "AidRecovery"("applicationId");
CREATE INDEX "AidRecovery_schoolId_openedAt_idx" ON "AidRecovery"("schoolId", "openedAt");
ALTER TABLE "AidRecovery" ADD CONSTRAINT "AidRecovery_applicationId_fkey" FOREIGN KEY ("applicationId")
  REFERENCES "Application"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "AidRecovery" ADD CONSTRAINT "AidRecovery_schoolId_fkey" FOREIGN KEY ("schoolId")
  REFERENCES "School"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "AidRecovery" ADD CONSTRAINT "AidRecovery_termId_fkey" FOREIGN KEY ("termId")
  REFERENCES "AidTerm"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "AidRecovery" ADD CONSTRAINT "AidRecovery_studentId_fkey" FOREIGN KEY ("studentId")
  REFERENCES "Student"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

CREATE TABLE "AidRecoveryEntry" (
  "id" TEXT NOT NULL,
  "recoveryId" TEXT NOT NULL,
  "amountFen" INTEGER NOT NULL,
  "recoveredOn" DATE NOT NULL,
  "note" TEXT NOT NULL DEFAULT '',
  "recordedById" TEXT NOT NULL,
  "recordedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT "AidRecoveryEntry_pkey" PRIMARY KEY ("id"),
  CONSTRAINT "AidRecoveryEntry_amount_check" CHECK ("amountFen" > 0),
  CONSTRAINT "AidRecoveryEntry_note_check" CHECK (length("note") <= 500)
);
CREATE INDEX "AidRecoveryEntry_recoveryId_recoveredOn_idx" ON "AidRecoveryEntry"("recoveryId", "recoveredOn");
ALTER TABLE "AidRecoveryEntry" ADD CONSTRAINT "AidRecoveryEntry_recoveryId_fkey" FOREIGN KEY ("recoveryId")
  REFERENCES "AidRecovery"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
CREATE TRIGGER "AidRecoveryEntry_append_only" BEFORE UPDATE OR DELETE ON "AidRecoveryEntry"
  FOR EACH ROW EXECUTE FUNCTION refuse_change();
CREATE TRIGGER "AidRecoveryEntry_no_truncate" BEFORE TRUNCATE ON "AidRecoveryEntry"
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();

-- The recovered total and the closing time are the database's: whatever an UPDATE sets, they follow the
-- entries (the due amount and the record's keys never change).
CREATE FUNCTION aid_recovery_totals() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW."dueFen" <> OLD."dueFen" OR NEW."applicationId" <> OLD."applicationId" OR NEW."schoolId" <> OLD."schoolId"
     OR NEW."termId" <> OLD."termId" OR NEW."studentId" <> OLD."studentId" OR NEW."openedAt" <> OLD."openedAt" THEN
    RAISE EXCEPTION 'aid recovery %: only the recovered total changes, through its entries', OLD."id"
      USING ERRCODE = 'check_violation';
  END IF;
  NEW."recoveredFen" := (SELECT coalesce(sum("amountFen"), 0) FROM "AidRecoveryEntry" WHERE "recoveryId" = NEW."id");
  NEW."closedAt" := CASE WHEN NEW."recoveredFen" = NEW."dueFen" THEN coalesce(OLD."closedAt", CURRENT_TIMESTAMP) END;
  RETURN NEW;
END $$;
CREATE TRIGGER "AidRecovery_totals" BEFORE UPDATE ON "AidRecovery"
  FOR EACH ROW EXECUTE FUNCTION aid_recovery_totals();
CREATE FUNCTION aid_recovery_fresh() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW."recoveredFen" := 0;
  NEW."closedAt" := NULL;
  RETURN NEW;
END $$;
CREATE TRIGGER "AidRecovery_fresh" BEFORE INSERT ON "AidRecovery"
  FOR EACH ROW EXECUTE FUNCTION aid_recovery_fresh();
CREATE TRIGGER "AidRecovery_no_delete" BEFORE DELETE ON "AidRecovery"
  FOR EACH ROW EXECUTE FUNCTION refuse_change();

-- An entry locks its record, is refused when it would pass the amount due (or the record is closed), and
-- brings the record's total up to date.
CREATE FUNCTION aid_recovery_entry_check() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  due INTEGER;
  recovered INTEGER;
BEGIN
  SELECT r."dueFen" INTO due FROM "AidRecovery" r WHERE r."id" = NEW."recoveryId" FOR UPDATE;
  IF due IS NULL THEN
    RETURN NEW; -- the foreign key refuses it
  END IF;
  SELECT coalesce(sum("amountFen"), 0) INTO recovered FROM "AidRecoveryEntry" WHERE "recoveryId" = NEW."recoveryId";
  IF recovered + NEW."amountFen" > due THEN
    RAISE EXCEPTION 'aid recovery %: % fen recovered of % due, % fen more is above what is due',
      NEW."recoveryId", recovered, due, NEW."amountFen" USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER "AidRecoveryEntry_within_due" BEFORE INSERT ON "AidRecoveryEntry"
  FOR EACH ROW EXECUTE FUNCTION aid_recovery_entry_check();
CREATE FUNCTION aid_recovery_entry_total() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "AidRecovery" SET "recoveredFen" = 0 WHERE "id" = NEW."recoveryId"; -- the totals trigger recomputes it
  RETURN NULL;
END $$;
CREATE TRIGGER "AidRecoveryEntry_total" AFTER INSERT ON "AidRecoveryEntry"
  FOR EACH ROW EXECUTE FUNCTION aid_recovery_entry_total();

-- Revocations recorded before this migration whose aid was paid: their records, from the paid amounts.
INSERT INTO "AidRecovery" ("id", "applicationId", "schoolId", "termId", "studentId", "dueFen", "openedAt")
SELECT 'rcv' || md5(a."id"), a."id", a."schoolId", a."termId", a."studentId", paid."fen",
       coalesce(d."revokedAt", CURRENT_TIMESTAMP)
FROM "Determination" d
JOIN "Application" a ON a."id" = d."applicationId"
JOIN LATERAL (
  SELECT sum(coalesce(re."paidAmountFen", re."amountFen"))::int AS "fen"
  FROM "RosterEntry" re WHERE re."applicationId" = a."id" AND re."paidAt" IS NOT NULL
) paid ON paid."fen" > 0
WHERE d."recoveryRequired" AND a."state" = 'revoked';
