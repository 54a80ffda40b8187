/**
 * EXPLAIN of the main list queries on a school of 40,000 students and 10,000
 * applications: no sequential scan of students or applications on a page
 * request. Run: npm run bench:explain
 */
import { db } from "@/lib/db/client";
import { freshDatabase } from "./support/database";
import { populateSchool } from "./support/populate";

const bench = await freshDatabase("bench_explain");
const t0 = Date.now();
const world = await populateSchool(db(), { students: 40_000, applications: 10_000, accounts: 10 });
console.log(`populated in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
await db().$executeRawUnsafe("ANALYZE");

const classId = world.teachers[0]!.classId;
const queries: { name: string; sql: string }[] = [
  {
    name: "teacher application monitor (one class, page 1)",
    sql: `SELECT a.id, a.state, p.name FROM "Application" a JOIN "Person" p ON p.id = a."personId" WHERE a."classId" = '${classId}' AND a."termId" = '${world.termId}' ORDER BY p.name LIMIT 50`,
  },
  {
    name: "class roster (one class, page 1)",
    sql: `SELECT s.id, p.name FROM "Student" s JOIN "Person" p ON p.id = s."personId" WHERE s."classId" = '${classId}' ORDER BY p.name LIMIT 50`,
  },
  {
    name: "admin review list (verified, page 1)",
    sql: `SELECT a.id FROM "Application" a WHERE a."schoolId" = '${world.schoolId}' AND a."termId" = '${world.termId}' AND a.state = 'verified' ORDER BY a."classId", a.id LIMIT 50`,
  },
  {
    name: "applicant home (own application)",
    sql: `SELECT a.id FROM "Application" a WHERE a."personId" = '${world.applicants[0]!.personId}' AND a."termId" = '${world.termId}'`,
  },
];
let seqScans = 0;
for (const q of queries) {
  const rows = await db().$queryRawUnsafe<{ "QUERY PLAN": string }[]>(`EXPLAIN ${q.sql}`);
  const plan = rows.map((r) => r["QUERY PLAN"]).join("\n");
  const bad = /Seq Scan on "?(Student|Application)"?/.test(plan);
  if (bad) seqScans++;
  console.log(`\n### ${q.name}${bad ? "  ← SEQUENTIAL SCAN" : ""}\n\n${q.sql}\n\n${plan}`);
}
await db().$disconnect();
await bench.stop();
console.log(seqScans ? `\n${seqScans} query plan(s) scan students or applications sequentially.` : "\nNo sequential scan of students or applications.");
process.exit(seqScans ? 1 : 0);
