-- School aid office: import jobs with progress and rejected rows (helper C).
CREATE TYPE "ImportKind" AS ENUM ('ROSTER', 'SPECIAL_GROUP');
CREATE TYPE "ImportMode" AS ENUM ('ALL_OR_NOTHING', 'GOOD_ROWS');
CREATE TYPE "ImportJobState" AS ENUM ('RUNNING', 'DONE', 'FAILED');

CREATE TABLE "ImportJob" (
  "id" TEXT NOT NULL,
  "schoolId" TEXT NOT NULL,
  "kind" "ImportKind" NOT NULL,
  "mode" "ImportMode" NOT NULL,
  "fileName" TEXT NOT NULL,
  "state" "ImportJobState" NOT NULL DEFAULT 'RUNNING',
  "progress" INTEGER NOT NULL DEFAULT 0,
  "processedRows" INTEGER NOT NULL DEFAULT 0,
  "created" INTEGER NOT NULL DEFAULT 0,
  "updated" INTEGER NOT NULL DEFAULT 0,
  "unchanged" INTEGER NOT NULL DEFAULT 0,
  "rejected" INTEGER NOT NULL DEFAULT 0,
  "matched" INTEGER NOT NULL DEFAULT 0,
  "unmatched" INTEGER NOT NULL DEFAULT 0,
  "newlyMatched" INTEGER NOT NULL DEFAULT 0,
  "committed" BOOLEAN NOT NULL DEFAULT false,
  "message" TEXT,
  "params" JSONB,
  "createdById" TEXT NOT NULL,
  "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  "updatedAt" TIMESTAMP(3) NOT NULL,
  "finishedAt" TIMESTAMP(3),
  CONSTRAINT "ImportJob_pkey" PRIMARY KEY ("id"),
  CONSTRAINT "ImportJob_progress_check" CHECK ("progress" BETWEEN 0 AND 100)
);
CREATE INDEX "ImportJob_schoolId_createdAt_idx" ON "ImportJob"("schoolId", "createdAt");
ALTER TABLE "ImportJob" ADD CONSTRAINT "ImportJob_schoolId_fkey" FOREIGN KEY ("schoolId") REFERENCES "School"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

CREATE TABLE "ImportRejection" (
  "jobId" TEXT NOT NULL,
  "rowNumber" INTEGER NOT NULL,
  "reason" TEXT NOT NULL,
  "valuesCipher" TEXT NOT NULL,
  CONSTRAINT "ImportRejection_pkey" PRIMARY KEY ("jobId", "rowNumber")
);
ALTER TABLE "ImportRejection" ADD CONSTRAINT "ImportRejection_jobId_fkey" FOREIGN KEY ("jobId") REFERENCES "ImportJob"("id") ON DELETE CASCADE ON UPDATE CASCADE;
