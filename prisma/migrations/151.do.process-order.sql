-- The order of the multi-level determination process that must never be violated, whatever
-- writes the rows (the service checks the full order: lib/domain/process-order.ts):
--  * the town centre school reviews only a village school's determinations, and after the
--    leader's signature;
--  * the leader signs only after the school committee reviewed;
--  * the school committee does not review while a grade publicity of the term is still running
--    or yet to come (grade publicity ≥ 2 working days comes first);
--  * a school publicity of the results never overlaps a grade publicity of the same term.
-- Beijing calendar days: timestamps are stored in UTC.
CREATE FUNCTION beijing_today() RETURNS date LANGUAGE sql STABLE AS $$
  SELECT ((now() AT TIME ZONE 'UTC') + interval '8 hours')::date
$$;

CREATE FUNCTION review_step_in_order() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW."kind" = 'CENTRE_SCHOOL_REVIEW' THEN
    IF NOT (SELECT "isVillage" FROM "School" WHERE "id" = NEW."schoolId") THEN
      RAISE EXCEPTION 'ReviewStep: the town centre school reviews only village schools' USING ERRCODE = 'check_violation';
    END IF;
    IF NOT EXISTS (SELECT 1 FROM "ReviewStep" WHERE "schoolId" = NEW."schoolId" AND "termId" = NEW."termId"
                     AND "kind" = 'LEADER_SIGNOFF' AND "at" <= NEW."at") THEN
      RAISE EXCEPTION 'ReviewStep: the town centre school reviews after the leader signed' USING ERRCODE = 'check_violation';
    END IF;
  ELSIF NEW."kind" = 'LEADER_SIGNOFF' THEN
    IF NOT EXISTS (SELECT 1 FROM "ReviewStep" WHERE "schoolId" = NEW."schoolId" AND "termId" = NEW."termId"
                     AND "kind" = 'SCHOOL_COMMITTEE' AND "at" <= NEW."at") THEN
      RAISE EXCEPTION 'ReviewStep: the leader signs after the school committee' USING ERRCODE = 'check_violation';
    END IF;
  ELSIF NEW."kind" = 'SCHOOL_COMMITTEE' THEN
    IF EXISTS (SELECT 1 FROM "PublicityBatch" WHERE "schoolId" = NEW."schoolId" AND "termId" = NEW."termId"
                 AND "scope" = 'GRADE' AND "kind" = 'DETERMINATION' AND "endDate" >= beijing_today()) THEN
      RAISE EXCEPTION 'ReviewStep: the school committee reviews after the grade publicity ended' USING ERRCODE = 'check_violation';
    END IF;
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER "ReviewStep_in_order" BEFORE INSERT ON "ReviewStep"
  FOR EACH ROW EXECUTE FUNCTION review_step_in_order();

CREATE FUNCTION publicity_batches_do_not_overlap() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW."kind" = 'DETERMINATION' AND NEW."scope" = 'SCHOOL' AND EXISTS (
       SELECT 1 FROM "PublicityBatch" WHERE "schoolId" = NEW."schoolId" AND "termId" = NEW."termId"
          AND "scope" = 'GRADE' AND "kind" = 'DETERMINATION' AND "endDate" >= NEW."startDate") THEN
    RAISE EXCEPTION 'PublicityBatch: the school publicity starts after every grade publicity ended' USING ERRCODE = 'check_violation';
  END IF;
  IF NEW."kind" = 'DETERMINATION' AND NEW."scope" = 'GRADE' AND EXISTS (
       SELECT 1 FROM "PublicityBatch" WHERE "schoolId" = NEW."schoolId" AND "termId" = NEW."termId"
          AND "scope" = 'SCHOOL' AND "kind" = 'DETERMINATION' AND "startDate" <= NEW."endDate") THEN
    RAISE EXCEPTION 'PublicityBatch: a grade publicity may not overlap the school publicity' USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER "PublicityBatch_no_overlap" BEFORE INSERT OR UPDATE OF "startDate", "endDate", "scope", "kind" ON "PublicityBatch"
  FOR EACH ROW EXECUTE FUNCTION publicity_batches_do_not_overlap();
