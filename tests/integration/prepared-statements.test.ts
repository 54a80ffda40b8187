/**
 * The app's Prisma client names its statements (lib/db/prepared-statements.ts): PostgreSQL keeps them
 * prepared per connection; DATABASE_PREPARED_STATEMENTS=0 runs them unnamed.
 */
import { afterEach, describe, expect, it } from "vitest";
import { createPrismaClient, db } from "@/lib/db/client";

type Prepared = { name: string; statement: string };
const preparedOnThisConnection = (client: ReturnType<typeof db>) =>
  client.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT 41 + 1 AS "answer"`;
    return tx.$queryRaw<Prepared[]>`SELECT "name", "statement" FROM pg_prepared_statements`;
  });

const saved = process.env.DATABASE_PREPARED_STATEMENTS;
afterEach(() => {
  if (saved === undefined) delete process.env.DATABASE_PREPARED_STATEMENTS;
  else process.env.DATABASE_PREPARED_STATEMENTS = saved;
});

describe("prepared statements", () => {
  it("are named and kept per connection by default", async () => {
    const prepared = await preparedOnThisConnection(db());
    const mine = prepared.find((row) => row.statement.includes("41 + 1"));
    expect(mine?.name).toMatch(/^aid_/);
  });

  it("are not named with DATABASE_PREPARED_STATEMENTS=0", async () => {
    process.env.DATABASE_PREPARED_STATEMENTS = "0";
    const client = createPrismaClient(process.env.DATABASE_URL!);
    try {
      const prepared = await preparedOnThisConnection(client);
      expect(prepared.filter((row) => row.name.startsWith("aid_"))).toEqual([]);
    } finally {
      await client.$disconnect();
    }
  });
});
