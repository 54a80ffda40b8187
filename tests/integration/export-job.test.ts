/**
 * The national exports as jobs (lib/services/export-task.ts, export-job.ts) on the real database and the
 * encrypted file store: the task a school admin starts is run by a worker, which validates every row,
 * records its progress and stores the workbook; the download serves that file to the school's admin only
 * and is audit-logged. An attempt interrupted mid-way and run again writes the same rows once; two
 * deliveries of one job leave one file; a stored file that vanished answers a Chinese message and a new
 * export can be started; failed tasks show their reason; housekeeping removes files past the retention.
 */
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SessionUser } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import { startWorkers, stopJobs } from "@/lib/jobs/queue";
import {
  EXPORT_GAVE_UP_MESSAGE,
  exportJobData,
  giveUpExportJob,
  runExportJob,
} from "@/lib/services/export-job";
import {
  downloadExportTask,
  EXPORT_FILE_REMOVED_MESSAGE,
  EXPORT_TASK_NOT_FOUND,
  exportTasks,
  startExport,
} from "@/lib/services/export-task";
import { exportFileRetentionDays, runHousekeeping } from "@/lib/services/housekeeping";
import { registerAllJobHandlers } from "@/lib/services/job-handlers";
import { downloadExport } from "@/lib/services/national-export";
import { evidenceStorage } from "@/lib/storage";
import { ensureDefaultModel, makeApplication, makeRoster } from "../support/determination-fixtures";
import { makeCurrentTerm, makeRegionTree, makeSchool, makeStaff } from "../support/fixtures";
import { waitFor } from "../support/import-jobs";
import { readAll } from "../support/streams";
import { sessionUser } from "../support/session-user";

let school: Awaited<ReturnType<typeof makeSchool>>;
let other: Awaited<ReturnType<typeof makeSchool>>;
let admin: SessionUser;
let otherAdmin: SessionUser;
let leader: SessionUser;
let teacher: SessionUser;
const DAY = 86_400_000;

async function rowsOf(bytes: Buffer): Promise<{ sheet: string; rows: string[][] }> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as never);
  const ws = wb.worksheets[0]!;
  const rows: string[][] = [];
  ws.eachRow({ includeEmpty: true }, (row) => {
    const cells: string[] = [];
    for (let c = 1; c <= ws.columnCount; c++) cells.push(String(row.getCell(c).value ?? ""));
    rows.push(cells);
  });
  return { sheet: ws.name, rows };
}

async function downloaded(user: SessionUser, taskId: string) {
  const r = await downloadExportTask(user, taskId);
  if (!r.ok) throw new Error(r.message);
  return { ...r.data, ...(await rowsOf(await readAll(r.data.stream))) };
}

/** A task queued but not yet worked (workers start only in the last tests). */
async function queued(
  user: SessionUser,
  request: Parameters<typeof startExport>[1] = { kind: "DETERMINATION" },
) {
  const r = await startExport(user, request);
  if (!r.ok) throw new Error(r.message);
  return r.data.taskId;
}

const taskRow = (id: string) => db().exportTask.findUniqueOrThrow({ where: { id } });

beforeAll(async () => {
  const { county } = await makeRegionTree();
  school = await makeSchool(county.id, "SENIOR");
  other = await makeSchool(county.id, "SENIOR");
  await makeCurrentTerm({ stage: "SENIOR" });
  await ensureDefaultModel();
  admin = sessionUser((await makeStaff("SCHOOL_ADMIN", { schoolId: school.school.id })).user);
  otherAdmin = sessionUser((await makeStaff("SCHOOL_ADMIN", { schoolId: other.school.id })).user);
  leader = sessionUser((await makeStaff("SCHOOL_LEADER", { schoolId: school.school.id })).user);
  teacher = sessionUser((await makeStaff("TEACHER", { schoolId: school.school.id })).user);
  for (const name of ["周八", "陈一", "王二", "李三", "赵四", "钱五", "孙六"])
    await makeApplication(school, "determined", { name });
  await makeApplication(other, "determined", { name: "他校生" });
});
afterAll(async () => {
  await stopJobs(2);
});

describe("an export as a job", () => {
  it("the worker validates every row, records progress and stores the same workbook the in-process export writes", async () => {
    const taskId = await queued(admin);
    // A second click (on any server) joins the running task.
    expect(await queued(admin)).toBe(taskId);
    const progress: number[] = [];
    await runExportJob(exportJobData(admin, taskId), {
      pageSize: 3,
      afterPage: async () => {
        progress.push((await taskRow(taskId)).rowsDone);
      },
    });
    expect(progress).toEqual([3, 6, 7]);
    const task = await taskRow(taskId);
    expect(task).toMatchObject({
      state: "DONE",
      valid: true,
      rowsDone: 7,
      rowsTotal: 7,
      problemCount: 0,
      summary: "校验通过：共7行，无问题。",
      attempts: 1,
    });
    expect(task.fileKey).not.toBeNull();
    // The store holds ciphertext only; the download decrypts it.
    const file = await downloaded(admin, taskId);
    expect(file.fileName).toMatch(/^家庭经济信息-.+\.xlsx$/);
    expect(file.sheet).toBe("家庭经济信息");
    expect(file.rows).toHaveLength(8);
    const inProcess = await downloadExport(admin, "determination");
    if (!inProcess.ok) throw new Error(inProcess.message);
    expect(file.rows).toEqual((await rowsOf(await readAll(inProcess.data.stream))).rows);
    expect(
      await db().auditLog.count({ where: { action: "export.determination", actorUserId: admin.id } }),
    ).toBeGreaterThanOrEqual(2);
    const tasks = await exportTasks(admin, { kind: "DETERMINATION" });
    expect(tasks[0]).toMatchObject({ id: taskId, state: "DONE", hasFile: true, valid: true });
    expect(await exportTasks(otherAdmin, { kind: "DETERMINATION" })).toEqual([]);
  });

  it("an attempt interrupted mid-way is run again from the first row: the same rows, each once", async () => {
    const clean = await queued(admin);
    await runExportJob(exportJobData(admin, clean), { pageSize: 2 });
    const expected = (await downloaded(admin, clean)).rows;

    const taskId = await queued(admin);
    const crash = new Error("worker killed");
    await expect(
      runExportJob(exportJobData(admin, taskId), {
        pageSize: 2,
        afterPage: (rowsDone) => {
          if (rowsDone >= 4) throw crash;
        },
      }),
    ).rejects.toBe(crash);
    expect(await taskRow(taskId)).toMatchObject({ state: "RUNNING", rowsDone: 4, fileKey: null });
    // The queue retries the job (on any worker): the attempt starts over in a fresh snapshot.
    await runExportJob(exportJobData(admin, taskId), { pageSize: 2 });
    expect(await taskRow(taskId)).toMatchObject({ state: "DONE", rowsDone: 7, rowsTotal: 7, attempts: 2 });
    const rows = (await downloaded(admin, taskId)).rows;
    expect(rows).toEqual(expected);
    expect(new Set(rows.slice(1).map((row) => row[3])).size).toBe(7);
  });

  it("two deliveries of one job at once leave one stored file", async () => {
    const taskId = await queued(admin);
    const keysBefore = await db().storedFileKey.count();
    await Promise.all([
      runExportJob(exportJobData(admin, taskId), { pageSize: 2 }),
      runExportJob(exportJobData(admin, taskId), { pageSize: 3 }),
    ]);
    expect(await taskRow(taskId)).toMatchObject({ state: "DONE", rowsDone: 7 });
    expect(await db().storedFileKey.count()).toBe(keysBefore + 1);
    expect((await downloaded(admin, taskId)).rows).toHaveLength(8);
  });

  it("a row with a problem: the task stores the validation report, with every problem and its row", async () => {
    const app = await db().application.findFirstOrThrow({
      where: { schoolId: school.school.id, person: { name: "孙六" } },
    });
    const before = await db().household.findUniqueOrThrow({ where: { applicationId: app.id } });
    await db().household.update({ where: { applicationId: app.id }, data: { address: "龙洞街道\t1号" } });
    try {
      const taskId = await queued(admin);
      await runExportJob(exportJobData(admin, taskId), { pageSize: 2 });
      const task = await taskRow(taskId);
      expect(task).toMatchObject({ state: "DONE", valid: false, problemCount: 1, rowsTotal: 7 });
      expect(task.summary).toMatch(/1/);
      const problems = task.problems as { row: number; column: string; value: string; message: string }[];
      expect(problems).toEqual([expect.objectContaining({ column: "家庭住址", row: expect.any(Number) })]);
      // The row keeps no cell values (they may be full ID numbers); the encrypted report has them.
      expect(problems[0]!.value).toBe("");
      const report = await downloaded(admin, taskId);
      expect(report.valid).toBe(false);
      expect(report.fileName).toMatch(/^校验报告-家庭经济信息-/);
      expect(report.sheet).toBe("校验报告");
      expect(report.rows[1]).toEqual([
        String(problems[0]!.row),
        "家庭住址",
        "龙洞街道\t1号",
        problems[0]!.message,
      ]);
      expect(
        await db().auditLog.count({
          where: { action: "export.determination.report", actorUserId: admin.id },
        }),
      ).toBeGreaterThanOrEqual(1);
    } finally {
      await db().household.update({ where: { applicationId: app.id }, data: { address: before.address } });
    }
  });

  it("the roster book of an approved roster, and a draft roster's report", async () => {
    const apps = await db().application.findMany({
      where: { schoolId: school.school.id, state: "determined" },
      select: { id: true, studentId: true },
      take: 3,
    });
    const entries = apps.map((a) => ({ studentId: a.studentId, applicationId: a.id }));
    const roster = await makeRoster(school.school.id, entries, "APPROVED");
    const taskId = await queued(admin, { kind: "ROSTER", rosterId: roster.id });
    await runExportJob(exportJobData(admin, taskId), { pageSize: 2 });
    const book = await downloaded(admin, taskId);
    expect(book).toMatchObject({ valid: true, sheet: "资助名册" });
    expect(book.rows).toHaveLength(4);
    const draft = await makeRoster(school.school.id, entries.slice(0, 1), "DRAFT");
    const draftTask = await queued(admin, { kind: "ROSTER", rosterId: draft.id });
    await runExportJob(exportJobData(admin, draftTask));
    expect(await taskRow(draftTask)).toMatchObject({ state: "DONE", valid: false, problemCount: 1 });
    expect((await downloaded(admin, draftTask)).rows[1]![3]).toBe(
      "名单尚未审核通过，审核通过后才能导出资助名册",
    );
    // Another school's admin cannot start an export of this roster (id tampering).
    expect(await startExport(otherAdmin, { kind: "ROSTER", rosterId: roster.id })).toMatchObject({
      ok: false,
      code: "NOT_FOUND",
    });
  });

  it("only the school admin of the task's school downloads it", async () => {
    const taskId = await queued(admin);
    await runExportJob(exportJobData(admin, taskId));
    expect(await downloadExportTask(otherAdmin, taskId)).toEqual({
      ok: false,
      code: "NOT_FOUND",
      message: EXPORT_TASK_NOT_FOUND,
    });
    expect(await downloadExportTask(leader, taskId)).toMatchObject({ ok: false, code: "FORBIDDEN" });
    expect(await downloadExportTask(teacher, taskId)).toMatchObject({ ok: false, code: "FORBIDDEN" });
    expect(await downloadExportTask(admin, "not-an-id")).toMatchObject({ ok: false, code: "NOT_FOUND" });
    expect(await startExport(leader, { kind: "DETERMINATION" })).toMatchObject({ ok: false });
  });

  it("a stored file that vanished: a Chinese message, not an error, and a new export can be started", async () => {
    const taskId = await queued(admin);
    await runExportJob(exportJobData(admin, taskId));
    const { fileKey } = await taskRow(taskId);
    await evidenceStorage().delete(fileKey!);
    expect(await downloadExportTask(admin, taskId)).toEqual({
      ok: false,
      code: "GONE",
      message: EXPORT_FILE_REMOVED_MESSAGE,
    });
    const task = await taskRow(taskId);
    expect(task.fileKey).toBeNull();
    expect(task.fileRemovedAt).not.toBeNull();
    expect((await exportTasks(admin, { kind: "DETERMINATION" }))[0]).toMatchObject({
      id: taskId,
      hasFile: false,
    });
    const again = await queued(admin);
    expect(again).not.toBe(taskId);
    await runExportJob(exportJobData(admin, again));
    expect((await downloaded(admin, again)).rows).toHaveLength(8);
  });

  it("a task that fails for good shows its Chinese reason; a refused one says why", async () => {
    const taskId = await queued(admin);
    await giveUpExportJob(exportJobData(admin, taskId));
    expect(await taskRow(taskId)).toMatchObject({ state: "FAILED", message: EXPORT_GAVE_UP_MESSAGE });
    expect(await downloadExportTask(admin, taskId)).toEqual({
      ok: false,
      code: "REFUSED",
      message: EXPORT_GAVE_UP_MESSAGE,
    });
    // A job whose user may no longer export (here: data naming a teacher) ends FAILED with the reason.
    const refused = await queued(admin);
    await runExportJob(exportJobData(teacher, refused));
    expect(await taskRow(refused)).toMatchObject({
      state: "FAILED",
      message: expect.stringMatching(/^导出没有进行：/),
    });
  });

  it("housekeeping removes export files past the retention period and keeps recent ones", async () => {
    expect(exportFileRetentionDays({})).toBe(7);
    expect(exportFileRetentionDays({ EXPORT_FILE_RETENTION_DAYS: "30" })).toBe(30);
    expect(() => exportFileRetentionDays({ EXPORT_FILE_RETENTION_DAYS: "0" })).toThrow(
      /whole number of days/,
    );
    const oldTask = await queued(admin);
    await runExportJob(exportJobData(admin, oldTask));
    await db().exportTask.update({
      where: { id: oldTask },
      data: { finishedAt: new Date(Date.now() - 8 * DAY) },
    });
    const oldKey = (await taskRow(oldTask)).fileKey!;
    const recent = await queued(admin);
    await runExportJob(exportJobData(admin, recent));
    const report = await runHousekeeping();
    expect(report.exportFiles).toBeGreaterThanOrEqual(1);
    expect(await taskRow(oldTask)).toMatchObject({ fileKey: null, fileRemovedAt: expect.any(Date) });
    expect(await evidenceStorage().get(oldKey)).toBeNull();
    expect((await taskRow(recent)).fileKey).not.toBeNull();
    expect(await downloadExportTask(admin, oldTask)).toMatchObject({ message: EXPORT_FILE_REMOVED_MESSAGE });
  });

  it("through the real queue: a worker runs the task the page started", async () => {
    registerAllJobHandlers();
    await startWorkers({ pollingIntervalSeconds: 0.5 });
    const taskId = await queued(admin);
    expect(await waitFor(async () => (await taskRow(taskId)).state === "DONE", 60_000)).toBe(true);
    expect((await downloaded(admin, taskId)).rows).toHaveLength(8);
  });
});
