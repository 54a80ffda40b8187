/**
 * The HTTP benchmark's baseline (bench/http.ts, app/api/bench/select-one/route.ts): one `select 1`, so the
 * benchmark measures a route handler that reaches the database through the same layers as every page.
 */
import "server-only";
import { selectOne } from "@/lib/db/bench.repo";

export async function benchSelectOne(): Promise<void> {
  await selectOne();
}
