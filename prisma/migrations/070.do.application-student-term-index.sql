-- Benchmarks (issue 8, bench/explain.ts): the teacher's application monitor
-- and class roster count and list the class's students that are in school OR
-- have an application this term (EXISTS … WHERE "termId" = $1 AND
-- "studentId" = "Student"."id"). Without an index leading with studentId the
-- planner hashed every application of the term (a sequential scan of
-- Application) for a 50-student page.
CREATE INDEX "Application_studentId_termId_idx" ON "Application"("studentId", "termId");
