-- Sort keys of the two school-wide admin lists (issue 8 item 5), kept right by the database itself.
--
-- The admin student roster is ordered by grade name, class name, person name;
-- the determination queue by class name, person name. Those names live in
-- Grade, SchoolClass and Person, so the page's ORDER BY joined every student /
-- queued application of the school and sorted them all to return one page.
-- Copies of the names on Student and Application, filled by triggers, let an
-- index (schoolId[, termId], names…, id) return page 1 in order without
-- reading the rest of the school:
--   * a row's copies are filled from its grade / class / person whenever it is
--     inserted or its gradeId, classId or personId is set (BEFORE trigger);
--   * renaming a person, a class or a grade (or moving a class to another
--     grade) rewrites the copies of the rows that point at it (AFTER trigger).
-- The application's class is Application.classId (the class it was filed in,
-- as the queue has always shown), its grade that class's grade.
-- The columns are derived data: nothing in the application writes them.

ALTER TABLE "Student"
  ADD COLUMN "sortGradeName" TEXT NOT NULL DEFAULT '',
  ADD COLUMN "sortClassName" TEXT NOT NULL DEFAULT '',
  ADD COLUMN "sortName" TEXT NOT NULL DEFAULT '';

ALTER TABLE "Application"
  ADD COLUMN "sortClassName" TEXT NOT NULL DEFAULT '',
  ADD COLUMN "sortName" TEXT NOT NULL DEFAULT '';

-- Existing rows.
UPDATE "Student" s SET "sortGradeName" = g."name", "sortClassName" = c."name", "sortName" = p."name"
  FROM "Grade" g, "SchoolClass" c, "Person" p
 WHERE g."id" = s."gradeId" AND c."id" = s."classId" AND p."id" = s."personId";

UPDATE "Application" a SET "sortClassName" = c."name", "sortName" = p."name"
  FROM "SchoolClass" c, "Person" p
 WHERE c."id" = a."classId" AND p."id" = a."personId";

-- A row's own copies. A referenced row not found (e.g. pg_restore loading the
-- tables' data before the parents') keeps the values the row came with.
CREATE FUNCTION student_sort_keys() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE v TEXT;
BEGIN
  SELECT "name" INTO v FROM "Grade" WHERE "id" = NEW."gradeId";
  IF FOUND THEN NEW."sortGradeName" := v; END IF;
  SELECT "name" INTO v FROM "SchoolClass" WHERE "id" = NEW."classId";
  IF FOUND THEN NEW."sortClassName" := v; END IF;
  SELECT "name" INTO v FROM "Person" WHERE "id" = NEW."personId";
  IF FOUND THEN NEW."sortName" := v; END IF;
  RETURN NEW;
END $$;

CREATE TRIGGER "Student_sort_keys" BEFORE INSERT OR UPDATE OF "gradeId", "classId", "personId" ON "Student"
  FOR EACH ROW EXECUTE FUNCTION student_sort_keys();

CREATE FUNCTION application_sort_keys() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE v TEXT;
BEGIN
  SELECT "name" INTO v FROM "SchoolClass" WHERE "id" = NEW."classId";
  IF FOUND THEN NEW."sortClassName" := v; END IF;
  SELECT "name" INTO v FROM "Person" WHERE "id" = NEW."personId";
  IF FOUND THEN NEW."sortName" := v; END IF;
  RETURN NEW;
END $$;

CREATE TRIGGER "Application_sort_keys" BEFORE INSERT OR UPDATE OF "classId", "personId" ON "Application"
  FOR EACH ROW EXECUTE FUNCTION application_sort_keys();

-- Renames follow to the rows that point at the renamed record.
CREATE FUNCTION person_name_sort_keys() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "Student" SET "sortName" = NEW."name" WHERE "personId" = NEW."id" AND "sortName" IS DISTINCT FROM NEW."name";
  UPDATE "Application" SET "sortName" = NEW."name" WHERE "personId" = NEW."id" AND "sortName" IS DISTINCT FROM NEW."name";
  RETURN NULL;
END $$;

CREATE TRIGGER "Person_name_sort_keys" AFTER UPDATE OF "name" ON "Person"
  FOR EACH ROW WHEN (OLD."name" IS DISTINCT FROM NEW."name") EXECUTE FUNCTION person_name_sort_keys();

CREATE FUNCTION class_name_sort_keys() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "Student" SET "sortClassName" = NEW."name" WHERE "classId" = NEW."id" AND "sortClassName" IS DISTINCT FROM NEW."name";
  UPDATE "Application" SET "sortClassName" = NEW."name" WHERE "classId" = NEW."id" AND "sortClassName" IS DISTINCT FROM NEW."name";
  RETURN NULL;
END $$;

CREATE TRIGGER "SchoolClass_name_sort_keys" AFTER UPDATE OF "name" ON "SchoolClass"
  FOR EACH ROW WHEN (OLD."name" IS DISTINCT FROM NEW."name") EXECUTE FUNCTION class_name_sort_keys();

CREATE FUNCTION grade_name_sort_keys() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "Student" SET "sortGradeName" = NEW."name" WHERE "gradeId" = NEW."id" AND "sortGradeName" IS DISTINCT FROM NEW."name";
  RETURN NULL;
END $$;

CREATE TRIGGER "Grade_name_sort_keys" AFTER UPDATE OF "name" ON "Grade"
  FOR EACH ROW WHEN (OLD."name" IS DISTINCT FROM NEW."name") EXECUTE FUNCTION grade_name_sort_keys();

-- Page 1 of each list straight from an index, in the page's order.
CREATE INDEX "Student_schoolId_sortGradeName_sortClassName_sortName_id_idx"
  ON "Student"("schoolId", "sortGradeName", "sortClassName", "sortName", "id");
CREATE INDEX "Application_schoolId_termId_sortClassName_sortName_id_idx"
  ON "Application"("schoolId", "termId", "sortClassName", "sortName", "id");
-- The grade rename above finds a grade's students by it.
CREATE INDEX "Student_gradeId_idx" ON "Student"("gradeId");
