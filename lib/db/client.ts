import "server-only";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "./generated/client";
import { preparedStatementLimit, statementNamer } from "./prepared-statements";

export type Db = PrismaClient;
/** A transaction client, as passed to `db.$transaction(async (tx) => …)`. */
export type Tx = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];

export function createPrismaClient(databaseUrl: string): PrismaClient {
  const limit = preparedStatementLimit();
  const adapter = new PrismaPg(
    {
      connectionString: databaseUrl,
      max: Number(process.env.DATABASE_POOL_SIZE ?? 10),
    },
    // The adapter's type wants a name for every statement; undefined (over the limit) runs it unnamed.
    limit > 0 ? { statementNameGenerator: statementNamer(limit) as (query: { sql: string }) => string } : {},
  );
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

/**
 * Disconnects and forgets the process-wide client. scripts/server.ts calls it after its start-up key
 * check, so that the app's bundle then creates its own client from its own copy of the Prisma runtime
 * (whose error classes the app's `instanceof` checks expect).
 */
export async function disconnectDb(): Promise<void> {
  const client = holder.__aidPrisma;
  holder.__aidPrisma = undefined;
  await client?.$disconnect();
}

const readHolder = globalThis as unknown as { __aidReadPrisma?: { url: string; client: PrismaClient } };

/**
 * The client for reads that tolerate a second of replication lag: a second
 * PrismaClient on DATABASE_READ_URL (a streaming replica of the primary) when
 * that is set, else the primary {@link db}. docs/decisions/0008-read-replica.md.
 *
 * The rule: a repository function opts in by calling `readDb()` only when it
 * serves a read-only list, statistic or export, never when it writes, reads
 * what the same request has just written, or decides a write (scope checks
 * before writes, sessions, rate limits, locks, version tokens) — those call
 * `db()`. A request that runs a server action (the `Next-Action` header: the
 * action may have written, and the page re-rendered in the same response must
 * show it) reads from the primary too, as does a posted form.
 */
export async function readDb(): Promise<PrismaClient> {
  const url = process.env.DATABASE_READ_URL;
  if (!url || (await inServerAction())) return db();
  if (readHolder.__aidReadPrisma?.url !== url) {
    const old = readHolder.__aidReadPrisma?.client;
    readHolder.__aidReadPrisma = { url, client: createPrismaClient(url) };
    void old?.$disconnect().catch(() => {});
  }
  return readHolder.__aidReadPrisma.client;
}

/** Disconnects the replica client, if one was opened (tests, shutdown). */
export async function disconnectReadDb(): Promise<void> {
  const replica = readHolder.__aidReadPrisma;
  readHolder.__aidReadPrisma = undefined;
  await replica?.client.$disconnect();
}

/**
 * Whether the current request may run a server action: the `Next-Action` header, or a posted form (a form
 * submitted before the page's JavaScript loaded carries no header; Next.js recognises it by its content
 * type the same way). False outside a request (scripts, tests).
 */
async function inServerAction(): Promise<boolean> {
  let requestHeaders: Headers;
  try {
    const { headers } = await import("next/headers");
    requestHeaders = (await headers()) as unknown as Headers;
  } catch {
    return false;
  }
  const type = requestHeaders.get("content-type") ?? "";
  return (
    requestHeaders.has("next-action") ||
    type.startsWith("multipart/form-data") ||
    type.startsWith("application/x-www-form-urlencoded")
  );
}
