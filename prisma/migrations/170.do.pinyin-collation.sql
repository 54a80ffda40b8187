-- Chinese names sort by pinyin, and class names with their numbers in numeric order
-- (阿 < 陈 < 李 < 王 < 张; 2班 < 10班), instead of by Unicode code point.
--
-- "zh_pinyin" is the ICU collation of zh (pinyin order) with numeric digits (kn). Without ICU
-- (a PostgreSQL built without it) it falls back to the database's default collation, which
-- keeps the old order rather than failing the migration.
DO $$
BEGIN
  CREATE COLLATION "zh_pinyin" (provider = icu, locale = 'zh-u-kn-true');
EXCEPTION WHEN OTHERS THEN
  CREATE COLLATION "zh_pinyin" FROM "default";
END $$;

-- The names every list orders by: people, classes, and the sort-key copies of migration 070
-- (their indexes are rebuilt with the column's collation, so page 1 still comes straight from
-- the index: the ORDER BY uses the column's own collation).
-- The rename triggers of migration 070 name the column in their WHEN clause: dropped and
-- recreated unchanged around the type change.
DROP TRIGGER "Person_name_sort_keys" ON "Person";
DROP TRIGGER "SchoolClass_name_sort_keys" ON "SchoolClass";
ALTER TABLE "Person" ALTER COLUMN "name" TYPE TEXT COLLATE "zh_pinyin";
ALTER TABLE "SchoolClass" ALTER COLUMN "name" TYPE TEXT COLLATE "zh_pinyin";
CREATE TRIGGER "Person_name_sort_keys" AFTER UPDATE OF "name" ON "Person"
  FOR EACH ROW WHEN (OLD."name" IS DISTINCT FROM NEW."name") EXECUTE FUNCTION person_name_sort_keys();
CREATE TRIGGER "SchoolClass_name_sort_keys" AFTER UPDATE OF "name" ON "SchoolClass"
  FOR EACH ROW WHEN (OLD."name" IS DISTINCT FROM NEW."name") EXECUTE FUNCTION class_name_sort_keys();
ALTER TABLE "Student" ALTER COLUMN "sortClassName" TYPE TEXT COLLATE "zh_pinyin",
  ALTER COLUMN "sortName" TYPE TEXT COLLATE "zh_pinyin";
ALTER TABLE "Application" ALTER COLUMN "sortClassName" TYPE TEXT COLLATE "zh_pinyin",
  ALTER COLUMN "sortName" TYPE TEXT COLLATE "zh_pinyin";
