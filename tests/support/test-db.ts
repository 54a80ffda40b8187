import { randomBytes } from "node:crypto";
import pg from "pg";
import { urlWithCredentials } from "@/lib/db/roles";
import { TEST_PG } from "./test-env";

function withDatabase(baseUrl: string, name: string): string {
  const u = new URL(baseUrl);
  u.pathname = `/${name}`;
  return u.toString();
}

/** Creates a throwaway database: a copy of the migrated template (or empty). */
export async function createTestDatabase(baseUrl: string, opts: { empty?: boolean } = {}): Promise<string> {
  const name = `t_${Date.now().toString(36)}_${randomBytes(4).toString("hex")}`;
  const client = new pg.Client({ connectionString: baseUrl });
  await client.connect();
  try {
    await client.query(
      `CREATE DATABASE "${name}" TEMPLATE ${opts.empty ? "template0" : `"${TEST_PG.template}"`}`,
    );
  } finally {
    await client.end();
  }
  return withDatabase(baseUrl, name);
}

/** The same test database as the app role (no owner rights: the audit log is insert-only). */
export function asAppRole(ownerUrl: string): string {
  return urlWithCredentials(ownerUrl, TEST_PG.appRole, TEST_PG.appPassword);
}
