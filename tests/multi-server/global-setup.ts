/**
 * Brings up the cluster for tests/multi-server/*.spec.ts:
 *   - one object store: s3rver on loopback (a real S3-protocol server), bucket "aid-evidence";
 *   - one database: server "a" is started by `npm start`'s launcher (scripts/launch.ts) with a fresh
 *     embedded PostgreSQL, which it migrates and seeds;
 *   - server "b": scripts/server.ts on the same database (the app role's URL) with the same secrets;
 *   - HAProxy (Debian's haproxy) in front, round robin, `option forwardfor`, health check GET /login.
 * Every server names itself in `X-Aid-Server` (AID_SERVER_NAME, scripts/server.ts), so the specs can
 * tell which one answered. The production build in .next is reused (test:e2e builds it just before in
 * `npm test`); without one, it is built here. Logs: .data/multi-server-<port>/{a,b,haproxy}.log.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import S3rver from "s3rver";
import { lbUrl, ports } from "./ports";

export const BUCKET = "aid-evidence";

async function waitFor(url: string, what: string, child: ChildProcess, logFile: string, seconds = 300) {
  for (let i = 0; i < seconds * 2; i++) {
    if (child.exitCode !== null) break;
    try {
      if ((await fetch(url, { redirect: "manual" })).status === 200) return;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  const log = fs.existsSync(logFile) ? fs.readFileSync(logFile, "utf8").slice(-4000) : "";
  throw new Error(`${what} did not come up at ${url}\n${log}`);
}

function startLogged(command: string, args: string[], env: NodeJS.ProcessEnv, logFile: string) {
  const out = fs.openSync(logFile, "a");
  return spawn(command, args, { stdio: ["ignore", out, out], env });
}

function stop(child: ChildProcess | undefined): Promise<void> {
  return new Promise((resolve) => {
    if (!child || child.exitCode !== null || child.signalCode !== null) return resolve();
    const timer = setTimeout(() => child.kill("SIGKILL"), 15_000);
    child.once("exit", () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill("SIGTERM");
  });
}

export default async function globalSetup() {
  if (spawnSync("haproxy", ["-v"]).status !== 0)
    throw new Error("haproxy is not installed (Debian: apt-get install -y haproxy; .ci/run does it)");
  if (!fs.existsSync(".next/BUILD_ID")) {
    console.log("No production build in .next: next build …");
    const built = spawnSync(process.execPath, ["node_modules/next/dist/bin/next", "build"], {
      stdio: "inherit",
    });
    if (built.status !== 0) throw new Error("next build failed");
  }

  // Inside the repository like the e2e data (.data/ is git-ignored): the embedded PostgreSQL, run as another
  // user when the tests run as root, must reach it. Kept after the run for the servers' logs.
  const tmp = path.resolve(`.data/multi-server-${ports.a}`);
  fs.rmSync(tmp, { recursive: true, force: true });
  fs.mkdirSync(tmp, { recursive: true });
  const dataDir = path.join(tmp, "data");
  const s3 = new S3rver({
    address: "127.0.0.1",
    port: 0,
    silent: true,
    directory: path.join(tmp, "s3"),
    configureBuckets: [{ name: BUCKET, configs: [] }],
  });
  const { port: s3Port } = await s3.run();
  const shared = {
    NODE_ENV: "production" as const,
    NEXT_TELEMETRY_DISABLED: "1",
    NEXTAUTH_URL: lbUrl,
    TRUSTED_PROXIES: "127.0.0.1",
    EVIDENCE_STORAGE: "s3",
    S3_ENDPOINT: `http://127.0.0.1:${s3Port}`,
    S3_BUCKET: BUCKET,
    S3_REGION: "us-east-1",
    S3_ACCESS_KEY_ID: "S3RVER",
    S3_SECRET_ACCESS_KEY: "S3RVER",
    S3_FORCE_PATH_STYLE: "true",
    S3_PREFIX: "evidence/",
  };
  // For the specs (workers inherit the runner's environment).
  for (const [k, v] of Object.entries(shared)) if (k.startsWith("S3_")) process.env[`MULTI_${k}`] = v;

  const children: ChildProcess[] = [];
  const teardown = async () => {
    for (const child of children.reverse()) await stop(child);
    await s3.close();
  };
  try {
    const tsx = path.resolve("node_modules/tsx/dist/esm/index.mjs");
    const base = { ...process.env, ...shared, DATABASE_URL: "", DATABASE_MIGRATION_URL: "" };

    const logA = path.join(tmp, "a.log");
    const a = startLogged(
      process.execPath,
      [
        "--import",
        tsx,
        "--import",
        "./scripts/server-only-stub.mjs",
        "scripts/launch.ts",
        "start",
        "-p",
        String(ports.a),
        "-H",
        "127.0.0.1",
      ],
      { ...base, AID_DATA_DIR: dataDir, EMBEDDED_PG_PORT: String(ports.pg), AID_SERVER_NAME: "a" },
      logA,
    );
    children.push(a);
    await waitFor(`http://127.0.0.1:${ports.a}/login`, "app server a (launcher)", a, logA);

    // Server b: the same database (as the app role) and the same secrets the launcher generated.
    const secrets = JSON.parse(fs.readFileSync(path.join(dataDir, "secrets.json"), "utf8")) as Record<
      string,
      string
    >;
    const appUrl =
      `postgresql://aid_app:${encodeURIComponent(secrets.EMBEDDED_PG_APP_PASSWORD!)}` +
      `@127.0.0.1:${ports.pg}/student_aid`;
    const logB = path.join(tmp, "b.log");
    const b = startLogged(
      process.execPath,
      [
        "--import",
        tsx,
        "--import",
        "./scripts/server-only-stub.mjs",
        "scripts/server.ts",
        "start",
        "-p",
        String(ports.b),
        "-H",
        "127.0.0.1",
      ],
      {
        ...base,
        DATABASE_URL: appUrl,
        NEXTAUTH_SECRET: secrets.NEXTAUTH_SECRET,
        FIELD_ENCRYPTION_KEYS: secrets.FIELD_ENCRYPTION_KEYS,
        FIELD_ENCRYPTION_CURRENT: secrets.FIELD_ENCRYPTION_CURRENT,
        BLIND_INDEX_KEY: secrets.BLIND_INDEX_KEY,
        AID_SERVER_NAME: "b",
      },
      logB,
    );
    children.push(b);
    await waitFor(`http://127.0.0.1:${ports.b}/login`, "app server b", b, logB);

    const cfg = path.join(tmp, "haproxy.cfg");
    fs.writeFileSync(
      cfg,
      [
        "global",
        "  maxconn 256",
        "defaults",
        "  mode http",
        "  option forwardfor",
        "  timeout connect 5s",
        "  timeout client 120s",
        "  timeout server 120s",
        "frontend web",
        `  bind 127.0.0.1:${ports.lb}`,
        "  default_backend app",
        "backend app",
        "  balance roundrobin",
        "  option httpchk GET /login",
        "  http-check expect status 200",
        `  server a 127.0.0.1:${ports.a} check inter 1s`,
        `  server b 127.0.0.1:${ports.b} check inter 1s`,
        "",
      ].join("\n"),
    );
    const logLb = path.join(tmp, "haproxy.log");
    const lb = startLogged("haproxy", ["-db", "-f", cfg], process.env, logLb);
    children.push(lb);
    await waitFor(`${lbUrl}/login`, "HAProxy", lb, logLb, 30);
    // Both servers in rotation: consecutive requests name both.
    const seen = new Set<string>();
    for (let i = 0; i < 60 && seen.size < 2; i++) {
      const r = await fetch(`${lbUrl}/login`);
      seen.add(r.headers.get("x-aid-server") ?? "?");
      if (seen.size < 2) await new Promise((res) => setTimeout(res, 500));
    }
    if (!(seen.has("a") && seen.has("b"))) throw new Error(`HAProxy does not rotate: saw ${[...seen]}`);
  } catch (e) {
    await teardown();
    throw e;
  }
  return teardown;
}
