import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
// @ts-expect-error -- a plain .mjs script without type declarations
import { isMaintained } from "../../scripts/node-release.mjs";

describe("Node.js release lines", () => {
  it("Node 20 stops being maintained after 2026-04-30; Node 22 and 24 are maintained on 2026-11-24", () => {
    expect(isMaintained("v20.20.2", "2026-04-30")).toBe(true);
    expect(isMaintained("v20.20.2", "2026-05-01")).toBe(false);
    expect(isMaintained("v22.12.0", "2026-11-24")).toBe(true);
    expect(isMaintained("v24.21.0", "2026-11-24")).toBe(true);
    expect(isMaintained("24.21.0", "2028-05-01")).toBe(false);
  });

  it("odd lines end early, old lines are refused, a line newer than the table is allowed", () => {
    expect(isMaintained("v25.1.0", "2026-11-24")).toBe(false);
    expect(isMaintained("v16.20.0", "2023-01-01")).toBe(false);
    expect(isMaintained("v28.0.0", "2027-06-01")).toBe(true);
  });

  it("the tests run on the pinned Node 24, and the start-up check passes on it", () => {
    expect(process.versions.node.split(".")[0]).toBe("24");
    const run = spawnSync(process.execPath, ["scripts/node-runtime.mjs", "--require-maintained"], {
      encoding: "utf8",
    });
    expect(run.status).toBe(0);
    expect(run.stdout).toContain(`Node.js ${process.version}`);
  });
});
