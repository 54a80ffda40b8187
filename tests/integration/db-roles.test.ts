/**
 * The app signs in as a role that owns nothing (lib/db/roles.ts): whatever
 * code runs in the app, the audit log cannot be rewritten through its
 * connection — no UPDATE/DELETE/TRUNCATE, no disabling the triggers, no
 * replica mode that skips them — while ordinary tables work as before and
 * tables created by later migrations get their grants automatically.
 */
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { AuditAction } from "@/lib/domain/audit-actions";
import { writeAudit } from "@/lib/db/audit.repo";
import { db } from "@/lib/db/client";
import { appRoleProblems, grantAppRole, roleOfUrl } from "@/lib/db/roles";
import { checkAppRole, ensureDatabase } from "@/lib/db/runtime";
import { makeRegionTree } from "../support/fixtures";
import { ownerDb } from "../support/owner-db";
import { TEST_PG } from "../support/test-env";

let app: pg.Client;

async function asApp(sql: string): Promise<unknown> {
  return app.query(sql);
}

beforeAll(async () => {
  app = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await app.connect();
  await writeAudit({ action: "test.roles" as AuditAction });
});
afterAll(async () => {
  await app.end();
});

describe("the app's connection", () => {
  it("is the app role, not the owner", async () => {
    expect(roleOfUrl(process.env.DATABASE_URL!)).toBe(TEST_PG.appRole);
    const r = await app.query<{ u: string; s: boolean }>(
      "SELECT current_user AS u, rolsuper AS s FROM pg_roles WHERE rolname = current_user",
    );
    expect(r.rows[0]).toEqual({ u: TEST_PG.appRole, s: false });
    expect(await appRoleProblems(process.env.DATABASE_URL!)).toEqual([]);
  });

  it("may append to and read the audit log, but not change, delete or truncate it", async () => {
    await asApp(`INSERT INTO "AuditLog" ("action") VALUES ('test.app_insert')`);
    expect(await db().auditLog.count({ where: { action: { in: ["test.roles", "test.app_insert"] } } })).toBe(
      2,
    );
    await expect(asApp(`UPDATE "AuditLog" SET "action" = 'x'`)).rejects.toThrow(/permission denied/);
    await expect(asApp(`DELETE FROM "AuditLog"`)).rejects.toThrow(/permission denied/);
    await expect(asApp(`TRUNCATE "AuditLog"`)).rejects.toThrow(/permission denied/);
    expect(await db().auditLog.count({ where: { action: "test.roles" } })).toBe(1);
  });

  it("cannot switch the triggers off: no ALTER TABLE … DISABLE TRIGGER, no replica mode", async () => {
    await expect(asApp(`ALTER TABLE "AuditLog" DISABLE TRIGGER "AuditLog_append_only"`)).rejects.toThrow(
      /must be owner/,
    );
    await expect(asApp(`ALTER TABLE "AuditLog" DISABLE TRIGGER ALL`)).rejects.toThrow(/must be owner/);
    await expect(asApp(`SET session_replication_role = replica`)).rejects.toThrow(/permission denied/);
    await expect(asApp(`DROP TRIGGER "AuditLog_append_only" ON "AuditLog"`)).rejects.toThrow(/must be owner/);
    await expect(asApp(`DROP TABLE "AuditLog"`)).rejects.toThrow(/must be owner/);
    await expect(asApp(`ALTER TABLE "AuditLog" OWNER TO ${TEST_PG.appRole}`)).rejects.toThrow(
      /must be owner/,
    );
  });

  it("cannot change the other append-only histories or the chain's own tables", async () => {
    for (const t of ["ApplicationTransition", "ReviewStep", "AuditChainGap"]) {
      await expect(asApp(`UPDATE "${t}" SET "id" = "id"`), t).rejects.toThrow(/permission denied/);
      await expect(asApp(`DELETE FROM "${t}"`), t).rejects.toThrow(/permission denied/);
      await expect(asApp(`TRUNCATE "${t}"`), t).rejects.toThrow(/permission denied/);
    }
    for (const t of ["AuditChainHead", "AuditChainGap", "schemaversion"]) {
      await expect(asApp(`SELECT * FROM "${t}"`), t).rejects.toThrow(/permission denied/);
    }
    await expect(asApp(`UPDATE "AuditChainHead" SET "seq" = 0`)).rejects.toThrow(/permission denied/);
  });

  it("cannot create objects in the schema nor grant itself more", async () => {
    await expect(asApp(`CREATE TABLE "Sneaky" (x int)`)).rejects.toThrow(/permission denied/);
    await expect(asApp(`CREATE ROLE sneaky SUPERUSER`)).rejects.toThrow(/permission denied/);
    // PostgreSQL only warns "no privileges were granted"; the right stays missing.
    await asApp(`GRANT DELETE ON "AuditLog" TO ${TEST_PG.appRole}`);
    await expect(asApp(`DELETE FROM "AuditLog"`)).rejects.toThrow(/permission denied/);
  });

  it("works on ordinary tables: insert, update, delete", async () => {
    const { county } = await makeRegionTree();
    await db().region.update({ where: { id: county.id }, data: { name: "改名县" } });
    expect((await db().region.findUniqueOrThrow({ where: { id: county.id } })).name).toBe("改名县");
  });
});

describe("tables added by later migrations", () => {
  it("get the app grants automatically (default privileges); an append-only one loses UPDATE/DELETE", async () => {
    const owner = ownerDb();
    await owner.$executeRawUnsafe(`CREATE TABLE "LaterTable" ("id" SERIAL PRIMARY KEY, "v" TEXT)`);
    await owner.$executeRawUnsafe(`CREATE TABLE "LaterHistory" ("id" SERIAL PRIMARY KEY, "v" TEXT)`);
    await owner.$executeRawUnsafe(
      `CREATE TRIGGER "LaterHistory_append_only" BEFORE UPDATE OR DELETE ON "LaterHistory" FOR EACH ROW EXECUTE FUNCTION refuse_change()`,
    );
    // Without any further step, the app can use both (default privileges, sequences included)…
    await asApp(`INSERT INTO "LaterTable" ("v") VALUES ('a')`);
    await asApp(`UPDATE "LaterTable" SET "v" = 'b'`);
    await asApp(`DELETE FROM "LaterTable"`);
    await asApp(`INSERT INTO "LaterHistory" ("v") VALUES ('a')`);
    // …and the migrator's grant step, run after every migration, takes UPDATE/DELETE off the append-only one.
    await grantAppRole(process.env.OWNER_DATABASE_URL!, TEST_PG.appRole);
    await asApp(`INSERT INTO "LaterHistory" ("v") VALUES ('b')`);
    await expect(asApp(`UPDATE "LaterHistory" SET "v" = 'c'`)).rejects.toThrow(/permission denied/);
    await expect(asApp(`DELETE FROM "LaterHistory"`)).rejects.toThrow(/permission denied/);
    await asApp(`UPDATE "LaterTable" SET "v" = 'c'`);
  });
});

describe("start-up check of the app role", () => {
  const saved = process.env.AID_ALLOW_PRIVILEGED_DB_ROLE;
  afterAll(() => {
    process.env.AID_ALLOW_PRIVILEGED_DB_ROLE = saved;
  });

  it("finds a superuser owner role too powerful: refuses in production, warns otherwise", async () => {
    const ownerUrl = process.env.OWNER_DATABASE_URL!;
    const problems = await appRoleProblems(ownerUrl);
    expect(problems.join("; ")).toMatch(/superuser/);
    expect(problems.join("; ")).toMatch(/owns/);
    delete process.env.AID_ALLOW_PRIVILEGED_DB_ROLE;
    await expect(checkAppRole(ownerUrl, true)).rejects.toThrow(
      /too powerful.*AID_ALLOW_PRIVILEGED_DB_ROLE=1/s,
    );
    process.env.AID_ALLOW_PRIVILEGED_DB_ROLE = "1";
    await expect(checkAppRole(ownerUrl, true)).resolves.toBeUndefined();
    delete process.env.AID_ALLOW_PRIVILEGED_DB_ROLE;
    await expect(checkAppRole(ownerUrl, false)).resolves.toBeUndefined();
    await expect(checkAppRole(process.env.DATABASE_URL!, true)).resolves.toBeUndefined();
  });
});

describe("an external server set up with README's SQL", () => {
  it("migrates as a non-superuser owner (DATABASE_MIGRATION_URL) and runs the app as a role that owns nothing", async () => {
    const base = inject("pgBaseUrl");
    const admin = new pg.Client({ connectionString: base });
    await admin.connect();
    const suffix = Date.now().toString(36);
    const [owner, appRole, dbName] = [`ext_owner_${suffix}`, `ext_app_${suffix}`, `ext_db_${suffix}`];
    try {
      // README, "External PostgreSQL".
      await admin.query(
        `CREATE ROLE ${owner} LOGIN PASSWORD 'owner-secret' NOSUPERUSER NOCREATEDB NOCREATEROLE`,
      );
      await admin.query(
        `CREATE ROLE ${appRole} LOGIN PASSWORD 'app-secret' NOSUPERUSER NOCREATEDB NOCREATEROLE NOINHERIT`,
      );
      await admin.query(`CREATE DATABASE ${dbName} OWNER ${owner} TEMPLATE template0`);
      const dbAdmin = new pg.Client({
        connectionString: Object.assign(new URL(base), { pathname: `/${dbName}` }).toString(),
      });
      await dbAdmin.connect();
      await dbAdmin.query(`ALTER SCHEMA public OWNER TO ${owner}`);
      await dbAdmin.query(`REVOKE CREATE ON SCHEMA public FROM PUBLIC`);
      await dbAdmin.end();
      await admin.query(`REVOKE ALL ON DATABASE ${dbName} FROM PUBLIC`);
      await admin.query(`GRANT CONNECT ON DATABASE ${dbName} TO ${appRole}`);
    } finally {
      await admin.end();
    }
    const url = (user: string, password: string) => {
      const u = new URL(base);
      u.username = user;
      u.password = password;
      u.pathname = `/${dbName}`;
      return u.toString();
    };
    const saved = {
      DATABASE_URL: process.env.DATABASE_URL,
      DATABASE_MIGRATION_URL: process.env.DATABASE_MIGRATION_URL,
    };
    process.env.DATABASE_URL = url(appRole, "app-secret");
    process.env.DATABASE_MIGRATION_URL = url(owner, "owner-secret");
    try {
      const handle = await ensureDatabase({ quiet: true, strictRole: true });
      expect(handle.appRole).toBe(appRole);
      expect(await appRoleProblems(handle.url)).toEqual([]);
      const c = new pg.Client({ connectionString: handle.url });
      await c.connect();
      try {
        await c.query(`INSERT INTO "AuditLog" ("action") VALUES ('test.external')`);
        await expect(c.query(`DELETE FROM "AuditLog"`)).rejects.toThrow(/permission denied/);
        await expect(c.query(`ALTER TABLE "AuditLog" DISABLE TRIGGER ALL`)).rejects.toThrow(/must be owner/);
      } finally {
        await c.end();
      }
      // DATABASE_URL alone, as the owner: refused under npm start, a warning otherwise.
      delete process.env.DATABASE_MIGRATION_URL;
      process.env.DATABASE_URL = url(owner, "owner-secret");
      await expect(ensureDatabase({ quiet: true, strictRole: true })).rejects.toThrow(/owns .*tables/);
      await expect(ensureDatabase({ quiet: true, strictRole: false })).resolves.toMatchObject({
        appRole: null,
      });
    } finally {
      process.env.DATABASE_URL = saved.DATABASE_URL;
      if (saved.DATABASE_MIGRATION_URL === undefined) delete process.env.DATABASE_MIGRATION_URL;
      else process.env.DATABASE_MIGRATION_URL = saved.DATABASE_MIGRATION_URL;
    }
  });
});
