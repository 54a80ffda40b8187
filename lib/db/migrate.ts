import "server-only";
import path from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import Postgrator from "postgrator";
import { installJobSchema } from "@/lib/jobs/install";

const migrationsDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../prisma/migrations");

/** Arbitrary constant: serialises concurrent migrators (several app instances starting at once). */
const MIGRATION_LOCK = 727_271;

export type AppliedMigration = { version: number; name: string };

/**
 * Applies every pending SQL migration in prisma/migrations to the database.
 * Each file runs as one multi-statement query, which PostgreSQL executes in a
 * single implicit transaction: a failing migration leaves nothing behind.
 * `targetVersion` stops at that version (backup restore); default: all.
 */
export async function migrateDatabase(
  databaseUrl: string,
  targetVersion?: number,
): Promise<AppliedMigration[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK]);
    const postgrator = new Postgrator({
      migrationPattern: path.join(migrationsDir, "*.sql"),
      driver: "pg",
      database: client.database ?? "",
      schemaTable: "schemaversion",
      execQuery: (query) => client.query(query),
    });
    // A target version is used when restoring a backup taken at an older schema.
    const applied = await postgrator.migrate(targetVersion === undefined ? "max" : String(targetVersion));
    // The job queue's own schema (pg-boss), created or upgraded by its library as the owner.
    if (targetVersion === undefined) await installJobSchema(databaseUrl);
    return applied.map((m) => ({ version: m.version, name: m.name }));
  } finally {
    await client.query("SELECT pg_advisory_unlock($1)", [MIGRATION_LOCK]).catch(() => undefined);
    await client.end();
  }
}
