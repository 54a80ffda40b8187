/**
 * Fills a benchmark database with a province (bench/README.md, "Province-scale supervisor pages"):
 * 21 cities, 120 counties, 5,000 schools, 2,000,000 students (plan.ts), and for the current term
 * (2026-2027 秋季) ~600,000 applications in a realistic mix of states with their households, programmes and
 * determinations (levels fitting each stage's tiers), special-group entries (5 %), NoAidRecords, approved and
 * partly paid rosters with their payment history, publicity; a prior term (2025-2026 春季) fully determined and
 * paid, for trends; 中职 schools with overdue students; one person in ten registered in another county.
 *
 * Persons are sealed in Node by the app's field crypto (people.ts) and sent in batches; everything else is
 * set-based SQL (INSERT … SELECT over generate_series and the plan's tables in schema "bench") inside the
 * embedded PostgreSQL, with every trigger and CHECK of the schema in force. Each step is timed.
 */
import type pg from "pg";
import { hashPassword } from "@/lib/auth/password";
import { DEFAULT_SCORING_MODEL } from "@/lib/db/seed/default-scoring-model";
import { personBatches, type PersonBatch } from "./people";
import { GRADES, PROVINCE, provincePlan, type ProvincePlan, type SchoolPlan } from "./plan";

export const PASSWORD = "Bench2026pass";
export const CURRENT_TERM = "btermcur";
export const PRIOR_TERM = "btermpri";

export type Supervisor = {
  username: string;
  level: "PROVINCE" | "CITY" | "COUNTY";
  regionId: string;
  regionName: string;
};
export type ProvinceWorld = {
  students: number;
  schools: number;
  supervisors: Supervisor[];
  steps: { step: string; ms: number; rows: number }[];
  totalMs: number;
  databaseBytes: number;
  generatedAt: string;
};

/** Per-stage programme: code, name, one-tier stage (困难 only), amounts (fen) by level, monthly or per semester. */
const PROGRAMMES = [
  {
    stage: "KINDERGARTEN",
    code: "bpk_preschool",
    name: "学前教育幼儿资助",
    oneTier: false,
    amounts: [100_000, 75_000, 50_000],
    monthly: false,
  },
  {
    stage: "PRIMARY",
    code: "bpk_primary_living",
    name: "义务教育家庭经济困难学生生活补助（小学）",
    oneTier: true,
    amounts: [null, 50_000, null],
    monthly: false,
  },
  {
    stage: "JUNIOR",
    code: "bpk_junior_living",
    name: "义务教育家庭经济困难学生生活补助（初中）",
    oneTier: true,
    amounts: [null, 62_500, null],
    monthly: false,
  },
  {
    stage: "SENIOR",
    code: "bpk_senior_grant",
    name: "普通高中国家助学金",
    oneTier: false,
    amounts: [125_000, 100_000, 75_000],
    monthly: false,
  },
  {
    stage: "VOCATIONAL",
    code: "bpk_vocational_grant",
    name: "中等职业教育国家助学金",
    oneTier: true,
    amounts: [null, 20_000, null],
    monthly: true,
  },
] as const;

/** The two terms: tag, id, name, months of the monthly rosters, and the months already paid. */
const TERMS = [
  {
    id: CURRENT_TERM,
    tag: "c",
    academicYear: "2026-2027",
    semester: "AUTUMN",
    name: "2026-2027学年秋季学期",
    months: [9, 10, 11],
    paidMonths: [9, 10],
    current: true,
    applyStart: "2026-09-01",
    applyEnd: "2026-10-15",
    verifyDeadline: "2026-10-31",
    reviewDeadline: "2026-11-30",
  },
  {
    id: PRIOR_TERM,
    tag: "p",
    academicYear: "2025-2026",
    semester: "SPRING",
    name: "2025-2026学年春季学期",
    months: [3, 4, 5, 6],
    paidMonths: [3, 4, 5, 6],
    current: false,
    applyStart: "2026-03-01",
    applyEnd: "2026-03-20",
    verifyDeadline: "2026-03-31",
    reviewDeadline: "2026-04-20",
  },
] as const;

const NATIONAL = [
  "POVERTY_ALLEVIATED",
  "POVERTY_UNSTABLE",
  "MARGINAL_POVERTY_RISK",
  "SUDDEN_SEVERE_HARDSHIP",
  "MINIMUM_LIVING",
  "EXTREME_POVERTY_SUPPORT",
  "ORPHAN",
  "DISABLED_STUDENT",
  "CHILD_OF_DISABLED",
  "DE_FACTO_UNSUPPORTED",
  "NEAR_MINIMUM_LIVING",
];

// A uniform 0..999 hash of a person number, and a second independent one.
const H = (n: string) => `((${n}::bigint * 2654435761) % 4294967296 % 1000)`;
const H2 = (n: string) => `((${n}::bigint * 40503 + 7) % 1000)`;

export async function generateProvince(
  client: pg.Client,
  opts: { students: number; schools: number; counties: number; log?: (line: string) => void },
): Promise<ProvinceWorld> {
  const log = opts.log ?? ((line: string) => console.log(line));
  const plan = provincePlan(opts);
  const steps: ProvinceWorld["steps"] = [];
  const started = performance.now();
  const step = async (name: string, fn: () => Promise<number>) => {
    const t = performance.now();
    const rows = await fn();
    const ms = performance.now() - t;
    steps.push({ step: name, ms, rows });
    log(`  ${name}: ${rows.toLocaleString("en")} rows in ${(ms / 1000).toFixed(1)} s`);
  };
  const run = async (sql: string, params: unknown[] = []) => (await client.query(sql, params)).rowCount ?? 0;

  await client.query("SET synchronous_commit = off");
  await step("regions and schools", () => organisation(client, plan));
  await step("grades", () =>
    run(`INSERT INTO "Grade" ("id", "schoolId", "stage", "name", "entryYear", "sortOrder")
         SELECT s.id || 'g' || gp.g, s.id, s.stage::"Stage", gp.name, gp.entry_year, gp.g + 1
           FROM bench.school s JOIN bench.grade_plan gp ON gp.stage = s.stage`),
  );
  // Students r = 0 … size−1 of a school: grade r % G, class ⌊⌊r / G⌋ / 45⌋ + 1 (plan.ts placeOf).
  await step("classes", () =>
    run(`INSERT INTO "SchoolClass" ("id", "schoolId", "gradeId", "name")
         SELECT s.id || 'g' || gp.g || 'c' || c, s.id, s.id || 'g' || gp.g, c || '班'
           FROM bench.school s JOIN bench.grade_plan gp ON gp.stage = s.stage
           CROSS JOIN LATERAL generate_series(1, ceil(((s.size - 1 - gp.g) / gp.grades + 1) / 45.0)::int) c
          WHERE s.size > gp.g`),
  );
  await step("terms, programmes, scoring model", () => catalogue(client));
  const supervisors = await accounts(client, plan, step);
  await step("persons (sealed ID numbers)", () => persons(client, plan));
  await step("students", () =>
    run(`INSERT INTO "Student" ("id", "personId", "schoolId", "gradeId", "classId", "stage", "studentNo", "enrolledOn",
                                "programmeYears", "status", "updatedAt")
         SELECT 'bst' || n, 'bp' || n, s.id, s.id || 'g' || x.g, s.id || 'g' || x.g || 'c' || x.c, s.stage::"Stage",
                'G' || lpad(n::text, 12, '0'), make_date(gp.entry_year, 9, 1),
                CASE WHEN s.has_overdue AND gp.g = 2 AND n % 4 = 0 THEN 2 ELSE gp.years END,
                (CASE n % 100 WHEN 99 THEN 'SUSPENDED' WHEN 98 THEN 'TRANSFERRED_OUT' ELSE 'IN_SCHOOL' END)::"EnrolmentStatus",
                now()
           FROM bench.school s
           CROSS JOIN LATERAL generate_series(s.start_n, s.start_n + s.size - 1) n
           CROSS JOIN LATERAL (SELECT (n - s.start_n) % s.grades AS g,
                                      ((n - s.start_n) / s.grades) / 45 + 1 AS c) x
           JOIN bench.grade_plan gp ON gp.stage = s.stage AND gp.g = x.g`),
  );
  // 5 %: every 20th person is on a special-group list of their school (11 national categories, 70 % 中央下发).
  await step("special-group entries", () =>
    run(
      `INSERT INTO "SpecialGroupEntry" ("id", "category", "source", "name", "idNumberCipher", "idNumberHash", "idNumberMasked",
                                        "schoolId", "listYear", "personId", "matchedAt")
       SELECT 'bsg' || st.n, ($1::text[])[((st.n / 20) % 11) + 1]::"SpecialCategory",
              (CASE WHEN (st.n / 20) % 10 < 7 THEN 'CENTRAL' ELSE 'SCHOOL' END)::"SpecialSource",
              p.name, p."idNumberCipher", p."idNumberHash", p."idNumberMasked", st."schoolId", 2026, p.id, now()
         FROM (SELECT substr(id, 4)::int AS n, "personId", "schoolId" FROM "Student") st
         JOIN "Person" p ON p.id = st."personId"
        WHERE st.n % 20 = 0`,
      [NATIONAL],
    ),
  );
  for (const term of TERMS) await applicationsOf(term, step, run);
  await step("no-aid records", () =>
    run(`INSERT INTO "NoAidRecord" ("id", "termId", "schoolId", "studentId", "reason", "detail", "recordedById")
         SELECT 'bna' || a.n, a."termId", a."schoolId", a."studentId",
                (CASE a.state WHEN 'waived' THEN 'WAIVED' WHEN 'withdrawn' THEN 'OTHER' ELSE 'AIDED_ELSEWHERE' END)::"NoAidReason",
                CASE a.state WHEN 'withdrawn' THEN '学生撤回申请' END, 'badm' || substr(a."schoolId", 5)
           FROM (SELECT substr(id, 4)::int AS n, * FROM "Application" WHERE "termId" = '${CURRENT_TERM}') a
          WHERE a.n % 20 = 0 AND ${H("a.n")} % 5 <> 0
            AND (a.state IN ('waived', 'withdrawn') OR (a.state = 'draft'))`),
  );
  for (const term of TERMS) await rostersOf(term, step, run);
  await step("publicity (current term)", async () => {
    const batches = await run(
      `INSERT INTO "PublicityBatch" ("id", "schoolId", "termId", "kind", "scope", "title", "startDate", "endDate",
                                     "workingDays", "state", "createdById")
       SELECT 'bpb' || s.idx, s.id, '${CURRENT_TERM}', 'DETERMINATION', 'SCHOOL', '2026年秋季学期家庭经济困难学生认定结果公示',
              DATE '2026-11-12', DATE '2026-11-18', 5, 'FINAL', 'badm' || substr(s.id, 5)
         FROM bench.school s WHERE NOT s.lagging AND s.idx % 10 < 8`,
    );
    const items = await run(
      `INSERT INTO "PublicityItem" ("id", "batchId", "applicationId", "studentName", "className", "result", "sortOrder")
       SELECT 'bpi' || substr(a.id, 4), 'bpb' || substr(a."schoolId", 5)::int, a.id, p.name, g.name || c.name,
              CASE d."finalLevel" WHEN 'SPECIAL' THEN '特别困难' WHEN 'HARDSHIP' THEN '困难' ELSE '一般困难' END,
              row_number() OVER (PARTITION BY a."schoolId" ORDER BY a.id)
         FROM "Application" a
         JOIN "Determination" d ON d."applicationId" = a.id
         JOIN "Person" p ON p.id = a."personId"
         JOIN "SchoolClass" c ON c.id = a."classId"
         JOIN "Grade" g ON g.id = c."gradeId"
         JOIN bench.school s ON s.id = a."schoolId"
        WHERE a."termId" = '${CURRENT_TERM}' AND a.state = 'determined' AND d."finalLevel" <> 'NONE'
          AND NOT s.lagging AND s.idx % 10 < 8`,
    );
    return batches + items;
  });
  await step("VACUUM ANALYZE", async () => {
    await client.query("VACUUM ANALYZE");
    return 0;
  });
  const size = await client.query<{ bytes: string }>("SELECT pg_database_size(current_database()) AS bytes");
  return {
    students: opts.students,
    schools: opts.schools,
    supervisors,
    steps,
    totalMs: performance.now() - started,
    databaseBytes: Number(size.rows[0]!.bytes),
    generatedAt: new Date().toISOString(),
  };
}

async function organisation(client: pg.Client, plan: ProvincePlan): Promise<number> {
  let rows = 0;
  const regions = [
    {
      ...PROVINCE,
      level: "PROVINCE",
      parentId: null as string | null,
      path: `/${PROVINCE.code}/`,
      living: null as number | null,
    },
    ...plan.cities.map((c) => ({
      ...c,
      level: "CITY",
      parentId: PROVINCE.id,
      path: `/${PROVINCE.code}/${c.code}/`,
      living: null,
    })),
    ...plan.counties.map((c) => ({
      ...c,
      level: "COUNTY",
      parentId: c.city.id,
      path: `/${PROVINCE.code}/${c.city.code}/${c.code}/`,
      living: 80_000 + (c.index % 6) * 10_000,
    })),
  ];
  rows += (
    await client.query(
      `INSERT INTO "Region" ("id", "code", "name", "level", "parentId", "path", "minimumLivingStandardFen")
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::"RegionLevel"[], $5::text[], $6::text[], $7::int[])`,
      [
        regions.map((r) => r.id),
        regions.map((r) => r.code),
        regions.map((r) => r.name),
        regions.map((r) => r.level),
        regions.map((r) => r.parentId),
        regions.map((r) => r.path),
        regions.map((r) => r.living),
      ],
    )
  ).rowCount!;
  const col = <T>(f: (s: SchoolPlan) => T) => plan.schools.map(f);
  rows += (
    await client.query(
      `INSERT INTO "School" ("id", "code", "name", "regionId", "stages", "isVillage")
       SELECT id, code, name, region, ARRAY[stage]::"Stage"[], village
         FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::"Stage"[], $6::bool[])
              AS t(id, code, name, region, stage, village)`,
      [
        col((s) => s.id),
        col((s) => s.code),
        col((s) => s.name),
        col((s) => s.county.id),
        col((s) => s.stage),
        col((s) => s.isVillage),
      ],
    )
  ).rowCount!;
  // The plan, for the SQL steps (kept: the harness picks its samples from it).
  await client.query(`DROP SCHEMA IF EXISTS bench CASCADE; CREATE SCHEMA bench;
    CREATE TABLE bench.school (idx int PRIMARY KEY, id text NOT NULL, stage text NOT NULL, start_n int NOT NULL,
      size int NOT NULL, grades int NOT NULL, county_id text NOT NULL, lagging bool NOT NULL, has_overdue bool NOT NULL);
    CREATE TABLE bench.grade_plan (stage text, g int, name text, entry_year int, years int, grades int,
      PRIMARY KEY (stage, g));`);
  await client.query(
    `INSERT INTO bench.school SELECT * FROM unnest($1::int[], $2::text[], $3::text[], $4::int[], $5::int[], $6::int[],
       $7::text[], $8::bool[], $9::bool[])`,
    [
      col((s) => s.index),
      col((s) => s.id),
      col((s) => s.stage),
      col((s) => s.start),
      col((s) => s.size),
      col((s) => GRADES[s.stage].length),
      col((s) => s.county.id),
      col((s) => s.lagging),
      col((s) => s.hasOverdue),
    ],
  );
  const grades = Object.entries(GRADES).flatMap(([stage, gs]) =>
    gs.map((g, i) => [stage, i, g.name, g.entryYear, g.years, gs.length] as const),
  );
  await client.query(
    `INSERT INTO bench.grade_plan SELECT * FROM unnest($1::text[], $2::int[], $3::text[], $4::int[], $5::int[], $6::int[])`,
    [0, 1, 2, 3, 4, 5].map((k) => grades.map((g) => g[k])),
  );
  return rows;
}

async function catalogue(client: pg.Client): Promise<number> {
  let rows = 0;
  for (const t of TERMS) {
    rows += (
      await client.query(
        `INSERT INTO "AidTerm" ("id", "academicYear", "semester", "name", "applyStart", "applyEnd", "verifyDeadline",
                                "reviewDeadline", "isCurrent")
         VALUES ($1, $2, $3, $4, $5::date - interval '8 hours', $6::date + interval '16 hours',
                 $7::date + interval '16 hours', $8::date + interval '16 hours', $9)`,
        [
          t.id,
          t.academicYear,
          t.semester,
          t.name,
          t.applyStart,
          t.applyEnd,
          t.verifyDeadline,
          t.reviewDeadline,
          t.current,
        ],
      )
    ).rowCount!;
  }
  for (const p of PROGRAMMES) {
    await client.query(
      `INSERT INTO "AidProgramme" ("id", "code", "name", "stage", "kind", "period", "eligibleLevels", "eligibleCategories")
       VALUES ($1, $2, $3, $4, 'SUBSIDY', $5, $6::"HardshipLevel"[], $7::"SpecialCategory"[])`,
      [
        p.code.replace(/_/g, ""),
        p.code,
        p.name,
        p.stage,
        p.monthly ? "MONTHLY" : "SEMESTER",
        p.oneTier ? ["HARDSHIP"] : ["SPECIAL", "HARDSHIP", "GENERAL"],
        NATIONAL,
      ],
    );
    for (const t of TERMS)
      await client.query(
        `INSERT INTO "TermProgramme" ("id", "termId", "programmeId", "amountMode", "amountSpecialFen", "amountHardshipFen", "amountGeneralFen")
         VALUES ($1, $2, $3, 'BY_LEVEL', $4, $5, $6)`,
        [`btp${t.tag}${p.code.slice(4)}`.replace(/_/g, ""), t.id, p.code.replace(/_/g, ""), ...p.amounts],
      );
    rows += 1 + TERMS.length;
  }
  await client.query(
    `INSERT INTO "ScoringModel" ("id", "schoolId", "name", "version", "config") VALUES ('bmodel', NULL, $1, 1, $2)`,
    [DEFAULT_SCORING_MODEL.name, JSON.stringify(DEFAULT_SCORING_MODEL.config)],
  );
  return rows + 1;
}

/** One school admin per school; 20 supervisors of the load (2 province, 6 cities, 12 counties in other cities). */
async function accounts(
  client: pg.Client,
  plan: ProvincePlan,
  step: (name: string, fn: () => Promise<number>) => Promise<void>,
): Promise<Supervisor[]> {
  const hash = await hashPassword(PASSWORD);
  const supervisors: Supervisor[] = [
    { username: "bench_sup_province_1", level: "PROVINCE", regionId: PROVINCE.id, regionName: PROVINCE.name },
    { username: "bench_sup_province_2", level: "PROVINCE", regionId: PROVINCE.id, regionName: PROVINCE.name },
    ...plan.cities.slice(0, 6).map((c, i) => ({
      username: `bench_sup_city_${i + 1}`,
      level: "CITY" as const,
      regionId: c.id,
      regionName: c.name,
    })),
    ...plan.counties.slice(30, 42).map((c, i) => ({
      username: `bench_sup_county_${i + 1}`,
      level: "COUNTY" as const,
      regionId: c.id,
      regionName: c.name,
    })),
  ];
  await step("accounts", async () => {
    const admins = await client.query(
      `INSERT INTO "User" ("id", "role", "displayName", "username", "schoolId", "passwordHash", "updatedAt")
       SELECT 'badm' || substr(id, 5), 'SCHOOL_ADMIN', '资助管理员', 'bench_admin_' || idx, id, $1, now() FROM bench.school`,
      [hash],
    );
    const sups = await client.query(
      `INSERT INTO "User" ("id", "role", "displayName", "username", "regionId", "supervisorDuty", "passwordHash", "updatedAt")
       SELECT 'bsup' || k, 'SUPERVISOR', t.region_name || '资助中心', t.username, t.region, 
              (CASE WHEN k % 2 = 0 THEN 'LEADER' ELSE 'OPERATOR' END)::"SupervisorDuty", $4, now()
         FROM unnest($1::text[], $2::text[], $3::text[]) WITH ORDINALITY AS t(username, region, region_name, k)`,
      [
        supervisors.map((s) => s.username),
        supervisors.map((s) => s.regionId),
        supervisors.map((s) => s.regionName),
        hash,
      ],
    );
    return admins.rowCount! + sups.rowCount!;
  });
  return supervisors;
}

/** Persons in batches of 10,000: the next batch is sealed while PostgreSQL inserts the current one. */
async function persons(client: pg.Client, plan: ProvincePlan): Promise<number> {
  let rows = 0;
  let pending: Promise<unknown> = Promise.resolve();
  const insert = (b: PersonBatch) =>
    client.query(
      `INSERT INTO "Person" ("id", "name", "gender", "idType", "idNumberCipher", "idNumberHash", "idNumberMasked",
                             "birthDate", "hukouRegionId", "updatedAt")
       SELECT id, name, gender::"Gender", 'RESIDENT_ID', cipher, hash, masked, birth::date, hukou, now()
         FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[])
              AS t(id, name, gender, cipher, hash, masked, birth, hukou)`,
      [b.id, b.name, b.gender, b.cipher, b.hash, b.masked, b.birthDate, b.hukouRegionId],
    );
  for (const batch of personBatches(plan, 10_000)) {
    await pending;
    pending = insert(batch);
    rows += batch.id.length;
  }
  await pending;
  return rows;
}

type Term = (typeof TERMS)[number];

/**
 * Applications of a term with households, programmes and determinations. Current term: persons n with
 * n % 10 ∈ {0, 3, 7} (600,000 of 2,000,000) in a mix of states — schools behind schedule keep most unverified;
 * prior term: ~90 % of the same persons, all determined or waived.
 */
async function applicationsOf(
  term: Term,
  step: (name: string, fn: () => Promise<number>) => Promise<void>,
  run: (sql: string, params?: unknown[]) => Promise<number>,
) {
  const h = H("st.n");
  const state = term.current
    ? `CASE WHEN s.lagging THEN
         CASE WHEN ${h} < 40 THEN 'draft' WHEN ${h} < 600 THEN 'submitted' WHEN ${h} < 630 THEN 'returned'
              WHEN ${h} < 800 THEN 'verified' WHEN ${h} < 850 THEN 'reviewed' WHEN ${h} < 950 THEN 'determined'
              WHEN ${h} < 985 THEN 'waived' ELSE 'withdrawn' END
       ELSE
         CASE WHEN ${h} < 40 THEN 'draft' WHEN ${h} < 180 THEN 'submitted' WHEN ${h} < 210 THEN 'returned'
              WHEN ${h} < 330 THEN 'verified' WHEN ${h} < 430 THEN 'reviewed' WHEN ${h} < 930 THEN 'determined'
              WHEN ${h} < 980 THEN 'waived' ELSE 'withdrawn' END
       END`
    : `CASE WHEN ${h} < 930 THEN 'determined' ELSE 'waived' END`;
  const who = term.current ? "st.n % 10 IN (0, 3, 7)" : `st.n % 10 IN (0, 3, 7) AND ${H2("st.n")} < 900`;
  const base = term.current ? "2026-09-01" : "2026-03-01";
  const prefix = `ba${term.tag}`;
  await step(`applications (${term.name})`, () =>
    run(`INSERT INTO "Application" ("id", "termId", "personId", "studentId", "schoolId", "classId", "state", "version",
                                    "enrolmentConfirmedAt", "policyAcknowledgedAt", "waiverReason", "commitmentSignedAt",
                                    "submittedAt", "returnReason", "returnDeadline", "verifiedAt", "reviewedAt", "draftStep",
                                    "createdAt", "updatedAt")
         SELECT '${prefix}' || st.n, '${term.id}', st."personId", st.id, st."schoolId", st."classId", x.state::"ApplicationState",
                CASE x.state WHEN 'draft' THEN 0 WHEN 'submitted' THEN 1 WHEN 'returned' THEN 2 WHEN 'verified' THEN 2
                             WHEN 'reviewed' THEN 3 WHEN 'determined' THEN 4 ELSE 1 END,
                t0, t0, CASE WHEN x.state = 'waived' THEN '家庭经济条件好转，自愿放弃' END,
                CASE WHEN x.state NOT IN ('draft', 'waived') THEN t0 + interval '2 days' END,
                CASE WHEN x.state NOT IN ('draft', 'waived') THEN t0 + interval '2 days' END,
                CASE WHEN x.state = 'returned' THEN '请补充家庭收入证明' END,
                CASE WHEN x.state = 'returned' THEN t0 + interval '60 days' END,
                CASE WHEN x.state IN ('verified', 'reviewed', 'determined') THEN t0 + interval '20 days' END,
                CASE WHEN x.state IN ('reviewed', 'determined') THEN t0 + interval '40 days' END,
                'household', t0, t0 + interval '40 days'
           FROM (SELECT substr(id, 4)::int AS n, * FROM "Student") st
           JOIN bench.school s ON s.id = st."schoolId"
           CROSS JOIN LATERAL (SELECT ${state} AS state,
                                      TIMESTAMP '${base}' + (${h} % 20) * interval '1 day' AS t0) x
          WHERE ${who} AND st.status = 'IN_SCHOOL'`),
  );
  const an = `substr(a.id, ${prefix.length + 1})::int`;
  await step(`households (${term.name})`, () =>
    run(
      `INSERT INTO "Household" ("applicationId", "residence", "regionCode", "address", "totalAnnualIncomeFen", "memberCount",
                                  "perCapitaMonthlyIncomeFen", "housing", "vehicles", "stateEmployedParent", "stableIncome",
                                  "declaredCategories", "updatedAt")
         SELECT a.id, (CASE WHEN y.h % 3 = 0 THEN 'URBAN' ELSE 'RURAL' END)::"Residence", r.code, r.name || '某街道',
                y.income, y.members, round(y.income::numeric / (y.members * 12)), '自有住房', '无', false, false,
                CASE WHEN y.n % 20 = 0 THEN ARRAY[($1::text[])[((y.n / 20) % 11) + 1]]::"SpecialCategory"[]
                     ELSE ARRAY[]::"SpecialCategory"[] END,
                now()
           FROM "Application" a
           JOIN "Person" p ON p.id = a."personId"
           JOIN "Region" r ON r.id = p."hukouRegionId"
           CROSS JOIN LATERAL (SELECT ${an} AS n, ${H(an)} AS h) y0
           CROSS JOIN LATERAL (SELECT y0.n, y0.h, 600000 + (y0.h * 37 % 60) * 100000 AS income, 2 + y0.h % 5 AS members) y
          WHERE a."termId" = '${term.id}'`,
      [NATIONAL],
    ),
  );
  await step(`application programmes (${term.name})`, () =>
    run(`INSERT INTO "ApplicationProgramme" ("applicationId", "programmeId")
         SELECT a.id, pr.id FROM "Application" a JOIN "Student" st ON st.id = a."studentId"
           JOIN "AidProgramme" pr ON pr.stage = st.stage AND pr.id LIKE 'bpk%'
          WHERE a."termId" = '${term.id}' AND a.state <> 'draft'`),
  );
  // Levels fit the stage's tiers (primary, junior, 中职: 困难 or 不困难 — trigger of migration 153); special-group
  // students are 特别困难 (困难 where single-tier), as the default model's specialGroupsAreSpecial says.
  const h2 = H2("y.n");
  await step(`determinations (${term.name})`, () =>
    run(`INSERT INTO "Determination" ("applicationId", "scoringModelId", "simulatedScore", "simulatedLevel", "explanation",
                                      "finalLevel", "determinedById", "determinedAt", "updatedAt")
         SELECT a.id, 'bmodel', z.score, z.level::"HardshipLevel",
                jsonb_build_object('score', z.score, 'level', z.level, 'levelRule', CASE WHEN y.n % 20 = 0 THEN 'specialGroup' ELSE 'threshold' END,
                                   'lines', jsonb_build_array(jsonb_build_object('key', 'per_capita_income', 'points', z.score / 2),
                                                              jsonb_build_object('key', 'family_structure', 'points', z.score - z.score / 2))),
                CASE WHEN a.state = 'determined' THEN z.level::"HardshipLevel" END,
                CASE WHEN a.state = 'determined' THEN 'badm' || substr(a."schoolId", 5) END,
                CASE WHEN a.state = 'determined' THEN a."reviewedAt" + interval '5 days' END, now()
           FROM "Application" a
           JOIN "Student" st ON st.id = a."studentId"
           CROSS JOIN LATERAL (SELECT ${an} AS n) y
           CROSS JOIN LATERAL (SELECT CASE
               WHEN st.stage IN ('PRIMARY', 'JUNIOR', 'VOCATIONAL') THEN
                 CASE WHEN y.n % 20 = 0 OR ${h2} < 850 THEN 'HARDSHIP' ELSE 'NONE' END
               ELSE CASE WHEN y.n % 20 = 0 OR ${h2} < 200 THEN 'SPECIAL' WHEN ${h2} < 550 THEN 'HARDSHIP'
                         WHEN ${h2} < 850 THEN 'GENERAL' ELSE 'NONE' END END AS level) l
           CROSS JOIN LATERAL (SELECT l.level, CASE l.level WHEN 'SPECIAL' THEN 72 WHEN 'HARDSHIP' THEN 55
                                                           WHEN 'GENERAL' THEN 33 ELSE 12 END + ${h2} % 8 AS score) z
          WHERE a."termId" = '${term.id}' AND a.state IN ('verified', 'reviewed', 'determined')`),
  );
}

/**
 * Rosters of a term: current term — approved at 70 % of the schools on schedule, paid at 40 % of all schools;
 * prior term — every school approved and paid. One semester roster per school, or one per month (中职).
 * Entries: the determined applications whose level the programme pays; paid entries have a PAYMENT record.
 */
async function rostersOf(
  term: Term,
  step: (name: string, fn: () => Promise<number>) => Promise<void>,
  run: (sql: string, params?: unknown[]) => Promise<number>,
) {
  const approved = term.current ? "NOT s.lagging AND s.idx % 10 < 7" : "true";
  const paid = term.current ? "s.idx % 10 < 4" : "true";
  await step(`rosters (${term.name})`, () =>
    run(
      `INSERT INTO "Roster" ("id", "termId", "programmeId", "schoolId", "month", "state", "approvedById", "approvedAt", "updatedAt")
         SELECT 'br${term.tag}' || s.idx || 'm' || coalesce(m, 0), '${term.id}', pr.id, s.id, m, 'APPROVED',
                'badm' || substr(s.id, 5), TIMESTAMP '${term.current ? "2026-11-20" : "2026-04-25"}', now()
           FROM bench.school s
           JOIN "AidProgramme" pr ON pr.stage = s.stage::"Stage" AND pr.id LIKE 'bpk%'
           CROSS JOIN LATERAL unnest(CASE WHEN pr.period = 'MONTHLY' THEN $1::int[] ELSE ARRAY[NULL]::int[] END) m
          WHERE ${approved}`,
      [[...term.months]],
    ),
  );
  await step(`roster entries (${term.name})`, () =>
    run(
      `INSERT INTO "RosterEntry" ("id", "rosterId", "studentId", "applicationId", "level", "amountFen", "paidAt", "paidAmountFen")
         SELECT 'bre' || r.id || 'x' || substr(a.id, 4), r.id, a."studentId", a.id, d."finalLevel", amt.fen,
                CASE WHEN x.paid THEN r."approvedAt" + interval '10 days' END, CASE WHEN x.paid THEN amt.fen END
           FROM "Roster" r
           JOIN bench.school s ON s.id = r."schoolId"
           JOIN "TermProgramme" tp ON tp."termId" = r."termId" AND tp."programmeId" = r."programmeId"
           JOIN "Application" a ON a."schoolId" = r."schoolId" AND a."termId" = r."termId" AND a.state = 'determined'
           JOIN "Determination" d ON d."applicationId" = a.id AND d."finalLevel" <> 'NONE'
           CROSS JOIN LATERAL (SELECT CASE d."finalLevel" WHEN 'SPECIAL' THEN tp."amountSpecialFen"
                                        WHEN 'HARDSHIP' THEN tp."amountHardshipFen" ELSE tp."amountGeneralFen" END AS fen) amt
           CROSS JOIN LATERAL (SELECT (${paid}) AND (r.month IS NULL OR r.month = ANY($1::int[])) AS paid) x
          WHERE r."termId" = '${term.id}' AND amt.fen IS NOT NULL`,
      [[...term.paidMonths]],
    ),
  );
  await step(`roster payments (${term.name})`, () =>
    run(`INSERT INTO "RosterPayment" ("id", "rosterId", "studentId", "kind", "amountFen", "recordedById", "at")
         SELECT 'brp' || substr(e.id, 4), e."rosterId", e."studentId", 'PAYMENT', e."paidAmountFen",
                'badm' || substr(r."schoolId", 5), e."paidAt"
           FROM "RosterEntry" e JOIN "Roster" r ON r.id = e."rosterId"
          WHERE r."termId" = '${term.id}' AND e."paidAt" IS NOT NULL`),
  );
}
