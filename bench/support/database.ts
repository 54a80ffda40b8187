/**
 * The benchmarks' database: the real embedded PostgreSQL (its own folder
 * .data/bench and port, so it never touches the dev or test data), with a
 * fresh, migrated database per benchmark. Secrets are the embedded default's
 * (generated on first use into .data/bench/secrets.json).
 */
import path from "node:path";
import pg from "pg";
import { applySecrets, loadOrCreateLocalSecrets } from "@/lib/config/local-secrets";
import { startEmbeddedPostgres, type EmbeddedServer } from "@/lib/db/embedded";
import { migrateDatabase } from "@/lib/db/migrate";

/** BENCH_DATA_DIR: another folder (and with BENCH_PG_PORT another server) for a benchmark run beside others. */
export const BENCH_DIR = path.resolve(process.env.BENCH_DATA_DIR ?? ".data/bench");
const PORT = Number(process.env.BENCH_PG_PORT ?? 54470);

export type BenchDatabase = { url: string; server: EmbeddedServer; stop(): Promise<void> };

/** Starts the server and creates `name` afresh (dropping an earlier one), migrated. Sets DATABASE_URL. */
export async function freshDatabase(name: string): Promise<BenchDatabase> {
  const secrets = loadOrCreateLocalSecrets(BENCH_DIR);
  applySecrets(secrets);
  const server = await startEmbeddedPostgres({
    dir: path.join(BENCH_DIR, "pg"),
    port: PORT,
    password: secrets.EMBEDDED_PG_PASSWORD,
    quiet: true,
  });
  const admin = new pg.Client({ connectionString: server.urlFor("postgres") });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  const url = server.urlFor(name);
  await migrateDatabase(url);
  process.env.DATABASE_URL = url;
  return { url, server, stop: () => server.stop() };
}

/** Starts the server on an existing benchmark database `name` (migrated to the current code, not emptied). */
export async function existingDatabase(name: string): Promise<BenchDatabase> {
  const secrets = loadOrCreateLocalSecrets(BENCH_DIR);
  applySecrets(secrets);
  const server = await startEmbeddedPostgres({
    dir: path.join(BENCH_DIR, "pg"),
    port: PORT,
    password: secrets.EMBEDDED_PG_PASSWORD,
    quiet: true,
  });
  const url = server.urlFor(name);
  await migrateDatabase(url);
  process.env.DATABASE_URL = url;
  return { url, server, stop: () => server.stop() };
}
