// End-of-life dates of Node.js release lines (https://github.com/nodejs/Release, schedule.json).
// Plain JavaScript so that scripts/node-runtime.mjs can run it before anything is compiled, on any Node.
export const END_OF_LIFE = {
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

/**
 * Whether a Node.js version ("v24.21.0" or "24.21.0") still gets security fixes on `today` ("YYYY-MM-DD").
 * Lines older than 18 are out; a line newer than the table is taken as maintained.
 */
export function isMaintained(version, today) {
  const major = Number(version.replace(/^v/, "").split(".")[0]);
  if (!Number.isInteger(major) || major < 18) return false;
  const endOfLife = END_OF_LIFE[major];
  return endOfLife === undefined || today <= endOfLife;
}
