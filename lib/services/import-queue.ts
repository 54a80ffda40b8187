/**
 * Queues an import (roster, special-group list): the uploaded file goes to the shared encrypted file
 * store (lib/storage, so any app server's worker can read it), the ImportJob row records the job, and a
 * job on the `import` queue names it. A worker then runs it (lib/services/import-job-runner.ts).
 */
import "server-only";
import { readFile, unlink } from "node:fs/promises";
import type { SessionUser } from "@/lib/auth/session";
import { createImportJob, failImportJob } from "@/lib/db/import-jobs.repo";
import type { ImportKind, ImportMode, Prisma } from "@/lib/db/generated/client";
import { evidenceStorage } from "@/lib/storage";
import { enqueueJob } from "@/lib/jobs/queue";
import { QUEUES } from "@/lib/jobs/queues";

/** What the `import` queue's job carries: the ImportJob and who started it (no file contents, no secrets). */
export type ImportJobData = {
  importJobId: string;
  user: Pick<SessionUser, "id" | "role" | "schoolId" | "regionId" | "regionPath" | "personId">;
};

export type QueueImportInput = {
  user: SessionUser;
  schoolId: string;
  kind: ImportKind;
  mode: ImportMode;
  fileName: string;
  filePath: string;
  removeFile?: boolean;
  params?: Prisma.InputJsonValue;
  /** false: create the job without queueing it (the caller runs it in-process: tests, scripts, benchmarks). */
  enqueue?: boolean;
};

export const NOT_QUEUED_MESSAGE =
  "导入没有开始：任务队列暂时不可用，本次没有导入任何数据。请稍后重新上传该文件。";

export function importJobData(user: SessionUser, importJobId: string): ImportJobData {
  const { id, role, schoolId, regionId, regionPath, personId } = user;
  return { importJobId, user: { id, role, schoolId, regionId, regionPath, personId } };
}

export async function queueImport(input: QueueImportInput): Promise<string> {
  let fileKey: string;
  try {
    const file = await readFile(input.filePath);
    fileKey = await evidenceStorage().put(new Uint8Array(file.buffer, file.byteOffset, file.byteLength));
  } finally {
    if (input.removeFile) await unlink(input.filePath).catch(() => undefined);
  }
  const jobId = await createImportJob({
    schoolId: input.schoolId,
    kind: input.kind,
    mode: input.mode,
    fileName: input.fileName,
    createdById: input.user.id,
    params: input.params,
    fileKey,
  });
  if (input.enqueue !== false)
    await enqueueJob(QUEUES.import, importJobData(input.user, jobId)).catch(async (error: unknown) => {
      // Nothing will run it: end the job now rather than leave a progress bar that never moves.
      await failImportJob(jobId, NOT_QUEUED_MESSAGE).catch(() => undefined);
      await evidenceStorage()
        .delete(fileKey)
        .catch(() => undefined);
      throw error;
    });
  return jobId;
}
