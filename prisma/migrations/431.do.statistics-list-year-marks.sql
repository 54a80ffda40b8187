-- The statistics rollups (migration 430) count a school's special-group list of the term's list year in every
-- term of that year, past ones too, while migration 400 marks only the current term when a list changes. A list
-- entry now marks its school in the current term AND in every term of its list year.

-- The calendar year of a term's special-group list: autumn → the first year of the academic year, spring → the
-- second ("2025-2026" spring → 2026). lib/db/rollups/statistics.ts uses the same function.
CREATE FUNCTION aid_term_list_year(academic_year TEXT, semester "Semester") RETURNS INTEGER
  LANGUAGE sql IMMUTABLE STRICT AS $$
  SELECT CASE WHEN semester = 'AUTUMN' THEN split_part(academic_year, '-', 1)::int
              ELSE split_part(academic_year, '-', 2)::int END
$$;

CREATE FUNCTION rollup_mark_special_group_entry() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "RollupDirty" ("schoolId", "termId", "markedAt")
  SELECT DISTINCT c."schoolId", t."id", now() FROM changed c
    JOIN "AidTerm" t ON t."isCurrent" OR aid_term_list_year(t."academicYear", t."semester") = c."listYear"
  ON CONFLICT DO NOTHING;
  RETURN NULL;
END $$;

DROP TRIGGER "SpecialGroupEntry_rollup_insert" ON "SpecialGroupEntry";
DROP TRIGGER "SpecialGroupEntry_rollup_update_old" ON "SpecialGroupEntry";
DROP TRIGGER "SpecialGroupEntry_rollup_update_new" ON "SpecialGroupEntry";
DROP TRIGGER "SpecialGroupEntry_rollup_delete" ON "SpecialGroupEntry";
SELECT rollup_watch('SpecialGroupEntry', 'rollup_mark_special_group_entry');

-- Existing data: the statistics tables start empty, so every (school, term) they may hold is marked.
INSERT INTO "RollupDirty" ("schoolId", "termId")
SELECT e."schoolId", t."id" FROM "SpecialGroupEntry" e
  JOIN "AidTerm" t ON aid_term_list_year(t."academicYear", t."semester") = e."listYear"
UNION SELECT "schoolId", "termId" FROM "Roster"
UNION SELECT "schoolId", "termId" FROM "NoAidRecord"
ON CONFLICT DO NOTHING;
