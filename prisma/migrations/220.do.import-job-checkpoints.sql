-- Imports run as background jobs (lib/jobs/import-job.ts): the uploaded file waits in the encrypted file
-- store under "fileKey" until the job has finished, so any app server's worker can read it.
ALTER TABLE "ImportJob" ADD COLUMN "fileKey" TEXT;
-- How many times a worker has started the job (1 for a run that was never interrupted).
ALTER TABLE "ImportJob" ADD COLUMN "attempts" INTEGER NOT NULL DEFAULT 0;

-- The checkpoint of an import: one row per committed batch of rows, written in the batch's own
-- transaction with the counts that batch produced. A worker that resumes an interrupted import skips the
-- batches recorded here and sums their counts, so a batch is never written or counted twice.
CREATE TABLE "ImportBatch" (
  "jobId" TEXT NOT NULL,
  "batchNo" INTEGER NOT NULL,
  "processedRows" INTEGER NOT NULL,
  "created" INTEGER NOT NULL DEFAULT 0,
  "updated" INTEGER NOT NULL DEFAULT 0,
  "unchanged" INTEGER NOT NULL DEFAULT 0,
  "rejected" INTEGER NOT NULL DEFAULT 0,
  "matched" INTEGER NOT NULL DEFAULT 0,
  "unmatched" INTEGER NOT NULL DEFAULT 0,
  "newlyMatched" INTEGER NOT NULL DEFAULT 0,
  -- Roster rows that named a student enrolled at another school (told to that school when the import ends).
  "elsewhere" JSONB,
  "committedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT "ImportBatch_pkey" PRIMARY KEY ("jobId", "batchNo"),
  CONSTRAINT "ImportBatch_counts_check" CHECK ("batchNo" >= 0 AND "processedRows" >= 0 AND "created" >= 0
    AND "updated" >= 0 AND "unchanged" >= 0 AND "rejected" >= 0 AND "matched" >= 0 AND "unmatched" >= 0
    AND "newlyMatched" >= 0)
);
ALTER TABLE "ImportBatch" ADD CONSTRAINT "ImportBatch_jobId_fkey" FOREIGN KEY ("jobId") REFERENCES "ImportJob"("id") ON DELETE CASCADE ON UPDATE CASCADE;
