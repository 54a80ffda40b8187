/**
 * 常见问题 suggestions while a filer types (lib/services/support-answers.ts `suggestAnswers`: pg_trgm word
 * similarity over the province's answers, migration 541) on a corpus of ANSWERS answers (default 10,000), against a
 * plain indexed read of the same number of rows (the province's 5 newest answers) in the same run. Ten queries,
 * each a few words of one answer's title, ROUNDS rounds (default 5). Target: ≤ 50 ms per search.
 *
 *   BENCH_PG_PORT=… npm run bench:support-answers [-- answers rounds]
 */
import { execFileSync } from "node:child_process";
import { performance } from "node:perf_hooks";
import { db } from "@/lib/db/client";
import type { SessionUser } from "@/lib/auth/session";
import { suggestAnswers } from "@/lib/services/support-answers";
import { freshDatabase } from "./support/database";
import { fmtMs, machine, median, printTable } from "./support/stats";

const [answersArg, roundsArg] = process.argv.slice(2).filter((arg) => /^\d+$/.test(arg));
const ANSWERS = Number(answersArg ?? 10_000);
const ROUNDS = Math.min(Number(roundsArg ?? 5), 20);
const uptime = () => execFileSync("uptime", { encoding: "utf8" }).trim();

console.log(`machine: ${machine()}; ${new Date().toISOString()}; ${ANSWERS} answers, ${ROUNDS} rounds`);
const bench = await freshDatabase("bench_support_answers");

// The corpus of tests/integration/support-answers.test.ts: two-character words from 1,500 CJK characters.
const char = (n: number) => String.fromCodePoint(0x4e00 + (n % 1500));
const word = (n: number) => char(n) + char(Math.floor(n / 1500) * 7 + n * 13);
const textOf = (n: number, words: number, salt: number) =>
  Array.from({ length: words }, (_, k) => word(((n * 31 + k * 17 + salt) * 2654435761) % 2_250_000)).join("");

await db().$executeRawUnsafe(`INSERT INTO "Region"(id, code, name, level, "parentId", path)
  VALUES ('r44', '440000', '测试省', 'PROVINCE', NULL, '/440000/')`);
await db()
  .$executeRawUnsafe(`INSERT INTO "User"(id, role, "displayName", username, "passwordHash", "regionId",
  "supervisorDuty", "updatedAt") VALUES ('sup', 'SUPERVISOR', '省级业务员', 'bench_sup', 'x', 'r44', 'OPERATOR', now())`);
for (let start = 0; start < ANSWERS; start += 2_000)
  await db().supportAnswer.createMany({
    data: Array.from({ length: Math.min(2_000, ANSWERS - start) }, (_, i) => {
      const n = start + i;
      return {
        id: `a${n}`,
        provinceId: "r44",
        kind: "FAQ",
        title: textOf(n, 6, 1),
        body: `${textOf(n, 40, 2)}。请按操作手册处理。`,
        createdById: "sup",
      };
    }),
  });
await db().$executeRawUnsafe(`ANALYZE "SupportAnswer"`);

const user: SessionUser = {
  id: "sup",
  role: "SUPERVISOR",
  displayName: "省级业务员",
  schoolId: null,
  regionId: "r44",
  personId: null,
  regionPath: "/440000/",
  mustChangePassword: false,
};
const queries = Array.from({ length: 10 }, (_, i) => textOf(i * 997 + 5, 6, 1).slice(0, 8));
const plain = () =>
  db().$queryRawUnsafe(
    `SELECT "id", "title" FROM "SupportAnswer" WHERE "provinceId" = 'r44' ORDER BY "createdAt" DESC LIMIT 5`,
  );
await suggestAnswers(user, "预热");
await plain();

const searchMs: number[] = [];
const plainMs: number[] = [];
const loads: string[] = [];
for (let round = 0; round < ROUNDS; round++) {
  loads.push(uptime());
  for (const query of queries) {
    let started = performance.now();
    const found = await suggestAnswers(user, query);
    searchMs.push(performance.now() - started);
    if (!found.ok || found.data.length === 0) throw new Error(`no suggestion for ${query}`);
    started = performance.now();
    await plain();
    plainMs.push(performance.now() - started);
  }
}
loads.push(uptime());
const sorted = [...searchMs].sort((a, b) => a - b);
printTable(
  `常见问题 suggestions on ${ANSWERS} answers (${searchMs.length} searches) vs a plain read of 5 answers`,
  ["suggestAnswers median", "p95", "max", "plain read median", "ratio of medians"],
  [
    [
      fmtMs(median(searchMs)),
      fmtMs(sorted[Math.floor(sorted.length * 0.95)]!),
      fmtMs(sorted.at(-1)!),
      fmtMs(median(plainMs)),
      (median(searchMs) / median(plainMs)).toFixed(2),
    ],
  ],
);
console.log("load (uptime) before each round and after the last:");
for (const load of loads) console.log(`  ${load}`);
await db().$disconnect();
await bench.stop();
