/**
 * Where the database comes from. With DATABASE_URL set, that server is used
 * and the secrets must be in the environment. Without it, a real embedded
 * PostgreSQL is started from .data/pg, and secrets are generated on first
 * start into .data/secrets.json. Either way, pending migrations are applied.
 */
import path from "node:path";
import { applySecrets, loadOrCreateLocalSecrets, missingSecrets } from "@/lib/config/local-secrets";
import { startEmbeddedPostgres } from "./embedded";
import { migrate } from "./migrate";

export const DATA_DIR = path.resolve(process.env.AID_DATA_DIR ?? ".data");
export const EMBEDDED_DATABASE = "student_aid";

export type DatabaseHandle = { url: string; embedded: boolean; stop(): Promise<void> };

export async function ensureDatabase(opts: { quiet?: boolean } = {}): Promise<DatabaseHandle> {
  const say = opts.quiet ? () => undefined : (s: string) => console.log(s);
  if (process.env.DATABASE_URL) {
    const missing = missingSecrets();
    if (missing.length) {
      throw new Error(
        `DATABASE_URL is set, so secrets must come from the environment too. Missing: ${missing.join(", ")} (see README, "External PostgreSQL").`,
      );
    }
    const applied = await migrate(process.env.DATABASE_URL);
    say(`Database: external server; ${applied.length} migration(s) applied.`);
    return { url: process.env.DATABASE_URL, embedded: false, stop: async () => undefined };
  }

  const secrets = loadOrCreateLocalSecrets(DATA_DIR);
  applySecrets(secrets);
  const port = Number(process.env.EMBEDDED_PG_PORT ?? 54329);
  const server = await startEmbeddedPostgres({
    dir: path.join(DATA_DIR, "pg"),
    port,
    password: secrets.EMBEDDED_PG_PASSWORD,
    quiet: true,
  });
  try {
    await server.ensureDatabase(EMBEDDED_DATABASE);
    const url = server.urlFor(EMBEDDED_DATABASE);
    const applied = await migrate(url);
    process.env.DATABASE_URL = url;
    say(
      `Database: embedded PostgreSQL on 127.0.0.1:${port} (data in ${path.relative(process.cwd(), DATA_DIR) || "."}/pg); ${applied.length} migration(s) applied.`,
    );
    return { url, embedded: true, stop: () => server.stop() };
  } catch (e) {
    await server.stop();
    throw e;
  }
}
