/**
 * Starts the production build (`next start`) against a benchmark database and
 * signs users in through the real next-auth credentials flow.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";

/** The build the benchmarks start; BENCH_DIST_DIR picks another one (e.g. a build of an earlier commit to compare). */
export const DIST_DIR = process.env.BENCH_DIST_DIR ?? ".next-bench";

export function buildIfNeeded(): void {
  if (process.env.BENCH_SKIP_BUILD === "1" && fs.existsSync(`${DIST_DIR}/BUILD_ID`)) return;
  console.log("next build …");
  // next build adds its dist folder to tsconfig.json; the benchmark's folder does not belong there.
  const tsconfig = fs.readFileSync("tsconfig.json", "utf8");
  const r = spawnSync(process.execPath, ["node_modules/next/dist/bin/next", "build"], {
    stdio: "inherit",
    env: { ...process.env, NEXT_DIST_DIR: DIST_DIR, NEXT_TELEMETRY_DISABLED: "1" },
  });
  fs.writeFileSync("tsconfig.json", tsconfig);
  if (r.status !== 0) throw new Error("next build failed");
}

export async function startServer(
  port: number,
  databaseUrl: string,
): Promise<{ base: string; child: ChildProcess; stop(): Promise<void> }> {
  const base = `http://127.0.0.1:${port}`;
  // BENCH_NODE_ARGS passes Node flags to the server (e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof").
  const nodeArgs = (process.env.BENCH_NODE_ARGS ?? "").split(" ").filter(Boolean);
  const child = spawn(
    process.execPath,
    [...nodeArgs, "node_modules/next/dist/bin/next", "start", "-p", String(port), "-H", "127.0.0.1"],
    {
      stdio: ["ignore", "ignore", "inherit"],
      env: {
        ...process.env,
        NEXT_DIST_DIR: DIST_DIR,
        DATABASE_URL: databaseUrl,
        NEXTAUTH_URL: base,
        BENCH_ROUTES: "1",
        NODE_ENV: "production",
      },
    },
  );
  for (let i = 0; i < 120; i++) {
    try {
      const r = await fetch(`${base}/login`);
      if (r.ok) break;
    } catch {
      /* not up yet */
    }
    await new Promise((res) => setTimeout(res, 500));
  }
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once("exit", () => resolve());
      child.kill("SIGTERM");
    });
  return { base, child, stop };
}

function cookiesOf(r: Response): string[] {
  return r.headers.getSetCookie().map((c) => c.split(";")[0]!);
}

/** Signs in through /api/auth/callback/credentials; returns the Cookie header of the session. */
export async function signIn(
  base: string,
  kind: "student" | "parent" | "staff",
  identifier: string,
  password: string,
): Promise<string> {
  const csrf = await fetch(`${base}/api/auth/csrf`);
  const jar = cookiesOf(csrf);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const r = await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: jar.join("; "), origin: base },
    body: new URLSearchParams({ csrfToken, kind, identifier, password, json: "true" }).toString(),
  });
  const all = [...jar, ...cookiesOf(r)];
  const session = all.find((c) => c.includes("session-token="));
  if (!session) throw new Error(`sign-in failed for ${kind} ${identifier}: HTTP ${r.status}`);
  return all.filter((c) => !c.includes("csrf-token") && !c.includes("callback-url")).join("; ");
}

/** The id of a server action by its exported name and the file that defines it (from the build's manifest). */
export function serverActionId(exportedName: string, fileIncludes: string): string {
  const manifest = JSON.parse(
    fs.readFileSync(`${DIST_DIR}/server/server-reference-manifest.json`, "utf8"),
  ) as {
    node: Record<string, { exportedName?: string; filename?: string }>;
  };
  for (const [id, entry] of Object.entries(manifest.node)) {
    if (entry.exportedName === exportedName && (entry.filename ?? "").includes(fileIncludes)) return id;
  }
  throw new Error(`server action ${exportedName} (${fileIncludes}) not in the manifest`);
}
