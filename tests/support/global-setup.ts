import fs from "node:fs";
import type { TestProject } from "vitest/node";
import { startEmbeddedPostgres, type EmbeddedServer } from "@/lib/db/embedded";
import { migrateDatabase } from "@/lib/db/migrate";
import { ensureAppLoginRole, grantAppRole } from "@/lib/db/roles";
import { TEST_PG } from "./test-env";

let server: EmbeddedServer | undefined;

/**
 * Starts a fresh embedded PostgreSQL and a migrated template database for the
 * run, owned by `postgres`, with the app role's grants (lib/db/roles.ts):
 * every copy of it gets them too.
 */
export default async function setup(project: TestProject) {
  fs.rmSync(TEST_PG.dir, { recursive: true, force: true });
  server = await startEmbeddedPostgres({
    dir: TEST_PG.dir,
    port: TEST_PG.port,
    password: TEST_PG.password,
    quiet: true,
  });
  await server.ensureDatabase(TEST_PG.template);
  await ensureAppLoginRole(server.urlFor("postgres"), TEST_PG.appRole, TEST_PG.appPassword);
  await migrateDatabase(server.urlFor(TEST_PG.template));
  await grantAppRole(server.urlFor(TEST_PG.template), TEST_PG.appRole);
  project.provide("pgBaseUrl", server.urlFor("postgres"));
  return async () => {
    await server?.stop();
  };
}

declare module "vitest" {
  export interface ProvidedContext {
    pgBaseUrl: string;
  }
}
