/**
 * The HTTP server of `npm start` / `npm run dev` (started by scripts/launch.ts):
 * Next.js behind a plain Node server that does the two things only the socket
 * can do —
 *   - records the TCP peer's address in PEER_ADDRESS_HEADER (replacing any
 *     value the client sent), from which lib/security/client-address.ts walks
 *     X-Forwarded-For through TRUSTED_PROXIES to the client's address;
 *   - refuses methods the app does not serve (TRACE…) and malformed URLs with
 *     the security headers (lib/security/request-refusal.ts) instead of
 *     Next's bare 500.
 * Before Next.js starts it checks the data keys against the database (lib/security/key-check.ts)
 * and stops with a message naming the variable when they are not this database's.
 * With AID_SERVER_NAME set (several app servers behind one load balancer),
 * every response carries `X-Aid-Server: <name>` so an operator — and
 * tests/multi-server/ — can tell which server answered.
 * Usage: tsx --import ./scripts/server-only-stub.mjs scripts/server.ts dev|start [-p PORT] [-H HOSTNAME]
 */
import http from "node:http";
import next from "next";
import { registerAllJobHandlers, startJobChains } from "@/lib/services/job-handlers";
import { startWorkers, stopJobs, workersEnabled } from "@/lib/jobs/queue";
import { PEER_ADDRESS_HEADER, trustedProxies } from "@/lib/security/client-address";
import { isHttps } from "@/lib/security/headers";
import { disconnectDb } from "@/lib/db/client";
import { KeyMismatchError, verifyKeys } from "@/lib/security/key-check";
import { refuseRequest } from "@/lib/security/request-refusal";
import { checkSmsSettings } from "@/lib/notifications/sms";

const [mode, ...args] = process.argv.slice(2);
if (mode !== "dev" && mode !== "start") {
  console.error(
    "usage: tsx --import ./scripts/server-only-stub.mjs scripts/server.ts dev|start [-p PORT] [-H HOSTNAME]",
  );
  process.exit(2);
}
function option(short: string, long: string): string | undefined {
  const i = args.findIndex((a) => a === short || a === long);
  return i >= 0 ? args[i + 1] : undefined;
}
const port = Number(option("-p", "--port") ?? process.env.PORT ?? 3000);
const hostname = option("-H", "--hostname") ?? process.env.HOSTNAME ?? "0.0.0.0";

// A typo in TRUSTED_PROXIES must stop the start, not silently trust nobody (or everybody).
try {
  const trusted = trustedProxies();
  if (trusted.entries.length) console.log(`Trusted reverse proxies: ${trusted.entries.join(", ")}`);
} catch (e) {
  console.error((e as Error).message);
  process.exit(2);
}

// A half-configured SMS provider must stop the start, not fail every message later (lib/notifications/sms).
try {
  console.log(checkSmsSettings());
} catch (e) {
  console.error(`Not started: ${(e as Error).message}`);
  process.exit(2);
}

// Keys that are not this database's must stop the start, not answer with decryption errors or write
// data no one can read (lib/security/key-check.ts; docs/deployment.md, "Keys at start-up").
try {
  const { recorded } = await verifyKeys();
  if (recorded.length) console.log(`Key check values recorded for: ${recorded.join(", ")}`);
} catch (e) {
  const reason = e instanceof Error ? e.message : String(e);
  console.error(
    e instanceof KeyMismatchError
      ? `Not started: ${reason}`
      : `Not started: the data keys could not be checked against the database (DATABASE_URL): ${reason}`,
  );
  process.exit(2);
} finally {
  await disconnectDb().catch(() => undefined);
}

// Background job workers (lib/jobs) run in this process unless JOB_WORKERS=off (a web-only server).
let runWorkers = false;
try {
  runWorkers = workersEnabled();
} catch (e) {
  console.error((e as Error).message);
  process.exit(2);
}

const app = next({ dev: mode === "dev", hostname, port, dir: process.cwd() });
const handle = app.getRequestHandler();
await app.prepare();

// Cookies follow the request's scheme (lib/auth/options.ts), but next-auth builds its redirects from NEXTAUTH_URL.
let mismatchReported = false;
function reportUrlMismatch(https: boolean) {
  if (mismatchReported || !https || !(process.env.NEXTAUTH_URL ?? "").startsWith("http://")) return;
  mismatchReported = true;
  console.error(
    `NEXTAUTH_URL is ${process.env.NEXTAUTH_URL} but requests arrive over https through the reverse proxy: ` +
      "set NEXTAUTH_URL to the public https:// address (README.md, docs/reverse-proxy.md).",
  );
}

const serverName = process.env.AID_SERVER_NAME?.trim();
const server = http.createServer((req, res) => {
  if (serverName) res.setHeader("X-Aid-Server", serverName);
  const https = isHttps("http:", (req.headers["x-forwarded-proto"] as string | undefined) ?? null);
  if (trustedProxies().check(req.socket.remoteAddress ?? "")) reportUrlMismatch(https);
  const refused = refuseRequest(req.method, req.url, https);
  if (refused) {
    res.writeHead(refused.status, refused.headers);
    res.end(req.method === "HEAD" ? undefined : refused.body);
    return;
  }
  req.headers[PEER_ADDRESS_HEADER] = req.socket.remoteAddress ?? "";
  void handle(req, res);
});
if (mode === "dev") {
  const upgrade = app.getUpgradeHandler();
  server.on("upgrade", (req, socket, head) => void upgrade(req, socket, head));
}
server.listen(port, hostname, () => {
  console.log(`Ready on http://${hostname}:${port} (${mode})`);
});

if (runWorkers) {
  registerAllJobHandlers();
  await startWorkers();
  await startJobChains();
  console.log("Job workers started in this process (JOB_WORKERS=off for a web-only server).");
}

let stopping = false;
for (const signal of ["SIGINT", "SIGTERM"] as const)
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    server.close();
    // Running jobs get a few seconds; what is left goes back to the queue for another worker.
    void stopJobs(Number(process.env.JOB_STOP_GRACE_SECONDS ?? 10))
      .catch((e) => console.error(e))
      .then(() => app.close())
      .finally(() => process.exit(0));
  });
