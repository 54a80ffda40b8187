/**
 * Building a month's 中职 list (资助名单录入, lib/services/vocational-roster.ts `buildMonthlyList`) for a school of
 * STUDENTS 中职 students (default 5,000; every tenth overdue, so left out), against a plain INSERT … SELECT of the
 * same rows into the same table in the same run. The service call is everything the page's button does: access,
 * transaction, the INSERT … SELECT with the programme rule and the overdue rule, the overdue flags, the money
 * checks (quota and budget), the state, history and audit rows. Each round builds a new month's list, then inserts
 * the same rows plainly into another month's list; ROUNDS rounds (default 3). Target: ≤ 1 s per build.
 * The rows are bulk-loaded without ANALYZE (the planner's worst case, as in tests/integration/vocational-list-scale).
 *
 *   BENCH_PG_PORT=… npm run bench:vocational-build [-- students rounds]
 */
import { execFileSync } from "node:child_process";
import type { SessionUser } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import { seedDefaultModel } from "@/lib/db/seed/applications";
import { payUnpaidEntries } from "@/lib/db/vocational-list.repo";
import { buildMonthlyList } from "@/lib/services/vocational-roster";
import { freshDatabase } from "./support/database";
import { fmtMs, machine, median, printTable } from "./support/stats";

const [studentsArg, roundsArg] = process.argv.slice(2).filter((arg) => /^\d+$/.test(arg));
const STUDENTS = Number(studentsArg ?? 5_000);
const ROUNDS = Math.min(Number(roundsArg ?? 3), 6);
const uptime = () => execFileSync("uptime", { encoding: "utf8" }).trim();

console.log(`machine: ${machine()}; ${new Date().toISOString()}; ${STUDENTS} students, ${ROUNDS} rounds`);
const bench = await freshDatabase("bench_vocational_build");
const sql = (text: string, ...values: unknown[]) => db().$executeRawUnsafe(text, ...values);

const model = await seedDefaultModel(db());
await sql(`INSERT INTO "Region"(id, code, name, level, "parentId", path)
  VALUES ('r44', '440000', '测试省', 'PROVINCE', NULL, '/440000/'),
         ('k44', '440106', '测试区', 'COUNTY', 'r44', '/440000/440106/')`);
await sql(`INSERT INTO "School"(id, code, name, "regionId", stages)
  VALUES ('voc', '4401069901', '测试职业学校', 'k44', ARRAY['VOCATIONAL'::"Stage"])`);
await sql(
  `INSERT INTO "Grade"(id, "schoolId", stage, name, "entryYear") VALUES ('g1', 'voc', 'VOCATIONAL', '一年级', 2025)`,
);
await sql(`INSERT INTO "SchoolClass"(id, "schoolId", "gradeId", name) VALUES ('c1', 'voc', 'g1', '1班')`);
await sql(`INSERT INTO "AidTerm"(id, "academicYear", semester, name, "applyStart", "applyEnd", "verifyDeadline",
    "reviewDeadline", "isCurrent")
  VALUES ('term', '2026-2027', 'AUTUMN', '2026-2027学年秋季学期', now() - interval '3 days', now() + interval '6 days',
    now() + interval '13 days', now() + interval '27 days', true)`);
await sql(`INSERT INTO "AidProgramme"(id, code, name, stage, kind, period, "eligibleLevels")
  VALUES ('grant', 'vocational_grant', '中职国家助学金', 'VOCATIONAL', 'SUBSIDY', 'MONTHLY', ARRAY['HARDSHIP'::"HardshipLevel"])`);
await sql(`INSERT INTO "TermProgramme"(id, "termId", "programmeId", "amountMode", "fixedAmountFen")
  VALUES ('tp', 'term', 'grant', 'FIXED', 20000)`);
await sql(`INSERT INTO "User"(id, role, "displayName", username, "schoolId", "passwordHash", "updatedAt")
  VALUES ('officer', 'SCHOOL_ADMIN', '资助经办', 'voc_officer', 'voc', 'x', now())`);
await sql(
  `INSERT INTO "Person"(id, name, gender, "idType", "idNumberCipher", "idNumberHash", "idNumberMasked", "updatedAt")
   SELECT 'p' || n, '中职生' || n, 'MALE', 'RESIDENT_ID', 'x', 'h' || n, '4401**********' || lpad(n::text, 4, '0'), now()
   FROM generate_series(1, ${STUDENTS}) n`,
);
await sql(
  `INSERT INTO "Student"(id, "personId", "schoolId", "gradeId", "classId", stage, "studentNo", "enrolledOn",
     "programmeYears", "updatedAt")
   SELECT 's' || n, 'p' || n, 'voc', 'g1', 'c1', 'VOCATIONAL', 'V' || lpad(n::text, 8, '0'),
     CASE WHEN n % 10 = 0 THEN DATE '2023-09-01' ELSE DATE '2025-09-01' END, 3, now()
   FROM generate_series(1, ${STUDENTS}) n`,
);
await sql(
  `INSERT INTO "Application"(id, "termId", "personId", "studentId", "schoolId", "classId", state,
     "commitmentSignedAt", "submittedAt", "verifiedAt", "reviewedAt", "updatedAt")
   SELECT 'a' || n, 'term', 'p' || n, 's' || n, 'voc', 'c1', 'determined', now(), now(), now(), now(), now()
   FROM generate_series(1, ${STUDENTS}) n`,
);
await sql(
  `INSERT INTO "Determination"("applicationId", "scoringModelId", "simulatedScore", "simulatedLevel", explanation,
     "finalLevel", "determinedAt", "updatedAt")
   SELECT 'a' || n, $1, 50, 'HARDSHIP', '{}', 'HARDSHIP', now(), now() FROM generate_series(1, ${STUDENTS}) n`,
  model.id,
);

const officer: SessionUser = {
  id: "officer",
  role: "SCHOOL_ADMIN",
  displayName: "资助经办",
  schoolId: "voc",
  regionId: null,
  personId: null,
  regionPath: null,
  mustChangePassword: false,
};

const builds: number[] = [];
const plains: number[] = [];
const loads: string[] = [];
for (let round = 0; round < ROUNDS; round++) {
  loads.push(uptime());
  const started = performance.now();
  const built = await buildMonthlyList(officer, { programmeId: "grant", month: 9 + round });
  const elapsed = performance.now() - started;
  if (!built.ok) throw new Error(built.message);
  if (built.data.added !== STUDENTS - Math.floor(STUDENTS / 10))
    throw new Error(`expected ${STUDENTS - Math.floor(STUDENTS / 10)} entries, got ${built.data.added}`);
  builds.push(elapsed);

  // The same rows, plainly, into another month's list (same table, indexes, keys and triggers).
  const [other] = await db().$queryRawUnsafe<{ id: string }[]>(
    `INSERT INTO "Roster"(id, "termId", "programmeId", "schoolId", month, "updatedAt")
     VALUES (gen_random_uuid()::text, 'term', 'grant', 'voc', $1, now()) RETURNING id`,
    1 + round,
  );
  const plainStarted = performance.now();
  const inserted = await sql(
    `INSERT INTO "RosterEntry" ("id", "rosterId", "studentId", "applicationId", "level", "amountFen")
     SELECT gen_random_uuid()::text, $1, a."studentId", a."id", d."finalLevel", 20000
     FROM "Application" a JOIN "Determination" d ON d."applicationId" = a."id"
     JOIN "Student" s ON s."id" = a."studentId"
     WHERE a."schoolId" = 'voc' AND a."termId" = 'term' AND s."enrolledOn" > DATE '2023-09-01'`,
    other!.id,
  );
  plains.push(performance.now() - plainStarted);
  if (inserted !== built.data.added) throw new Error(`plain insert wrote ${inserted} rows`);
}
loads.push(uptime());

printTable(
  `中职 month list build, ${STUDENTS} students (${STUDENTS - Math.floor(STUDENTS / 10)} entries), ${ROUNDS} rounds`,
  ["round", "buildMonthlyList", "plain INSERT … SELECT", "ratio"],
  [
    ...builds.map((build, i) => [
      String(i + 1),
      fmtMs(build),
      fmtMs(plains[i]!),
      (build / plains[i]!).toFixed(2),
    ]),
    ["median", fmtMs(median(builds)), fmtMs(median(plains)), (median(builds) / median(plains)).toFixed(2)],
  ],
);
console.log(
  `target ≤ 1 s per build: ${Math.max(...builds) <= 1_000 ? "met" : "NOT met"} (slowest ${fmtMs(Math.max(...builds))})`,
);

// 资金发放 of a built list (lib/db/vocational-list.repo.ts payUnpaidEntries: one PAYMENT row per entry, the entries
// marked paid) with the aid records written by the trigger on RosterPayment (migration 510), against the same
// statements on another built list with that trigger disabled: what the records cost.
const listIds = await db().$queryRawUnsafe<{ id: string }[]>(
  `SELECT r.id FROM "Roster" r JOIN "VocationalList" v ON v."rosterId" = r.id ORDER BY r.month LIMIT 2`,
);
const payAt = new Date();
const payOnce = async (rosterId: string) => {
  const started = performance.now();
  const paid = await db().$transaction((tx) => payUnpaidEntries(tx, rosterId, "officer", payAt));
  return { ms: performance.now() - started, paid };
};
const withRecords = await payOnce(listIds[0]!.id);
await sql(`ALTER TABLE "RosterPayment" DISABLE TRIGGER "RosterPayment_aid_record"`);
const withoutRecords = await payOnce(listIds[1]!.id);
await sql(`ALTER TABLE "RosterPayment" ENABLE TRIGGER "RosterPayment_aid_record"`);
const records = await db().aidRecord.count();
if (records !== withRecords.paid)
  throw new Error(`expected ${withRecords.paid} aid records, found ${records}`);
printTable(
  `资金发放 of a month list (${withRecords.paid} entries): aid records by the trigger vs trigger disabled`,
  ["with aid records", "without (trigger disabled)", "ratio"],
  [[fmtMs(withRecords.ms), fmtMs(withoutRecords.ms), (withRecords.ms / withoutRecords.ms).toFixed(2)]],
);
console.log("load (uptime) before each round and after the last:");
for (const load of loads) console.log(`  ${load}`);
await db().$disconnect();
await bench.stop();
