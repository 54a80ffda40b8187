-- A home visit's date lies within its application's term: not after today and not more than
-- 31 days before the term's application window opens (Beijing calendar days; timestamps are
-- stored in UTC). The same rule as lib/domain/home-visit.ts (visitDateProblem), so a typo such
-- as 1999-01-01 can never be stored, whatever writes the row.
CREATE FUNCTION home_visit_date_in_term() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  apply_start TIMESTAMP(3);
BEGIN
  SELECT t."applyStart" INTO apply_start
    FROM "Application" a JOIN "AidTerm" t ON t."id" = a."termId"
   WHERE a."id" = NEW."applicationId";
  IF NEW."visitDate" > ((now() AT TIME ZONE 'UTC') + interval '8 hours')::date THEN
    RAISE EXCEPTION 'HomeVisit.visitDate % is in the future', NEW."visitDate" USING ERRCODE = 'check_violation';
  END IF;
  IF apply_start IS NOT NULL AND NEW."visitDate" < (apply_start + interval '8 hours')::date - 31 THEN
    RAISE EXCEPTION 'HomeVisit.visitDate % is before its term', NEW."visitDate" USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER "HomeVisit_date_in_term" BEFORE INSERT OR UPDATE OF "visitDate", "applicationId" ON "HomeVisit"
  FOR EACH ROW EXECUTE FUNCTION home_visit_date_in_term();
