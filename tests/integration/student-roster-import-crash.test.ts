/**
 * Crash test: a student-roster import ("有错误则全部不导入" mode) runs in a
 * separate process exactly as the server runs it; the test SIGKILLs that
 * process while its transaction holds thousands of written but uncommitted
 * rows, then shows the database holds none of the import (no student, person
 * or guardian), the interrupted job stops blocking after the stale window, and
 * running the same file again imports the whole file.
 */
import { spawn } from "node:child_process";
import { once } from "node:events";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { SessionUser } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import { hasRunningImport, STALE_JOB_MS } from "@/lib/db/import-jobs.repo";
import { importRoster } from "@/lib/services/student-roster-import";
import { makeRegionTree, makeSchool, makeStaff } from "../support/fixtures";
import { validRow, writeRosterFile } from "../support/student-roster-file";
import { sessionUser } from "../support/session-user";

const ROOT = path.resolve(import.meta.dirname, "../..");
const N = 12_000;
const KILL_AFTER_ROWS = 2_000;

let school: Awaited<ReturnType<typeof makeSchool>>;
let admin: SessionUser;
let file: string;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const counts = async () => ({
  students: await db().student.count({ where: { schoolId: school.school.id } }),
  persons: await db().person.count(),
  guardians: await db().guardian.count(),
});
/** Backends of this database (other than ours) inside a transaction that has written something. */
async function writingTransactions(): Promise<number> {
  const r = await db().$queryRaw<
    { n: bigint }[]
  >`select count(*) as n from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid() and backend_xid is not null`;
  return Number(r[0]!.n);
}

beforeAll(async () => {
  const { county } = await makeRegionTree();
  school = await makeSchool(county.id, "SENIOR");
  for (let c = 2; c <= 10; c++)
    await db().schoolClass.create({
      data: { schoolId: school.school.id, gradeId: school.grade.id, name: `${c}班` },
    });
  const a = (await makeStaff("SCHOOL_ADMIN", { schoolId: school.school.id })).user;
  admin = sessionUser({ id: a.id, role: "SCHOOL_ADMIN", displayName: "管理员", schoolId: school.school.id });
  file = await writeRosterFile(
    "crash.xlsx",
    Array.from({ length: N }, (_, i) => validRow(i, school.grade.name, `${(i % 10) + 1}班`)),
  );
}, 180_000);

describe("killing the import process mid-way (all-or-nothing mode)", () => {
  it("leaves none of the import in the database; re-running the file imports all of it", async () => {
    const before = await counts();
    const child = spawn(
      process.execPath,
      [path.join(ROOT, "tests/support/student-roster-import-child.mjs")],
      {
        cwd: ROOT,
        env: {
          ...process.env,
          CRASH_IMPORT_FILE: file,
          CRASH_IMPORT_MODE: "ALL_OR_NOTHING",
          CRASH_IMPORT_USER: JSON.stringify(admin),
        },
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    let output = "";
    child.stdout.on("data", (d) => {
      output += String(d);
    });
    child.stderr.on("data", (d) => {
      output += String(d);
    });
    const exited = once(child, "exit");

    // Wait until the import has written several batches inside its (open) transaction.
    const deadline = Date.now() + 150_000;
    let job: { id: string; processedRows: number; state: string } | null = null;
    while (Date.now() < deadline && child.exitCode === null) {
      job = await db().importJob.findFirst({
        where: { schoolId: school.school.id, kind: "ROSTER" },
        select: { id: true, processedRows: true, state: true },
      });
      if (job && job.processedRows >= KILL_AFTER_ROWS) break;
      await sleep(50);
    }
    expect(child.exitCode, `the import ended before it could be killed:\n${output}`).toBeNull();
    expect(job?.state).toBe("RUNNING");
    expect(job!.processedRows).toBeLessThan(N);
    // The rows so far are written, uncommitted: the import's backend holds a write transaction.
    expect(await writingTransactions()).toBeGreaterThan(0);
    expect((await counts()).students).toBe(0);

    child.kill("SIGKILL");
    const [code, signal] = await exited;
    expect({ code, signal }).toEqual({ code: null, signal: "SIGKILL" });

    // PostgreSQL rolls the dead connection's transaction back.
    for (let i = 0; i < 200 && (await writingTransactions()) > 0; i++) await sleep(50);
    expect(await writingTransactions()).toBe(0);
    expect(await counts()).toEqual(before);

    // The interrupted job blocks a second import only until it is stale (no progress for STALE_JOB_MS).
    expect(await hasRunningImport(school.school.id, "ROSTER")).toBe(true);
    await db().importJob.update({
      where: { id: job!.id },
      data: { updatedAt: new Date(Date.now() - STALE_JOB_MS - 1_000) },
    });
    expect(await hasRunningImport(school.school.id, "ROSTER")).toBe(false);

    const again = await importRoster(admin, {
      filePath: file,
      fileName: "crash.xlsx",
      mode: "ALL_OR_NOTHING",
    });
    if (!again.ok) throw new Error(again.message);
    expect(again.data).toMatchObject({ state: "DONE", committed: true, created: N, rejected: 0 });
    expect((await counts()).students).toBe(N);
  }, 600_000);
});
