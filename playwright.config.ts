import fs from "node:fs";
import { defineConfig, devices } from "@playwright/test";

// E2E_PORT (app) and E2E_PG_PORT (its embedded database) let several runs share a machine.
const PORT = Number(process.env.E2E_PORT ?? 3100);
const PG_PORT = process.env.E2E_PG_PORT ?? "54349";
const dataDir = `.data/e2e-${PORT}`;
const baseURL = `http://127.0.0.1:${PORT}`;
// Debian's Chromium when present (browsers cannot be downloaded here), Playwright's own otherwise.
const executablePath = fs.existsSync("/usr/bin/chromium") ? "/usr/bin/chromium" : undefined;
const launchOptions = {
  executablePath,
  args: [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
  ],
};

export default defineConfig({
  testDir: "tests/e2e",
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [["list"]],
  use: { baseURL, locale: "zh-CN", timezoneId: "Asia/Shanghai", trace: "retain-on-failure", launchOptions },
  projects: [
    {
      name: "desktop",
      use: { ...devices["Desktop Chrome"], launchOptions },
      testIgnore: /\.mobile\.spec\.ts$/,
    },
    { name: "phone", use: { ...devices["Pixel 7"], launchOptions }, testMatch: /\.mobile\.spec\.ts$/ },
  ],
  // The real start-up path: `npm start`'s launcher with a fresh embedded database, migrated and seeded.
  webServer: {
    command: `rm -rf ${dataDir} && tsx --import ./scripts/server-only-stub.mjs scripts/launch.ts start -p ${PORT} -H 127.0.0.1`,
    url: `${baseURL}/login`,
    timeout: 180_000,
    reuseExistingServer: false,
    stdout: "pipe",
    stderr: "pipe",
    env: {
      AID_DATA_DIR: dataDir,
      EMBEDDED_PG_PORT: PG_PORT,
      NEXTAUTH_URL: baseURL,
      DATABASE_URL: "",
      // 127.0.0.1 plays the reverse proxy; tests/e2e/client-address.spec.ts is a direct client from 127.0.0.2.
      TRUSTED_PROXIES: "127.0.0.1",
    },
  },
});
