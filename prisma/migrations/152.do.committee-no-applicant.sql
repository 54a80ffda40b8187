-- An applicant may not sit on the committee evaluating them: a grade committee's members are
-- none of the grade's applicants of the term, a school committee's none of the school's
-- (names compared without spaces, as lib/domain/process-order.ts applicantMemberProblem does).
CREATE FUNCTION review_step_no_applicant_member() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW."kind" IN ('GRADE_COMMITTEE', 'SCHOOL_COMMITTEE') AND jsonb_typeof(NEW."members") = 'array' AND EXISTS (
       SELECT 1
         FROM jsonb_array_elements(NEW."members") m
         JOIN "Person" p ON regexp_replace(p."name", '\s', '', 'g') = regexp_replace(m->>'name', '\s', '', 'g')
         JOIN "Application" a ON a."personId" = p."id"
         JOIN "SchoolClass" c ON c."id" = a."classId"
        WHERE a."termId" = NEW."termId" AND a."schoolId" = NEW."schoolId"
          AND a."state" NOT IN ('waived', 'withdrawn')
          AND (NEW."kind" = 'SCHOOL_COMMITTEE' OR c."gradeId" = NEW."gradeId")) THEN
    RAISE EXCEPTION 'ReviewStep: an applicant may not sit on the committee evaluating them' USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER "ReviewStep_no_applicant_member" BEFORE INSERT ON "ReviewStep"
  FOR EACH ROW EXECUTE FUNCTION review_step_no_applicant_member();
