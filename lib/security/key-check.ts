/**
 * Start-up check of the data keys (FIELD_ENCRYPTION_KEYS, BLIND_INDEX_KEY) against the database
 * (migration 240): a server or maintenance command started with another key than the one the data
 * was written with stops with a message naming the variable to fix — instead of answering every
 * page with decryption errors, writing new data no one can read later, or finding nobody by ID
 * number because the blind indexes no longer match.
 *
 * For each configured field key version and for the blind-index key the check value is
 * HMAC-SHA-256(key, CHECK_LABEL) — it reveals nothing of the key. The first start with a key records
 * its check value, after trying the key on stored data when there is any (an encrypted ID number or a
 * stored file's wrapped key of that version; for the blind-index key, people's ID numbers against
 * their blind index), so a database written before this check existed is protected from its first
 * start on. Every later start compares. A version no longer configured (removed after keys:rotate)
 * is not checked: reading a value still on it fails with "Unknown field encryption key version".
 *
 * Called by scripts/server.ts (npm start, npm run dev, every app server) and by the maintenance
 * commands that write encrypted data (keys:rotate, files:encrypt).
 */
import "server-only";
import { createHmac } from "node:crypto";
import { decryptField, sensitiveHashCandidates, type FieldKeys } from "@/lib/crypto/field-crypto";
import { fieldKeys } from "@/lib/crypto/keys";
import {
  loadKeyChecks,
  recordKeyCheck,
  sampleFieldToken,
  sampleFileKey,
  samplePeople,
} from "@/lib/db/key-check.repo";
import type { CipherSuiteName } from "@/lib/crypto/cipher-suite";
import { unwrapDataKey } from "@/lib/storage/encrypted";

const CHECK_LABEL = "student-aid key check v1";
const FIX =
  "Set it to this database's keys (the embedded default keeps them in .data/secrets.json; with keys in the " +
  'environment, take them from where they are kept — docs/deployment.md, "Keys at start-up") and start again.';

export class KeyMismatchError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "KeyMismatchError";
  }
}

export const keyCheckValue = (key: Buffer) => createHmac("sha256", key).update(CHECK_LABEL).digest("hex");

const fieldKeyName = (version: number) => `FIELD_ENCRYPTION_KEYS:${version}`;
const BLIND_INDEX = "BLIND_INDEX_KEY";

/** Whether `version`'s key opens the stored data written with it (true when there is none to try). */
async function fieldKeyOpensStoredData(keys: FieldKeys, version: number): Promise<boolean> {
  const token = await sampleFieldToken(version);
  if (token) {
    try {
      decryptField(keys, token);
    } catch {
      return false;
    }
  }
  const fileKey = await sampleFileKey(version);
  if (fileKey) {
    try {
      unwrapDataKey(keys, { ...fileKey, suite: fileKey.suite as CipherSuiteName });
    } catch {
      return false;
    }
  }
  return true;
}

/** Whether the blind-index key reproduces stored blind indexes (true when there is nothing to try). */
async function blindIndexKeyMatchesStoredData(keys: FieldKeys): Promise<boolean> {
  for (const person of await samplePeople()) {
    let idNumber: string;
    try {
      idNumber = decryptField(keys, person.idNumberCipher);
    } catch {
      continue; // a version not configured, or a wrong field key: that is the field keys' check
    }
    return sensitiveHashCandidates(keys, idNumber, "idNumber").includes(person.idNumberHash);
  }
  return true;
}

/**
 * Compares the configured keys with the check values in the database, recording those of keys seen
 * for the first time. Throws KeyMismatchError naming the variable when a key is not this database's.
 */
export async function verifyKeys(keys: FieldKeys = fieldKeys()): Promise<{ recorded: string[] }> {
  const stored = new Map((await loadKeyChecks()).map((row) => [row.keyName, row]));
  const recorded: string[] = [];
  const check = async (name: string, key: Buffer, describe: string, trial: () => Promise<boolean>) => {
    const value = keyCheckValue(key);
    const row = stored.get(name);
    if (row) {
      if (row.checkValue === value) return;
      throw new KeyMismatchError(
        `${describe} is not the key this database's data was written with: its check value differs from the ` +
          `one recorded on ${row.createdAt.toISOString().slice(0, 10)} (KeyCheck table). ${FIX}`,
      );
    }
    if (!(await trial())) {
      throw new KeyMismatchError(
        `${describe} does not open the data this database holds under it: it is not the key the data was ` +
          `written with. ${FIX}`,
      );
    }
    await recordKeyCheck(name, value);
    recorded.push(name);
  };
  for (const [version, key] of keys.keys)
    await check(fieldKeyName(version), key, `FIELD_ENCRYPTION_KEYS version ${version}`, () =>
      fieldKeyOpensStoredData(keys, version),
    );
  await check(BLIND_INDEX, keys.indexKey, "BLIND_INDEX_KEY", () => blindIndexKeyMatchesStoredData(keys));
  // Another server may have recorded a different value for a key at the same moment: compare again.
  if (recorded.length) {
    const now = new Map((await loadKeyChecks()).map((row) => [row.keyName, row.checkValue]));
    for (const [version, key] of keys.keys)
      if (now.get(fieldKeyName(version)) !== keyCheckValue(key))
        throw new KeyMismatchError(
          `FIELD_ENCRYPTION_KEYS version ${version} differs from the key another server recorded at the same time. ${FIX}`,
        );
    if (now.get(BLIND_INDEX) !== keyCheckValue(keys.indexKey))
      throw new KeyMismatchError(
        `BLIND_INDEX_KEY differs from the key another server recorded at the same time. ${FIX}`,
      );
  }
  return { recorded };
}
