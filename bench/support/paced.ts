/**
 * Open-model paced load: requests *arrive* at a fixed overall rate, spread
 * evenly over time (one every 1000/rate ms), each from the next of the
 * signed-in sessions in turn — so 100 sessions at 100 requests/s is each
 * session sending about one request a second, never in step with the others.
 * The latency of a request is counted from the moment it was due, not from
 * when it could be sent, so a server that falls behind is charged for the
 * queue it builds (no "coordinated omission").
 *
 * Why not autocannon's `overallRate`: it paces each connection on its own, and
 * all connections start together, so 100 connections at 50 requests/s in all
 * send bursts of 100 requests every two seconds — the latency then measures
 * the burst's queue (100 × the service time), not a steady load.
 */
import http from "node:http";

export type PacedRequest = { method: string; path: string; headers: Record<string, string>; body?: string };
export type PacedResult = {
  latencies: number[];
  statuses: Map<number, number>;
  errors: number;
  sent: number;
};

export async function pacedLoad(
  base: string,
  opts: {
    rate: number;
    durationS: number;
    sessions: number;
    connections: number;
    request: (session: number) => PacedRequest;
  },
): Promise<PacedResult> {
  const url = new URL(base);
  // Keep-alive connections, at most `connections` open at once (100: one per signed-in session).
  const agent = new http.Agent({ keepAlive: true, maxSockets: opts.connections });
  const latencies: number[] = [];
  const statuses = new Map<number, number>();
  let errors = 0;
  const interval = 1000 / opts.rate;
  const total = Math.round(opts.rate * opts.durationS);
  const start = performance.now();
  const pending: Promise<void>[] = [];
  const fire = (k: number, due: number) =>
    new Promise<void>((resolve) => {
      const r = opts.request(k % opts.sessions);
      const req = http.request(
        { host: url.hostname, port: url.port, method: r.method, path: r.path, headers: r.headers, agent },
        (res) => {
          res.on("data", () => {});
          res.on("end", () => {
            latencies.push(performance.now() - due);
            statuses.set(res.statusCode ?? 0, (statuses.get(res.statusCode ?? 0) ?? 0) + 1);
            resolve();
          });
        },
      );
      req.on("error", () => {
        errors++;
        resolve();
      });
      req.end(r.body);
    });
  for (let k = 0; k < total; k++) {
    const due = start + k * interval;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((res) => setTimeout(res, wait));
    pending.push(fire(k, due));
  }
  await Promise.all(pending);
  agent.destroy();
  return { latencies, statuses, errors, sent: total };
}
