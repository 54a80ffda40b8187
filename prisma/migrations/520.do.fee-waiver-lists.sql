-- 普高 建档立卡等免学杂费 lists (lib/domain/fee-waiver-list.ts): one list per senior-high school, aid term (学年 +
-- 秋季/春季 through "AidTerm"; no calendar-year column) and FEE_WAIVER programme, its entries and an append-only
-- history. Tables of their own rather than a state row on "Roster": the semester rosters keep their own
-- DRAFT → APPROVED machine untouched, and these lists have two review levels and nothing else.
CREATE TABLE "FeeWaiverList" (
  "id" TEXT NOT NULL,
  "schoolId" TEXT NOT NULL,
  "termId" TEXT NOT NULL,
  "programmeId" TEXT NOT NULL,
  "schoolReview" "ListReviewState" NOT NULL DEFAULT 'PENDING',
  "supervisorReview" "ListReviewState" NOT NULL DEFAULT 'PENDING',
  "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT "FeeWaiverList_pkey" PRIMARY KEY ("id"),
  -- the supervisor reviews only what the school passed
  CONSTRAINT "FeeWaiverList_review_order_check" CHECK ("supervisorReview" = 'PENDING' OR "schoolReview" = 'PASSED')
);
CREATE UNIQUE INDEX "FeeWaiverList_schoolId_termId_programmeId_key" ON "FeeWaiverList"("schoolId", "termId", "programmeId");
CREATE INDEX "FeeWaiverList_termId_supervisorReview_idx" ON "FeeWaiverList"("termId", "supervisorReview");
ALTER TABLE "FeeWaiverList" ADD CONSTRAINT "FeeWaiverList_schoolId_fkey" FOREIGN KEY ("schoolId")
  REFERENCES "School"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "FeeWaiverList" ADD CONSTRAINT "FeeWaiverList_termId_fkey" FOREIGN KEY ("termId")
  REFERENCES "AidTerm"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "FeeWaiverList" ADD CONSTRAINT "FeeWaiverList_programmeId_fkey" FOREIGN KEY ("programmeId")
  REFERENCES "AidProgramme"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- The students on a list with the waived amount (integer fen) and the application it was built from (its
-- household's 户口性质 tells rural 低保 / 特困 apart in 资金发放查看).
CREATE TABLE "FeeWaiverEntry" (
  "id" TEXT NOT NULL,
  "listId" TEXT NOT NULL,
  "studentId" TEXT NOT NULL,
  "applicationId" TEXT,
  "amountFen" INTEGER NOT NULL,
  "note" TEXT,
  "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT "FeeWaiverEntry_pkey" PRIMARY KEY ("id"),
  CONSTRAINT "FeeWaiverEntry_amount_check" CHECK ("amountFen" >= 0)
);
CREATE UNIQUE INDEX "FeeWaiverEntry_listId_studentId_key" ON "FeeWaiverEntry"("listId", "studentId");
ALTER TABLE "FeeWaiverEntry" ADD CONSTRAINT "FeeWaiverEntry_listId_fkey" FOREIGN KEY ("listId")
  REFERENCES "FeeWaiverList"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "FeeWaiverEntry" ADD CONSTRAINT "FeeWaiverEntry_studentId_fkey" FOREIGN KEY ("studentId")
  REFERENCES "Student"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "FeeWaiverEntry" ADD CONSTRAINT "FeeWaiverEntry_applicationId_fkey" FOREIGN KEY ("applicationId")
  REFERENCES "Application"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- A list passed by the school and not refused by the supervisor is frozen: its entries cannot change.
CREATE FUNCTION fee_waiver_entry_editable() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  target TEXT := CASE WHEN TG_OP = 'DELETE' THEN OLD."listId" ELSE NEW."listId" END;
BEGIN
  IF EXISTS (SELECT 1 FROM "FeeWaiverList" l WHERE l."id" = target
             AND l."schoolReview" = 'PASSED' AND l."supervisorReview" <> 'REFUSED') THEN
    RAISE EXCEPTION 'fee waiver list % is under review or passed; its entries cannot change', target
      USING ERRCODE = 'check_violation';
  END IF;
  RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END $$;
CREATE TRIGGER "FeeWaiverEntry_editable" BEFORE INSERT OR UPDATE OR DELETE ON "FeeWaiverEntry"
  FOR EACH ROW EXECUTE FUNCTION fee_waiver_entry_editable();

-- Every change of a list: who, when, which action, the states before and after, the comment. Append-only.
CREATE TABLE "FeeWaiverListHistory" (
  "id" TEXT NOT NULL,
  "listId" TEXT NOT NULL,
  "actorId" TEXT,
  "action" TEXT NOT NULL,
  "fromState" JSONB NOT NULL,
  "toState" JSONB NOT NULL,
  "comment" TEXT,
  "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT "FeeWaiverListHistory_pkey" PRIMARY KEY ("id"),
  CONSTRAINT "FeeWaiverListHistory_action_check" CHECK ("action" IN ('BUILD', 'REMOVE_ENTRY', 'SCHOOL_REVIEW', 'SUPERVISOR_REVIEW'))
);
CREATE INDEX "FeeWaiverListHistory_listId_at_idx" ON "FeeWaiverListHistory"("listId", "at");
ALTER TABLE "FeeWaiverListHistory" ADD CONSTRAINT "FeeWaiverListHistory_listId_fkey" FOREIGN KEY ("listId")
  REFERENCES "FeeWaiverList"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "FeeWaiverListHistory" ADD CONSTRAINT "FeeWaiverListHistory_actorId_fkey" FOREIGN KEY ("actorId")
  REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
CREATE TRIGGER "FeeWaiverListHistory_append_only" BEFORE UPDATE OR DELETE ON "FeeWaiverListHistory"
  FOR EACH ROW EXECUTE FUNCTION refuse_change();
CREATE TRIGGER "FeeWaiverListHistory_no_truncate" BEFORE TRUNCATE ON "FeeWaiverListHistory"
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();
