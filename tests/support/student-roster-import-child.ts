/**
 * Child process for tests/integration/student-roster-import-crash.test.ts: runs one
 * roster import the way the server does (lib/services/student-roster-import.ts) and
 * is SIGKILLed by the test in the middle of it. Input via the environment:
 * DATABASE_URL (the test file's database), the field keys, CRASH_IMPORT_FILE,
 * CRASH_IMPORT_MODE and CRASH_IMPORT_USER (a SessionUser as JSON).
 */
import type { SessionUser } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import { importRoster, type ImportMode } from "@/lib/services/student-roster-import";

async function main() {
  const user = JSON.parse(process.env.CRASH_IMPORT_USER!) as SessionUser;
  const r = await importRoster(user, {
    filePath: process.env.CRASH_IMPORT_FILE!,
    fileName: "crash.xlsx",
    mode: process.env.CRASH_IMPORT_MODE as ImportMode,
  });
  process.stdout.write(
    `${JSON.stringify(r.ok ? { ok: true, state: r.data.state, created: r.data.created } : r)}\n`,
  );
  await db().$disconnect();
}
void main();
