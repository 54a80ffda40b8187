-- A school's own application window only extends the term's: its end is not before the term's
-- end and stays before the teachers' verification deadline (the school's own, else the term's),
-- whatever writes it (lib/domain/term-window.ts extensionProblem).
CREATE FUNCTION school_window_extends_term() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  t "AidTerm"%ROWTYPE;
BEGIN
  IF NEW."applyEnd" IS NULL THEN
    RETURN NEW;
  END IF;
  SELECT * INTO t FROM "AidTerm" WHERE "id" = NEW."termId";
  IF NEW."applyEnd" < t."applyEnd" THEN
    RAISE EXCEPTION 'SchoolTermSetting: the window can only be extended' USING ERRCODE = 'check_violation';
  END IF;
  IF NEW."applyEnd" >= coalesce(NEW."verifyDeadline", t."verifyDeadline") THEN
    RAISE EXCEPTION 'SchoolTermSetting: the window must close before the verification deadline' USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER "SchoolTermSetting_extends_term" BEFORE INSERT OR UPDATE OF "applyEnd", "verifyDeadline" ON "SchoolTermSetting"
  FOR EACH ROW EXECUTE FUNCTION school_window_extends_term();
