/**
 * HTTP under load: `next build && next start`
 * against a database of 40,000 students and 10,000 applications, 100
 * concurrent signed-in sessions, autocannon. Each target runs RUNS times
 * (after a warm-up); the table quotes medians of throughput and
 * p50/p95/p99, and throughput as a share of the baseline (a bare route
 * handler doing one `select 1` through the same Prisma client) measured in
 * the same run. Run: npm run bench:http
 */
import autocannon from "autocannon";
import { db } from "@/lib/db/client";
import { freshDatabase } from "./support/database";
import { BENCH_PASSWORD, populateSchool } from "./support/populate";
import { pacedLoad } from "./support/paced";
import { buildIfNeeded, serverActionId, signIn, startServer } from "./support/server";
import fs from "node:fs";
import path from "node:path";
import { BENCH_DIR } from "./support/database";
import { machine, median, percentile, printTable, processTreeCpuMs } from "./support/stats";

const PORT = Number(process.env.BENCH_HTTP_PORT ?? 3290);
const CONNECTIONS = 100;
const DURATION = Number(process.env.BENCH_DURATION ?? 10);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);

type Target = {
  name: string;
  method: "GET" | "POST";
  path: (i: number) => string;
  cookies: string[];
  headers?: Record<string, string>;
  body?: (i: number) => string;
  p95TargetMs?: number;
};
type RunResult = {
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  errors: number;
  non2xx: number;
  requests: number;
  nodeCpuMs: number;
  pgCpuMs: number;
};

/** Paced load (support/paced.ts): 100 sessions each sending about one request a second, spread evenly. */
const PACED_RATE = Number(process.env.BENCH_PACED_RATE ?? 100);
/** A lighter paced load for the applicant pages: the same 100 sessions, one request every two seconds each. */
const LIGHT_RATE = Number(process.env.BENCH_LIGHT_RATE ?? 50);

/** Open-model load at `rate` requests/s in all, arrivals spread evenly, latency from each request's due time. */
async function pacedRun(base: string, t: Target, duration: number, rate: number): Promise<RunResult> {
  const cpu0 = cpuNow();
  const r = await pacedLoad(base, {
    rate,
    durationS: duration,
    sessions: t.cookies.length,
    connections: CONNECTIONS,
    request: (i) => ({
      method: t.method,
      path: t.path(i),
      headers: { cookie: t.cookies[i]!, origin: base, ...(t.headers ?? {}) },
      body: t.body?.(i),
    }),
  });
  const cpu1 = cpuNow();
  const odd = [...r.statuses].filter(([st]) => st < 200 || st > 299);
  if (odd.length || r.errors)
    console.log(
      `  ${t.name} (paced ${rate}/s): statuses ${JSON.stringify(Object.fromEntries(r.statuses))}, errors ${r.errors}`,
    );
  return {
    rps: r.latencies.length / duration,
    p50: percentile(r.latencies, 50),
    p95: percentile(r.latencies, 95),
    p99: percentile(r.latencies, 99),
    errors: r.errors,
    non2xx: odd.reduce((n, [, c]) => n + c, 0),
    requests: r.latencies.length,
    nodeCpuMs: cpu1.node - cpu0.node,
    pgCpuMs: cpu1.pg - cpu0.pg,
  };
}

/** Saturated load: 100 connections sending back to back (autocannon). */
async function load(base: string, t: Target, duration: number): Promise<RunResult> {
  const latencies: number[] = [];
  let clientNo = 0;
  const instance = autocannon({
    url: base,
    connections: CONNECTIONS,
    duration,
    method: t.method,
    setupClient(client) {
      const i = clientNo++ % t.cookies.length;
      // setRequests (not setRequest): the iterator returns to this list after every response.
      client.setRequests([
        {
          method: t.method,
          path: t.path(i),
          headers: { cookie: t.cookies[i]!, origin: base, ...(t.headers ?? {}) },
          body: t.body?.(i),
        },
      ]);
    },
  });
  // Without a callback autocannon returns its tracker (an EventEmitter) made thenable.
  const statuses = new Map<number, number>();
  (instance as unknown as NodeJS.EventEmitter).on(
    "response",
    (_client: unknown, status: number, _bytes: number, ms: number) => {
      latencies.push(ms);
      statuses.set(status, (statuses.get(status) ?? 0) + 1);
    },
  );
  const cpu0 = cpuNow();
  const r = await instance;
  const cpu1 = cpuNow();
  const odd = [...statuses].filter(([st]) => st < 200 || st > 299);
  if (odd.length || r.errors || r.timeouts)
    console.log(
      `  ${t.name}: statuses ${JSON.stringify(Object.fromEntries(statuses))}, errors ${r.errors}, timeouts ${r.timeouts}`,
    );
  return {
    rps: r.requests.average,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    errors: r.errors + r.timeouts,
    non2xx: r.non2xx,
    requests: latencies.length,
    nodeCpuMs: cpu1.node - cpu0.node,
    pgCpuMs: cpu1.pg - cpu0.pg,
  };
}

/** CPU used so far by the Next.js server and by PostgreSQL (the postmaster and its backends). */
let serverPid = 0;
function cpuNow(): { node: number; pg: number } {
  const postmaster = Number(
    fs.readFileSync(path.join(BENCH_DIR, "pg", "postmaster.pid"), "utf8").split("\n")[0],
  );
  return { node: serverPid ? processTreeCpuMs(serverPid) : 0, pg: processTreeCpuMs(postmaster) };
}

buildIfNeeded();
const bench = await freshDatabase("bench_http");
console.log("populating 40,000 students and 10,000 applications …");
const world = await populateSchool(db(), { students: 40_000, applications: 10_000, accounts: CONNECTIONS });
await db().$disconnect();
const server = await startServer(PORT, bench.url);
serverPid = server.child.pid ?? 0;
try {
  console.log("signing in 100 applicants, a class teacher and the admin …");
  const applicantCookies: string[] = [];
  for (const a of world.applicants)
    applicantCookies.push(await signIn(server.base, "student", a.identifier, BENCH_PASSWORD));
  const teacher = world.teachers[0]!;
  const teacherCookie = await signIn(server.base, "staff", teacher.username, BENCH_PASSWORD);
  const adminCookie = await signIn(server.base, "staff", world.admin, BENCH_PASSWORD);
  const saveDraftId = serverActionId("householdAction", "portal/apply/[personId]/actions");
  const household = {
    residence: "RURAL",
    address: "天河区龙洞街道",
    totalAnnualIncome: "36000",
    memberCount: "3",
    housing: "自有住房",
    vehicles: "无",
    stateEmployedParent: "no",
    stableIncome: "no",
    declaredCategories: [],
    notes: "",
    familyMembers: [
      {
        name: "陈建国",
        relation: "父亲",
        age: "45",
        occupation: "务工",
        workStatus: "灵活就业",
        annualIncome: "30000",
        seriousIllness: false,
        disability: false,
        healthNote: "",
        inSchool: false,
      },
      {
        name: "李秀英",
        relation: "母亲",
        age: "43",
        occupation: "",
        workStatus: "无业",
        annualIncome: "6000",
        seriousIllness: false,
        disability: false,
        healthNote: "",
        inSchool: false,
      },
    ],
    suddenEvents: [],
  };

  const targets: Target[] = [
    {
      name: "baseline: route handler, select 1",
      method: "GET",
      path: () => "/api/bench/select-one",
      cookies: applicantCookies,
    },
    // Not a target: the floor of any server-rendered page of this app (root layout, proxy.ts, CSP nonce), no session check, no query.
    {
      name: "reference: page without data (/forbidden)",
      method: "GET",
      path: () => "/forbidden",
      cookies: applicantCookies,
    },
    {
      name: "applicant home page",
      method: "GET",
      path: () => "/portal",
      cookies: applicantCookies,
      p95TargetMs: 150,
    },
    {
      name: "application save-draft (server action)",
      method: "POST",
      cookies: applicantCookies,
      p95TargetMs: 150,
      path: (i) => `/portal/apply/${world.applicants[i]!.personId}/household`,
      headers: {
        "next-action": saveDraftId,
        "content-type": "text/plain;charset=UTF-8",
        accept: "text/x-component",
      },
      body: (i) => JSON.stringify([world.applicants[i]!.personId, household]),
    },
    {
      name: "teacher application monitor (50-student class)",
      method: "GET",
      path: () => `/console/teacher/applications?classId=${teacher.classId}`,
      cookies: [teacherCookie],
    },
    {
      name: "admin determination list, page 1",
      method: "GET",
      path: () => "/console/determination",
      cookies: [adminCookie],
    },
  ];

  // BENCH_TARGETS=baseline,applicant limits the run to targets whose names contain one of the words.
  const only = process.env.BENCH_TARGETS?.split(",").filter(Boolean);
  if (only) targets.splice(0, targets.length, ...targets.filter((t) => only.some((w) => t.name.includes(w))));

  // Every target must answer 200 before it is measured (a redirect to /login would measure nothing).
  for (const t of targets) {
    const started = Date.now();
    const r = await fetch(`${server.base}${t.path(0)}`, {
      method: t.method,
      redirect: "manual",
      headers: { cookie: t.cookies[0]!, origin: server.base, ...(t.headers ?? {}) },
      body: t.body?.(0),
    });
    if (r.status !== 200) throw new Error(`${t.name}: HTTP ${r.status} before the run (${t.path(0)})`);
    await r.arrayBuffer();
    console.log(`  ${t.name}: one request alone ${Date.now() - started} ms`);
  }

  // Two measurements per target: saturated (100 connections sending back to back: throughput, and the
  // latency that throughput implies) and paced (100 sessions at PACED_RATE requests/s in all: the
  // latency a user sees at that load).
  const rows: (string | number)[][] = [];
  let baselineRps = 0;
  for (const t of targets) {
    await load(server.base, t, 3); // warm-up
    const saturated: RunResult[] = [];
    const paced: RunResult[] = [];
    const light: RunResult[] = [];
    for (let k = 0; k < RUNS; k++) {
      saturated.push(await load(server.base, t, DURATION));
      paced.push(await pacedRun(server.base, t, DURATION, PACED_RATE));
      if (t.p95TargetMs) light.push(await pacedRun(server.base, t, DURATION, LIGHT_RATE));
    }
    const m = (runs: RunResult[], f: (r: RunResult) => number) => median(runs.map(f));
    const rps = m(saturated, (r) => r.rps);
    if (t.name.startsWith("baseline")) baselineRps = rps;
    const pacedP95 = m(paced, (r) => r.p95);
    const lightP95 = light.length ? m(light, (r) => r.p95) : NaN;
    const p95Verdict = (rate: number, p95: number) =>
      `p95 at ${rate}/s ${p95 <= t.p95TargetMs! ? "ok" : "MISSED"}`;
    const verdict = [
      t.p95TargetMs ? p95Verdict(PACED_RATE, pacedP95) : "",
      t.p95TargetMs ? p95Verdict(LIGHT_RATE, lightP95) : "",
      t.name.startsWith("baseline") || t.name.startsWith("reference")
        ? ""
        : rps >= baselineRps * 0.5
          ? "≥50% ok"
          : "<50% MISSED",
    ]
      .filter(Boolean)
      .join(", ");
    const cpuPerRequest = (f: (r: RunResult) => number) =>
      saturated.reduce((n, r) => n + f(r), 0) / saturated.reduce((n, r) => n + r.requests, 0);
    rows.push([
      t.name,
      rps.toFixed(0),
      (rps / baselineRps).toFixed(2),
      `${cpuPerRequest((r) => r.nodeCpuMs).toFixed(1)} / ${cpuPerRequest((r) => r.pgCpuMs).toFixed(1)}`,
      `${m(saturated, (r) => r.p50).toFixed(0)}/${m(saturated, (r) => r.p95).toFixed(0)}/${m(saturated, (r) => r.p99).toFixed(0)}`,
      `${m(paced, (r) => r.p50).toFixed(0)}/${pacedP95.toFixed(0)}/${m(paced, (r) => r.p99).toFixed(0)}`,
      light.length
        ? `${m(light, (r) => r.p50).toFixed(0)}/${lightP95.toFixed(0)}/${m(light, (r) => r.p99).toFixed(0)}`
        : "–",
      [...saturated, ...paced, ...light].reduce((n, r) => n + r.errors + r.non2xx, 0),
      verdict,
    ]);
  }
  printTable(
    `HTTP, ${CONNECTIONS} signed-in sessions, ${RUNS}×${DURATION} s per measurement (medians) — ${machine()}`,
    [
      "target",
      "saturated req/s",
      "× baseline",
      "CPU ms/request Node / PostgreSQL",
      "saturated p50/p95/p99 ms",
      `paced ${PACED_RATE} req/s p50/p95/p99 ms`,
      `paced ${LIGHT_RATE} req/s p50/p95/p99 ms`,
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
