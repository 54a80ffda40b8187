-- The national holiday calendar as data (lib/domain/working-days.ts reads it through lib/db/holiday-calendar.repo.ts):
-- the State Council's days off and make-up working days (调休上班), one row per day. Seeded with the years of
-- lib/domain/holidays-cn.ts; a province supervisor adds each new year's notice on /console/supervisor/holidays.
-- Publicity periods and the support desk's deadlines both count working days on it.
CREATE TABLE "HolidayCalendarDay" (
  "day" DATE NOT NULL,
  -- true = a weekend day that is worked (调休上班), false = a day off
  "working" BOOLEAN NOT NULL,
  "note" TEXT,
  "createdById" TEXT,
  "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT "HolidayCalendarDay_pkey" PRIMARY KEY ("day")
);
ALTER TABLE "HolidayCalendarDay" ADD CONSTRAINT "HolidayCalendarDay_createdById_fkey" FOREIGN KEY ("createdById")
  REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;
INSERT INTO "HolidayCalendarDay" ("day", "working", "note") VALUES
  ('2025-01-01', false, '2025年国务院办公厅节假日安排'),
  ('2025-01-28', false, '2025年国务院办公厅节假日安排'),
  ('2025-01-29', false, '2025年国务院办公厅节假日安排'),
  ('2025-01-30', false, '2025年国务院办公厅节假日安排'),
  ('2025-01-31', false, '2025年国务院办公厅节假日安排'),
  ('2025-02-01', false, '2025年国务院办公厅节假日安排'),
  ('2025-02-02', false, '2025年国务院办公厅节假日安排'),
  ('2025-02-03', false, '2025年国务院办公厅节假日安排'),
  ('2025-02-04', false, '2025年国务院办公厅节假日安排'),
  ('2025-04-04', false, '2025年国务院办公厅节假日安排'),
  ('2025-04-05', false, '2025年国务院办公厅节假日安排'),
  ('2025-04-06', false, '2025年国务院办公厅节假日安排'),
  ('2025-05-01', false, '2025年国务院办公厅节假日安排'),
  ('2025-05-02', false, '2025年国务院办公厅节假日安排'),
  ('2025-05-03', false, '2025年国务院办公厅节假日安排'),
  ('2025-05-04', false, '2025年国务院办公厅节假日安排'),
  ('2025-05-05', false, '2025年国务院办公厅节假日安排'),
  ('2025-05-31', false, '2025年国务院办公厅节假日安排'),
  ('2025-06-01', false, '2025年国务院办公厅节假日安排'),
  ('2025-06-02', false, '2025年国务院办公厅节假日安排'),
  ('2025-10-01', false, '2025年国务院办公厅节假日安排'),
  ('2025-10-02', false, '2025年国务院办公厅节假日安排'),
  ('2025-10-03', false, '2025年国务院办公厅节假日安排'),
  ('2025-10-04', false, '2025年国务院办公厅节假日安排'),
  ('2025-10-05', false, '2025年国务院办公厅节假日安排'),
  ('2025-10-06', false, '2025年国务院办公厅节假日安排'),
  ('2025-10-07', false, '2025年国务院办公厅节假日安排'),
  ('2025-10-08', false, '2025年国务院办公厅节假日安排'),
  ('2025-01-26', true, '2025年国务院办公厅节假日安排（调休上班）'),
  ('2025-02-08', true, '2025年国务院办公厅节假日安排（调休上班）'),
  ('2025-04-27', true, '2025年国务院办公厅节假日安排（调休上班）'),
  ('2025-09-28', true, '2025年国务院办公厅节假日安排（调休上班）'),
  ('2025-10-11', true, '2025年国务院办公厅节假日安排（调休上班）'),
  ('2026-01-01', false, '2026年国务院办公厅节假日安排'),
  ('2026-01-02', false, '2026年国务院办公厅节假日安排'),
  ('2026-01-03', false, '2026年国务院办公厅节假日安排'),
  ('2026-02-15', false, '2026年国务院办公厅节假日安排'),
  ('2026-02-16', false, '2026年国务院办公厅节假日安排'),
  ('2026-02-17', false, '2026年国务院办公厅节假日安排'),
  ('2026-02-18', false, '2026年国务院办公厅节假日安排'),
  ('2026-02-19', false, '2026年国务院办公厅节假日安排'),
  ('2026-02-20', false, '2026年国务院办公厅节假日安排'),
  ('2026-02-21', false, '2026年国务院办公厅节假日安排'),
  ('2026-02-22', false, '2026年国务院办公厅节假日安排'),
  ('2026-02-23', false, '2026年国务院办公厅节假日安排'),
  ('2026-04-04', false, '2026年国务院办公厅节假日安排'),
  ('2026-04-05', false, '2026年国务院办公厅节假日安排'),
  ('2026-04-06', false, '2026年国务院办公厅节假日安排'),
  ('2026-05-01', false, '2026年国务院办公厅节假日安排'),
  ('2026-05-02', false, '2026年国务院办公厅节假日安排'),
  ('2026-05-03', false, '2026年国务院办公厅节假日安排'),
  ('2026-05-04', false, '2026年国务院办公厅节假日安排'),
  ('2026-05-05', false, '2026年国务院办公厅节假日安排'),
  ('2026-06-19', false, '2026年国务院办公厅节假日安排'),
  ('2026-06-20', false, '2026年国务院办公厅节假日安排'),
  ('2026-06-21', false, '2026年国务院办公厅节假日安排'),
  ('2026-09-25', false, '2026年国务院办公厅节假日安排'),
  ('2026-09-26', false, '2026年国务院办公厅节假日安排'),
  ('2026-09-27', false, '2026年国务院办公厅节假日安排'),
  ('2026-10-01', false, '2026年国务院办公厅节假日安排'),
  ('2026-10-02', false, '2026年国务院办公厅节假日安排'),
  ('2026-10-03', false, '2026年国务院办公厅节假日安排'),
  ('2026-10-04', false, '2026年国务院办公厅节假日安排'),
  ('2026-10-05', false, '2026年国务院办公厅节假日安排'),
  ('2026-10-06', false, '2026年国务院办公厅节假日安排'),
  ('2026-10-07', false, '2026年国务院办公厅节假日安排'),
  ('2026-01-04', true, '2026年国务院办公厅节假日安排（调休上班）'),
  ('2026-02-14', true, '2026年国务院办公厅节假日安排（调休上班）'),
  ('2026-02-28', true, '2026年国务院办公厅节假日安排（调休上班）'),
  ('2026-05-09', true, '2026年国务院办公厅节假日安排（调休上班）'),
  ('2026-09-20', true, '2026年国务院办公厅节假日安排（调休上班）'),
  ('2026-10-10', true, '2026年国务院办公厅节假日安排（调休上班）')
;

-- 技术支持服务 (seed 001, lib/domain/support.ts): a problem filed by a staff user, handled level by level
-- (school → county → city → province), owned by whoever takes it first (首接负责制).
CREATE TYPE "SupportCategory" AS ENUM ('APPLICATION', 'TECHNICAL', 'USER_REQUEST', 'SUGGESTION');
CREATE TYPE "SupportLevel" AS ENUM ('SCHOOL', 'COUNTY', 'CITY', 'PROVINCE');
CREATE TYPE "SupportState" AS ENUM ('QUEUED', 'TAKEN', 'RESOLVED', 'CLOSED');

CREATE TABLE "SupportProblem" (
  "id" TEXT NOT NULL,
  -- "XX市-XX学段-XX类问题" (seed 001 第十一条), generated at filing
  "subject" TEXT NOT NULL,
  "category" "SupportCategory" NOT NULL,
  -- OPERATION / SIGN_IN / TRAINING (应用类), DATA / BUG (技术类); null for the other categories
  "subcategory" TEXT,
  "stage" "Stage",
  "description" TEXT NOT NULL,
  "urgent" BOOLEAN NOT NULL DEFAULT false,
  -- the page of the system the problem concerns
  "pagePath" TEXT,
  "filerId" TEXT NOT NULL,
  -- unit, role, name and contact as they were at filing (第十一条)
  "filerRole" "Role" NOT NULL,
  "filerName" TEXT NOT NULL,
  "filerUnit" TEXT NOT NULL,
  "filerContact" TEXT NOT NULL,
  -- the filer's school (school staff) and the region path of the filer's unit (subtree scoping)
  "schoolId" TEXT,
  "regionPath" TEXT NOT NULL,
  "originLevel" "SupportLevel" NOT NULL,
  -- the queue it is in now: a school's (level SCHOOL) or a region's
  "level" "SupportLevel" NOT NULL,
  "queueSchoolId" TEXT,
  "queueRegionId" TEXT,
  "ownerId" TEXT,
  "state" "SupportState" NOT NULL DEFAULT 'QUEUED',
  "filedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  -- last working day for the answer (第十四条, lib/domain/support.ts SUPPORT_DEADLINE_WORKING_DAYS)
  "deadline" DATE NOT NULL,
  "takenAt" TIMESTAMP(3),
  "resolution" TEXT,
  "resolvedAt" TIMESTAMP(3),
  -- the filer confirms or reopens until this day (5 working days after the resolution)
  "confirmBy" DATE,
  "closedAt" TIMESTAMP(3),
  "rating" INTEGER,
  "signInProblemId" TEXT,
  CONSTRAINT "SupportProblem_pkey" PRIMARY KEY ("id"),
  CONSTRAINT "SupportProblem_subcategory_check" CHECK (
    ("category" = 'APPLICATION' AND "subcategory" IN ('OPERATION', 'SIGN_IN', 'TRAINING'))
    OR ("category" = 'TECHNICAL' AND "subcategory" IN ('DATA', 'BUG'))
    OR ("category" IN ('USER_REQUEST', 'SUGGESTION') AND "subcategory" IS NULL)),
  CONSTRAINT "SupportProblem_queue_check" CHECK (
    ("level" = 'SCHOOL' AND "queueSchoolId" IS NOT NULL AND "queueRegionId" IS NULL)
    OR ("level" <> 'SCHOOL' AND "queueSchoolId" IS NULL AND "queueRegionId" IS NOT NULL)),
  -- first-taker ownership: queued = nobody owns it; every later state has its owner
  CONSTRAINT "SupportProblem_owner_check" CHECK (("state" = 'QUEUED') = ("ownerId" IS NULL)),
  CONSTRAINT "SupportProblem_owner_not_filer_check" CHECK ("ownerId" IS NULL OR "ownerId" <> "filerId"),
  CONSTRAINT "SupportProblem_resolution_check" CHECK (
    ("state" IN ('RESOLVED', 'CLOSED')) = ("resolution" IS NOT NULL AND "resolvedAt" IS NOT NULL AND "confirmBy" IS NOT NULL)),
  CONSTRAINT "SupportProblem_closed_check" CHECK (("state" = 'CLOSED') = ("closedAt" IS NOT NULL)),
  CONSTRAINT "SupportProblem_rating_check" CHECK ("rating" IS NULL OR ("state" = 'CLOSED' AND "rating" BETWEEN 1 AND 5)),
  CONSTRAINT "SupportProblem_text_check" CHECK (length("description") BETWEEN 1 AND 4000)
);
CREATE UNIQUE INDEX "SupportProblem_signInProblemId_key" ON "SupportProblem"("signInProblemId");
CREATE INDEX "SupportProblem_filerId_filedAt_idx" ON "SupportProblem"("filerId", "filedAt");
CREATE INDEX "SupportProblem_queueSchoolId_state_idx" ON "SupportProblem"("queueSchoolId", "state");
CREATE INDEX "SupportProblem_queueRegionId_state_idx" ON "SupportProblem"("queueRegionId", "state");
CREATE INDEX "SupportProblem_regionPath_idx" ON "SupportProblem"("regionPath" text_pattern_ops);
CREATE INDEX "SupportProblem_schoolId_idx" ON "SupportProblem"("schoolId");
ALTER TABLE "SupportProblem" ADD CONSTRAINT "SupportProblem_filerId_fkey" FOREIGN KEY ("filerId")
  REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "SupportProblem" ADD CONSTRAINT "SupportProblem_ownerId_fkey" FOREIGN KEY ("ownerId")
  REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "SupportProblem" ADD CONSTRAINT "SupportProblem_schoolId_fkey" FOREIGN KEY ("schoolId")
  REFERENCES "School"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "SupportProblem" ADD CONSTRAINT "SupportProblem_queueSchoolId_fkey" FOREIGN KEY ("queueSchoolId")
  REFERENCES "School"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "SupportProblem" ADD CONSTRAINT "SupportProblem_queueRegionId_fkey" FOREIGN KEY ("queueRegionId")
  REFERENCES "Region"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "SupportProblem" ADD CONSTRAINT "SupportProblem_signInProblemId_fkey" FOREIGN KEY ("signInProblemId")
  REFERENCES "SignInProblem"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- The conversation: replies (seen by the filer) and internal notes (handlers only). Append-only.
CREATE TABLE "SupportMessage" (
  "id" TEXT NOT NULL,
  "problemId" TEXT NOT NULL,
  "authorId" TEXT NOT NULL,
  "internal" BOOLEAN NOT NULL DEFAULT false,
  "body" TEXT NOT NULL,
  "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT "SupportMessage_pkey" PRIMARY KEY ("id"),
  CONSTRAINT "SupportMessage_body_check" CHECK (length("body") BETWEEN 1 AND 4000)
);
CREATE INDEX "SupportMessage_problemId_createdAt_idx" ON "SupportMessage"("problemId", "createdAt");
ALTER TABLE "SupportMessage" ADD CONSTRAINT "SupportMessage_problemId_fkey" FOREIGN KEY ("problemId")
  REFERENCES "SupportProblem"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "SupportMessage" ADD CONSTRAINT "SupportMessage_authorId_fkey" FOREIGN KEY ("authorId")
  REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
CREATE TRIGGER "SupportMessage_append_only" BEFORE UPDATE OR DELETE ON "SupportMessage"
  FOR EACH ROW EXECUTE FUNCTION refuse_change();
CREATE TRIGGER "SupportMessage_no_truncate" BEFORE TRUNCATE ON "SupportMessage"
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();

-- Screenshots and files (evidence files: type checked by content, stored encrypted), of the filing
-- (messageId NULL) or of a message (then as visible as the message).
CREATE TABLE "SupportAttachment" (
  "evidenceFileId" TEXT NOT NULL,
  "problemId" TEXT NOT NULL,
  "messageId" TEXT,
  "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT "SupportAttachment_pkey" PRIMARY KEY ("evidenceFileId")
);
CREATE INDEX "SupportAttachment_problemId_idx" ON "SupportAttachment"("problemId");
ALTER TABLE "SupportAttachment" ADD CONSTRAINT "SupportAttachment_evidenceFileId_fkey" FOREIGN KEY ("evidenceFileId")
  REFERENCES "EvidenceFile"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "SupportAttachment" ADD CONSTRAINT "SupportAttachment_problemId_fkey" FOREIGN KEY ("problemId")
  REFERENCES "SupportProblem"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "SupportAttachment" ADD CONSTRAINT "SupportAttachment_messageId_fkey" FOREIGN KEY ("messageId")
  REFERENCES "SupportMessage"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Every step of a problem (filed, taken, passed up with what was tried, resolved, confirmed, reopened, rated),
-- shown to the filer. Append-only.
CREATE TABLE "SupportEvent" (
  "id" TEXT NOT NULL,
  "problemId" TEXT NOT NULL,
  "actorId" TEXT NOT NULL,
  "action" TEXT NOT NULL,
  "level" "SupportLevel" NOT NULL,
  "toLevel" "SupportLevel",
  "comment" TEXT,
  "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT "SupportEvent_pkey" PRIMARY KEY ("id"),
  CONSTRAINT "SupportEvent_action_check" CHECK ("action" IN ('FILE', 'TAKE', 'PASS_UP', 'RESOLVE', 'CONFIRM', 'REOPEN')),
  CONSTRAINT "SupportEvent_pass_up_check" CHECK (("action" = 'PASS_UP') = ("toLevel" IS NOT NULL AND "comment" IS NOT NULL))
);
CREATE INDEX "SupportEvent_problemId_at_idx" ON "SupportEvent"("problemId", "at");
ALTER TABLE "SupportEvent" ADD CONSTRAINT "SupportEvent_problemId_fkey" FOREIGN KEY ("problemId")
  REFERENCES "SupportProblem"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "SupportEvent" ADD CONSTRAINT "SupportEvent_actorId_fkey" FOREIGN KEY ("actorId")
  REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
CREATE TRIGGER "SupportEvent_append_only" BEFORE UPDATE OR DELETE ON "SupportEvent"
  FOR EACH ROW EXECUTE FUNCTION refuse_change();
CREATE TRIGGER "SupportEvent_no_truncate" BEFORE TRUNCATE ON "SupportEvent"
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();
