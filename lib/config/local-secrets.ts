import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { generateFieldKeySecrets } from "@/lib/crypto/field-crypto";

/**
 * Secrets the app needs. In production they come from the environment; for the
 * embedded default they are generated on first start into .data/secrets.json
 * (mode 0600, never committed: .data/ is git-ignored).
 */
export const SECRET_NAMES = [
  "NEXTAUTH_SECRET",
  "FIELD_ENCRYPTION_KEYS",
  "FIELD_ENCRYPTION_CURRENT",
  "BLIND_INDEX_KEY",
  "EMBEDDED_PG_PASSWORD",
  // Password of the embedded database's app role (lib/db/roles.ts), which the web app signs in as.
  "EMBEDDED_PG_APP_PASSWORD",
] as const;
export type SecretName = (typeof SECRET_NAMES)[number];
export type Secrets = Record<SecretName, string>;

export function loadOrCreateLocalSecrets(dataDir: string): Secrets {
  const file = path.join(dataDir, "secrets.json");
  let existing: Partial<Secrets> = {};
  if (fs.existsSync(file)) existing = JSON.parse(fs.readFileSync(file, "utf8")) as Partial<Secrets>;
  const generated: Secrets = {
    NEXTAUTH_SECRET: randomBytes(32).toString("base64url"),
    ...generateFieldKeySecrets(),
    EMBEDDED_PG_PASSWORD: randomBytes(18).toString("base64url"),
    EMBEDDED_PG_APP_PASSWORD: randomBytes(18).toString("base64url"),
  };
  const secrets = { ...generated, ...existing } as Secrets;
  if (SECRET_NAMES.some((n) => existing[n] === undefined)) {
    fs.mkdirSync(dataDir, { recursive: true });
    fs.writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  }
  return secrets;
}

/** Copies secrets into process.env where the operator has not set them. */
export function applySecrets(secrets: Partial<Secrets>): void {
  for (const name of SECRET_NAMES) {
    if (name === "EMBEDDED_PG_PASSWORD" || name === "EMBEDDED_PG_APP_PASSWORD") continue;
    if (!process.env[name] && secrets[name]) process.env[name] = secrets[name];
  }
}

/** With an external DATABASE_URL, the operator must provide the secrets. */
export function missingSecrets(): string[] {
  return SECRET_NAMES.filter(
    (n) =>
      n !== "EMBEDDED_PG_PASSWORD" &&
      n !== "EMBEDDED_PG_APP_PASSWORD" &&
      n !== "FIELD_ENCRYPTION_CURRENT" &&
      !process.env[n],
  );
}
