import { afterAll, inject } from "vitest";
import { db } from "@/lib/db/client";
import { createTestDatabase } from "./test-db";
import { TEST_SECRETS } from "./test-env";

// Every integration test file runs against its own fresh, migrated database.
Object.assign(process.env, TEST_SECRETS);
process.env.DATABASE_URL = await createTestDatabase(inject("pgBaseUrl"));

afterAll(async () => {
  await db().$disconnect();
});
