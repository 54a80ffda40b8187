/**
 * Every job handler of the app, registered with the queue (lib/jobs/queue.ts). Imported by the
 * processes that run workers: scripts/server.ts (inside `npm start`) and scripts/worker.ts.
 */
import { registerJobHandler } from "./queue";

let registered = false;

export function registerAllJobHandlers(): void {
  if (registered) return;
  registered = true;
  void registerJobHandler;
}
