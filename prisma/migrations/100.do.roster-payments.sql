-- Payments of roster entries (资助发放): every payment, correction and reversal is kept,
-- append-only, with its reason and who recorded it. The entry's paidAt/paidAmountFen is the
-- current state; the history is keyed by roster and student so it outlives the entry.
CREATE TYPE "PaymentKind" AS ENUM ('PAYMENT', 'CORRECTION', 'REVERSAL');

CREATE TABLE "RosterPayment" (
  "id" TEXT NOT NULL,
  "rosterId" TEXT NOT NULL,
  "studentId" TEXT NOT NULL,
  "kind" "PaymentKind" NOT NULL,
  "amountFen" INTEGER NOT NULL,
  "previousAmountFen" INTEGER,
  "reason" TEXT,
  "recordedById" TEXT,
  "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT "RosterPayment_pkey" PRIMARY KEY ("id"),
  -- a payment or correction pays more than nothing; a reversal records 0 (nothing paid any more)
  CONSTRAINT "RosterPayment_amount_check" CHECK (("kind" = 'REVERSAL' AND "amountFen" = 0) OR ("kind" <> 'REVERSAL' AND "amountFen" > 0)),
  -- corrections and reversals say what they replace and why
  CONSTRAINT "RosterPayment_reason_check" CHECK ("kind" = 'PAYMENT' OR ("reason" IS NOT NULL AND "previousAmountFen" IS NOT NULL))
);
CREATE INDEX "RosterPayment_rosterId_studentId_at_idx" ON "RosterPayment"("rosterId", "studentId", "at");
ALTER TABLE "RosterPayment" ADD CONSTRAINT "RosterPayment_rosterId_fkey" FOREIGN KEY ("rosterId") REFERENCES "Roster"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "RosterPayment" ADD CONSTRAINT "RosterPayment_studentId_fkey" FOREIGN KEY ("studentId") REFERENCES "Student"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "RosterPayment" ADD CONSTRAINT "RosterPayment_recordedById_fkey" FOREIGN KEY ("recordedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;
CREATE TRIGGER "RosterPayment_append_only" BEFORE UPDATE OR DELETE ON "RosterPayment" FOR EACH ROW EXECUTE FUNCTION refuse_change();
CREATE TRIGGER "RosterPayment_no_truncate" BEFORE TRUNCATE ON "RosterPayment" FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();

-- Payments recorded before this history existed.
INSERT INTO "RosterPayment" ("id", "rosterId", "studentId", "kind", "amountFen", "recordedById", "at")
SELECT gen_random_uuid()::text, "rosterId", "studentId", 'PAYMENT', "paidAmountFen", NULL, "paidAt"
FROM "RosterEntry" WHERE "paidAt" IS NOT NULL AND "paidAmountFen" > 0;

-- A payment pays something (a 0.00 payment was accepted before; NOT VALID keeps old rows).
ALTER TABLE "RosterEntry" ADD CONSTRAINT "RosterEntry_paid_positive_check" CHECK ("paidAmountFen" IS NULL OR "paidAmountFen" > 0) NOT VALID;

-- A paid entry is never removed (it can only be reversed first).
CREATE FUNCTION refuse_paid_entry_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD."paidAt" IS NOT NULL THEN
    RAISE EXCEPTION 'RosterEntry % is paid: reverse the payment before removing it', OLD."id" USING ERRCODE = 'integrity_constraint_violation';
  END IF;
  RETURN OLD;
END $$;
CREATE TRIGGER "RosterEntry_paid_no_delete" BEFORE DELETE ON "RosterEntry" FOR EACH ROW EXECUTE FUNCTION refuse_paid_entry_delete();

-- 补录 of a student the programme's rule does not cover: the recorded exception (why the school enrols them anyway).
ALTER TABLE "RosterEntry" ADD COLUMN "exceptionReason" TEXT;
