-- Indexes of the supervisor's region queries (lib/db/region-queries.repo.ts); a province holds 2,000,000
-- students and 600,000 applications a term, so every list is read in index order and paged.

-- 困难学生认定结果查看: the term's determined applications of the subtree's schools, in the list's order
-- (school, class, name, id). Partial: only determined applications are listed.
CREATE INDEX "Application_determined_list_idx" ON "Application"("termId", "schoolId", "sortClassName", "sortName", "id")
  WHERE "state" = 'determined';

-- The special-group filter of every query (EXISTS by person and category/source) answered from the index alone.
CREATE INDEX "SpecialGroupEntry_personId_category_source_idx" ON "SpecialGroupEntry"("personId", "category", "source");

-- 本地户籍外地就读: people by household-registration region, with the id to join their enrolment (index only).
CREATE INDEX "Person_hukouRegionId_id_idx" ON "Person"("hukouRegionId", "id");

-- A person's current enrolment (在读/休学: at most one, migration 213) with its school and stage, so the
-- hukou queries' join and their breakdown by stage need no visit of the Student rows.
CREATE INDEX "Student_enrolled_school_stage_idx" ON "Student"("personId", "schoolId", "stage")
  WHERE "status" IN ('IN_SCHOOL', 'SUSPENDED');
