/**
 * EXPLAIN of the SQL the list pages really send, on a school
 * of 40,000 students and 10,000 applications. The pages' own services and
 * repositories are called (teacher application monitor of a class, the
 * teacher's class roster, the admin determination queue page 1, the admin
 * student roster page 1, the applicant home) with a Prisma client that
 * reports every query and its parameters; each SELECT is then EXPLAINed with
 * those parameters. Fails (exit 1) when a plan reads Student, Application or
 * Person with a sequential scan.
 *
 *   npm run bench:explain [-- --analyze]
 */
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { scopeOf } from "@/lib/auth/scope";
import type { SessionUser } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import { PrismaClient } from "@/lib/db/generated/client";
import { listApplicantChildren } from "@/lib/db/home.repo";
import { listImportJobs } from "@/lib/db/import-jobs.repo";
import { listGradeRefs, listStudentRoster } from "@/lib/db/student-roster.repo";
import { findCurrentTerm, termDatesForSchool } from "@/lib/db/terms.repo";
import { loadQueue } from "@/lib/services/determination-queue";
import { loadRoster } from "@/lib/services/class-roster";
import { loadMonitor } from "@/lib/services/teacher-verification";
import { freshDatabase } from "./support/database";
import { populateNeighbourSchools, populateSchool } from "./support/populate";
import { machine } from "./support/stats";

const ANALYZE = process.argv.includes("--analyze");
console.log(`machine: ${machine()}; ${new Date().toISOString()}`);
const bench = await freshDatabase("bench_explain");
const t0 = Date.now();
const world = await populateSchool(db(), { students: 40_000, applications: 10_000, accounts: 10 });
// Two more schools of the county (a county has about 100,000 students: docs/deployment.md), so the pages must find their school's rows among others'.
await populateNeighbourSchools(db(), world, { schools: 2, students: 30_000, applications: 7_500 });
// Two students of the first class left the school after applying: the monitor still counts them (monitorMembers).
const leavers = await db().application.findMany({
  where: {
    classId: world.teachers[0]!.classId,
    termId: world.termId,
    personId: { notIn: world.applicants.map((a) => a.personId) },
  },
  select: { studentId: true },
  take: 2,
});
await db().student.updateMany({
  where: { id: { in: leavers.map((a) => a.studentId) } },
  data: { status: "TRANSFERRED_OUT" },
});
// VACUUM as well: a database in use has been vacuumed by autovacuum (visibility map set, so counts can be
// index-only scans); a freshly bulk-loaded one has not, and the planner then reads the table instead.
await db().$executeRawUnsafe("VACUUM ANALYZE");
console.log(`populated in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
await db().$disconnect();

// From here on the app's db() is a client that reports its queries.
const captured: { query: string; params: string }[] = [];
const client = new PrismaClient({
  adapter: new PrismaPg({ connectionString: bench.url }),
  log: [{ emit: "event", level: "query" }],
});
client.$on("query", (e) => captured.push({ query: e.query, params: e.params }));
(globalThis as unknown as { __aidPrisma?: PrismaClient }).__aidPrisma = client;

const session = (u: {
  id: string;
  role: SessionUser["role"];
  displayName: string;
  schoolId: string | null;
  personId: string | null;
}): SessionUser => ({
  id: u.id,
  role: u.role,
  displayName: u.displayName,
  schoolId: u.schoolId,
  regionId: null,
  personId: u.personId,
  regionPath: null,
  mustChangePassword: false,
});
const teacherRow = await db().user.findFirstOrThrow({ where: { username: world.teachers[0]!.username } });
const adminRow = await db().user.findFirstOrThrow({ where: { username: world.admin } });
const studentRow = await db().user.findFirstOrThrow({ where: { personId: world.applicants[0]!.personId } });
const teacher = session(teacherRow),
  admin = session(adminRow),
  student = session(studentRow);
const classId = world.teachers[0]!.classId;

const must = <T extends { ok: boolean }>(r: T) => {
  if (!r.ok) throw new Error(JSON.stringify(r));
  return r;
};
const pages: { name: string; run: () => Promise<unknown> }[] = [
  {
    name: "teacher application monitor (one class, page 1)",
    run: async () => must(await loadMonitor(teacher, { classId, page: "1" })),
  },
  { name: "teacher class roster (page 1)", run: async () => must(await loadRoster(teacher, classId, 1)) },
  {
    name: "admin determination queue (page 1)",
    run: async () => {
      must(await loadQueue(admin, { page: 1 }));
    },
  },
  {
    name: "admin student roster (page 1)",
    run: () => {
      const scope = scopeOf(admin);
      return Promise.all([
        listImportJobs(scope, "ROSTER"),
        listGradeRefs(scope),
        listStudentRoster(scope, { skip: 0, take: 50 }),
      ]);
    },
  },
  {
    name: "admin determination queue (one class)",
    run: async () => {
      must(await loadQueue(admin, { page: 1, classId }));
    },
  },
  {
    name: "admin determination queue (state 已认定, page 2)",
    run: async () => {
      must(await loadQueue(admin, { page: 2, state: "determined" }));
    },
  },
  {
    name: "admin student roster (name search “王”, page 1)",
    run: () => listStudentRoster(scopeOf(admin), { q: "王", skip: 0, take: 50 }),
  },
  {
    name: "applicant home",
    run: async () => {
      const term = await findCurrentTerm();
      const children = await listApplicantChildren(scopeOf(student), term?.id ?? null);
      if (term && children[0]) await termDatesForSchool(term, children[0].schoolId);
    },
  },
];

// Warm up once (the determination queue stores the simulated levels of its first page on the first visit).
for (const p of pages) await p.run();
await new Promise((r) => setTimeout(r, 50));

const raw = new pg.Client({ connectionString: bench.url });
await raw.connect();
const SEQ = /Seq Scan on "?(Student|Application|Person)"?/;
const report: string[] = [];
let bad = 0;
for (const p of pages) {
  captured.length = 0;
  await p.run();
  await new Promise((r) => setTimeout(r, 50));
  const selects = captured.filter((q) => /^\s*SELECT/i.test(q.query));
  report.push(`\n## ${p.name} — ${selects.length} SELECT(s)`);
  for (const q of selects) {
    const params = JSON.parse(q.params) as unknown[];
    const plan = (
      await raw.query<{ "QUERY PLAN": string }>(
        `EXPLAIN ${ANALYZE ? "(ANALYZE, BUFFERS off) " : ""}${q.query}`,
        params,
      )
    ).rows
      .map((r) => r["QUERY PLAN"])
      .join("\n");
    const seq = SEQ.test(plan);
    if (seq) bad++;
    report.push(
      `\n${seq ? "← SEQUENTIAL SCAN of Student/Application/Person\n" : ""}${q.query}\n-- params: ${q.params.length > 300 ? `${q.params.slice(0, 300)}…` : q.params}\n${plan}`,
    );
  }
}
console.log(report.join("\n"));
await raw.end();
await client.$disconnect();
await bench.stop();
console.log(
  bad
    ? `\n${bad} query plan(s) scan Student, Application or Person sequentially.`
    : "\nNo sequential scan of Student, Application or Person on these page requests.",
);
process.exit(bad ? 1 : 0);
