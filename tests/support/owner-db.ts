import { createPrismaClient, type Db } from "@/lib/db/client";

let owner: Db | undefined;

/**
 * A client for the test database's OWNER (`postgres`), for what the app role
 * may not do: the retention purge, tampering with the audit log to prove it
 * is detected, fast fixtures. App-level code under test uses db() (the app role).
 */
export function ownerDb(): Db {
  const url = process.env.OWNER_DATABASE_URL;
  if (!url) throw new Error("OWNER_DATABASE_URL is set by tests/support/integration-setup.ts");
  owner ??= createPrismaClient(url);
  return owner;
}

export async function disconnectOwnerDb(): Promise<void> {
  await owner?.$disconnect();
  owner = undefined;
}
