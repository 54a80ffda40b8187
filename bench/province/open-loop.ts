/**
 * Open-loop load of signed-in users, each sending one request every `periodMs` on a fixed schedule (the
 * users' first requests spread evenly over one period), cycling through that user's own list of pages.
 * A request's latency is counted from the moment it was due, not from when a socket was free, so a server
 * that falls behind is charged for its queue (no coordinated omission: unlike autocannon's closed loop, a
 * slow answer never delays the next request's due time).
 */
import http from "node:http";

export type UserLoad = { cookie: string; pages: { label: string; path: string }[] };
export type Sample = { label: string; ms: number; status: number };

export async function openLoop(
  base: string,
  users: UserLoad[],
  opts: { periodMs: number; durationMs: number },
): Promise<{ samples: Sample[]; errors: number; sent: number }> {
  const url = new URL(base);
  const agent = new http.Agent({ keepAlive: true, maxSockets: users.length });
  const samples: Sample[] = [];
  let errors = 0;
  let sent = 0;
  const start = performance.now() + 50;
  const pending: Promise<void>[] = [];
  const schedule: { due: number; user: number; k: number }[] = [];
  users.forEach((_, u) => {
    const offset = (u * opts.periodMs) / users.length;
    for (let k = 0; offset + k * opts.periodMs < opts.durationMs; k++)
      schedule.push({ due: start + offset + k * opts.periodMs, user: u, k });
  });
  schedule.sort((a, b) => a.due - b.due);
  const fire = (due: number, user: UserLoad, page: { label: string; path: string }) =>
    new Promise<void>((resolve) => {
      const req = http.request(
        {
          host: url.hostname,
          port: url.port,
          method: "GET",
          path: page.path,
          headers: { cookie: user.cookie },
          agent,
        },
        (res) => {
          res.on("data", () => {});
          res.on("end", () => {
            samples.push({ label: page.label, ms: performance.now() - due, status: res.statusCode ?? 0 });
            resolve();
          });
        },
      );
      req.on("error", () => {
        errors++;
        resolve();
      });
      req.end();
    });
  for (const { due, user, k } of schedule) {
    const wait = due - performance.now();
    if (wait > 1) await new Promise((res) => setTimeout(res, wait));
    const u = users[user]!;
    sent++;
    pending.push(fire(due, u, u.pages[k % u.pages.length]!));
  }
  await Promise.all(pending);
  agent.destroy();
  return { samples, errors, sent };
}
