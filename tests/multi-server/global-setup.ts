/**
 * Brings up the cluster for tests/multi-server/*.spec.ts:
 *   - one object store: s3rver on loopback (a real S3-protocol server), bucket "aid-evidence";
 *   - one database: `npm start`'s launcher (scripts/launch.ts) starts a fresh embedded PostgreSQL, which it
 *     migrates and seeds, and its own server "db" (JOB_WORKERS=off, not behind HAProxy) — so that the
 *     specs can kill an app server without killing the database;
 *   - servers "a" and "b": scripts/server.ts on that database (the app role's URL) with the same secrets,
 *     each running job workers (JOB_MONITOR_SECONDS=2: a killed worker's job is handed over quickly);
 *   - HAProxy (Debian's haproxy) in front, round robin, `option forwardfor`, health check GET /login.
 * Every server names itself in `X-Aid-Server` (AID_SERVER_NAME, scripts/server.ts), so the specs can
 * tell which one answered. The production build in .next is reused (test:e2e builds it just before in
 * `npm test`); without one, it is built here. Logs: .data/multi-server-<port>/{db,a,b,haproxy}.log.
 * The specs get the servers' process ids (MULTI_PID_A/B) and the app role's database URL
 * (MULTI_DATABASE_URL) in their environment.
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
    JOB_MONITOR_SECONDS: "2",
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

    const logDb = path.join(tmp, "db.log");
    const holder = startLogged(
      process.execPath,
      [
        "--import",
        tsx,
        "--import",
        "./scripts/server-only-stub.mjs",
        "scripts/launch.ts",
        "start",
        "-p",
        String(ports.db),
        "-H",
        "127.0.0.1",
      ],
      {
        ...base,
        AID_DATA_DIR: dataDir,
        EMBEDDED_PG_PORT: String(ports.pg),
        AID_SERVER_NAME: "db",
        JOB_WORKERS: "off",
      },
      logDb,
    );
    children.push(holder);
    await waitFor(`http://127.0.0.1:${ports.db}/login`, "the launcher's server (database)", holder, logDb);

    // Servers a and b: the same database (as the app role) and the same secrets the launcher generated.
    const secrets = JSON.parse(fs.readFileSync(path.join(dataDir, "secrets.json"), "utf8")) as Record<
      string,
      string
    >;
    const appUrl =
      `postgresql://aid_app:${encodeURIComponent(secrets.EMBEDDED_PG_APP_PASSWORD!)}` +
      `@127.0.0.1:${ports.pg}/student_aid`;
    process.env.MULTI_DATABASE_URL = appUrl;
    for (const name of ["a", "b"] as const) {
      const log = path.join(tmp, `${name}.log`);
      const server = startLogged(
        process.execPath,
        [
          "--import",
          tsx,
          "--import",
          "./scripts/server-only-stub.mjs",
          "scripts/server.ts",
          "start",
          "-p",
          String(ports[name]),
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
          AID_SERVER_NAME: name,
        },
        log,
      );
      children.push(server);
      process.env[`MULTI_PID_${name.toUpperCase()}`] = String(server.pid);
      await waitFor(`http://127.0.0.1:${ports[name]}/login`, `app server ${name}`, server, log);
    }

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
        // As docs/deployment.md §4.1: a killed server's connections are refused; try another one.
        "  option redispatch",
        "  retries 2",
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
