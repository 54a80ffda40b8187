import { spawnSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";

const root = path.resolve(__dirname, "../..");

describe("a process that loaded the embedded PostgreSQL module", () => {
  it("keeps its own exit code (a failed test run or script never exits 0)", () => {
    const run = spawnSync(
      path.join(root, "node_modules/.bin/tsx"),
      ["--import", "./scripts/server-only-stub.mjs", "tests/support/exit-code-fixture.ts"],
      { cwd: root, encoding: "utf8", timeout: 60_000 },
    );
    expect(run.stderr).toBe("");
    expect(run.status).toBe(3);
  }, 90_000);
});
