-- Notifications (lib/domain/notifications/catalogue.ts; docs/architecture.md, "Notifications").
-- A Notification row is written by notify()/notifyMany() (lib/db/notifications.repo.ts) in the transaction of
-- the event itself: it is the outbox entry and, once the delivery job has dispatched it ("dispatchedAt"), the
-- recipient's inbox entry. NotificationDelivery is the log of each channel (发送记录): the inbox, and SMS when
-- a provider is configured and the recipient has a mobile number.

CREATE TYPE "NotificationKind" AS ENUM (
  'APPLICATION_RETURNED', 'APPLICATION_VERIFIED', 'APPLICATION_DETERMINED', 'PUBLICITY_STARTED',
  'OBJECTION_ANSWERED', 'PAYMENT_RECORDED', 'APPLICANT_DEADLINE_NEAR',
  'SUBMISSION_RECEIVED', 'VERIFICATION_DEADLINE_NEAR', 'ENROLMENT_ERROR_REPORTED',
  'CLASS_EVALUATION_SUBMITTED', 'OBJECTION_FILED', 'IMPORT_FINISHED', 'IMPORT_FAILED', 'SUPERVISOR_REFUSED',
  'LIST_AWAITING_CONFIRMATION', 'WITHDRAWAL_REQUESTED', 'SUPPORT_PROBLEM_ASSIGNED'
);
CREATE TYPE "NotificationChannel" AS ENUM ('INBOX', 'SMS');
CREATE TYPE "DeliveryStatus" AS ENUM ('PENDING', 'DELIVERED', 'FAILED');

CREATE TABLE "Notification" (
  "id" BIGSERIAL NOT NULL,
  "kind" "NotificationKind" NOT NULL,
  "recipientId" TEXT NOT NULL,
  -- The school the event belongs to: its aid officer searches the school's log. NULL for supervisors' events.
  "schoolId" TEXT,
  "body" TEXT NOT NULL,
  -- The screened parameters (lib/domain/notifications/content.ts), for the SMS template.
  "params" JSONB NOT NULL DEFAULT '{}',
  "link" TEXT,
  -- Reminders carry their Beijing day: at most one of a kind per person per day (the unique index below).
  "dedupeKey" TEXT,
  "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  "dispatchedAt" TIMESTAMP(3),
  "readAt" TIMESTAMP(3),
  CONSTRAINT "Notification_pkey" PRIMARY KEY ("id"),
  CONSTRAINT "Notification_body_length" CHECK (char_length("body") BETWEEN 1 AND 300),
  -- No run of 15 digits or more: a message never carries an ID number.
  CONSTRAINT "Notification_body_no_id_number" CHECK ("body" !~ '[0-9]{15,}' AND "params"::text !~ '[0-9]{15,}'),
  CONSTRAINT "Notification_params_object" CHECK (jsonb_typeof("params") = 'object' AND length("params"::text) <= 2000),
  -- Links stay inside the app (a path), never another site.
  CONSTRAINT "Notification_link_path" CHECK ("link" IS NULL OR ("link" ~ '^/[^/\\]' AND char_length("link") <= 300)),
  CONSTRAINT "Notification_dedupe_length" CHECK ("dedupeKey" IS NULL OR char_length("dedupeKey") BETWEEN 1 AND 100),
  CONSTRAINT "Notification_reminder_day" CHECK (
    "kind" NOT IN ('APPLICANT_DEADLINE_NEAR', 'VERIFICATION_DEADLINE_NEAR')
    OR "dedupeKey" ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'),
  CONSTRAINT "Notification_read_after_dispatch" CHECK ("readAt" IS NULL OR "dispatchedAt" IS NOT NULL)
);
ALTER TABLE "Notification" ADD CONSTRAINT "Notification_recipientId_fkey" FOREIGN KEY ("recipientId")
  REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "Notification" ADD CONSTRAINT "Notification_schoolId_fkey" FOREIGN KEY ("schoolId")
  REFERENCES "School"("id") ON DELETE SET NULL ON UPDATE CASCADE;
CREATE UNIQUE INDEX "Notification_recipientId_kind_dedupeKey_key" ON "Notification"("recipientId", "kind", "dedupeKey");
CREATE INDEX "Notification_recipientId_createdAt_idx" ON "Notification"("recipientId", "createdAt");
CREATE INDEX "Notification_schoolId_createdAt_idx" ON "Notification"("schoolId", "createdAt");
-- The delivery job's work list, and the unread badge.
CREATE INDEX "Notification_undispatched_idx" ON "Notification"("id") WHERE "dispatchedAt" IS NULL;
CREATE INDEX "Notification_unread_idx" ON "Notification"("recipientId")
  WHERE "readAt" IS NULL AND "dispatchedAt" IS NOT NULL;

CREATE TABLE "NotificationDelivery" (
  "id" BIGSERIAL NOT NULL,
  "notificationId" BIGINT NOT NULL,
  "channel" "NotificationChannel" NOT NULL,
  "status" "DeliveryStatus" NOT NULL,
  "attempts" INTEGER NOT NULL DEFAULT 0,
  "nextAttemptAt" TIMESTAMP(3),
  "provider" TEXT,
  "providerAnswer" TEXT,
  "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  "deliveredAt" TIMESTAMP(3),
  CONSTRAINT "NotificationDelivery_pkey" PRIMARY KEY ("id"),
  CONSTRAINT "NotificationDelivery_attempts_range" CHECK ("attempts" BETWEEN 0 AND 10),
  CONSTRAINT "NotificationDelivery_pending_has_time" CHECK ("status" <> 'PENDING' OR "nextAttemptAt" IS NOT NULL),
  CONSTRAINT "NotificationDelivery_delivered_time" CHECK (("status" = 'DELIVERED') = ("deliveredAt" IS NOT NULL)),
  CONSTRAINT "NotificationDelivery_inbox_immediate" CHECK ("channel" <> 'INBOX' OR "status" = 'DELIVERED'),
  CONSTRAINT "NotificationDelivery_answer_length" CHECK (
    ("providerAnswer" IS NULL OR char_length("providerAnswer") <= 1000)
    AND ("provider" IS NULL OR char_length("provider") <= 40))
);
ALTER TABLE "NotificationDelivery" ADD CONSTRAINT "NotificationDelivery_notificationId_fkey"
  FOREIGN KEY ("notificationId") REFERENCES "Notification"("id") ON DELETE CASCADE ON UPDATE CASCADE;
CREATE UNIQUE INDEX "NotificationDelivery_notificationId_channel_key" ON "NotificationDelivery"("notificationId", "channel");
CREATE INDEX "NotificationDelivery_due_idx" ON "NotificationDelivery"("nextAttemptAt") WHERE "status" = 'PENDING';

-- A school's own wording of a kind (the school admin edits it within the kind's limits, checked by
-- checkTemplate in lib/domain/notifications/content.ts; the database keeps the outer bound).
CREATE TABLE "NotificationTemplate" (
  "schoolId" TEXT NOT NULL,
  "kind" "NotificationKind" NOT NULL,
  "body" TEXT NOT NULL,
  "updatedById" TEXT,
  "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT "NotificationTemplate_pkey" PRIMARY KEY ("schoolId", "kind"),
  CONSTRAINT "NotificationTemplate_body_length" CHECK (char_length("body") BETWEEN 1 AND 300),
  CONSTRAINT "NotificationTemplate_no_id_number" CHECK ("body" !~ '[0-9]{15,}'),
  CONSTRAINT "NotificationTemplate_school_kind" CHECK (
    "kind" NOT IN ('LIST_AWAITING_CONFIRMATION', 'WITHDRAWAL_REQUESTED', 'SUPPORT_PROBLEM_ASSIGNED'))
);
ALTER TABLE "NotificationTemplate" ADD CONSTRAINT "NotificationTemplate_schoolId_fkey" FOREIGN KEY ("schoolId")
  REFERENCES "School"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "NotificationTemplate" ADD CONSTRAINT "NotificationTemplate_updatedById_fkey" FOREIGN KEY ("updatedById")
  REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- A user's unsubscribe from an optional kind; the mandatory kinds cannot be unsubscribed.
CREATE TABLE "NotificationUnsubscribe" (
  "userId" TEXT NOT NULL,
  "kind" "NotificationKind" NOT NULL,
  "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT "NotificationUnsubscribe_pkey" PRIMARY KEY ("userId", "kind"),
  CONSTRAINT "NotificationUnsubscribe_optional_only" CHECK ("kind" IN (
    'APPLICATION_VERIFIED', 'PUBLICITY_STARTED', 'APPLICANT_DEADLINE_NEAR', 'SUBMISSION_RECEIVED',
    'VERIFICATION_DEADLINE_NEAR', 'CLASS_EVALUATION_SUBMITTED', 'IMPORT_FINISHED'))
);
ALTER TABLE "NotificationUnsubscribe" ADD CONSTRAINT "NotificationUnsubscribe_userId_fkey" FOREIGN KEY ("userId")
  REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;
