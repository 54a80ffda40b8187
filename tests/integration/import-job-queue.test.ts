/**
 * Imports as background jobs through the real queue (pg-boss on the test database, lib/jobs): the upload
 * route's service queues the job, a worker (here in this process, running the job in its bounded child
 * process as `npm start` does) runs it, and the progress the page polls comes from the database. A job
 * that fails for good — its file vanished from the store, or every retry failed — ends FAILED with a
 * Chinese reason instead of spinning forever.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SessionUser } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import { findImportJob } from "@/lib/db/import-jobs.repo";
import { registerAllJobHandlers } from "@/lib/services/job-handlers";
import { FILE_GONE_MESSAGE, GAVE_UP_MESSAGE, runImportJob } from "@/lib/services/import-job-runner";
import { IMPORT_RUNNERS } from "@/lib/services/import-runners";
import { importJobData, NOT_QUEUED_MESSAGE, queueImport } from "@/lib/services/import-queue";
import { jobQueue, startWorkers, stopJobs } from "@/lib/jobs/queue";
import { QUEUES } from "@/lib/jobs/queues";
import { QUEUE_DOWN_MESSAGE } from "@/lib/services/import-start";
import { beginRosterImport } from "@/lib/services/student-roster-import";
import { beginSpecialGroupImport } from "@/lib/services/special-groups";
import { evidenceStorage } from "@/lib/storage";
import { makeRegionTree, makeSchool, makeStaff } from "../support/fixtures";
import { sessionOf, waitFor } from "../support/import-jobs";
import { uniqueId, validRow, writeRosterFile, writeXlsx } from "../support/student-roster-file";

let school: Awaited<ReturnType<typeof makeSchool>>;
let admin: SessionUser;

beforeAll(async () => {
  const { county } = await makeRegionTree();
  school = await makeSchool(county.id, "SENIOR");
  admin = sessionOf((await makeStaff("SCHOOL_ADMIN", { schoolId: school.school.id })).user);
});
afterAll(async () => {
  await stopJobs(2);
});

const jobState = (id: string) =>
  db().importJob.findUniqueOrThrow({
    where: { id },
    select: { state: true, message: true, created: true, rejected: true, fileKey: true, attempts: true },
  });

/** Ended, and its upload removed from the file store. */
const finished = (j: { state: string; fileKey: string | null }) =>
  j.state !== "RUNNING" && j.fileKey === null;

describe("a job whose upload vanished from the file store", () => {
  it("ends FAILED with a Chinese reason the progress page shows", async () => {
    const f = await writeRosterFile("gone.xlsx", [validRow(1, school.grade.name, "1班")]);
    const jobId = await queueImport({
      user: admin,
      schoolId: school.school.id,
      kind: "ROSTER",
      mode: "GOOD_ROWS",
      fileName: "gone.xlsx",
      filePath: f,
      enqueue: false,
    });
    const { fileKey } = await jobState(jobId);
    expect(fileKey).toBeTruthy();
    await evidenceStorage().delete(fileKey!);
    await runImportJob(importJobData(admin, jobId), IMPORT_RUNNERS);
    // What the progress page polls (lib/services/student-roster-export.ts importJobStatus reads this).
    const view = await findImportJob(
      { role: "SCHOOL_ADMIN", userId: admin.id, schoolId: school.school.id },
      jobId,
    );
    expect(view).toMatchObject({ state: "FAILED", message: FILE_GONE_MESSAGE, created: 0 });
    expect((await jobState(jobId)).fileKey).toBeNull();
    expect(await db().student.count({ where: { schoolId: school.school.id } })).toBe(0);
  });
});

describe("an upload when the queue cannot be reached", () => {
  it("is refused with a Chinese message and leaves no job running", async () => {
    const f = await writeRosterFile("no-queue.xlsx", [validRow(7000, school.grade.name, "1班")]);
    const url = process.env.DATABASE_URL;
    process.env.DATABASE_URL = "postgresql://nobody:wrong@127.0.0.1:9/none"; // the queue's own connection
    let r: Awaited<ReturnType<typeof beginRosterImport>>;
    try {
      r = await beginRosterImport(admin, { filePath: f, fileName: "no-queue.xlsx", mode: "GOOD_ROWS" });
    } finally {
      process.env.DATABASE_URL = url;
      await stopJobs(1);
    }
    expect(r).toEqual({ ok: false, code: "UNAVAILABLE", message: QUEUE_DOWN_MESSAGE });
    const jobs = await db().importJob.findMany({ where: { fileName: "no-queue.xlsx" } });
    expect(jobs.map((j) => [j.state, j.message, j.fileKey])).toEqual([
      ["FAILED", NOT_QUEUED_MESSAGE, jobs[0]!.fileKey],
    ]);
    expect(await evidenceStorage().get(jobs[0]!.fileKey!)).toBeNull();
    expect(await db().student.count({ where: { schoolId: school.school.id } })).toBe(0);
  });
});

describe("imports through the queue", () => {
  beforeAll(async () => {
    registerAllJobHandlers();
    await startWorkers({ pollingIntervalSeconds: 0.5 });
  });

  it("a queued roster import is run by a worker; its progress and result are in the database", async () => {
    const f = await writeRosterFile(
      "queued.xlsx",
      Array.from({ length: 300 }, (_, i) => validRow(i, school.grade.name, "1班")),
    );
    const r = await beginRosterImport(admin, { filePath: f, fileName: "queued.xlsx", mode: "GOOD_ROWS" });
    if (!r.ok) throw new Error(r.message);
    expect(await waitFor(async () => finished(await jobState(r.data.jobId)), 120_000)).toBe(true);
    expect(await jobState(r.data.jobId)).toMatchObject({
      state: "DONE",
      created: 300,
      rejected: 0,
      fileKey: null,
      attempts: 1,
    });
    expect(await db().student.count({ where: { schoolId: school.school.id } })).toBe(300);
  }, 180_000);

  it("a queued special-group list import is run by the same runner", async () => {
    const f = await writeXlsx(
      "list.xlsx",
      ["姓名", "身份证件号", "类别", "年度"],
      Array.from({ length: 20 }, (_, i) => [`学生${i}`, uniqueId(i), "城乡低保家庭", "2026"]),
    );
    const r = await beginSpecialGroupImport(admin, {
      filePath: f,
      fileName: "list.xlsx",
      category: null,
      listYear: 2026,
    });
    if (!r.ok) throw new Error(r.message);
    expect(await waitFor(async () => finished(await jobState(r.data.jobId)), 120_000)).toBe(true);
    const job = await db().importJob.findUniqueOrThrow({ where: { id: r.data.jobId } });
    expect(job).toMatchObject({ state: "DONE", created: 20, matched: 20, rejected: 0 });
  }, 180_000);

  it("a job whose every attempt fails ends FAILED with a Chinese reason once its retries are used up", async () => {
    const f = await writeRosterFile("doomed.xlsx", [validRow(5000, school.grade.name, "1班")]);
    const jobId = await queueImport({
      user: admin,
      schoolId: school.school.id,
      kind: "ROSTER",
      mode: "GOOD_ROWS",
      fileName: "doomed.xlsx",
      filePath: f,
      enqueue: false,
    });
    // Every attempt's process fails: the import child cannot reach the database.
    const url = process.env.DATABASE_URL;
    process.env.DATABASE_URL = "postgresql://nobody:wrong@127.0.0.1:9/none";
    try {
      const boss = await jobQueue();
      await boss.send(QUEUES.import, importJobData(admin, jobId), { retryLimit: 1, retryDelay: 1 });
      expect(await waitFor(async () => finished(await jobState(jobId)), 120_000, 250)).toBe(true);
    } finally {
      process.env.DATABASE_URL = url;
    }
    expect(await jobState(jobId)).toMatchObject({ state: "FAILED", message: GAVE_UP_MESSAGE, fileKey: null });
  }, 180_000);
});
