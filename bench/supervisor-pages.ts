/**
 * The supervisor pages on a province (bench/README.md, "Province-scale supervisor pages"): 2,000,000
 * students in 5,000 schools, 120 counties, 21 cities (bench/province/generate.ts), `next start` on it plus the
 * app's job workers in their own process (bench/province/worker.ts: the rollup refresh), 20 supervisors
 * (province, city, county; different regions) signed in through the real credentials flow, each sending a
 * request every 2 s (open loop, latency from the due time) to the statistics and work-progress pages and
 * their drill-downs. Reports p50/p95/p99 and server CPU per request (Node + PostgreSQL from /proc); the
 * baseline: the same figures by plain GROUP BYs over the base tables (bench/province/baseline.ts), time per
 * query and the ratio; freshness: an application determined through the service (setLevel, as the app does)
 * until the pages show it.
 *
 * Run: npm run bench:supervisor
 *   BENCH_REUSE_DB=1            reuse the generated province of an earlier run (.data/bench/bench_province-world.json)
 *   BENCH_DB_NAME (bench_province)  another database, e.g. for a small try run beside the full province
 *   BENCH_GENERATE_ONLY=1       generate the province and stop (no build, no server)
 *   BENCH_SKIP_BUILD=1          reuse .next-bench
 *   BENCH_STUDENTS (2000000), BENCH_SCHOOLS (5000)   a smaller province for a try run
 *   BENCH_DURATION (60 s measured, after BENCH_WARMUP 10 s), BENCH_PERIOD_MS (2000)
 *   BENCH_PAGES ("/console/supervisor/statistics,/console/supervisor/progress")  the pages under load; when
 *     none of them answers 200 the harness falls back to /console/supervisor/schools (proof of the harness)
 *   BENCH_SKIP_BASELINE=1, BENCH_SKIP_FRESHNESS=1   only the load
 *   BENCH_BASELINE_RUNS (3), BENCH_FRESHNESS_TIMEOUT (180 s), BENCH_HTTP_PORT (3290), BENCH_PG_PORT
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { BENCH_DIR, existingDatabase, freshDatabase } from "./support/database";
import { buildIfNeeded, signIn, startServer } from "./support/server";
import { machine, median, percentile, printTable, processTreeCpuMs } from "./support/stats";
import { baselineQueries, runBaseline } from "./province/baseline";
import { CURRENT_TERM, generateProvince, PASSWORD, type ProvinceWorld } from "./province/generate";
import { openLoop, type Sample, type UserLoad } from "./province/open-loop";

const STUDENTS = Number(process.env.BENCH_STUDENTS ?? 2_000_000);
const SCHOOLS = Number(process.env.BENCH_SCHOOLS ?? 5000);
const PORT = Number(process.env.BENCH_HTTP_PORT ?? 3290);
const DURATION_S = Number(process.env.BENCH_DURATION ?? 60);
const WARMUP_S = Number(process.env.BENCH_WARMUP ?? 10);
const PERIOD_MS = Number(process.env.BENCH_PERIOD_MS ?? 2000);
const BASELINE_RUNS = Number(process.env.BENCH_BASELINE_RUNS ?? 3);
const FRESHNESS_TIMEOUT_S = Number(process.env.BENCH_FRESHNESS_TIMEOUT ?? 180);
const PAGES = (process.env.BENCH_PAGES ?? "/console/supervisor/statistics,/console/supervisor/progress")
  .split(",")
  .filter(Boolean);
const FALLBACK_PAGE = "/console/supervisor/schools";
const DB_NAME = process.env.BENCH_DB_NAME ?? "bench_province";
const WORLD_FILE = path.join(BENCH_DIR, `${DB_NAME}-world.json`);

const uptime = () =>
  os
    .loadavg()
    .map((x) => x.toFixed(2))
    .join(", ");
const fmt = (ms: number) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(0)} ms`);

// ── the province ──
if (process.env.BENCH_GENERATE_ONLY !== "1") buildIfNeeded();
const saved = fs.existsSync(WORLD_FILE)
  ? (JSON.parse(fs.readFileSync(WORLD_FILE, "utf8")) as ProvinceWorld)
  : null;
const reuse = process.env.BENCH_REUSE_DB === "1" && saved?.students === STUDENTS && saved.schools === SCHOOLS;
const bench = reuse ? await existingDatabase(DB_NAME) : await freshDatabase(DB_NAME);
const owner = new pg.Client({ connectionString: bench.url });
await owner.connect();
let world: ProvinceWorld;
if (reuse) {
  world = saved!;
  console.log(`reusing the province generated ${world.generatedAt}`);
} else {
  console.log(
    `generating ${STUDENTS.toLocaleString("en")} students in ${SCHOOLS} schools … (load ${uptime()})`,
  );
  world = await generateProvince(owner, { students: STUDENTS, schools: SCHOOLS, counties: 120 });
  fs.writeFileSync(WORLD_FILE, JSON.stringify(world, null, 1));
}
printTable(
  `Province generated ${world.generatedAt}: ${(world.totalMs / 60_000).toFixed(1)} min, database ${(world.databaseBytes / 2 ** 30).toFixed(2)} GiB`,
  ["step", "rows", "time"],
  world.steps.map((s) => [s.step, s.rows.toLocaleString("en"), fmt(s.ms)]),
);
if (process.env.BENCH_GENERATE_ONLY === "1") {
  await owner.end();
  await bench.stop();
  process.exit(0);
}

// ── rollups (when the app has them): the full rebuild over the province, timed ──
const scripts = (JSON.parse(fs.readFileSync("package.json", "utf8")) as { scripts: Record<string, string> })
  .scripts;
let rebuildMs: number | null = null;
if (scripts["rollups:rebuild"] && process.env.BENCH_SKIP_ROLLUP_REBUILD !== "1") {
  console.log("npm run rollups:rebuild …");
  const t = performance.now();
  const r = spawnSync("npm", ["run", "--silent", "rollups:rebuild"], {
    stdio: "inherit",
    env: { ...process.env, DATABASE_URL: bench.url },
  });
  if (r.status !== 0) throw new Error("rollups:rebuild failed");
  rebuildMs = performance.now() - t;
  console.log(`  rebuilt in ${fmt(rebuildMs)}`);
}

// ── server, workers, sessions ──
const server = await startServer(PORT, bench.url);
const worker: ChildProcess = spawn(
  process.execPath,
  ["--import", "tsx", "--import", "./scripts/server-only-stub.mjs", "bench/province/worker.ts"],
  { stdio: ["ignore", "ignore", "inherit"], env: { ...process.env, DATABASE_URL: bench.url } },
);
const postmaster = () =>
  Number(fs.readFileSync(path.join(BENCH_DIR, "pg", "postmaster.pid"), "utf8").split("\n")[0]);
/** CPU of a process's children that have exited and been waited for (PostgreSQL backends the pool closed). */
function reapedCpuMs(pid: number): number {
  try {
    const f = fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
    return (Number(f[13]) + Number(f[14])) * 10;
  } catch {
    return 0;
  }
}
const cpuNow = () => ({
  node: processTreeCpuMs(server.child.pid ?? 0),
  worker: processTreeCpuMs(worker.pid ?? 0),
  pg: processTreeCpuMs(postmaster()) + reapedCpuMs(postmaster()),
});

const htmlText = (html: string) =>
  html
    .replace(/<script[\s\S]*?<\/script>/g, " ")
    .replace(/<style[\s\S]*?<\/style>/g, " ")
    .replace(/<[^>]+>/g, " ")
    .replace(/\s+/g, " ");
/** The visible figures of a page: its text without times and dates (the "数据截至 …" line changes on every refresh). */
const figures = (html: string) =>
  htmlText(html)
    .replace(/\d{4}[-/年]\d{1,2}[-/月]\d{1,2}日?/g, "")
    .replace(/\d{1,2}:\d{2}(:\d{2})?/g, "");

try {
  const sessions = [];
  for (const s of world.supervisors)
    sessions.push({ ...s, cookie: await signIn(server.base, "staff", s.username, PASSWORD) });
  console.log(`${sessions.length} supervisors signed in (load ${uptime()})`);

  // Each supervisor's pages: the pages that answer 200, and the first drill-down link each page offers.
  const get = async (cookie: string, p: string) => {
    const r = await fetch(`${server.base}${p}`, { redirect: "manual", headers: { cookie } });
    return { status: r.status, html: await r.text() };
  };
  const drillDown = (html: string, page: string) => {
    const re = new RegExp(`href="(${page.replace(/\//g, "\\/")}(?:\\?|\\/)[^"]+)"`, "g");
    for (const m of html.matchAll(re)) {
      const href = m[1]!.replace(/&amp;/g, "&");
      if (!/export|download|\.xlsx/.test(href)) return href;
    }
    return null;
  };
  let available = [] as string[];
  for (const p of PAGES) if ((await get(sessions[0]!.cookie, p)).status === 200) available.push(p);
  const proofOnly = available.length === 0;
  if (proofOnly) {
    console.log(`none of ${PAGES.join(", ")} answers 200: proving the harness on ${FALLBACK_PAGE}`);
    available = [FALLBACK_PAGE];
  }
  const users: UserLoad[] = [];
  for (const s of sessions) {
    const pages: UserLoad["pages"] = [];
    for (const p of available) {
      const top = await get(s.cookie, p);
      if (top.status !== 200) throw new Error(`${s.username}: ${p} answered ${top.status}`);
      const name = p.split("/").pop()!;
      pages.push({ label: `${name} (${s.level.toLowerCase()})`, path: p });
      const drill = proofOnly ? null : drillDown(top.html, p);
      if (drill) {
        const d = await get(s.cookie, drill);
        if (d.status === 200)
          pages.push({ label: `${name} drill-down (${s.level.toLowerCase()})`, path: drill });
      }
    }
    users.push({ cookie: s.cookie, pages });
  }
  console.log(
    `pages under load: ${[...new Set(users.flatMap((u) => u.pages.map((p) => p.label)))].join("; ")}`,
  );

  // ── load ──
  console.log(`warm-up ${WARMUP_S} s …`);
  await openLoop(server.base, users, { periodMs: PERIOD_MS, durationMs: WARMUP_S * 1000 });
  const load0 = uptime();
  const cpu0 = cpuNow();
  console.log(
    `measuring ${DURATION_S} s at ${users.length} supervisors × 1 request / ${PERIOD_MS / 1000} s …`,
  );
  const result = await openLoop(server.base, users, { periodMs: PERIOD_MS, durationMs: DURATION_S * 1000 });
  const cpu1 = cpuNow();
  const load1 = uptime();
  const n = result.samples.length;
  const nodeMs = (cpu1.node - cpu0.node) / n;
  const pgMs = (cpu1.pg - cpu0.pg) / n;
  const workerMs = (cpu1.worker - cpu0.worker) / n;
  const bad = result.samples.filter((s) => s.status !== 200).length + result.errors;
  const row = (label: string, xs: Sample[]) => {
    const ms = xs.map((s) => s.ms);
    const p95 = percentile(ms, 95);
    return [
      label,
      xs.length,
      percentile(ms, 50).toFixed(0),
      p95.toFixed(0),
      percentile(ms, 99).toFixed(0),
      p95 <= 300 ? "ok" : "MISSED",
    ];
  };
  const labels = [...new Set(result.samples.map((s) => s.label))].sort();
  printTable(
    `Supervisor pages${proofOnly ? ` — HARNESS PROOF on ${FALLBACK_PAGE} (the statistics and progress pages are not in this build)` : ""}: ${users.length} supervisors, 1 request / ${PERIOD_MS / 1000} s each, ${DURATION_S} s after ${WARMUP_S} s warm-up — ${machine()}, load ${load0} → ${load1}, ${new Date().toISOString()}`,
    ["page", "requests", "p50 ms", "p95 ms", "p99 ms", "p95 ≤ 300 ms"],
    [
      ...labels.map((l) =>
        row(
          l,
          result.samples.filter((s) => s.label === l),
        ),
      ),
      row("all", result.samples),
    ],
  );
  console.log(
    `sent ${result.sent}, answered ${n}, errors/non-200 ${bad}; server CPU per request: Node ${nodeMs.toFixed(1)} ms + PostgreSQL ${pgMs.toFixed(1)} ms = ${(nodeMs + pgMs).toFixed(1)} ms (job worker ${workerMs.toFixed(1)} ms)`,
  );

  // ── baseline: the same figures by plain GROUP BYs over the base tables, the whole province ──
  if (process.env.BENCH_SKIP_BASELINE !== "1") {
    const province = world.supervisors.find((s) => s.level === "PROVINCE")!;
    const provincePath = (
      await owner.query<{ path: string }>(`SELECT path FROM "Region" WHERE id = $1`, [province.regionId])
    ).rows[0]!.path;
    const baseRows: (string | number)[][] = [];
    let baselineCpu = 0;
    let baselineWall = 0;
    for (const q of baselineQueries(provincePath, CURRENT_TERM)) {
      await runBaseline(owner, q); // warm the cache
      const walls: number[] = [];
      const c0 = cpuNow().pg;
      for (let k = 0; k < BASELINE_RUNS; k++) {
        const t = performance.now();
        await runBaseline(owner, q);
        walls.push(performance.now() - t);
      }
      const cpu = (cpuNow().pg - c0) / BASELINE_RUNS;
      baselineCpu += cpu;
      baselineWall += median(walls);
      baseRows.push([q.name, fmt(median(walls)), cpu.toFixed(0)]);
    }
    baseRows.push([
      "both (what one statistics + one progress request would count)",
      fmt(baselineWall),
      baselineCpu.toFixed(0),
    ]);
    const pageMs = nodeMs + pgMs;
    printTable(
      `Baseline: plain GROUP BY over the base tables, whole province (median of ${BASELINE_RUNS}, load ${uptime()})`,
      ["query", "wall", "PostgreSQL CPU ms"],
      baseRows,
    );
    const allP50 = percentile(
      result.samples.map((s) => s.ms),
      50,
    );
    console.log(
      `page vs baseline: server CPU per request ${pageMs.toFixed(1)} ms vs ${(baselineCpu / 2).toFixed(0)} ms per query (${(pageMs / (baselineCpu / 2)).toFixed(3)}×); p50 ${allP50.toFixed(0)} ms vs ${fmt(baselineWall / 2)} (${(allP50 / (baselineWall / 2)).toFixed(3)}×)`,
    );
  }
  if (rebuildMs !== null) console.log(`full rollup rebuild over the province: ${fmt(rebuildMs)}`);

  // ── freshness: determine an application through the service, poll the pages until they show it ──
  if (process.env.BENCH_SKIP_FRESHNESS === "1") {
    console.log("freshness: skipped (BENCH_SKIP_FRESHNESS=1)");
  } else if (proofOnly) {
    console.log("freshness: NOT MEASURED (the statistics and progress pages are not in this build)");
  } else {
    await freshness(sessions, available, get);
  }
} finally {
  await owner.end().catch(() => undefined);
  worker.kill("SIGTERM");
  await server.stop();
  await bench.stop();
}
process.exit(0);

async function freshness(
  sessions: (ProvinceWorld["supervisors"][number] & { cookie: string })[],
  pages: string[],
  get: (cookie: string, p: string) => Promise<{ status: number; html: string }>,
) {
  // A reviewed application of a special-group student (the 十一类 figures count it too) in the first county
  // supervisor's county that has one (every county of the full province has; a small try run may not).
  let county: (typeof sessions)[number] | undefined;
  let app: { id: string; version: number; schoolId: string; level: string } | undefined;
  for (const candidate of sessions.filter((s) => s.level === "COUNTY")) {
    const pick = await owner.query<{ id: string; version: number; schoolId: string; level: string }>(
      `SELECT a.id, a.version, a."schoolId", d."simulatedLevel" AS level
         FROM "Application" a JOIN "School" s ON s.id = a."schoolId" JOIN "Determination" d ON d."applicationId" = a.id
        WHERE s."regionId" = $1 AND a."termId" = $2 AND a.state = 'reviewed'
          AND EXISTS (SELECT 1 FROM "SpecialGroupEntry" g WHERE g."personId" = a."personId")
        ORDER BY a.id LIMIT 1`,
      [candidate.regionId, CURRENT_TERM],
    );
    [county, app] = [candidate, pick.rows[0]];
    if (app) break;
  }
  if (!county || !app) {
    console.log(
      "freshness: NOT MEASURED (no reviewed special-group application in any county supervisor's county)",
    );
    return;
  }
  const watched = pages.map((p) => ({ path: p, before: "" }));
  for (const w of watched) {
    const a = figures((await get(county.cookie, w.path)).html);
    const b = figures((await get(county.cookie, w.path)).html);
    if (a !== b)
      console.log(`freshness: ${w.path} changes between two reads without a write — detection unreliable`);
    w.before = b;
  }
  // The service as the app calls it (lib/services/final-level.ts setLevel), as the school's admin.
  const { setLevel } = await import("@/lib/services/final-level");
  const admin = `badm${app.schoolId.slice(4)}`;
  const determinedAt = new Date().toISOString();
  const t0 = performance.now();
  const r = await setLevel(
    {
      id: admin,
      role: "SCHOOL_ADMIN",
      displayName: "资助管理员",
      schoolId: app.schoolId,
      regionId: null,
      personId: null,
      regionPath: null,
      mustChangePassword: false,
    },
    { applicationId: app.id, version: app.version, level: app.level, reason: "经学校认定工作组复核" },
  );
  if (!r.ok) throw new Error(`freshness: setLevel refused: ${r.message}`);
  const rows: (string | number)[][] = [];
  const open = new Set(watched);
  const seen = new Map<string, number>();
  while (open.size > 0 && performance.now() - t0 < FRESHNESS_TIMEOUT_S * 1000) {
    for (const w of [...open]) {
      const now = figures((await get(county.cookie, w.path)).html);
      if (now !== w.before) {
        seen.set(w.path, performance.now() - t0);
        open.delete(w);
      }
    }
    if (open.size > 0) await new Promise((res) => setTimeout(res, 1000));
  }
  for (const w of watched) {
    const ms = seen.get(w.path);
    rows.push([
      w.path,
      ms === undefined ? `not within ${FRESHNESS_TIMEOUT_S} s` : fmt(ms),
      ms !== undefined && ms <= 60_000 ? "ok" : "MISSED",
    ]);
  }
  printTable(
    `Freshness: application ${app.id} determined (${app.level}) through setLevel at ${determinedAt}; county supervisor ${county.username} polls every 1 s`,
    ["page", "changed after", "≤ 60 s"],
    rows,
  );
}
