-- National exports (家庭经济信息, 资助名册) as background jobs (lib/services/export-job.ts): the export page
-- asks for an export, a job worker on any app server validates every row and writes the .xlsx into the
-- encrypted file store; this row holds the state, the progress (rows done of the total), the validation
-- summary (problem count and the first problems; the stored report file holds all of them) and the key of
-- the stored file, so the page shows them whichever server the browser talks to. A table of its own
-- rather than BackgroundTask: it needs typed columns for the progress, the file key (housekeeping deletes
-- files past EXPORT_FILE_RETENTION_DAYS) and the roster exported, and two rosters may export at once.
CREATE TABLE "ExportTask" (
  "id" TEXT NOT NULL,
  "kind" TEXT NOT NULL,
  "schoolId" TEXT NOT NULL,
  "termId" TEXT NOT NULL,
  "rosterId" TEXT,
  "state" "ImportJobState" NOT NULL DEFAULT 'RUNNING',
  "fileName" TEXT NOT NULL,
  "rowsDone" INTEGER NOT NULL DEFAULT 0,
  "rowsTotal" INTEGER,
  "attempts" INTEGER NOT NULL DEFAULT 0,
  "valid" BOOLEAN,
  "problemCount" INTEGER NOT NULL DEFAULT 0,
  "problems" JSONB,
  "summary" TEXT,
  "message" TEXT,
  "fileKey" TEXT,
  "fileBytes" INTEGER,
  "fileRemovedAt" TIMESTAMP(3),
  "createdById" TEXT NOT NULL,
  "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  "updatedAt" TIMESTAMP(3) NOT NULL,
  "finishedAt" TIMESTAMP(3),
  CONSTRAINT "ExportTask_pkey" PRIMARY KEY ("id"),
  CONSTRAINT "ExportTask_kind_check" CHECK ("kind" IN ('DETERMINATION', 'ROSTER')),
  CONSTRAINT "ExportTask_roster_check" CHECK (("kind" = 'ROSTER') = ("rosterId" IS NOT NULL)),
  CONSTRAINT "ExportTask_finished_check" CHECK (("state" = 'RUNNING') = ("finishedAt" IS NULL)),
  CONSTRAINT "ExportTask_rows_check" CHECK ("rowsDone" >= 0 AND ("rowsTotal" IS NULL OR "rowsDone" <= "rowsTotal")),
  CONSTRAINT "ExportTask_file_check" CHECK ("fileKey" IS NULL OR ("state" = 'DONE' AND "valid" IS NOT NULL)),
  CONSTRAINT "ExportTask_done_check" CHECK ("state" <> 'DONE' OR ("valid" IS NOT NULL AND "summary" IS NOT NULL))
);
CREATE UNIQUE INDEX "ExportTask_fileKey_key" ON "ExportTask"("fileKey");
CREATE INDEX "ExportTask_schoolId_kind_createdAt_idx" ON "ExportTask"("schoolId", "kind", "createdAt");
CREATE INDEX "ExportTask_finishedAt_idx" ON "ExportTask"("finishedAt");
-- At most one running export of the same thing per school: a second click (on any server) joins it.
CREATE UNIQUE INDEX "ExportTask_one_running_idx" ON "ExportTask"("schoolId", "kind", (COALESCE("rosterId", ''))) WHERE "state" = 'RUNNING';
ALTER TABLE "ExportTask" ADD CONSTRAINT "ExportTask_schoolId_fkey" FOREIGN KEY ("schoolId") REFERENCES "School"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "ExportTask" ADD CONSTRAINT "ExportTask_termId_fkey" FOREIGN KEY ("termId") REFERENCES "AidTerm"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "ExportTask" ADD CONSTRAINT "ExportTask_rosterId_fkey" FOREIGN KEY ("rosterId") REFERENCES "Roster"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
