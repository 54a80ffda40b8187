/**
 * The supervisor's 中职 monthly list confirmation page (/console/supervisor/vocational,
 * lib/services/vocational-list-pages.ts `viewRegionLists`) on a generated province part: two cities of 300
 * vocational schools each (10 counties per city), 100 students per school, two programmes (国家助学金, 免学费)
 * × four months (September–December) of lists with every student on each (4,800 lists, 480,000 entries), in
 * every state. The service — filters, one page of 50 lists with their entry totals and attachment counts, the
 * counts per stage and to-do — is timed in-process as the city's supervisor (the server's time for the page's
 * data) against a plain SELECT of the same page's list rows (no totals, no counts), in the same run; the ratio is
 * reported. Target: ≤ 300 ms for one page of a city's month (two programmes × 300 schools).
 *
 *   npm run bench:vocational [-- runs]        (BENCH_PG_PORT: the benchmark's embedded PostgreSQL)
 */
import type { SessionUser } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import { viewRegionLists } from "@/lib/services/vocational-list-pages";
import { freshDatabase } from "./support/database";
import { fmtMs, machine, median, percentile, printTable, timeRuns } from "./support/stats";

const RUNS = Number(process.argv.slice(2).find((arg) => /^\d+$/.test(arg)) ?? 30);
const SCHOOLS_PER_CITY = 300;
const STUDENTS_PER_SCHOOL = 100;
const MONTHS = [9, 10, 11, 12];

console.log(`machine: ${machine()}; ${new Date().toISOString()}; ${RUNS} runs`);
const bench = await freshDatabase("bench_vocational_lists");
const t0 = Date.now();
await populate();
console.log(`populated in ${((Date.now() - t0) / 1000).toFixed(1)} s`);

async function populate() {
  const sql = (text: string) => db().$executeRawUnsafe(text);
  const schools = SCHOOLS_PER_CITY * 2;
  await sql(`INSERT INTO "Region"(id, code, name, level, "parentId", path) VALUES
    ('r45', '450000', '测试省', 'PROVINCE', NULL, '/450000/'),
    ('c1', '450100', '一市', 'CITY', 'r45', '/450000/450100/'),
    ('c2', '450200', '二市', 'CITY', 'r45', '/450000/450200/')`);
  await sql(`INSERT INTO "Region"(id, code, name, level, "parentId", path)
    SELECT 'k' || c || '_' || k, (450000 + c * 100 + k)::text, '区' || c || '-' || k, 'COUNTY', 'c' || c,
      '/450000/' || (450000 + c * 100) || '/' || (450000 + c * 100 + k) || '/'
    FROM generate_series(1, 2) c, generate_series(1, 10) k`);
  // School i: city i / 300 + 1, county i % 10 + 1.
  await sql(`INSERT INTO "School"(id, code, name, "regionId", stages)
    SELECT 's' || i, (4500000000 + i)::text, '职业学校' || i, 'k' || (i / ${SCHOOLS_PER_CITY} + 1) || '_' || (i % 10 + 1),
      ARRAY['VOCATIONAL'::"Stage"]
    FROM generate_series(0, ${schools - 1}) i`);
  await sql(`INSERT INTO "Grade"(id, "schoolId", stage, name, "entryYear")
    SELECT 'g' || i, 's' || i, 'VOCATIONAL', '2026级', 2026 FROM generate_series(0, ${schools - 1}) i`);
  await sql(`INSERT INTO "SchoolClass"(id, "schoolId", "gradeId", name)
    SELECT 'cl' || i, 's' || i, 'g' || i, '数控1班' FROM generate_series(0, ${schools - 1}) i`);
  await sql(`INSERT INTO "AidTerm"(id, "academicYear", semester, name, "applyStart", "applyEnd", "verifyDeadline", "reviewDeadline", "isCurrent")
    VALUES ('term', '2026-2027', 'AUTUMN', '2026-2027学年秋季学期', now() - interval '3 days', now() + interval '6 days',
      now() + interval '13 days', now() + interval '27 days', true)`);
  await sql(`INSERT INTO "AidProgramme"(id, code, name, stage, kind, period) VALUES
    ('subsidy', 'voc_subsidy', '中等职业学校国家助学金', 'VOCATIONAL', 'SUBSIDY', 'MONTHLY'),
    ('waiver', 'voc_waiver', '中等职业学校免学费', 'VOCATIONAL', 'FEE_WAIVER', 'MONTHLY')`);
  const students = schools * STUDENTS_PER_SCHOOL;
  await sql(`INSERT INTO "Person"(id, name, gender, "idType", "idNumberCipher", "idNumberHash", "idNumberMasked", "updatedAt")
    SELECT 'p' || n, '生' || n, 'MALE', 'RESIDENT_ID', 'x', 'h' || n, '4501**********' || lpad((n % 10000)::text, 4, '0'), now()
    FROM generate_series(0, ${students - 1}) n`);
  await sql(`INSERT INTO "Student"(id, "personId", "schoolId", "gradeId", "classId", stage, "studentNo", "enrolledOn", "programmeYears", "updatedAt")
    SELECT 'st' || n, 'p' || n, 's' || (n % ${schools}), 'g' || (n % ${schools}), 'cl' || (n % ${schools}), 'VOCATIONAL',
      'G' || lpad(n::text, 8, '0'), DATE '2026-09-01', 3, now()
    FROM generate_series(0, ${students - 1}) n`);
  await sql(`INSERT INTO "Roster"(id, "termId", "programmeId", "schoolId", month, "updatedAt")
    SELECT 'ro_' || p || '_' || m || '_' || i, 'term', p, 's' || i, m, now()
    FROM generate_series(0, ${schools - 1}) i, unnest(ARRAY['subsidy', 'waiver']) p, unnest(ARRAY[${MONTHS.join(",")}]) m`);
  // Every state, by school: new, school passed, both passed, published (awaiting 公示确认), confirmed and paid,
  // withdrawal requested.
  await sql(`INSERT INTO "VocationalList"("rosterId", month, "schoolReview", "supervisorReview", publicity, confirmation,
      withdrawal, payment, "publicityStart", "publicityEnd")
    SELECT r.id, r.month,
      CASE WHEN x.k = 0 THEN 'PENDING' ELSE 'PASSED' END::"ListReviewState",
      CASE WHEN x.k < 2 THEN 'PENDING' ELSE 'PASSED' END::"ListReviewState",
      CASE WHEN x.k < 3 THEN 'UNPUBLISHED' ELSE 'PUBLISHED' END::"ListPublicityState",
      CASE WHEN x.k < 4 THEN 'PENDING' ELSE 'PASSED' END::"ListConfirmationState",
      CASE WHEN x.k = 5 THEN 'PENDING' ELSE 'NONE' END::"ListWithdrawalState",
      CASE WHEN x.k >= 4 THEN 'PAID' ELSE 'UNPAID' END::"ListPaymentState",
      CASE WHEN x.k >= 3 THEN make_date(2026, r.month, 5) END, CASE WHEN x.k >= 3 THEN make_date(2026, r.month, 11) END
    FROM "Roster" r CROSS JOIN LATERAL (SELECT (substr(r."schoolId", 2)::int + r.month) % 6 AS k) x`);
  await sql(`INSERT INTO "RosterEntry"(id, "rosterId", "studentId", level, "amountFen", "paidAt", "paidAmountFen")
    SELECT 'e_' || r.id || '_' || st.id, r.id, st.id, 'HARDSHIP', CASE WHEN r."programmeId" = 'subsidy' THEN 20000 ELSE 175000 END,
      CASE WHEN v.payment = 'PAID' THEN now() END,
      CASE WHEN v.payment = 'PAID' THEN CASE WHEN r."programmeId" = 'subsidy' THEN 20000 ELSE 175000 END END
    FROM "Roster" r JOIN "VocationalList" v ON v."rosterId" = r.id JOIN "Student" st ON st."schoolId" = r."schoolId"`);
  await sql("VACUUM ANALYZE");
  const [lists, entries] = await Promise.all([db().vocationalList.count(), db().rosterEntry.count()]);
  console.log(`  ${schools} schools, ${students} students, ${lists} lists, ${entries} entries`);
}

const supervisor = (regionId: string, regionPath: string): SessionUser => ({
  id: `sup_${regionId}`,
  role: "SUPERVISOR",
  displayName: "主管部门",
  schoolId: null,
  regionId,
  personId: null,
  regionPath,
  mustChangePassword: false,
});
const city = supervisor("c1", "/450000/450100/");
const county = supervisor("k1_1", "/450000/450100/450101/");
await db().user.createMany({
  data: [city, county].map((user) => ({
    id: user.id,
    role: "SUPERVISOR" as const,
    displayName: user.displayName,
    username: user.id,
    passwordHash: "x",
    regionId: user.regionId,
    supervisorDuty: "OPERATOR" as const,
  })),
});

/** The plain SELECT of the same page's list rows: owner and month filter, the order, LIMIT/OFFSET. */
const plain = (regionPath: string, month: number | null, offset: number) =>
  db().$queryRawUnsafe(
    `SELECT v."rosterId", v.month, s.name, s.code, p.kind::text, v."schoolReview"::text, v."supervisorReview"::text,
       v.publicity::text, v.confirmation::text, v.withdrawal::text, v.payment::text, v."publicityStart", v."publicityEnd"
     FROM "VocationalList" v JOIN "Roster" r ON r.id = v."rosterId" JOIN "School" s ON s.id = r."schoolId"
     JOIN "Region" g ON g.id = s."regionId" JOIN "AidProgramme" p ON p.id = r."programmeId"
     WHERE g.path LIKE $1 ${month === null ? "" : "AND v.month = $2"}
     ORDER BY v.month DESC, s.code, p.kind LIMIT 50 OFFSET ${offset}`,
    `${regionPath}%`,
    ...(month === null ? [] : [month]),
  );

const cases: {
  name: string;
  user: SessionUser;
  params: Record<string, string>;
  month: number | null;
  offset: number;
}[] = [
  {
    name: "city, 2026-11, page 1 (600 lists)",
    user: city,
    params: { month: "2026-11" },
    month: 11,
    offset: 0,
  },
  {
    name: "city, 2026-11, last page",
    user: city,
    params: { month: "2026-11", page: "12" },
    month: 11,
    offset: 550,
  },
  {
    name: "city, 2026-11, todo=awaiting_confirmation",
    user: city,
    params: { month: "2026-11", todo: "awaiting_confirmation" },
    month: 11,
    offset: 0,
  },
  { name: "city, all months, page 1 (2,400 lists)", user: city, params: {}, month: null, offset: 0 },
  {
    name: "county, 2026-11, page 1 (60 lists)",
    user: county,
    params: { month: "2026-11" },
    month: 11,
    offset: 0,
  },
];

const rows: (string | number)[][] = [];
for (const item of cases) {
  const check = await viewRegionLists(item.user, item.params);
  if (!check.ok) throw new Error(check.message);
  const service = await timeRuns(RUNS, () => viewRegionLists(item.user, item.params), 3);
  const baseline = await timeRuns(RUNS, () => plain(item.user.regionPath!, item.month, item.offset), 3);
  rows.push([
    item.name,
    check.data.rows.length,
    check.data.window.total,
    fmtMs(median(service)),
    fmtMs(percentile(service, 95)),
    fmtMs(median(baseline)),
    `${(median(service) / median(baseline)).toFixed(1)}×`,
  ]);
}
printTable(
  `中职 monthly list confirmation page (${RUNS} runs each, medians)`,
  ["case", "rows", "matched", "service p50", "service p95", "plain SELECT p50", "ratio"],
  rows,
);
await db().$disconnect();
await bench.stop();
