/**
 * Database access for the maintenance scripts (backup, restore, key
 * rotation, audit purge and verification). They connect as the OWNER role
 * (lib/db/roles.ts): DATABASE_MIGRATION_URL, else DATABASE_URL when set;
 * otherwise the embedded database's `postgres` — reused when the app is
 * already running it, started (and stopped again afterwards) when not.
 * process.env.DATABASE_URL is pointed at the owner for the script's own
 * `db()` calls.
 */
import "server-only";
import path from "node:path";
import pg from "pg";
import { applySecrets, loadOrCreateLocalSecrets } from "@/lib/config/local-secrets";
import { startEmbeddedPostgres } from "@/lib/db/embedded";
import { EMBEDDED_APP_ROLE, ensureAppLoginRole, roleOfUrl } from "@/lib/db/roles";
import { DATA_DIR, EMBEDDED_DATABASE, ensureDatabase } from "@/lib/db/runtime";

export type ScriptDatabase = {
  /** The owner's URL. */
  url: string;
  /** The role the web app signs in as (grants after a restore), or null when it is the owner itself. */
  appRole: string | null;
  embedded: boolean;
  dataDir: string;
  stop(): Promise<void>;
};

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
    const url = process.env.DATABASE_MIGRATION_URL || process.env.DATABASE_URL;
    const appRole =
      roleOfUrl(process.env.DATABASE_URL) !== roleOfUrl(url) ? roleOfUrl(process.env.DATABASE_URL) : null;
    process.env.DATABASE_URL = url;
    return { url, appRole, embedded: false, dataDir: DATA_DIR, stop: async () => undefined };
  }
  const secrets = loadOrCreateLocalSecrets(DATA_DIR);
  applySecrets(secrets);
  const port = Number(process.env.EMBEDDED_PG_PORT ?? 54329);
  const url = `postgresql://postgres:${encodeURIComponent(secrets.EMBEDDED_PG_PASSWORD)}@127.0.0.1:${port}/${EMBEDDED_DATABASE}`;
  const embedded = { appRole: EMBEDDED_APP_ROLE, embedded: true, dataDir: DATA_DIR };
  if (await reachable(url)) {
    process.env.DATABASE_URL = url;
    return { url, ...embedded, stop: async () => undefined };
  }
  if (opts.migrate === false) {
    const server = await startEmbeddedPostgres({
      dir: path.join(DATA_DIR, "pg"),
      port,
      password: secrets.EMBEDDED_PG_PASSWORD,
      quiet: true,
    });
    await server.ensureDatabase(EMBEDDED_DATABASE);
    await ensureAppLoginRole(server.urlFor("postgres"), EMBEDDED_APP_ROLE, secrets.EMBEDDED_PG_APP_PASSWORD);
    process.env.DATABASE_URL = url;
    return { url, ...embedded, stop: () => server.stop() };
  }
  const handle = await ensureDatabase({ quiet: true });
  process.env.DATABASE_URL = handle.ownerUrl;
  return { url: handle.ownerUrl, ...embedded, stop: () => handle.stop() };
}

export const relativeToCwd = (p: string) => path.relative(process.cwd(), p) || ".";
