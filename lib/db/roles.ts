/**
 * The two database roles (SECURITY.md, "Database roles"):
 *   - the OWNER runs the migrations and owns every table, function and sequence;
 *   - the APP role, which the web app connects as, owns nothing: it may
 *     SELECT/INSERT/UPDATE/DELETE ordinary tables and use their sequences, but
 *     on an append-only table (one with a trigger named "<table>_append_only",
 *     e.g. "AuditLog") only SELECT and INSERT, and on the owner-only tables
 *     below nothing at all. Not being owner nor superuser, it cannot
 *     `ALTER TABLE … DISABLE TRIGGER`, `SET session_replication_role`, TRUNCATE
 *     or drop anything.
 * `grantAppRole` runs as the owner after every migration run; `ALTER DEFAULT
 * PRIVILEGES` also gives the app role its grants on tables that later
 * migrations create (docs/database-roles.md).
 */
import "server-only";
import pg from "pg";
import { JOB_SCHEMA } from "@/lib/jobs/queues";

/** The app role of the embedded default (its password is EMBEDDED_PG_APP_PASSWORD in .data/secrets.json). */
export const EMBEDDED_APP_ROLE = "aid_app";

/** Tables the app role may not read or write at all (migration bookkeeping, the audit chain's head and gaps). */
export const OWNER_ONLY_TABLES = ["schemaversion", "AuditChainHead", "AuditChainGap"] as const;

/**
 * Tables only a SECURITY DEFINER trigger of the owner writes (the aid records: the trigger on RosterPayment,
 * migrations 510 and 514): the app role may SELECT them, never INSERT, UPDATE or DELETE.
 */
export const TRIGGER_WRITTEN_TABLES = ["AidRecord"] as const;

const ident = (s: string) => `"${s.replace(/"/g, '""')}"`;
const literal = (s: string) => `'${s.replace(/'/g, "''")}'`;

/** The role a postgres:// URL signs in as. */
export function roleOfUrl(url: string): string {
  return decodeURIComponent(new URL(url).username);
}

/** The same server and database with other credentials. */
export function urlWithCredentials(url: string, user: string, password: string): string {
  const parsed = new URL(url);
  parsed.username = encodeURIComponent(user);
  parsed.password = encodeURIComponent(password);
  return parsed.toString();
}

/** Runs `fn` on a fresh connection to `url`, closed afterwards (also used by lib/security/backup.ts). */
export async function withClient<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/**
 * Creates (or resets the password and attributes of) a login role that can do
 * nothing but sign in. Needs a superuser or CREATEROLE connection: the
 * embedded server's `postgres` and the test cluster use it.
 */
export async function ensureAppLoginRole(adminUrl: string, role: string, password: string): Promise<void> {
  await withClient(adminUrl, async (client) => {
    const attrs = `LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS INHERIT PASSWORD ${literal(password)}`;
    // Two starts at once may both try to create it; a lock keeps that tidy.
    await client.query("SELECT pg_advisory_lock(727272)");
    try {
      const found = await client.query("SELECT 1 FROM pg_roles WHERE rolname = $1", [role]);
      await client.query(`${found.rowCount ? "ALTER" : "CREATE"} ROLE ${ident(role)} ${attrs}`);
    } finally {
      await client.query("SELECT pg_advisory_unlock(727272)");
    }
  });
}

/**
 * Gives the app role its rights on the migrated schema. Run as the owner
 * (the role that ran the migrations), after every migration run; idempotent.
 */
export async function grantAppRole(ownerUrl: string, appRole: string): Promise<void> {
  await withClient(ownerUrl, async (client) => {
    const app = ident(appRole);
    const owner = (await client.query<{ u: string }>("SELECT current_user AS u")).rows[0]!.u;
    if (owner === appRole) throw new Error(`the app role ${appRole} cannot be the owner role too`);
    const appendOnly = (
      await client.query<{ t: string }>(
        `SELECT c.relname AS t FROM pg_trigger g JOIN pg_class c ON c.oid = g.tgrelid
           JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = 'public'
          WHERE NOT g.tgisinternal AND g.tgname = c.relname || '_append_only' ORDER BY 1`,
      )
    ).rows.map((r) => r.t);
    const existing = new Set(
      (
        await client.query<{ t: string }>(
          `SELECT c.relname AS t FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p')`,
        )
      ).rows.map((r) => r.t),
    );
    // PostgreSQL 17+: MAINTAIN lets the app ANALYZE a table after a bulk import (lib/db/student-roster.repo.ts).
    const version = Number((await client.query<{ v: string }>("SHOW server_version_num")).rows[0]!.v);
    const tableRights = `SELECT, INSERT, UPDATE, DELETE${version >= 170_000 ? ", MAINTAIN" : ""}`;
    await client.query("BEGIN");
    try {
      await client.query(`GRANT USAGE ON SCHEMA public TO ${app}`);
      await client.query(`GRANT ${tableRights} ON ALL TABLES IN SCHEMA public TO ${app}`);
      await client.query(`GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${app}`);
      // Tables and sequences the owner creates in later migrations get the same grants.
      await client.query(
        `ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT ${tableRights} ON TABLES TO ${app}`,
      );
      await client.query(
        `ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO ${app}`,
      );
      for (const table of appendOnly)
        await client.query(
          `REVOKE UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER${version >= 170_000 ? ", MAINTAIN" : ""} ON ${ident(table)} FROM ${app}`,
        );
      for (const table of OWNER_ONLY_TABLES)
        if (existing.has(table)) await client.query(`REVOKE ALL ON ${ident(table)} FROM ${app}`);
      for (const table of TRIGGER_WRITTEN_TABLES)
        if (existing.has(table))
          await client.query(
            `REVOKE INSERT, UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER${version >= 170_000 ? ", MAINTAIN" : ""} ON ${ident(table)} FROM ${app}`,
          );
      // The job queue's schema (lib/jobs/install.ts): rows only; pg-boss runs with `migrate: false` as the app.
      const jobSchema = await client.query("SELECT 1 FROM pg_namespace WHERE nspname = $1", [JOB_SCHEMA]);
      if (jobSchema.rowCount) {
        const js = ident(JOB_SCHEMA);
        await client.query(`GRANT USAGE ON SCHEMA ${js} TO ${app}`);
        await client.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA ${js} TO ${app}`);
        await client.query(`GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA ${js} TO ${app}`);
        await client.query(`GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA ${js} TO ${app}`);
        await client.query(
          `ALTER DEFAULT PRIVILEGES IN SCHEMA ${js} GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ${app}`,
        );
      }
      await client.query("COMMIT");
    } catch (error) {
      await client.query("ROLLBACK");
      throw error;
    }
  });
}

export type RoleProblem = string;

/**
 * What is wrong with the role a URL signs in as, for an app connection: a
 * superuser, a member of a table owner (so it may disable triggers), or one
 * allowed to change or delete audit entries. Empty when it is safe.
 */
export async function appRoleProblems(appUrl: string): Promise<RoleProblem[]> {
  return withClient(appUrl, async (client) => {
    const result = await client.query<{
      role: string;
      superuser: boolean;
      owns: string;
      auditWritable: boolean | null;
    }>(
      `SELECT current_user AS role, r.rolsuper AS superuser,
              (SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p')
                  AND pg_has_role(current_user, c.relowner, 'MEMBER'))::text AS owns,
              CASE WHEN to_regclass('public."AuditLog"') IS NULL THEN NULL ELSE
                has_table_privilege('public."AuditLog"', 'UPDATE') OR has_table_privilege('public."AuditLog"', 'DELETE')
                OR has_table_privilege('public."AuditLog"', 'TRUNCATE') END AS "auditWritable"
         FROM pg_roles r WHERE r.rolname = current_user`,
    );
    const row = result.rows[0]!;
    const problems: RoleProblem[] = [];
    if (row.superuser) problems.push(`role "${row.role}" is a superuser`);
    if (Number(row.owns) > 0)
      problems.push(`role "${row.role}" owns (or is a member of the owner of) tables`);
    if (row.auditWritable) problems.push(`role "${row.role}" may UPDATE, DELETE or TRUNCATE the audit log`);
    return problems;
  });
}
