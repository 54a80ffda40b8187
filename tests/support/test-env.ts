/**
 * Fixed, test-only secrets (never used outside tests). Real deployments get
 * theirs from the environment or from .data/secrets.json (embedded default).
 */
export const TEST_SECRETS = {
  NEXTAUTH_SECRET: "test-only-nextauth-secret-0123456789abcdef",
  FIELD_ENCRYPTION_KEYS: `1:${Buffer.alloc(32, 7).toString("base64")}`,
  FIELD_ENCRYPTION_CURRENT: "1",
  BLIND_INDEX_KEY: Buffer.alloc(32, 9).toString("base64"),
} as const;

// TEST_PG_PORT lets several test runs share a machine (each gets its own server and folder).
const port = Number(process.env.TEST_PG_PORT ?? 54339);

export const TEST_PG = {
  dir: `.data/test-pg-${port}`,
  port,
  password: "test-only-password",
  template: "aid_template",
  /** The app role (lib/db/roles.ts) the tests' app code signs in as; `postgres` is the owner. */
  appRole: "aid_app",
  appPassword: "test-only-app-password",
} as const;
