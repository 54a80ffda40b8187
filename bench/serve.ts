/**
 * Keeps the HTTP benchmark's world up for profiling by hand: populates the
 * bench_http database as bench/http.ts does, starts `next start`
 * on it and writes the signed-in sessions' cookies to .data/bench/sessions.json
 * ({ base, applicant: [...], teacher, admin, teacherClassId, applicants }). Ctrl-C stops.
 * Run: npx tsx --import ./scripts/server-only-stub.mjs bench/serve.ts   (after `npm run bench:http` has built .next-bench)
 */
import fs from "node:fs";
import { db } from "@/lib/db/client";
import { freshDatabase } from "./support/database";
import { BENCH_PASSWORD, populateSchool } from "./support/populate";
import { buildIfNeeded, signIn, startServer } from "./support/server";

const PORT = Number(process.env.BENCH_HTTP_PORT ?? 3290);
buildIfNeeded();
const bench = await freshDatabase("bench_http");
const world = await populateSchool(db(), { students: 40_000, applications: 10_000, accounts: 100 });
await db().$disconnect();
const server = await startServer(PORT, bench.url);
const applicant: string[] = [];
for (const a of world.applicants)
  applicant.push(await signIn(server.base, "student", a.identifier, BENCH_PASSWORD));
const teacher = await signIn(server.base, "staff", world.teachers[0]!.username, BENCH_PASSWORD);
const admin = await signIn(server.base, "staff", world.admin, BENCH_PASSWORD);
fs.writeFileSync(
  ".data/bench/sessions.json",
  JSON.stringify(
    {
      base: server.base,
      applicant,
      teacher,
      admin,
      teacherClassId: world.teachers[0]!.classId,
      applicants: world.applicants,
    },
    null,
    1,
  ),
);
console.log(`serving ${server.base}; sessions in .data/bench/sessions.json`);
const stop = async () => {
  await server.stop();
  await bench.stop();
  process.exit(0);
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
