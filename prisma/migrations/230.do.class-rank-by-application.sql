-- The determination queue shows each application's class-evaluation rank (lib/db/determination.repo.ts,
-- listQueue): the primary key (evaluationId, applicationId) cannot find an application's rank, so each
-- row of a page read every rank of the term. An index by application (bench/README.md §4, staff pages).
CREATE INDEX "ClassEvaluationRank_applicationId_idx" ON "ClassEvaluationRank"("applicationId");
