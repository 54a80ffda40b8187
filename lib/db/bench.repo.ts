import "server-only";
import { db } from "./client";

/** The HTTP benchmark's baseline query (bench/http.ts): one round trip through the app's Prisma client. */
export async function selectOne(): Promise<void> {
  await db().$queryRaw`select 1`;
}
