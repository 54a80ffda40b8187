/**
 * Where the database comes from. With DATABASE_URL set, that server is used
 * and the secrets must be in the environment. Without it, a real embedded
 * PostgreSQL is started from .data/pg, and secrets are generated on first
 * start into .data/secrets.json. Either way, pending migrations are applied.
 *
 * Two roles (lib/db/roles.ts): migrations run as the OWNER, the app signs in
 * as the APP role, which owns nothing and may only append to the audit log.
 * Embedded: the owner is the server's `postgres`, the app role `aid_app`
 * (created here, password EMBEDDED_PG_APP_PASSWORD in .data/secrets.json).
 * External: DATABASE_MIGRATION_URL (owner) and DATABASE_URL (app role); with
 * DATABASE_URL alone, migrations run as that role and the start-up check below
 * complains about it.
 */
import "server-only";
import path from "node:path";
import { applySecrets, loadOrCreateLocalSecrets, missingSecrets } from "@/lib/config/local-secrets";
import { startEmbeddedPostgres } from "./embedded";
import { migrateDatabase } from "./migrate";
import {
  appRoleProblems,
  EMBEDDED_APP_ROLE,
  ensureAppLoginRole,
  grantAppRole,
  roleOfUrl,
  urlWithCredentials,
} from "./roles";

export const DATA_DIR = path.resolve(process.env.AID_DATA_DIR ?? ".data");
export const EMBEDDED_DATABASE = "student_aid";

export type DatabaseHandle = {
  /** The app role's URL (also put into process.env.DATABASE_URL). */
  url: string;
  /** The owner's URL: migrations and maintenance scripts only, never given to the web app. */
  ownerUrl: string;
  /** The app role's name, or null when the app signs in as the owner (external DATABASE_URL alone). */
  appRole: string | null;
  embedded: boolean;
  stop(): Promise<void>;
};

export type EnsureOptions = {
  quiet?: boolean;
  /**
   * Refuse to go on when the app role is a superuser, owns tables or may
   * rewrite the audit log (`npm start`); otherwise only warn. The operator
   * can override with AID_ALLOW_PRIVILEGED_DB_ROLE=1.
   */
  strictRole?: boolean;
};

/** Applies the start-up role policy: throws (strict, no override) or warns. */
export async function checkAppRole(appUrl: string, strict: boolean): Promise<void> {
  const problems = await appRoleProblems(appUrl);
  if (problems.length === 0) return;
  const message =
    `The database role the app signs in as is too powerful: ${problems.join("; ")}. ` +
    `It could rewrite or erase the audit log. Connect the app as a role that owns nothing ` +
    `(DATABASE_URL) and run migrations as the owner (DATABASE_MIGRATION_URL): see README, "External PostgreSQL".`;
  if (strict && process.env.AID_ALLOW_PRIVILEGED_DB_ROLE !== "1") {
    throw new Error(`${message} To start anyway, set AID_ALLOW_PRIVILEGED_DB_ROLE=1.`);
  }
  console.warn(`WARNING: ${message}`);
}

export async function ensureDatabase(opts: EnsureOptions = {}): Promise<DatabaseHandle> {
  const say = opts.quiet ? () => undefined : (s: string) => console.log(s);
  if (process.env.DATABASE_URL) {
    const missing = missingSecrets();
    if (missing.length) {
      throw new Error(
        `DATABASE_URL is set, so secrets must come from the environment too. Missing: ${missing.join(", ")} (see README, "External PostgreSQL").`,
      );
    }
    const appUrl = process.env.DATABASE_URL;
    const ownerUrl = process.env.DATABASE_MIGRATION_URL || appUrl;
    const applied = await migrateDatabase(ownerUrl);
    const appRole = roleOfUrl(appUrl) !== roleOfUrl(ownerUrl) ? roleOfUrl(appUrl) : null;
    if (appRole) await grantAppRole(ownerUrl, appRole);
    await checkAppRole(appUrl, opts.strictRole ?? false);
    say(
      `Database: external server; ${applied.length} migration(s) applied${appRole ? `; the app signs in as "${appRole}"` : ""}.`,
    );
    return { url: appUrl, ownerUrl, appRole, embedded: false, stop: async () => undefined };
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
    await ensureAppLoginRole(server.urlFor("postgres"), EMBEDDED_APP_ROLE, secrets.EMBEDDED_PG_APP_PASSWORD);
    const ownerUrl = server.urlFor(EMBEDDED_DATABASE);
    const applied = await migrateDatabase(ownerUrl);
    await grantAppRole(ownerUrl, EMBEDDED_APP_ROLE);
    const url = urlWithCredentials(ownerUrl, EMBEDDED_APP_ROLE, secrets.EMBEDDED_PG_APP_PASSWORD);
    await checkAppRole(url, true);
    process.env.DATABASE_URL = url;
    say(
      `Database: embedded PostgreSQL on 127.0.0.1:${port} (data in ${path.relative(process.cwd(), DATA_DIR) || "."}/pg); ${applied.length} migration(s) applied; the app signs in as "${EMBEDDED_APP_ROLE}".`,
    );
    return { url, ownerUrl, appRole: EMBEDDED_APP_ROLE, embedded: true, stop: () => server.stop() };
  } catch (error) {
    await server.stop();
    throw error;
  }
}
