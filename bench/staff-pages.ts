/**
 * The list pages a class teacher or a school admin opens all day, under
 * saturated load, each as a share of the empty server-rendered page
 * (`/forbidden`) measured in the same round (bench/README.md §4, "Staff
 * pages"). Same world as bench/http.ts (40,000 students, 10,000
 * applications, `next start` of `.next-bench`), signed in through the real
 * credentials flow. Each round measures the reference and then every page
 * (autocannon, BENCH_CONNECTIONS connections (10), BENCH_DURATION s after a 2 s warm-up); the
 * table gives the median over BENCH_RUNS rounds of each page's throughput
 * divided by the same round's reference throughput, the Node / PostgreSQL
 * CPU time per request (from /proc, over all rounds), and the reference's
 * Node CPU per request divided by the page's — the throughput ratio one
 * `next start` process would reach on a core of its own (the figure other
 * load on the machine changes least).
 *
 * Run: npm run bench:staff
 *   BENCH_SKIP_BUILD=1           reuse .next-bench
 *   BENCH_REUSE_DB=1             reuse the bench_staff database of an earlier run (no repopulation)
 *   BENCH_TARGETS=monitor,admin  only targets whose names contain one of the words
 *   BENCH_HOLD=1                 sign in, write .data/bench/staff-sessions.json and keep serving (profiling by hand)
 *   BENCH_RUNS (3), BENCH_DURATION (5), BENCH_HTTP_PORT (3290), BENCH_PG_PORT, BENCH_NODE_ARGS
 */
import autocannon from "autocannon";
import fs from "node:fs";
import path from "node:path";
import { db } from "@/lib/db/client";
import { rebuildRollups } from "@/lib/db/rollups/refresh";
import { BENCH_DIR, existingDatabase, freshDatabase } from "./support/database";
import { BENCH_PASSWORD, populateSchool, type Populated } from "./support/populate";
import { buildIfNeeded, signIn, startServer } from "./support/server";
import { machine, median, printTable, processTreeCpuMs } from "./support/stats";

const PORT = Number(process.env.BENCH_HTTP_PORT ?? 3290);
// Enough to keep one `next start` busy; 100 connections on a shared 2-core machine only queue (and grow the heap).
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const DURATION = Number(process.env.BENCH_DURATION ?? 5);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const WORLD_FILE = path.join(BENCH_DIR, "staff-world.json");

type Target = { name: string; path: string; who: "teacher" | "admin" | "reference" };
type Run = { rps: number; requests: number; nodeCpuMs: number; pgCpuMs: number; bad: number };

let serverPid = 0;
function cpuNow(): { node: number; pg: number } {
  const postmaster = Number(
    fs.readFileSync(path.join(BENCH_DIR, "pg", "postmaster.pid"), "utf8").split("\n")[0],
  );
  return { node: processTreeCpuMs(serverPid), pg: processTreeCpuMs(postmaster) + reapedCpuMs(postmaster) };
}

/** CPU of a process's children that have exited and been waited for (PostgreSQL backends the pool closed). */
function reapedCpuMs(pid: number): number {
  try {
    const f = fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
    return (Number(f[13]) + Number(f[14])) * 10; // cutime, cstime in USER_HZ (100)
  } catch {
    return 0;
  }
}

async function load(base: string, urlPath: string, cookie: string, duration: number): Promise<Run> {
  const expect403 = urlPath === "/forbidden";
  const instance = autocannon({
    url: base,
    connections: CONNECTIONS,
    duration,
    requests: [{ method: "GET", path: urlPath, headers: { cookie } }],
  });
  const cpu0 = cpuNow();
  const r = await instance;
  const cpu1 = cpuNow();
  return {
    rps: r.requests.average,
    requests: r.requests.total,
    nodeCpuMs: cpu1.node - cpu0.node,
    pgCpuMs: cpu1.pg - cpu0.pg,
    bad: r.errors + r.timeouts + (expect403 ? r.requests.total - (r["4xx"] ?? 0) : r.non2xx),
  };
}

buildIfNeeded();
const reuse = process.env.BENCH_REUSE_DB === "1" && fs.existsSync(WORLD_FILE);
const bench = reuse ? await existingDatabase("bench_staff") : await freshDatabase("bench_staff");
let world: Populated;
if (reuse) {
  world = JSON.parse(fs.readFileSync(WORLD_FILE, "utf8")) as Populated;
} else {
  console.log("populating 40,000 students and 10,000 applications …");
  world = await populateSchool(db(), { students: 40_000, applications: 10_000, accounts: 1 });
  await db().$executeRawUnsafe("VACUUM ANALYZE");
  fs.writeFileSync(WORLD_FILE, JSON.stringify(world));
}
// As on a deployment, whose workers (npm start) keep the rollups current: compute them.
await rebuildRollups();
await db().$disconnect();
const server = await startServer(PORT, bench.url);
serverPid = server.child.pid ?? 0;
try {
  const teacher = world.teachers[0]!;
  const cookies = {
    teacher: await signIn(server.base, "staff", teacher.username, BENCH_PASSWORD),
    admin: await signIn(server.base, "staff", world.admin, BENCH_PASSWORD),
    reference: "",
  };
  const all: Target[] = [
    { name: "reference: /forbidden (no session, no query)", path: "/forbidden", who: "reference" },
    { name: "teacher home", path: "/console", who: "teacher" },
    {
      name: "teacher monitor (50-student class)",
      path: `/console/teacher/applications?classId=${teacher.classId}`,
      who: "teacher",
    },
    { name: "teacher class roster", path: "/console/teacher/roster", who: "teacher" },
    { name: "teacher call list", path: "/console/teacher/call-list", who: "teacher" },
    { name: "teacher class evaluation", path: "/console/teacher/evaluation", who: "teacher" },
    { name: "admin home", path: "/console", who: "admin" },
    { name: "admin determination list, page 1", path: "/console/determination", who: "admin" },
    { name: "admin student roster, page 1", path: "/console/admin/students", who: "admin" },
    { name: "admin special groups", path: "/console/admin/special-groups", who: "admin" },
    { name: "admin publicity", path: "/console/determination/publicity", who: "admin" },
    { name: "admin aid rosters", path: "/console/rosters", who: "admin" },
    { name: "admin special-group follow-up", path: "/console/determination/follow-up", who: "admin" },
    // 801 staff accounts; the class select (800 classes) is rendered only for the teacher being assigned.
    { name: "admin accounts (801 staff)", path: "/console/admin/accounts", who: "admin" },
  ];
  if (process.env.BENCH_HOLD === "1") {
    // Keep the world up for profiling by hand (curl, autocannon); Ctrl-C / SIGTERM stops.
    fs.writeFileSync(
      path.join(BENCH_DIR, "staff-sessions.json"),
      JSON.stringify({ base: server.base, serverPid, cookies, targets: all }, null, 1),
    );
    console.log(`serving ${server.base}; sessions in ${path.join(BENCH_DIR, "staff-sessions.json")}`);
    await new Promise<void>((resolve) => {
      process.once("SIGINT", resolve);
      process.once("SIGTERM", resolve);
    });
    throw new Error("stopped");
  }
  const only = process.env.BENCH_TARGETS?.split(",").filter(Boolean);
  const targets = all.filter((t) => t.who === "reference" || !only || only.some((w) => t.name.includes(w)));
  // Every page must answer 200 with the session (a redirect to /login or /forbidden would measure nothing).
  for (const t of targets) {
    const r = await fetch(`${server.base}${t.path}`, {
      redirect: "manual",
      headers: { cookie: cookies[t.who] },
    });
    await r.arrayBuffer();
    // /forbidden answers 403 (it is the page shown when a role may not open one); its body is the page.
    if (r.status !== (t.who === "reference" ? 403 : 200))
      throw new Error(`${t.name}: HTTP ${r.status} (${t.path})`);
  }
  const runs = new Map<Target, Run[]>(targets.map((t) => [t, []]));
  for (let k = 0; k < RUNS; k++) {
    for (const t of targets) {
      await load(server.base, t.path, cookies[t.who], 2); // warm-up
      runs.get(t)!.push(await load(server.base, t.path, cookies[t.who], DURATION));
    }
    console.log(`  round ${k + 1}/${RUNS} done`);
  }
  const reference = runs.get(targets[0]!)!;
  const rows = targets.map((t) => {
    const rs = runs.get(t)!;
    const perRequest = (f: (r: Run) => number) =>
      (rs.reduce((n, r) => n + f(r), 0) / rs.reduce((n, r) => n + r.requests, 0)).toFixed(1);
    const ratios = rs.map((r, k) => r.rps / reference[k]!.rps);
    const ratio = median(ratios);
    const nodeMs = (runs: Run[]) =>
      runs.reduce((n, r) => n + r.nodeCpuMs, 0) / runs.reduce((n, r) => n + r.requests, 0);
    return [
      t.name,
      t.path.replace(/classId=[^&]+/, "classId=…"),
      median(rs.map((r) => r.rps)).toFixed(0),
      `${perRequest((r) => r.nodeCpuMs)} / ${perRequest((r) => r.pgCpuMs)}`,
      `${ratio.toFixed(2)} (${ratios.map((x) => x.toFixed(2)).join(", ")})`,
      (nodeMs(reference) / nodeMs(rs)).toFixed(2),
      rs.reduce((n, r) => n + r.bad, 0),
      t.who === "reference" ? "" : ratio >= 0.5 ? "≥ 0.5 ok" : "< 0.5 MISSED",
    ];
  });
  printTable(
    `Staff pages, ${CONNECTIONS} connections, ${RUNS} rounds × ${DURATION} s (medians) — ${machine()}, ${new Date().toISOString()}`,
    [
      "page",
      "path",
      "req/s",
      "CPU ms/request Node / PostgreSQL",
      "× /forbidden (per round)",
      "× /forbidden by Node CPU",
      "errors/non-2xx",
      "verdict",
    ],
    rows,
  );
} finally {
  await server.stop();
  await bench.stop();
}
process.exit(0);
