// Prints the Node.js version an npm script runs on and, with --require-maintained,
// refuses to continue on a release line past its end of life (no security fixes).
// Plain JavaScript so that it runs before anything is compiled, on any Node.
import { END_OF_LIFE, isMaintained } from "./node-release.mjs";

const bundled = process.execPath.includes("node_modules");
console.log(
  `Node.js ${process.version} (${bundled ? "the project's pinned node@24 package" : process.execPath})`,
);

const today = new Date().toISOString().slice(0, 10);
if (process.argv.includes("--require-maintained") && !isMaintained(process.version, today)) {
  const endOfLife = END_OF_LIFE[Number(process.versions.node.split(".")[0])];
  console.error(
    `Node.js ${process.version} is past its end of life${endOfLife ? ` (${endOfLife})` : ""} and gets no security fixes.\n` +
      "Run this system on Node.js 24 LTS: `npm install` puts the project's own Node 24 in node_modules/.bin,\n" +
      "which every npm script uses; or install Node 24 LTS (distribution package, nvm: `nvm install 24`).",
  );
  process.exit(1);
}
