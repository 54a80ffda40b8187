/**
 * A wrong key is a clear error at start-up, not garbage (lib/security/key-check.ts, migration 240):
 * the first start records a check value for every field key version and the blind-index key — after
 * trying the key on the stored data — and every later start compares; `npm start`'s server
 * (scripts/server.ts) and `npm run keys:rotate` stop with a message naming the variable. Reading a
 * field or a stored file with a wrong key throws a clear error, never wrong bytes.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { DecryptionError } from "@/lib/crypto/cipher-suite";
import { decryptField, encryptField, parseFieldKeys } from "@/lib/crypto/field-crypto";
import { db } from "@/lib/db/client";
import { KeyMismatchError, verifyKeys } from "@/lib/security/key-check";
import { encryptedStorage } from "@/lib/storage";
import { LocalDiskStorage } from "@/lib/storage/local-disk";
import { makeRegionTree, makeSchool, makeStudent } from "../support/fixtures";
import { TEST_SECRETS } from "../support/test-env";

const OTHER_KEY = Buffer.alloc(32, 77).toString("base64");
const saved = { ...process.env };
const keysWith = (overrides: Record<string, string>) => parseFieldKeys({ ...TEST_SECRETS, ...overrides });
const PHOTO = Buffer.from("\xff\xd8\xff 低保证 440106201003151012 ".repeat(3000), "utf8");

afterEach(() => {
  for (const name of [
    "FIELD_ENCRYPTION_KEYS",
    "FIELD_ENCRYPTION_CURRENT",
    "BLIND_INDEX_KEY",
    "CIPHER_SUITE",
  ]) {
    if (saved[name] === undefined) delete process.env[name];
    else process.env[name] = saved[name];
  }
});

beforeAll(async () => {
  const school = await makeSchool((await makeRegionTree()).county.id);
  for (let i = 0; i < 3; i++) await makeStudent(school);
});

/** Runs a script of this repository with the test database and `env`; its exit status and output. */
function runScript(args: string[], env: Record<string, string>) {
  const r = spawnSync(
    process.execPath,
    ["--import", "tsx", "--import", "./scripts/server-only-stub.mjs", ...args],
    {
      env: { ...process.env, ...env, NODE_ENV: "production" },
      encoding: "utf8",
      timeout: 120_000,
    },
  );
  return { status: r.status, output: `${r.stdout}${r.stderr}` };
}

describe("the first start with data written before the check existed", () => {
  it("refuses a field key that does not open the stored ID numbers, and records nothing", async () => {
    await expect(verifyKeys(keysWith({ FIELD_ENCRYPTION_KEYS: `1:${OTHER_KEY}` }))).rejects.toThrow(
      /FIELD_ENCRYPTION_KEYS version 1 does not open the data this database holds/,
    );
    expect(await db().keyCheck.count()).toBe(0);
  });

  it("refuses a blind-index key that does not reproduce the stored blind indexes", async () => {
    await expect(verifyKeys(keysWith({ BLIND_INDEX_KEY: OTHER_KEY }))).rejects.toThrow(
      /^BLIND_INDEX_KEY does not open the data/,
    );
    expect(await db().keyCheck.findMany({ where: { keyName: "BLIND_INDEX_KEY" } })).toEqual([]);
  });

  it("records the right keys' check values once; the next start compares and records nothing", async () => {
    // (The field key, tried and found right while the wrong blind-index key was refused, is recorded already.)
    expect((await verifyKeys(keysWith({}))).recorded).toContain("BLIND_INDEX_KEY");
    const rows = await db().keyCheck.findMany({ orderBy: { keyName: "asc" } });
    expect(rows.map((r) => r.keyName)).toEqual(["BLIND_INDEX_KEY", "FIELD_ENCRYPTION_KEYS:1"]);
    expect(rows.map((r) => r.checkValue).every((v) => /^[0-9a-f]{64}$/.test(v))).toBe(true);
    // Nothing of the key itself is stored.
    expect(JSON.stringify(rows)).not.toContain(Buffer.alloc(32, 7).toString("hex"));
    expect(await verifyKeys(keysWith({}))).toEqual({ recorded: [] });
  });

  it("the check values cannot be changed by the app", async () => {
    await expect(
      db().keyCheck.updateMany({ data: { checkValue: "0".repeat(64) }, where: {} }),
    ).rejects.toThrow();
  });
});

describe("later starts", () => {
  it("a wrong key of a known version, or a wrong blind-index key, is refused naming the variable", async () => {
    await expect(verifyKeys(keysWith({ FIELD_ENCRYPTION_KEYS: `1:${OTHER_KEY}` }))).rejects.toThrow(
      KeyMismatchError,
    );
    await expect(verifyKeys(keysWith({ FIELD_ENCRYPTION_KEYS: `1:${OTHER_KEY}` }))).rejects.toThrow(
      /^FIELD_ENCRYPTION_KEYS version 1 is not the key this database's data was written with: its check value differs .*\.data\/secrets\.json/,
    );
    await expect(verifyKeys(keysWith({ BLIND_INDEX_KEY: OTHER_KEY }))).rejects.toThrow(
      /^BLIND_INDEX_KEY is not the key this database's data was written with/,
    );
  });

  it("a new key version (before keys:rotate) is recorded beside the old one", async () => {
    const rotated = keysWith({
      FIELD_ENCRYPTION_KEYS: `${TEST_SECRETS.FIELD_ENCRYPTION_KEYS},2:${OTHER_KEY}`,
      FIELD_ENCRYPTION_CURRENT: "2",
    });
    expect(await verifyKeys(rotated)).toEqual({ recorded: ["FIELD_ENCRYPTION_KEYS:2"] });
    // Version 1 removed after the rotation: not checked (values still on it fail to decrypt, clearly).
    expect(
      await verifyKeys(keysWith({ FIELD_ENCRYPTION_KEYS: `2:${OTHER_KEY}`, FIELD_ENCRYPTION_CURRENT: "2" })),
    ).toEqual({ recorded: [] });
  });

  it("npm start's server stops before Next.js starts, exit status 2, naming FIELD_ENCRYPTION_KEYS", () => {
    const r = runScript(["scripts/server.ts", "start", "-p", "3139", "-H", "127.0.0.1"], {
      FIELD_ENCRYPTION_KEYS: `1:${OTHER_KEY}`,
    });
    expect(r.status).toBe(2);
    expect(r.output).toContain("Not started: FIELD_ENCRYPTION_KEYS version 1 is not the key");
    expect(r.output).not.toContain("Ready on");
  });

  it("npm run worker stops before starting any worker, exit status 2, naming FIELD_ENCRYPTION_KEYS", () => {
    const r = runScript(["scripts/worker.ts"], {
      DATABASE_MIGRATION_URL: process.env.OWNER_DATABASE_URL!,
      FIELD_ENCRYPTION_KEYS: `1:${OTHER_KEY}`,
    });
    expect(r.output).toContain("Not started: FIELD_ENCRYPTION_KEYS version 1 is not the key");
    expect(r.output).not.toContain("Job workers started.");
    expect(r.status).toBe(2);
  });

  it("npm run keys:rotate stops before re-encrypting anything, naming BLIND_INDEX_KEY", async () => {
    const before = await db().person.findMany({ select: { idNumberCipher: true }, orderBy: { id: "asc" } });
    const r = runScript(["scripts/rotate-keys.ts"], {
      DATABASE_MIGRATION_URL: process.env.OWNER_DATABASE_URL!,
      BLIND_INDEX_KEY: OTHER_KEY,
    });
    expect(r.output).toContain("Key rotation failed: BLIND_INDEX_KEY is not the key");
    expect(r.status).toBe(1);
    expect(await db().person.findMany({ select: { idNumberCipher: true }, orderBy: { id: "asc" } })).toEqual(
      before,
    );
  });
});

describe.each(["aes-gcm", "sm4-sm3"] as const)("reading with a wrong key (%s)", (suite) => {
  it("a field: a clear error, never another string", () => {
    const right = keysWith({ CIPHER_SUITE: suite });
    const token = encryptField(right, "440106201003151012");
    expect(() =>
      decryptField(keysWith({ CIPHER_SUITE: suite, FIELD_ENCRYPTION_KEYS: `1:${OTHER_KEY}` }), token),
    ).toThrow(/Field decryption failed: the value was tampered with or the key is wrong/);
  });

  it("a stored file: a clear error, never other bytes", async () => {
    process.env.CIPHER_SUITE = suite;
    const inner = new LocalDiskStorage(fs.mkdtempSync(path.join(os.tmpdir(), "aid-key-check-")));
    const key = await encryptedStorage(inner).put(PHOTO);
    expect(Buffer.from((await encryptedStorage(inner).get(key))!).equals(PHOTO)).toBe(true);
    process.env.FIELD_ENCRYPTION_KEYS = `1:${OTHER_KEY}`;
    await expect(encryptedStorage(inner).get(key)).rejects.toThrow(DecryptionError);
    await expect(encryptedStorage(inner).get(key)).rejects.toThrow(/cannot be decrypted with this key/);
  });
});
