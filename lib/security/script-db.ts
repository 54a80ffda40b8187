/**
 * Database access for the maintenance scripts (backup, restore, key
 * rotation, audit purge): DATABASE_URL when set; otherwise the embedded
 * database — reused when the app is already running it, started (and
 * stopped again afterwards) when not.
 */
import path from "node:path";
import pg from "pg";
import { applySecrets, loadOrCreateLocalSecrets } from "@/lib/config/local-secrets";
import { startEmbeddedPostgres } from "@/lib/db/embedded";
import { DATA_DIR, EMBEDDED_DATABASE, ensureDatabase } from "@/lib/db/runtime";

export type ScriptDatabase = { url: string; embedded: boolean; dataDir: string; stop(): Promise<void> };

async function reachable(url: string): Promise<boolean> {
  const c = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await c.connect();
    return true;
  } catch {
    return false;
  } finally {
    await c.end().catch(() => undefined);
  }
}

/** `migrate: false` (restore) starts the embedded server without creating the schema. */
export async function openScriptDatabase(opts: { migrate?: boolean } = {}): Promise<ScriptDatabase> {
  if (process.env.DATABASE_URL) {
    return { url: process.env.DATABASE_URL, embedded: false, dataDir: DATA_DIR, stop: async () => undefined };
  }
  const secrets = loadOrCreateLocalSecrets(DATA_DIR);
  applySecrets(secrets);
  const port = Number(process.env.EMBEDDED_PG_PORT ?? 54329);
  const url = `postgresql://postgres:${encodeURIComponent(secrets.EMBEDDED_PG_PASSWORD)}@127.0.0.1:${port}/${EMBEDDED_DATABASE}`;
  if (await reachable(url)) {
    process.env.DATABASE_URL = url;
    return { url, embedded: true, dataDir: DATA_DIR, stop: async () => undefined };
  }
  if (opts.migrate === false) {
    const server = await startEmbeddedPostgres({
      dir: path.join(DATA_DIR, "pg"),
      port,
      password: secrets.EMBEDDED_PG_PASSWORD,
      quiet: true,
    });
    await server.ensureDatabase(EMBEDDED_DATABASE);
    process.env.DATABASE_URL = url;
    return { url, embedded: true, dataDir: DATA_DIR, stop: () => server.stop() };
  }
  const handle = await ensureDatabase({ quiet: true });
  return { url: handle.url, embedded: true, dataDir: DATA_DIR, stop: () => handle.stop() };
}

export const relativeToCwd = (p: string) => path.relative(process.cwd(), p) || ".";
