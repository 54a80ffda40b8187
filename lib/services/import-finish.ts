/**
 * The end of an import job: its final counts and state, its audit entry and any other entries it owes
 * (e.g. the schools told that a student enrolled with them was in the file) in ONE transaction. A worker
 * killed at the end of an import therefore leaves either a running job, which the queue runs again to the
 * same end, or a finished one with all its entries — never a finished job without its audit entry, or
 * entries written twice by the rerun.
 */
import "server-only";
import { db, type Tx } from "@/lib/db/client";
import { finishImportJob } from "@/lib/db/import-jobs.repo";

export type ImportEnd = Parameters<typeof finishImportJob>[1];

/** Ends the job and, if this call ended it, writes its entries; false for a duplicate delivery. */
export async function endImportJob(
  jobId: string,
  end: ImportEnd,
  writeEntries: (tx: Tx) => Promise<void>,
): Promise<boolean> {
  return db().$transaction(async (tx) => {
    if (!(await finishImportJob(jobId, end, tx))) return false;
    await writeEntries(tx);
    return true;
  });
}
