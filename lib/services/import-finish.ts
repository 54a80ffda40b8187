/**
 * The end of an import job: its final counts and state, its audit entry and any other entries it owes
 * (e.g. the schools told that a student enrolled with them was in the file) in ONE transaction. A worker
 * killed at the end of an import therefore leaves either a running job, which the queue runs again to the
 * same end, or a finished one with all its entries — never a finished job without its audit entry, or
 * entries written twice by the rerun.
 */
import "server-only";
import { db, type Tx } from "@/lib/db/client";
import { failImportJob, finishImportJob } from "@/lib/db/import-jobs.repo";
import { notifyImportEnded } from "./notifications/staff-events";

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
    await notifyImportEnded(tx, jobId, end.state === "DONE" && end.committed ? null : end.message);
    return true;
  });
}

/**
 * Marks a still-running job failed for good with a Chinese reason and tells the school's aid officers, in one
 * transaction; false when it had already finished (nobody is told twice).
 */
export async function failImportJobAndNotify(jobId: string, message: string): Promise<boolean> {
  return db().$transaction(async (tx) => {
    if (!(await failImportJob(jobId, message, tx))) return false;
    await notifyImportEnded(tx, jobId, message);
    return true;
  });
}
