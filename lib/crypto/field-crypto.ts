/**
 * Application-level encryption of sensitive fields (SPEC §2: ID numbers,
 * phone numbers and bank accounts are stored encrypted, looked up through a
 * keyed hash and shown masked). Node-only; no I/O besides node:crypto.
 *
 * - Encryption: AES-256-GCM, random 96-bit IV per value, the token's version
 *   prefix is bound as additional authenticated data. Token format:
 *   `v<version>.<iv>.<tag>.<ciphertext>` (each part base64url, no padding).
 * - Key rotation: several versioned keys can be configured; new values use the
 *   current version, old tokens still decrypt, {@link needsReencryption} finds
 *   tokens to rewrite.
 * - Lookup: {@link blindIndex} is a keyed HMAC-SHA256 of the value with a
 *   separate, non-rotating key so equal values give equal hashes.
 *
 * Environment:
 *   FIELD_ENCRYPTION_KEYS    "1:<base64 32 bytes>,2:<base64 32 bytes>"
 *   FIELD_ENCRYPTION_CURRENT version used for new values (default: highest)
 *   BLIND_INDEX_KEY          <base64 32 bytes>
 */
import { createCipheriv, createDecipheriv, createHmac, randomBytes } from "node:crypto";
import { normaliseIdNumber } from "../domain/id-number";
import {
  maskBankAccount,
  maskIdNumber,
  maskPhone,
  normaliseBankAccount,
  normaliseMobile,
} from "../domain/mask";

export type FieldKeys = { current: number; keys: Map<number, Buffer>; indexKey: Buffer };

/** The relevant environment variables; `process.env` can be passed directly. */
export type FieldKeyEnv = {
  readonly [name: string]: string | undefined;
  FIELD_ENCRYPTION_KEYS?: string;
  FIELD_ENCRYPTION_CURRENT?: string;
  BLIND_INDEX_KEY?: string;
};

export type SensitiveKind = "idNumber" | "phone" | "bankAccount";

const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const TOKEN = /^v([1-9]\d{0,8})\.([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]*)$/;

/** Decodes standard or url-safe base64 to exactly 32 bytes, or returns null. */
function decodeKey(text: string): Buffer | null {
  const t = text.trim();
  if (!/^[A-Za-z0-9+/_-]+={0,2}$/.test(t)) return null;
  const buf = Buffer.from(t.replace(/-/g, "+").replace(/_/g, "/"), "base64");
  return buf.length === KEY_BYTES ? buf : null;
}

/**
 * Parses and checks the key configuration. Throws an Error naming the
 * offending variable (never echoing key material) when a variable is missing,
 * malformed, has the wrong length or refers to an unknown version.
 */
export function parseFieldKeys(env: FieldKeyEnv): FieldKeys {
  const list = env.FIELD_ENCRYPTION_KEYS?.trim();
  if (!list) {
    throw new Error(
      'FIELD_ENCRYPTION_KEYS is not set; expected "1:<base64 of 32 random bytes>[,2:<base64>...]"',
    );
  }
  const keys = new Map<number, Buffer>();
  for (const [i, entry] of list.split(",").entries()) {
    const m = /^\s*(\d+)\s*:\s*(\S+)\s*$/.exec(entry);
    const version = m ? Number(m[1]) : NaN;
    if (!m || !Number.isSafeInteger(version) || version < 1 || version > 999_999_999) {
      throw new Error(
        `FIELD_ENCRYPTION_KEYS entry ${i + 1} is malformed; expected "<version>:<base64 key>" with version a positive integer`,
      );
    }
    if (keys.has(version)) throw new Error(`FIELD_ENCRYPTION_KEYS lists version ${version} more than once`);
    const key = decodeKey(m[2] ?? "");
    if (!key)
      throw new Error(`FIELD_ENCRYPTION_KEYS version ${version} must be base64 encoding exactly 32 bytes`);
    keys.set(version, key);
  }

  const currentText = env.FIELD_ENCRYPTION_CURRENT?.trim();
  let current = Math.max(...keys.keys());
  if (currentText) {
    current = Number(currentText);
    if (!/^\d+$/.test(currentText) || !keys.has(current)) {
      throw new Error(
        `FIELD_ENCRYPTION_CURRENT must be one of the versions in FIELD_ENCRYPTION_KEYS (${[...keys.keys()].join(", ")})`,
      );
    }
  }

  const indexText = env.BLIND_INDEX_KEY?.trim();
  if (!indexText) throw new Error("BLIND_INDEX_KEY is not set; expected base64 of 32 random bytes");
  const indexKey = decodeKey(indexText);
  if (!indexKey) throw new Error("BLIND_INDEX_KEY must be base64 encoding exactly 32 bytes");
  for (const key of keys.values()) {
    if (key.equals(indexKey))
      throw new Error("BLIND_INDEX_KEY must differ from every FIELD_ENCRYPTION_KEYS key");
  }
  return { current, keys, indexKey };
}

/** Fresh random secrets for a new deployment (key version 1), ready for a .env file. */
export function generateFieldKeySecrets(): {
  FIELD_ENCRYPTION_KEYS: string;
  FIELD_ENCRYPTION_CURRENT: string;
  BLIND_INDEX_KEY: string;
} {
  return {
    FIELD_ENCRYPTION_KEYS: `1:${randomBytes(KEY_BYTES).toString("base64")}`,
    FIELD_ENCRYPTION_CURRENT: "1",
    BLIND_INDEX_KEY: randomBytes(KEY_BYTES).toString("base64"),
  };
}

/** Encrypts `plaintext` (UTF-8) with the current key. Each call uses a new random IV. */
export function encryptField(keys: FieldKeys, plaintext: string): string {
  const key = keys.keys.get(keys.current);
  if (!key) throw new Error(`Field encryption key version ${keys.current} is not configured`);
  const prefix = `v${keys.current}`;
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  cipher.setAAD(Buffer.from(prefix, "utf8"));
  const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  const tag = cipher.getAuthTag();
  return [prefix, iv.toString("base64url"), tag.toString("base64url"), ciphertext.toString("base64url")].join(
    ".",
  );
}

/** Strict base64url decoding: rejects non-canonical encodings so every character is authenticated. */
function decodePart(text: string, name: string): Buffer {
  const buf = Buffer.from(text, "base64url");
  if (buf.toString("base64url") !== text) throw new Error(`Malformed encrypted field token (${name})`);
  return buf;
}

function parseToken(token: string): { version: number; iv: Buffer; tag: Buffer; ciphertext: Buffer } {
  const m = TOKEN.exec(token);
  if (!m) throw new Error("Malformed encrypted field token");
  const iv = decodePart(m[2] ?? "", "iv");
  const tag = decodePart(m[3] ?? "", "tag");
  if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES) throw new Error("Malformed encrypted field token");
  return { version: Number(m[1]), iv, tag, ciphertext: decodePart(m[4] ?? "", "ciphertext") };
}

/** Decrypts a token from {@link encryptField}. Throws on malformed or tampered tokens and unknown key versions. */
export function decryptField(keys: FieldKeys, token: string): string {
  const { version, iv, tag, ciphertext } = parseToken(token);
  const key = keys.keys.get(version);
  if (!key) throw new Error(`Unknown field encryption key version ${version}`);
  const decipher = createDecipheriv("aes-256-gcm", key, iv, { authTagLength: TAG_BYTES });
  decipher.setAAD(Buffer.from(`v${version}`, "utf8"));
  decipher.setAuthTag(tag);
  try {
    return Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString("utf8");
  } catch {
    throw new Error("Field decryption failed: the value was tampered with or the key is wrong");
  }
}

/** True when the token was encrypted with a key version other than the current one. Throws on malformed tokens. */
export function needsReencryption(keys: FieldKeys, token: string): boolean {
  return parseToken(token).version !== keys.current;
}

/**
 * Keyed lookup hash: lower-case hex HMAC-SHA256 of `plaintext` under the
 * blind-index key. Deterministic, so the CALLER MUST NORMALISE the value first
 * (e.g. normaliseIdNumber / normaliseMobile) with the same normalisation used
 * when the value was stored, or lookups will miss.
 */
export function blindIndex(keys: FieldKeys, plaintext: string): string {
  return createHmac("sha256", keys.indexKey).update(plaintext, "utf8").digest("hex");
}

const NORMALISE: Record<SensitiveKind, (raw: string) => string> = {
  idNumber: normaliseIdNumber,
  phone: normaliseMobile,
  bankAccount: normaliseBankAccount,
};

const MASK: Record<SensitiveKind, (value: string) => string> = {
  idNumber: maskIdNumber,
  phone: maskPhone,
  bankAccount: maskBankAccount,
};

/**
 * Normalises `value` for its kind, then returns the three stored columns:
 * `cipher` (encrypted), `hash` (blind index for lookups) and `masked` (for
 * display). Does not validate — validate before sealing. Throws on an empty value.
 */
export function sealSensitive(
  keys: FieldKeys,
  value: string,
  kind: SensitiveKind,
): { cipher: string; hash: string; masked: string } {
  const normalised = NORMALISE[kind](value);
  if (normalised === "") throw new Error(`sealSensitive: empty ${kind}`);
  return {
    cipher: encryptField(keys, normalised),
    hash: blindIndex(keys, normalised),
    masked: MASK[kind](normalised),
  };
}

/** Blind index of a raw value after the same normalisation {@link sealSensitive} applies — use for lookups. */
export function sensitiveHash(keys: FieldKeys, value: string, kind: SensitiveKind): string {
  return blindIndex(keys, NORMALISE[kind](value));
}
