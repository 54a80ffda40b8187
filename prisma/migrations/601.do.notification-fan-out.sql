-- A notification fan-out (docs/architecture.md, "Notifications"): an event with very many recipients (a school
-- publicity: every applicant of the school's term) writes ONE row here in its own transaction — the rendered body,
-- the screened parameters, the link and the audience as data — instead of one Notification row per recipient.
-- The delivery job (lib/services/notifications/delivery-job.ts) expands it into the per-recipient Notification
-- rows in its own transaction and stamps "expandedAt" in the same one (lib/db/notification-fan-out.repo.ts).

CREATE TABLE "NotificationFanOut" (
  "id" BIGSERIAL NOT NULL,
  "kind" "NotificationKind" NOT NULL,
  "schoolId" TEXT,
  "body" TEXT NOT NULL,
  "params" JSONB NOT NULL DEFAULT '{}',
  "link" TEXT,
  -- Who gets it, as data: for PUBLICITY_STARTED {"schoolId", "termId", "gradeId"} (schoolApplicantsSource).
  "audience" JSONB NOT NULL,
  "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  "expandedAt" TIMESTAMP(3),
  "recipients" INTEGER,
  CONSTRAINT "NotificationFanOut_pkey" PRIMARY KEY ("id"),
  CONSTRAINT "NotificationFanOut_body_length" CHECK (char_length("body") BETWEEN 1 AND 300),
  CONSTRAINT "NotificationFanOut_body_no_id_number" CHECK ("body" !~ '[0-9]{15,}' AND "params"::text !~ '[0-9]{15,}'),
  CONSTRAINT "NotificationFanOut_params_object" CHECK (jsonb_typeof("params") = 'object' AND length("params"::text) <= 2000),
  CONSTRAINT "NotificationFanOut_link_path" CHECK ("link" IS NULL OR ("link" ~ '^/[^/\\]' AND char_length("link") <= 300)),
  CONSTRAINT "NotificationFanOut_audience_object" CHECK (jsonb_typeof("audience") = 'object' AND length("audience"::text) <= 1000),
  CONSTRAINT "NotificationFanOut_expanded_count" CHECK (("expandedAt" IS NULL) = ("recipients" IS NULL))
);
ALTER TABLE "NotificationFanOut" ADD CONSTRAINT "NotificationFanOut_schoolId_fkey" FOREIGN KEY ("schoolId")
  REFERENCES "School"("id") ON DELETE SET NULL ON UPDATE CASCADE;
-- The delivery job's work list.
CREATE INDEX "NotificationFanOut_pending_idx" ON "NotificationFanOut"("id") WHERE "expandedAt" IS NULL;
