import { benchSelectOne } from "@/lib/services/bench";

/**
 * The HTTP benchmark's baseline (bench/http.ts): a bare route handler doing one
 * `select 1` through the app's Prisma client (lib/services/bench.ts). Answers 404 unless the server
 * was started for a benchmark (BENCH_ROUTES=1).
 */
export const dynamic = "force-dynamic";

export async function GET(): Promise<Response> {
  if (process.env.BENCH_ROUTES !== "1") return new Response("Not Found", { status: 404 });
  await benchSelectOne();
  return Response.json({ ok: true });
}
