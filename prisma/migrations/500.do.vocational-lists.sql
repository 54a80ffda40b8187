-- 中职 monthly aid lists under supervision (lib/domain/vocational-roster.ts): the state of a monthly Roster
-- (month IS NOT NULL) at each level, its publicity attachments and an append-only history of every change.
-- A table of its own, one row per monthly roster, rather than columns on "Roster": the semester rosters keep
-- their own "state" machine untouched, no roster carries six columns that are NULL for most rows, and the
-- CHECK constraints below stay on one small table. The composite key (rosterId, month) → Roster(id, month)
-- makes a state row for a semester roster (month NULL) impossible.
CREATE TYPE "ListReviewState" AS ENUM ('PENDING', 'PASSED', 'REFUSED');
CREATE TYPE "ListPublicityState" AS ENUM ('UNPUBLISHED', 'PUBLISHED');
CREATE TYPE "ListConfirmationState" AS ENUM ('PENDING', 'PASSED', 'REFUSED');
CREATE TYPE "ListWithdrawalState" AS ENUM ('NONE', 'PENDING', 'GRANTED', 'REFUSED');
CREATE TYPE "ListPaymentState" AS ENUM ('UNPAID', 'PAID');

CREATE UNIQUE INDEX "Roster_id_month_key" ON "Roster"("id", "month");

CREATE TABLE "VocationalList" (
  "rosterId" TEXT NOT NULL,
  "month" INTEGER NOT NULL,
  "schoolReview" "ListReviewState" NOT NULL DEFAULT 'PENDING',
  "supervisorReview" "ListReviewState" NOT NULL DEFAULT 'PENDING',
  "publicity" "ListPublicityState" NOT NULL DEFAULT 'UNPUBLISHED',
  "confirmation" "ListConfirmationState" NOT NULL DEFAULT 'PENDING',
  "withdrawal" "ListWithdrawalState" NOT NULL DEFAULT 'NONE',
  "payment" "ListPaymentState" NOT NULL DEFAULT 'UNPAID',
  "publicityStart" DATE,
  "publicityEnd" DATE,
  "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT "VocationalList_pkey" PRIMARY KEY ("rosterId"),
  CONSTRAINT "VocationalList_month_check" CHECK ("month" BETWEEN 1 AND 12),
  -- the supervisor reviews only what the school passed
  CONSTRAINT "VocationalList_review_order_check" CHECK ("supervisorReview" = 'PENDING' OR "schoolReview" = 'PASSED'),
  -- published: both levels passed, dates set, not refused; unpublished: no dates, not confirmed
  CONSTRAINT "VocationalList_publicity_check" CHECK (
    ("publicity" = 'PUBLISHED' AND "schoolReview" = 'PASSED' AND "supervisorReview" = 'PASSED'
      AND "confirmation" <> 'REFUSED' AND "publicityStart" IS NOT NULL AND "publicityEnd" >= "publicityStart")
    OR ("publicity" = 'UNPUBLISHED' AND "confirmation" <> 'PASSED' AND "publicityStart" IS NULL AND "publicityEnd" IS NULL)
  ),
  CONSTRAINT "VocationalList_withdrawal_check" CHECK ("withdrawal" <> 'PENDING' OR "confirmation" = 'PASSED'),
  CONSTRAINT "VocationalList_payment_check" CHECK ("payment" <> 'PAID' OR "confirmation" = 'PASSED')
);
CREATE UNIQUE INDEX "VocationalList_rosterId_month_key" ON "VocationalList"("rosterId", "month");
CREATE INDEX "VocationalList_confirmation_publicity_idx" ON "VocationalList"("confirmation", "publicity");
ALTER TABLE "VocationalList" ADD CONSTRAINT "VocationalList_rosterId_month_fkey" FOREIGN KEY ("rosterId", "month")
  REFERENCES "Roster"("id", "month") ON DELETE CASCADE ON UPDATE CASCADE;

-- 资助名单公示 attachments: evidence files (encrypted store, type checked by content: lib/services/evidence.ts).
CREATE TABLE "VocationalListAttachment" (
  "rosterId" TEXT NOT NULL,
  "evidenceFileId" TEXT NOT NULL,
  "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT "VocationalListAttachment_pkey" PRIMARY KEY ("rosterId", "evidenceFileId")
);
CREATE UNIQUE INDEX "VocationalListAttachment_evidenceFileId_key" ON "VocationalListAttachment"("evidenceFileId");
ALTER TABLE "VocationalListAttachment" ADD CONSTRAINT "VocationalListAttachment_rosterId_fkey" FOREIGN KEY ("rosterId")
  REFERENCES "VocationalList"("rosterId") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "VocationalListAttachment" ADD CONSTRAINT "VocationalListAttachment_evidenceFileId_fkey" FOREIGN KEY ("evidenceFileId")
  REFERENCES "EvidenceFile"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Every state change of a list: who, when, which action, the states before and after, the comment. Append-only.
CREATE TABLE "VocationalListHistory" (
  "id" TEXT NOT NULL,
  "rosterId" TEXT NOT NULL,
  "actorId" TEXT,
  "action" TEXT NOT NULL,
  "fromState" JSONB NOT NULL,
  "toState" JSONB NOT NULL,
  "comment" TEXT,
  "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT "VocationalListHistory_pkey" PRIMARY KEY ("id"),
  CONSTRAINT "VocationalListHistory_action_check" CHECK ("action" IN ('BUILD', 'EDIT', 'SCHOOL_REVIEW', 'SUPERVISOR_REVIEW',
    'PUBLICISE', 'CONFIRM', 'REFUSE_PUBLICITY', 'RECORD_PAYMENT', 'REQUEST_WITHDRAWAL', 'DECIDE_WITHDRAWAL'))
);
CREATE INDEX "VocationalListHistory_rosterId_at_idx" ON "VocationalListHistory"("rosterId", "at");
ALTER TABLE "VocationalListHistory" ADD CONSTRAINT "VocationalListHistory_rosterId_fkey" FOREIGN KEY ("rosterId")
  REFERENCES "Roster"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "VocationalListHistory" ADD CONSTRAINT "VocationalListHistory_actorId_fkey" FOREIGN KEY ("actorId")
  REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
CREATE TRIGGER "VocationalListHistory_append_only" BEFORE UPDATE OR DELETE ON "VocationalListHistory"
  FOR EACH ROW EXECUTE FUNCTION refuse_change();
CREATE TRIGGER "VocationalListHistory_no_truncate" BEFORE TRUNCATE ON "VocationalListHistory"
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();

-- Entries of a monthly list: the actual amount (免学费: filled with the standard amount on 公示通过) and the
-- overdue flag (逾期, lib/domain/vocational-overdue.ts) of a student who was on the list before turning overdue.
ALTER TABLE "RosterEntry" ADD COLUMN "actualAmountFen" INTEGER;
ALTER TABLE "RosterEntry" ADD COLUMN "overdue" BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE "RosterEntry" ADD CONSTRAINT "RosterEntry_actualAmount_check" CHECK ("actualAmountFen" IS NULL OR "actualAmountFen" >= 0);
