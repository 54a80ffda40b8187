/** npm run bench: every benchmark in turn, each in its own process (so peak RSS figures stay separate). */
import { spawnSync } from "node:child_process";

const BENCHES = ["scoring", "import", "export", "http", "staff-pages", "explain", "file-storage"];
let failed = 0;
for (const name of BENCHES) {
  console.log(`\n=== bench/${name}.ts ===`);
  const r = spawnSync(
    process.execPath,
    ["--import", "tsx", "--import", "./scripts/server-only-stub.mjs", `bench/${name}.ts`],
    {
      stdio: "inherit",
      env: process.env,
    },
  );
  if (r.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
