-- One rule for whether two written forms are the same person's name, the SQL twin of
-- lib/domain/person-name.ts normaliseName: NFKC (full-width letters and digits become ordinary ones),
-- whitespace removed, and the middle-dot variants of minority and foreign names (· • ・ ‧ ∙ ． . 。)
-- folded to one "·". So 阿依古丽.买买提 and 阿依古丽·买买提 are the same name everywhere.
CREATE FUNCTION aid_normalise_name(name text) RETURNS text LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT translate(regexp_replace(normalize(name, NFKC), '\s', '', 'g'), '•・‧∙．.。', '·······')
$$;

-- The committee rule of prisma/migrations/152.do.committee-no-applicant.sql, now with that comparison.
CREATE OR REPLACE FUNCTION review_step_no_applicant_member() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW."kind" IN ('GRADE_COMMITTEE', 'SCHOOL_COMMITTEE') AND jsonb_typeof(NEW."members") = 'array' AND EXISTS (
       SELECT 1
         FROM jsonb_array_elements(NEW."members") m
         JOIN "Person" p ON aid_normalise_name(p."name") = aid_normalise_name(m->>'name')
         JOIN "Application" a ON a."personId" = p."id"
         JOIN "SchoolClass" c ON c."id" = a."classId"
        WHERE a."termId" = NEW."termId" AND a."schoolId" = NEW."schoolId"
          AND a."state" NOT IN ('waived', 'withdrawn')
          AND (NEW."kind" = 'SCHOOL_COMMITTEE' OR c."gradeId" = NEW."gradeId")) THEN
    RAISE EXCEPTION 'ReviewStep: an applicant may not sit on the committee evaluating them' USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END $$;
