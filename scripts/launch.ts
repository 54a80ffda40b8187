/**
 * npm run dev / npm start: gets the database ready (embedded PostgreSQL unless
 * DATABASE_URL is set), applies migrations, seeds demo data on the embedded
 * database's first start, then runs Next.js (`dev` or `start`) through
 * scripts/server.ts — which records the socket address for the client-address
 * rules and refuses TRACE and malformed URLs — with the database URL and
 * secrets in its environment. Ctrl-C stops both.
 */
import { spawn } from "node:child_process";
import { ensureDatabase } from "@/lib/db/runtime";
import { seedIfEmpty } from "./seed-if-empty";

const mode = process.argv[2];
if (mode !== "dev" && mode !== "start") {
  console.error(
    "usage: tsx --import ./scripts/server-only-stub.mjs scripts/launch.ts dev|start [next options]",
  );
  process.exit(2);
}

// next-auth v4 builds its callback URLs from NEXTAUTH_URL; default to where `next` will listen.
const args = process.argv.slice(3);
const portArg = args[args.findIndex((a) => a === "-p" || a === "--port") + 1];
const port =
  (args.includes("-p") || args.includes("--port")) && portArg ? portArg : (process.env.PORT ?? "3000");
process.env.NEXTAUTH_URL ??= `http://localhost:${port}`;

const handle = await ensureDatabase({ strictRole: mode === "start" });
if (handle.embedded) await seedIfEmpty();

// The web app gets only the app role's DATABASE_URL, never the owner's credentials (lib/db/roles.ts).
const appEnv = { ...process.env };
delete appEnv.DATABASE_MIGRATION_URL;
const next = spawn(
  process.execPath,
  ["--import", "tsx", "--import", "./scripts/server-only-stub.mjs", "scripts/server.ts", mode, ...args],
  {
    stdio: "inherit",
    // What `next dev` / `next start` set themselves (React's build, proxy.ts's CSP).
    env: { ...appEnv, NODE_ENV: mode === "dev" ? "development" : "production" },
  },
);

let stopping = false;
async function shutdown(code: number) {
  if (stopping) return;
  stopping = true;
  // The server hands its running jobs back to the queue before it exits (scripts/server.ts): wait for it.
  if (next.exitCode === null && next.signalCode === null) {
    const exited = new Promise((resolve) => next.once("exit", resolve));
    next.kill("SIGTERM");
    const graceMs = (Number(process.env.JOB_STOP_GRACE_SECONDS ?? 10) + 10) * 1000;
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, graceMs))]);
  }
  await handle.stop().catch(() => undefined);
  process.exit(code);
}
process.on("SIGINT", () => void shutdown(0));
process.on("SIGTERM", () => void shutdown(0));
next.on("exit", (code) => void shutdown(code ?? 0));
