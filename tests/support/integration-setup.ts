import { afterAll, inject } from "vitest";
import { db } from "@/lib/db/client";
import { disconnectOwnerDb } from "./owner-db";
import { asAppRole, createTestDatabase } from "./test-db";
import { TEST_SECRETS } from "./test-env";

// Every integration test file runs against its own fresh, migrated database, as the app role
// (lib/db/roles.ts) like the app itself; tests that need the owner use ownerDb() / OWNER_DATABASE_URL.
Object.assign(process.env, TEST_SECRETS);
process.env.OWNER_DATABASE_URL = await createTestDatabase(inject("pgBaseUrl"));
process.env.DATABASE_URL = asAppRole(process.env.OWNER_DATABASE_URL);

afterAll(async () => {
  await db().$disconnect();
  await disconnectOwnerDb();
});
