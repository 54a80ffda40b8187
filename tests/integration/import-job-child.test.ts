/**
 * The roster import's heap-bounded child (lib/services/import-job-child.ts) exits 0 when the job ran to its end:
 * its own IPC disconnect at the end must not count as "parent gone" (exit 1), which made the worker report a
 * finished job as failed and the queue run it again.
 */
import { expect, it } from "vitest";
import { runImportJobIsolated } from "@/lib/services/import-job-isolated";

it("ends 0 after a run with nothing to do (a job no longer there), so the worker does not retry it", async () => {
  await expect(
    runImportJobIsolated({
      importJobId: "no-such-import-job",
      user: {
        id: "nobody",
        role: "SCHOOL_ADMIN",
        schoolId: null,
        regionId: null,
        regionPath: null,
        personId: null,
      },
    }),
  ).resolves.toBeUndefined();
}, 120_000);
