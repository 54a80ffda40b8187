-- Before the school's publicity (seed 003 六.2(5)): the result is fed back to each applicant, a satisfaction
-- survey of applicants who applied and were not determined, and follow-up visits (回访) of special-group students
-- who waived; at least 30% of each group is drawn at random with a recorded seed (lib/domain/follow-up-sample.ts),
-- every sampled student is contacted, and a dissatisfied answer opens a re-investigation the school answers.
CREATE TYPE "FollowUpGroup" AS ENUM ('SURVEY', 'WAIVER');
CREATE TYPE "ContactWay" AS ENUM ('PHONE', 'FACE_TO_FACE', 'HOME_VISIT', 'ONLINE', 'OTHER');
CREATE TYPE "FeedbackSource" AS ENUM ('APPLICANT_VIEWED', 'STAFF_CONTACT');

-- That the result was fed back to the applicant: the first time they open their result page with a final
-- level, or a contact of the follow-up sample. One row per application, never changed.
CREATE TABLE "ResultFeedback" (
  "applicationId" TEXT NOT NULL,
  "source" "FeedbackSource" NOT NULL,
  "recordedById" TEXT,
  "givenAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT "ResultFeedback_pkey" PRIMARY KEY ("applicationId")
);
ALTER TABLE "ResultFeedback" ADD CONSTRAINT "ResultFeedback_applicationId_fkey" FOREIGN KEY ("applicationId")
  REFERENCES "Application"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
CREATE TRIGGER "ResultFeedback_append_only" BEFORE UPDATE OR DELETE ON "ResultFeedback"
  FOR EACH ROW EXECUTE FUNCTION refuse_change();
CREATE TRIGGER "ResultFeedback_no_truncate" BEFORE TRUNCATE ON "ResultFeedback"
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();

-- One sample per school and term: the seed, the sizes of both groups when drawn, who drew it.
CREATE TABLE "FollowUpSample" (
  "id" TEXT NOT NULL,
  "schoolId" TEXT NOT NULL,
  "termId" TEXT NOT NULL,
  "seed" TEXT NOT NULL,
  "surveyPopulation" INTEGER NOT NULL,
  "waiverPopulation" INTEGER NOT NULL,
  "drawnById" TEXT NOT NULL,
  "drawnAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT "FollowUpSample_pkey" PRIMARY KEY ("id"),
  CONSTRAINT "FollowUpSample_population_check" CHECK ("surveyPopulation" >= 0 AND "waiverPopulation" >= 0),
  CONSTRAINT "FollowUpSample_seed_check" CHECK (length("seed") BETWEEN 8 AND 64)
);
CREATE UNIQUE INDEX "FollowUpSample_schoolId_termId_key" ON "FollowUpSample"("schoolId", "termId");
ALTER TABLE "FollowUpSample" ADD CONSTRAINT "FollowUpSample_schoolId_fkey" FOREIGN KEY ("schoolId")
  REFERENCES "School"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "FollowUpSample" ADD CONSTRAINT "FollowUpSample_termId_fkey" FOREIGN KEY ("termId")
  REFERENCES "AidTerm"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

CREATE TABLE "FollowUpSampleMember" (
  "id" TEXT NOT NULL,
  "sampleId" TEXT NOT NULL,
  "group" "FollowUpGroup" NOT NULL,
  "studentId" TEXT NOT NULL,
  "position" INTEGER NOT NULL,
  CONSTRAINT "FollowUpSampleMember_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "FollowUpSampleMember_sampleId_group_studentId_key"
  ON "FollowUpSampleMember"("sampleId", "group", "studentId");
CREATE INDEX "FollowUpSampleMember_studentId_idx" ON "FollowUpSampleMember"("studentId");
ALTER TABLE "FollowUpSampleMember" ADD CONSTRAINT "FollowUpSampleMember_sampleId_fkey" FOREIGN KEY ("sampleId")
  REFERENCES "FollowUpSample"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "FollowUpSampleMember" ADD CONSTRAINT "FollowUpSampleMember_studentId_fkey" FOREIGN KEY ("studentId")
  REFERENCES "Student"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- A contact with a sampled student's family: date, way, satisfied or not, notes; a dissatisfied answer carries
-- the reason it is re-investigated for. Append-only.
CREATE TABLE "FollowUpContact" (
  "id" TEXT NOT NULL,
  "memberId" TEXT NOT NULL,
  "contactedOn" DATE NOT NULL,
  "way" "ContactWay" NOT NULL,
  "satisfied" BOOLEAN NOT NULL,
  "notes" TEXT NOT NULL DEFAULT '',
  "reinvestigationReason" TEXT,
  "recordedById" TEXT NOT NULL,
  "recordedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT "FollowUpContact_pkey" PRIMARY KEY ("id"),
  CONSTRAINT "FollowUpContact_notes_check" CHECK (length("notes") <= 500),
  CONSTRAINT "FollowUpContact_reason_check" CHECK (
    ("satisfied" AND "reinvestigationReason" IS NULL)
    OR (NOT "satisfied" AND length(btrim(coalesce("reinvestigationReason", ''))) BETWEEN 1 AND 500))
);
CREATE INDEX "FollowUpContact_memberId_idx" ON "FollowUpContact"("memberId");
-- RESTRICT: a sample whose members were contacted cannot be deleted (re-drawn), whatever the app does.
ALTER TABLE "FollowUpContact" ADD CONSTRAINT "FollowUpContact_memberId_fkey" FOREIGN KEY ("memberId")
  REFERENCES "FollowUpSampleMember"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
CREATE TRIGGER "FollowUpContact_append_only" BEFORE UPDATE OR DELETE ON "FollowUpContact"
  FOR EACH ROW EXECUTE FUNCTION refuse_change();
CREATE TRIGGER "FollowUpContact_no_truncate" BEFORE TRUNCATE ON "FollowUpContact"
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();

-- The school's answer to a re-investigation (a dissatisfied contact): what was found and explained. One per
-- contact, append-only.
CREATE TABLE "ReinvestigationAnswer" (
  "contactId" TEXT NOT NULL,
  "answer" TEXT NOT NULL,
  "answeredById" TEXT NOT NULL,
  "answeredAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT "ReinvestigationAnswer_pkey" PRIMARY KEY ("contactId"),
  CONSTRAINT "ReinvestigationAnswer_answer_check" CHECK (length(btrim("answer")) BETWEEN 1 AND 1000)
);
ALTER TABLE "ReinvestigationAnswer" ADD CONSTRAINT "ReinvestigationAnswer_contactId_fkey" FOREIGN KEY ("contactId")
  REFERENCES "FollowUpContact"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
CREATE TRIGGER "ReinvestigationAnswer_append_only" BEFORE UPDATE OR DELETE ON "ReinvestigationAnswer"
  FOR EACH ROW EXECUTE FUNCTION refuse_change();
CREATE TRIGGER "ReinvestigationAnswer_no_truncate" BEFORE TRUNCATE ON "ReinvestigationAnswer"
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();

-- A drawn sample is never edited, and never deleted (re-drawn) once a member has a contact: the message names
-- the rule (the FK above would refuse too, with a less telling one).
CREATE FUNCTION follow_up_sample_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' THEN
    RAISE EXCEPTION 'a follow-up sample is never changed; draw a new one' USING ERRCODE = 'check_violation';
  END IF;
  IF EXISTS (SELECT 1 FROM "FollowUpSampleMember" m JOIN "FollowUpContact" c ON c."memberId" = m."id"
             WHERE m."sampleId" = OLD."id") THEN
    RAISE EXCEPTION 'follow-up sample % has recorded contacts and cannot be drawn again', OLD."id"
      USING ERRCODE = 'check_violation';
  END IF;
  RETURN OLD;
END $$;
CREATE TRIGGER "FollowUpSample_frozen" BEFORE UPDATE OR DELETE ON "FollowUpSample"
  FOR EACH ROW EXECUTE FUNCTION follow_up_sample_frozen();
CREATE TRIGGER "FollowUpSampleMember_frozen" BEFORE UPDATE ON "FollowUpSampleMember"
  FOR EACH ROW EXECUTE FUNCTION refuse_change();
