/**
 * The two ends of an import job's life that a crash or a busy queue could get wrong:
 * - a job still waiting in the queue (no worker has started it) is neither shown as interrupted nor lets a
 *   second import of the same kind start, however long it waits; a job a worker started and then
 *   abandoned is, after STALE_JOB_MS without progress;
 * - the end of a job (final counts, its audit entry and the entries it owes other schools) is one
 *   transaction: a failure while writing the entries leaves the job running for the rerun, and a rerun
 *   of a finished job writes nothing twice.
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { Scope } from "@/lib/auth/scope";
import { db } from "@/lib/db/client";
import { findImportJob, hasRunningImport, STALE_JOB_MS } from "@/lib/db/import-jobs.repo";
import { audit } from "@/lib/services/audit";
import { endImportJob } from "@/lib/services/import-finish";
import { makeRegionTree, makeSchool, makeStaff } from "../support/fixtures";

let schoolId = "";
let adminId = "";
let scope: Scope;

beforeAll(async () => {
  const { county } = await makeRegionTree();
  const school = await makeSchool(county.id, "SENIOR");
  schoolId = school.school.id;
  adminId = (await makeStaff("SCHOOL_ADMIN", { schoolId })).user.id;
  scope = { role: "SCHOOL_ADMIN", userId: adminId, schoolId };
});

const newJob = (fileName: string) =>
  db().importJob.create({
    data: { schoolId, kind: "SPECIAL_GROUP", mode: "GOOD_ROWS", fileName, createdById: adminId },
    select: { id: true },
  });
const ageJob = (id: string) =>
  db()
    .$executeRaw`UPDATE "ImportJob" SET "updatedAt" = ${new Date(Date.now() - STALE_JOB_MS - 60_000)} WHERE "id" = ${id}`;
const END = {
  created: 3,
  updated: 0,
  unchanged: 0,
  rejected: 0,
  matched: 0,
  unmatched: 0,
  newlyMatched: 0,
  state: "DONE" as const,
  committed: true,
  message: "导入完成",
  processedRows: 3,
};
const auditsOf = (jobId: string) =>
  db().auditLog.count({ where: { targetType: "ImportJob", targetId: jobId } });

describe("a job waiting in the queue", () => {
  it("stays running (queued) past the stale limit and keeps a second import out; a started one goes stale", async () => {
    const waiting = await newJob("排队.xlsx");
    await ageJob(waiting.id);
    expect(await findImportJob(scope, waiting.id)).toMatchObject({ state: "RUNNING", queued: true });
    expect(await hasRunningImport(schoolId, "SPECIAL_GROUP")).toBe(true);

    // A worker starts it (attempt 1) and then dies: no progress for STALE_JOB_MS → shown interrupted.
    await db().importJob.update({ where: { id: waiting.id }, data: { attempts: 1 } });
    await ageJob(waiting.id);
    const stale = await findImportJob(scope, waiting.id);
    expect(stale).toMatchObject({ state: "FAILED", queued: false });
    expect(stale?.message).toMatch(/导入已中断/);
    expect(await hasRunningImport(schoolId, "SPECIAL_GROUP")).toBe(false);
    await db().importJob.update({ where: { id: waiting.id }, data: { state: "FAILED" } });
  });
});

describe("the end of a job", () => {
  const ctx = () => ({ user: { id: adminId, role: "SCHOOL_ADMIN" as const }, schoolId });

  it("is all or nothing: entries that fail to write leave the job running for its rerun", async () => {
    const job = await newJob("中途失败.xlsx");
    await expect(
      endImportJob(job.id, END, async (tx) => {
        await audit(ctx(), "special_group.import", { type: "ImportJob", id: job.id }, {}, { tx });
        throw new Error("worker killed while writing the entries");
      }),
    ).rejects.toThrow(/worker killed/);
    expect(await db().importJob.findUniqueOrThrow({ where: { id: job.id } })).toMatchObject({
      state: "RUNNING",
      finishedAt: null,
    });
    expect(await auditsOf(job.id)).toBe(0);

    // The rerun ends it with its entry, once; a duplicate delivery afterwards writes nothing.
    const write = (tx: Parameters<Parameters<typeof endImportJob>[2]>[0]) =>
      audit(ctx(), "special_group.import", { type: "ImportJob", id: job.id }, {}, { tx });
    expect(await endImportJob(job.id, END, write)).toBe(true);
    expect(await endImportJob(job.id, END, write)).toBe(false);
    expect(await auditsOf(job.id)).toBe(1);
    expect(await db().importJob.findUniqueOrThrow({ where: { id: job.id } })).toMatchObject({
      state: "DONE",
      created: 3,
      progress: 100,
    });
  });
});
