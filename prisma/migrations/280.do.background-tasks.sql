-- Long work a user starts from a page that is not an import: recomputing a school's simulated levels
-- (lib/jobs/recompute-job.ts). The job runs on any app server's worker (pg-boss, lib/jobs/queue.ts);
-- this row holds its state and result, so the page shows them whichever server the browser talks to,
-- and a job that fails for good ends FAILED with a Chinese reason, never a spinner that never ends.
CREATE TABLE "BackgroundTask" (
  "id" TEXT NOT NULL,
  "kind" TEXT NOT NULL,
  "schoolId" TEXT NOT NULL,
  "state" "ImportJobState" NOT NULL DEFAULT 'RUNNING',
  "message" TEXT,
  "result" JSONB,
  "createdById" TEXT NOT NULL,
  "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  "updatedAt" TIMESTAMP(3) NOT NULL,
  "finishedAt" TIMESTAMP(3),
  CONSTRAINT "BackgroundTask_pkey" PRIMARY KEY ("id"),
  CONSTRAINT "BackgroundTask_kind_check" CHECK ("kind" IN ('RECOMPUTE')),
  CONSTRAINT "BackgroundTask_finished_check" CHECK (("state" = 'RUNNING') = ("finishedAt" IS NULL))
);
CREATE INDEX "BackgroundTask_schoolId_kind_createdAt_idx" ON "BackgroundTask"("schoolId", "kind", "createdAt");
-- At most one running recompute per school: a second click joins the running one.
CREATE UNIQUE INDEX "BackgroundTask_one_running_idx" ON "BackgroundTask"("schoolId", "kind") WHERE "state" = 'RUNNING';
ALTER TABLE "BackgroundTask" ADD CONSTRAINT "BackgroundTask_schoolId_fkey" FOREIGN KEY ("schoolId") REFERENCES "School"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
