/** Helpers for tests of import jobs (lib/services/import-job-runner.ts). */
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import type { SessionUser } from "@/lib/auth/session";
import { db } from "@/lib/db/client";

export const ROOT = path.resolve(import.meta.dirname, "../..");

export function sessionOf(u: {
  id: string;
  role: SessionUser["role"];
  schoolId: string | null;
}): SessionUser {
  return {
    id: u.id,
    role: u.role,
    displayName: "管理员",
    schoolId: u.schoolId,
    regionId: null,
    personId: null,
    regionPath: null,
    mustChangePassword: false,
  };
}

/** A worker process running one import job exactly as the queue's handler starts it (lib/services/import-job-isolated.ts). */
export function spawnImportChild(data: object): { child: ChildProcess; output: () => string } {
  const child = spawn(
    process.execPath,
    [
      "--import",
      "tsx",
      "--import",
      path.join(ROOT, "scripts/server-only-stub.mjs"),
      path.join(ROOT, "lib/services/import-job-child.ts"),
      JSON.stringify(data),
    ],
    { cwd: ROOT, env: process.env, stdio: ["ignore", "pipe", "pipe"] },
  );
  let out = "";
  child.stdout!.on("data", (d) => (out += String(d)));
  child.stderr!.on("data", (d) => (out += String(d)));
  return { child, output: () => out };
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls until `check` holds (or the time is up); returns whether it did. */
export async function waitFor(check: () => Promise<boolean>, ms: number, every = 100): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (await check()) return true;
    await sleep(every);
  }
  return check();
}

export const committedBatchCount = (jobId: string) => db().importBatch.count({ where: { jobId } });
