// Prints the Node.js version an npm script runs on and, with --require-maintained,
// refuses to continue on a release line past its end of life (no security fixes).
// Plain JavaScript so that it runs before anything is compiled, on any Node.
//
// End-of-life dates of the release lines: https://github.com/nodejs/Release (schedule.json).
const END_OF_LIFE = {
  18: "2025-04-30",
  19: "2023-06-01",
  20: "2026-04-30",
  21: "2024-06-01",
  22: "2027-04-30",
  23: "2025-06-01",
  24: "2028-04-30",
  25: "2026-06-01",
  26: "2029-04-30",
};

const major = Number(process.versions.node.split(".")[0]);
const bundled = process.execPath.includes("node_modules");
console.log(
  `Node.js ${process.version} (${bundled ? "the project's pinned node@24 package" : process.execPath})`,
);

if (process.argv.includes("--require-maintained")) {
  const endOfLife = END_OF_LIFE[major];
  const today = new Date().toISOString().slice(0, 10);
  if (major < 18 || (endOfLife !== undefined && endOfLife < today)) {
    console.error(
      `Node.js ${process.version} reached its end of life${endOfLife ? ` on ${endOfLife}` : ""} and gets no security fixes.\n` +
        "Run this system on Node.js 24 LTS: `npm install` puts the project's own Node 24 in node_modules/.bin,\n" +
        "which every npm script uses; or install Node 24 LTS (distribution package, nvm: `nvm install 24`).",
    );
    process.exit(1);
  }
}
