/**
 * EXPLAIN ANALYZE of the supervisor's region queries (lib/db/region-queries.repo.ts) on a generated province:
 * 21 cities, 126 counties, 5,000 schools, STUDENTS students (default 400,000; `-- 2000000` for the full
 * province of issue 18), 30 % of them applying this term (20 % determined), 10 % on a special-group list,
 * 7 % registered in another county and 3 % in another province, plus 50 schools of a neighbouring province
 * where some of this province's people study. The services are called as a county, a city and the province
 * supervisor; every SELECT they send is EXPLAINed with its parameters (ANALYZE: real times). Fails (exit 1)
 * when a plan reads Student, Application or Person with a sequential scan.
 *
 *   npx tsx --import ./scripts/server-only-stub.mjs bench/region-queries.ts [students]
 */
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import type { SessionUser } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import { PrismaClient } from "@/lib/db/generated/client";
import { seedDefaultModel } from "@/lib/db/seed/applications";
import {
  prepareRegionQueryExport,
  viewDeterminations,
  viewHukou,
  viewSpecialGroup,
} from "@/lib/services/region-queries";
import { existingDatabase, freshDatabase } from "./support/database";
import { machine } from "./support/stats";

const REUSE = process.argv.includes("--reuse");
const STUDENTS = Number(process.argv.slice(2).find((arg) => /^\d+$/.test(arg)) ?? 400_000);
const SCHOOLS = 5_000;
console.log(`machine: ${machine()}; ${new Date().toISOString()}; ${STUDENTS} students, ${SCHOOLS} schools`);
const bench = REUSE
  ? await existingDatabase("bench_region_queries")
  : await freshDatabase("bench_region_queries");
const t0 = Date.now();
if (!REUSE) await populate();
console.log(`populated in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
await db().$disconnect();

async function populate() {
  const model = await seedDefaultModel(db());
  const sql = (text: string) => db().$executeRawUnsafe(text);

  await sql(`INSERT INTO "Region"(id, code, name, level, "parentId", path) VALUES
  ('r45', '450000', '测试省', 'PROVINCE', NULL, '/450000/'),
  ('xr46', '460000', '邻省', 'PROVINCE', NULL, '/460000/'),
  ('xc46', '460100', '邻省一市', 'CITY', 'xr46', '/460000/460100/'),
  ('xk46', '460101', '邻省一区', 'COUNTY', 'xc46', '/460000/460100/460101/')`);
  await sql(`INSERT INTO "Region"(id, code, name, level, "parentId", path)
  SELECT 'c' || c, (450000 + c * 100)::text, '市' || c, 'CITY', 'r45', '/450000/' || (450000 + c * 100) || '/'
  FROM generate_series(1, 21) c`);
  await sql(`INSERT INTO "Region"(id, code, name, level, "parentId", path)
  SELECT 'k' || (c * 10 + k), (450000 + c * 100 + k)::text, '区' || c || '-' || k, 'COUNTY', 'c' || c,
    '/450000/' || (450000 + c * 100) || '/' || (450000 + c * 100 + k) || '/'
  FROM generate_series(1, 21) c, generate_series(1, 6) k`);
  // School i is in county k(((i % 126) / 6 + 1) * 10 + i % 6 + 1); stage by i % 4.
  const countyOf = (i: string) => `'k' || ((((${i}) % 126) / 6 + 1) * 10 + (${i}) % 6 + 1)`;
  const stageOf = (i: string) => `(ARRAY['PRIMARY','JUNIOR','SENIOR','VOCATIONAL'])[(${i}) % 4 + 1]::"Stage"`;
  await sql(`INSERT INTO "School"(id, code, name, "regionId", stages)
  SELECT 's' || i, (4500000000 + i)::text, '学校' || i, ${countyOf("i")}, ARRAY[${stageOf("i")}]
  FROM generate_series(0, ${SCHOOLS - 1}) i
  UNION ALL SELECT 's' || (${SCHOOLS} + i), (4600000000 + i)::text, '邻省学校' || i, 'xk46', ARRAY['SENIOR'::"Stage"]
  FROM generate_series(0, 49) i`);
  await sql(`INSERT INTO "Grade"(id, "schoolId", stage, name, "entryYear")
  SELECT 'g' || s.i, 's' || s.i, CASE WHEN s.i >= ${SCHOOLS} THEN 'SENIOR'::"Stage" ELSE ${stageOf("s.i")} END, '一年级', 2026
  FROM generate_series(0, ${SCHOOLS + 49}) s(i)`);
  await sql(`INSERT INTO "SchoolClass"(id, "schoolId", "gradeId", name)
  SELECT 'cl' || i || '_' || k, 's' || i, 'g' || i, k || '班' FROM generate_series(0, ${SCHOOLS + 49}) i, generate_series(1, 2) k`);
  await sql(`INSERT INTO "AidTerm"(id, "academicYear", semester, name, "applyStart", "applyEnd", "verifyDeadline", "reviewDeadline", "isCurrent")
  VALUES ('term', '2026-2027', 'AUTUMN', '2026-2027学年秋季学期', now() - interval '3 days', now() + interval '6 days',
    now() + interval '13 days', now() + interval '27 days', true)`);
  // Person n studies at school n % (SCHOOLS + 50) (the last 50: the neighbouring province); registered in
  // their school's county, or every 14th in another county, every 33rd in the other province.
  const schoolOf = `(n % ${SCHOOLS + 50})`;
  for (let from = 0; from < STUDENTS; from += 200_000) {
    const to = Math.min(STUDENTS, from + 200_000) - 1;
    await sql(`INSERT INTO "Person"(id, name, gender, "idType", "idNumberCipher", "idNumberHash", "idNumberMasked", "hukouRegionId", "updatedAt")
    SELECT 'p' || n, (ARRAY['王','李','张','刘','陈','杨','黄','赵'])[n % 8 + 1] || '生' || n,
      CASE WHEN n % 2 = 0 THEN 'MALE'::"Gender" ELSE 'FEMALE'::"Gender" END, 'RESIDENT_ID', 'x', 'h' || n,
      '4501**********' || lpad((n % 10000)::text, 4, '0'),
      CASE WHEN n % 33 = 0 THEN 'xk46'
           WHEN n % 14 = 0 THEN ${countyOf(`${schoolOf} + 7`)}
           WHEN ${schoolOf} >= ${SCHOOLS} THEN ${countyOf("n")}
           ELSE ${countyOf(schoolOf)} END, now()
    FROM generate_series(${from}, ${to}) n`);
    await sql(`INSERT INTO "Student"(id, "personId", "schoolId", "gradeId", "classId", stage, "studentNo", "enrolledOn", "programmeYears", "updatedAt")
    SELECT 'st' || n, 'p' || n, 's' || ${schoolOf}, 'g' || ${schoolOf}, 'cl' || ${schoolOf} || '_' || (n % 2 + 1),
      CASE WHEN ${schoolOf} >= ${SCHOOLS} THEN 'SENIOR'::"Stage" ELSE ${stageOf(schoolOf)} END, 'G' || lpad(n::text, 8, '0'), DATE '2026-09-01', 3, now()
    FROM generate_series(${from}, ${to}) n`);
    await sql(`INSERT INTO "Application"(id, "termId", "personId", "studentId", "schoolId", "classId", state,
      "commitmentSignedAt", "submittedAt", "verifiedAt", "reviewedAt", "updatedAt")
    SELECT 'a' || n, 'term', 'p' || n, 'st' || n, 's' || ${schoolOf}, 'cl' || ${schoolOf} || '_' || (n % 2 + 1),
      CASE WHEN n % 10 < 2 THEN 'determined'::"ApplicationState" ELSE 'submitted'::"ApplicationState" END,
      now(), now(), CASE WHEN n % 10 < 2 THEN now() END, CASE WHEN n % 10 < 2 THEN now() END, now()
    FROM generate_series(${from}, ${to}) n WHERE n % 10 < 3`);
    await sql(`INSERT INTO "Determination"("applicationId", "scoringModelId", "simulatedScore", "simulatedLevel", explanation,
      "finalLevel", "determinedAt", "updatedAt")
    SELECT 'a' || n, '${model.id}', 50, l.level, '{}', l.level, now(), now()
    FROM generate_series(${from}, ${to}) n,
      LATERAL (SELECT CASE WHEN n % 7 = 0 THEN 'NONE'::"HardshipLevel" ELSE 'HARDSHIP'::"HardshipLevel" END AS level) l
    WHERE n % 10 < 2`);

    await sql(`INSERT INTO "SpecialGroupEntry"(id, category, source, name, "idNumberCipher", "idNumberHash", "idNumberMasked",
      "schoolId", "listYear", "personId", "matchedAt")
    SELECT 'e' || n, (enum_range(NULL::"SpecialCategory"))[n % 11 + 1],
      CASE WHEN n % 3 = 0 THEN 'SCHOOL'::"SpecialSource" ELSE 'CENTRAL'::"SpecialSource" END, '生' || n, 'x', 'h' || n, 'm',
      's' || ${schoolOf}, 2026, 'p' || n, now()
    FROM generate_series(${from}, ${to}) n WHERE n % 10 = 7`);
    console.log(`  ${to + 1} students`);
  }
  await sql("VACUUM ANALYZE");
}

const captured: { query: string; params: string }[] = [];
const client = new PrismaClient({
  adapter: new PrismaPg({ connectionString: bench.url }),
  log: [{ emit: "event", level: "query" }],
});
client.$on("query", (e) => captured.push({ query: e.query, params: e.params }));
(globalThis as unknown as { __aidPrisma?: PrismaClient }).__aidPrisma = client;

const supervisor = async (regionId: string, path: string): Promise<SessionUser> => {
  const username = `sup_${regionId}`;
  const user =
    (await client.user.findUnique({ where: { username } })) ??
    (await client.user.create({
      data: { role: "SUPERVISOR", username, displayName: regionId, passwordHash: "x", regionId },
    }));
  return {
    id: user.id,
    role: "SUPERVISOR",
    displayName: regionId,
    schoolId: null,
    regionId,
    personId: null,
    regionPath: path,
    mustChangePassword: false,
  };
};
const county = await supervisor("k11", "/450000/450100/450101/");
const city = await supervisor("c1", "/450000/450100/");
const province = await supervisor("r45", "/450000/");

const must = <T extends { ok: boolean }>(result: T) => {
  if (!result.ok) throw new Error(JSON.stringify(result));
  return result;
};
const exportPages = async (user: SessionUser, query: string, raw: Record<string, string>, pages: number) => {
  const prepared = must(await prepareRegionQueryExport(user, query, raw));
  if (!prepared.ok) return;
  let rows = 0;
  // Only the first `pages` keyset pages: enough to see the plan of a page after a key.
  await prepared.data
    .fill({
      addRow: () => {
        if (++rows >= pages * 1_000) throw new Error("enough");
      },
      finish: async () => undefined,
    })
    .catch(() => undefined);
};
const pages: { name: string; run: () => Promise<unknown> }[] = [
  { name: "county: 认定结果, page 1", run: async () => must(await viewDeterminations(county, {})) },
  {
    name: "county: 认定结果, level 不困难, page 3",
    run: async () => must(await viewDeterminations(county, { level: "NONE", page: "3" })),
  },
  {
    name: "county: 重点保障人群, 孤儿, page 1",
    run: async () => must(await viewSpecialGroup(county, { category: "ORPHAN" })),
  },
  {
    name: "county: 本地户籍外地就读 (any group)",
    run: async () => must(await viewHukou(county, { direction: "out" })),
  },
  {
    name: "county: 外地户籍本地就读 (all students)",
    run: async () => must(await viewHukou(county, { direction: "in", category: "ALL" })),
  },
  { name: "city: 认定结果, page 40", run: async () => must(await viewDeterminations(city, { page: "40" })) },
  {
    name: "city: 本地户籍外地就读 (all students)",
    run: async () => must(await viewHukou(city, { direction: "out", category: "ALL" })),
  },
  {
    name: "province: 认定结果, stage 中职, page 1",
    run: async () => must(await viewDeterminations(province, { stage: "VOCATIONAL" })),
  },
  { name: "province: 重点保障人群, page 1", run: async () => must(await viewSpecialGroup(province, {})) },
  {
    name: "province: 外地户籍本地就读 (all students)",
    run: async () => must(await viewHukou(province, { direction: "in", category: "ALL" })),
  },
  {
    name: "province: 本地户籍外地就读 (all students)",
    run: async () => must(await viewHukou(province, { direction: "out", category: "ALL" })),
  },
  {
    name: "city: export 认定结果 (first two keyset pages)",
    run: () => exportPages(city, "determinations", {}, 2),
  },
  {
    name: "province: export 重点保障人群 (first two keyset pages)",
    run: () => exportPages(province, "special-groups", {}, 2),
  },
];
for (const page of pages) await page.run();

const raw = new pg.Client({ connectionString: bench.url });
await raw.connect();
const SEQ = /Seq Scan on "?(Student|Application|Person)"?/;
const report: string[] = [];
const summary: string[] = [];
let bad = 0;
for (const page of pages) {
  captured.length = 0;
  const started = performance.now();
  await page.run();
  const ms = performance.now() - started;
  await new Promise((resolve) => setTimeout(resolve, 50));
  const selects = captured.filter((q) => /^\s*SELECT/i.test(q.query));
  report.push(`\n## ${page.name} — ${selects.length} SELECT(s), ${ms.toFixed(0)} ms in all`);
  let slowest = 0;
  for (const q of selects) {
    const params = JSON.parse(q.params) as unknown[];
    const plan = (
      await raw.query<{ "QUERY PLAN": string }>(`EXPLAIN (ANALYZE, BUFFERS off) ${q.query}`, params)
    ).rows
      .map((row) => row["QUERY PLAN"])
      .join("\n");
    // The province's subtree is the whole database: a sequential scan stopped by the bounded count's
    // LIMIT is its best plan. Below it (a city is 1/21, a county 1/126) every plan must use an index.
    const seq = SEQ.test(plan) && !page.name.startsWith("province");
    if (seq) bad++;
    slowest = Math.max(slowest, Number(/Execution Time: ([\d.]+)/.exec(plan)?.[1] ?? 0));
    const shownParams =
      q.params.length > 200 ? `${q.params.slice(0, 200)}… (${params.length} params)` : q.params;
    report.push(
      `\n${seq ? "← SEQUENTIAL SCAN of Student/Application/Person\n" : ""}${q.query}\n-- params: ${shownParams}\n${plan}`,
    );
  }
  summary.push(`| ${page.name} | ${selects.length} | ${ms.toFixed(0)} | ${slowest.toFixed(1)} |`);
}
console.log(report.join("\n"));
console.log(
  `\n| page | SELECTs | wall ms | slowest query ms (EXPLAIN ANALYZE) |\n|---|---|---|---|\n${summary.join("\n")}`,
);
await raw.end();
await client.$disconnect();
await bench.stop();
console.log(
  bad
    ? `\n${bad} plan(s) scan Student, Application or Person sequentially.`
    : "\nNo sequential scan of Student, Application or Person.",
);
process.exit(bad ? 1 : 0);
