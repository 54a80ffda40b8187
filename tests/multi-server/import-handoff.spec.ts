/**
 * Roster imports across the cluster (tests/multi-server/global-setup.ts): the import is a job in the shared
 * queue (lib/jobs), its progress lives in the database, so the page's progress poll answers through
 * either server; and when the server whose worker runs it is killed mid-way (the process and its import
 * child, as in a crash), the other server's worker takes the job over after the missed heartbeat and
 * finishes it from its checkpoint with the same rows and counts as a clean run of the same data.
 * The kill test runs last: server "a" or "b" is dead after it.
 */
import { execFileSync } from "node:child_process";
import { createWriteStream } from "node:fs";
import { mkdtemp, readFile } from "node:fs/promises";
import { once } from "node:events";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test, type APIResponse, type Page } from "@playwright/test";
import pg from "pg";
import { DEMO } from "@/lib/db/seed/demo-accounts";
import { buildResidentId } from "@/lib/domain/id-number";
import { ROSTER_HEADERS } from "@/lib/domain/student-roster-row";
import { createSheetWriter } from "@/lib/xlsx";
import { lbUrl } from "./ports";

/** Rows per file: enough for the import to run for several seconds, so it can be seen and killed mid-way. */
const ROWS = Number(process.env.MULTI_IMPORT_ROWS ?? 30_000);
/** Every 500th row has a malformed ID number: rejected, in both runs alike. */
const BAD_EVERY = 500;

const serverOf = (r: APIResponse): string => r.headers()["x-aid-server"] ?? "";

type JobView = {
  state: "RUNNING" | "DONE" | "FAILED";
  progress: number;
  processedRows: number;
  created: number;
  updated: number;
  unchanged: number;
  rejected: number;
  message: string | null;
};

/** The district code of each file's ID numbers (no demo person lives there): its students are its own. */
const DISTRICT = { A: "440183", B: "440184" } as const;

/** A roster file of the demo senior school (高一 1班/2班); the file's students are told apart by district. */
async function rosterFile(prefix: "A" | "B", offset: number): Promise<Buffer> {
  const dir = await mkdtemp(path.join(tmpdir(), "multi-import-"));
  const file = path.join(dir, `${prefix}.xlsx`);
  const out = createWriteStream(file);
  const writer = createSheetWriter(out, {
    name: "在校生信息",
    columns: ROSTER_HEADERS.map((header) => ({ header })),
  });
  for (let i = 0; i < ROWS; i++) {
    const n = offset + i;
    const birth = new Date(Date.UTC(2009, 0, 1) + (n % 700) * 86_400_000).toISOString().slice(0, 10);
    const id =
      i % BAD_EVERY === BAD_EVERY - 1
        ? "4401"
        : buildResidentId(
            DISTRICT[prefix],
            birth,
            (Math.floor(n / 700) * 2) % 1000,
            n % 2 ? "MALE" : "FEMALE",
          );
    writer.addRow([
      `学生${prefix === "A" ? "甲" : "乙"}${i}`,
      n % 2 ? "男" : "女",
      "居民身份证",
      id,
      `G${id}`,
      "高中",
      "高一",
      i % 2 ? "1班" : "2班",
      "2026-09",
      "3",
      "在读",
      "",
      `家长${prefix === "A" ? "甲" : "乙"}${i}`,
      "母亲",
      `138${String(n).padStart(8, "0")}`,
      "",
    ]);
  }
  await writer.finish();
  if (!out.writableFinished) await once(out, "finish");
  return readFile(file);
}

async function signIn(page: Page): Promise<void> {
  await page.goto("/login");
  await page.getByRole("tab", { name: "教职工" }).click();
  await page.locator('input[name="identifier"]').fill("admin_sen");
  await page.locator('input[name="password"]').fill(DEMO.staffPassword);
  await page.getByRole("button", { name: "登录" }).click();
  await expect(page).toHaveURL(/\/console$/);
}

async function upload(page: Page, name: string, bytes: Buffer): Promise<{ jobId: string; server: string }> {
  const res = await page.request.post("/console/admin/students/import", {
    headers: { origin: lbUrl },
    multipart: {
      mode: "GOOD_ROWS",
      file: {
        name,
        mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        buffer: bytes,
      },
    },
  });
  expect(res.status(), await res.text()).toBe(200);
  return { jobId: ((await res.json()) as { jobId: string }).jobId, server: serverOf(res) };
}

async function poll(page: Page, jobId: string): Promise<{ job: JobView; server: string }> {
  // Just after a server is killed, a request already on its way to it fails (connection reset, 502/503);
  // the page's poll simply asks again, and HAProxy sends it to the other server.
  let res: APIResponse | null = null;
  for (let i = 0; i < 10; i++) {
    res = await page.request.get(`/console/admin/students/jobs/${jobId}`).catch(() => null);
    if (res && res.status() !== 502 && res.status() !== 503) break;
    await new Promise((r) => setTimeout(r, 500));
  }
  expect(res?.status()).toBe(200);
  return { job: (await res!.json()) as JobView, server: serverOf(res!) };
}

async function untilDone(page: Page, jobId: string, seconds: number): Promise<JobView> {
  for (let i = 0; i < seconds * 2; i++) {
    const { job } = await poll(page, jobId);
    if (job.state !== "RUNNING") return job;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`import job ${jobId} still running after ${seconds} s`);
}

/** The rows a run left: students, distinct people and guardians of the file's students (by prefix). */
async function rowsOf(prefix: "A" | "B") {
  const client = new pg.Client({ connectionString: process.env.MULTI_DATABASE_URL });
  await client.connect();
  try {
    const { rows } = await client.query<{
      students: string;
      people: string;
      guardians: string;
      numbers: string;
    }>(
      `SELECT count(DISTINCT s.id) AS students, count(DISTINCT s."personId") AS people,
              count(g.id) AS guardians, count(DISTINCT s."studentNo") AS numbers
         FROM "Student" s LEFT JOIN "Guardian" g ON g."studentId" = s.id
        WHERE s."studentNo" LIKE $1`,
      [`G${DISTRICT[prefix]}%`],
    );
    return Object.fromEntries(Object.entries(rows[0]!).map(([k, v]) => [k, Number(v)]));
  } finally {
    await client.end();
  }
}

/** The app server (a or b) whose worker's import child is running now, with both process ids. */
function runningImport(): { server: "a" | "b"; serverPid: number; childPid: number } | null {
  const servers = { a: Number(process.env.MULTI_PID_A), b: Number(process.env.MULTI_PID_B) };
  const ps = execFileSync("ps", ["-eo", "pid=,ppid=,args="], { encoding: "utf8" });
  for (const line of ps.split("\n")) {
    if (!line.includes("lib/services/import-job-child.ts")) continue;
    const [pid, ppid] = line.trim().split(/\s+/).map(Number);
    for (const name of ["a", "b"] as const)
      if (servers[name] === ppid) return { server: name, serverPid: ppid!, childPid: pid! };
  }
  return null;
}

const bad = Math.floor(ROWS / BAD_EVERY);
const clean: { job?: JobView; rows?: Record<string, number> } = {};

test("an import started through one server shows its progress through the other; a clean run's counts", async ({
  page,
}) => {
  test.setTimeout(300_000);
  await signIn(page);
  const started = await upload(page, "花名册A.xlsx", await rosterFile("A", 0));
  expect(started.server).toMatch(/^[ab]$/);
  // The progress poll, answered by the server the upload did not reach, sees the job move.
  let seenElsewhere: JobView | null = null;
  for (let i = 0; i < 600 && !seenElsewhere; i++) {
    const { job, server } = await poll(page, started.jobId);
    if (server !== started.server && (job.processedRows > 0 || job.state !== "RUNNING")) seenElsewhere = job;
    else await new Promise((r) => setTimeout(r, 250));
  }
  expect(seenElsewhere, "no progress seen through the other server").not.toBeNull();
  clean.job = await untilDone(page, started.jobId, 240);
  expect(clean.job).toMatchObject({
    state: "DONE",
    created: ROWS - bad,
    rejected: bad,
    updated: 0,
    unchanged: 0,
  });
  clean.rows = await rowsOf("A");
  expect(clean.rows).toEqual({
    students: ROWS - bad,
    people: ROWS - bad,
    guardians: ROWS - bad,
    numbers: ROWS - bad,
  });
});

test("killing the server running an import mid-way: the other server finishes it, rows and counts as a clean run", async ({
  page,
}) => {
  test.setTimeout(400_000);
  test.skip(!clean.job, "needs the clean run of the test before");
  await signIn(page);
  const started = await upload(page, "花名册B.xlsx", await rosterFile("B", ROWS));
  // Wait until a worker is importing and part of the file is committed, then kill that server and its child.
  let victim: ReturnType<typeof runningImport> = null;
  for (let i = 0; i < 1200; i++) {
    const { job } = await poll(page, started.jobId);
    expect(job.state).toBe("RUNNING");
    victim = runningImport();
    if (victim && job.processedRows >= ROWS / 10) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  expect(victim, "no running import child found").not.toBeNull();
  const before = await poll(page, started.jobId);
  expect(before.job.processedRows).toBeLessThan(ROWS);
  process.kill(victim!.childPid, "SIGKILL");
  process.kill(victim!.serverPid, "SIGKILL");
  const survivor = victim!.server === "a" ? "b" : "a";

  // The other server's worker notices the missing heartbeat (30 s + JOB_MONITOR_SECONDS) and resumes it.
  let takenOver = false;
  for (let i = 0; i < 240 && !takenOver; i++) {
    takenOver = runningImport()?.server === survivor;
    if (!takenOver) {
      const { job } = await poll(page, started.jobId);
      if (job.state !== "RUNNING") break;
      await new Promise((r) => setTimeout(r, 500));
    }
  }
  const done = await untilDone(page, started.jobId, 300);
  // Only the surviving server answers now (HAProxy's health check took the dead one out).
  expect(serverOf(await page.request.get("/login"))).toBe(survivor);
  expect(done).toMatchObject({
    state: "DONE",
    created: clean.job!.created,
    updated: clean.job!.updated,
    unchanged: clean.job!.unchanged,
    rejected: clean.job!.rejected,
    processedRows: clean.job!.processedRows,
  });
  expect(await rowsOf("B")).toEqual(clean.rows);
});
