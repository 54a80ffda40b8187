/** The job queue's settings (lib/jobs): typos stop the start instead of silently changing behaviour. */
import { describe, expect, it } from "vitest";
import { importJobRetentionDays } from "@/lib/services/housekeeping";
import { importJobHeapMb, importJobNodeArgs } from "@/lib/services/import-job-isolated";
import { workersEnabled } from "@/lib/jobs/queue";

describe("job settings", () => {
  it("JOB_WORKERS: on by default, off for a web-only server, anything else refused", () => {
    expect(workersEnabled({})).toBe(true);
    expect(workersEnabled({ JOB_WORKERS: "on" })).toBe(true);
    expect(workersEnabled({ JOB_WORKERS: "OFF" })).toBe(false);
    expect(workersEnabled({ JOB_WORKERS: "0" })).toBe(false);
    expect(() => workersEnabled({ JOB_WORKERS: "of" })).toThrow(/JOB_WORKERS must be "on" or "off"/);
  });

  it("an import job's child runs with a bounded heap and small young generation by default", () => {
    expect(importJobNodeArgs({})).toEqual(["--max-old-space-size=160", "--max-semi-space-size=4"]);
    expect(importJobNodeArgs({ IMPORT_JOB_HEAP_MB: "256", IMPORT_JOB_SEMI_SPACE_MB: "8" })).toEqual([
      "--max-old-space-size=256",
      "--max-semi-space-size=8",
    ]);
    // A heap too small to import anything falls back to the default rather than crashing every import.
    expect(importJobHeapMb({ IMPORT_JOB_HEAP_MB: "16" })).toBe(160);
  });

  it("IMPORT_JOB_RETENTION_DAYS: 30 by default, whole days of at least one", () => {
    expect(importJobRetentionDays({})).toBe(30);
    expect(importJobRetentionDays({ IMPORT_JOB_RETENTION_DAYS: "90" })).toBe(90);
    expect(() => importJobRetentionDays({ IMPORT_JOB_RETENTION_DAYS: "0" })).toThrow(/whole number of days/);
    expect(() => importJobRetentionDays({ IMPORT_JOB_RETENTION_DAYS: "1.5" })).toThrow(/whole number/);
  });
});
