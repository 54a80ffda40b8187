import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "./generated/client";

export type Db = PrismaClient;
/** A transaction client, as passed to `db.$transaction(async (tx) => …)`. */
export type Tx = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];

export function createPrismaClient(databaseUrl: string): PrismaClient {
  const adapter = new PrismaPg({
    connectionString: databaseUrl,
    max: Number(process.env.DATABASE_POOL_SIZE ?? 10),
  });
  return new PrismaClient({ adapter });
}

const holder = globalThis as unknown as { __aidPrisma?: PrismaClient };

/** The process-wide client. DATABASE_URL is set by the launcher (scripts/launch.ts) or by the operator. */
export function db(): PrismaClient {
  if (!holder.__aidPrisma) {
    const url = process.env.DATABASE_URL;
    if (!url)
      throw new Error(
        "DATABASE_URL is not set: start the app with `npm run dev` / `npm start`, which provide it.",
      );
    holder.__aidPrisma = createPrismaClient(url);
  }
  return holder.__aidPrisma;
}
