/**
 * Application-level encryption of sensitive fields (ID numbers,
 * phone numbers and bank accounts are stored encrypted, looked up through a
 * keyed hash and shown masked). Node-only; no I/O besides node:crypto.
 *
 * - Encryption with the cipher suite of CIPHER_SUITE (lib/crypto/cipher-suite.ts),
 *   random nonce per value, the token's prefix (suite letter and key version)
 *   bound as additional authenticated data. Token formats (each part base64url,
 *   no padding), the letter names the suite so both stay readable:
 *     aes-gcm  `v<version>.<iv 12 bytes>.<tag 16 bytes>.<ciphertext>`  (AES-256-GCM)
 *     sm4-sm3  `s<version>.<nonce 16 bytes>.<tag 32 bytes>.<ciphertext>` (SM4-CTR + HMAC-SM3)
 * - Rotation: several versioned keys can be configured; new values use the
 *   current version and suite, old tokens still decrypt, {@link needsReencryption}
 *   finds tokens on another version or suite to rewrite (`npm run keys:rotate`).
 * - Lookup: {@link blindIndex} is a keyed hash of the value with a separate,
 *   non-rotating key so equal values give equal hashes: HMAC-SHA-256 or HMAC-SM3,
 *   the mac of BLIND_INDEX_SUITE (default: CIPHER_SUITE). Hashes carry no prefix;
 *   during a move between suites lookups try both ({@link blindIndexCandidates})
 *   and keys:rotate recomputes every `…Hash` from its `…Cipher`.
 *
 * Environment:
 *   FIELD_ENCRYPTION_KEYS    "1:<base64 32 bytes>,2:<base64 32 bytes>"
 *   FIELD_ENCRYPTION_CURRENT version used for new values (default: highest)
 *   BLIND_INDEX_KEY          <base64 32 bytes>
 *   CIPHER_SUITE             aes-gcm (default) | sm4-sm3: suite of new values
 *   BLIND_INDEX_SUITE        aes-gcm | sm4-sm3: hash function of blind indexes (default: CIPHER_SUITE)
 */
import "server-only";
import { randomBytes } from "node:crypto";
import {
  CIPHER_SUITES,
  cipherSuite,
  currentCipherSuite,
  type CipherSuite,
  type CipherSuiteName,
} from "./cipher-suite";
import { normaliseIdNumber } from "../domain/id-number";
import {
  maskBankAccount,
  maskIdNumber,
  maskPhone,
  normaliseBankAccount,
  normaliseMobile,
} from "../domain/mask";

export type FieldKeys = {
  current: number;
  keys: Map<number, Buffer>;
  indexKey: Buffer;
  /** Suite of new field tokens; "aes-gcm" when absent. */
  suite?: CipherSuiteName;
  /** Suite whose mac computes blind indexes; "aes-gcm" when absent. */
  indexSuite?: CipherSuiteName;
};

/** The relevant environment variables; `process.env` can be passed directly. */
export type FieldKeyEnv = {
  readonly [name: string]: string | undefined;
  FIELD_ENCRYPTION_KEYS?: string;
  FIELD_ENCRYPTION_CURRENT?: string;
  BLIND_INDEX_KEY?: string;
  CIPHER_SUITE?: string;
  BLIND_INDEX_SUITE?: string;
};

export type SensitiveKind = "idNumber" | "phone" | "bankAccount";

const KEY_BYTES = 32;
const TOKEN = /^([vs])([1-9]\d{0,8})\.([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]*)$/;
/** The token letter of each suite: "v" (the original format) stays AES-256-GCM. */
const LETTER: Record<CipherSuiteName, "v" | "s"> = { "aes-gcm": "v", "sm4-sm3": "s" };
const SUITE_OF_LETTER: Record<"v" | "s", CipherSuiteName> = { v: "aes-gcm", s: "sm4-sm3" };

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
  const suite = currentCipherSuite(env).name;
  const indexSuiteText = env.BLIND_INDEX_SUITE?.trim();
  if (indexSuiteText && !(CIPHER_SUITES as readonly string[]).includes(indexSuiteText)) {
    throw new Error(`BLIND_INDEX_SUITE must be one of ${CIPHER_SUITES.join(", ")} (got "${indexSuiteText}")`);
  }
  const indexSuite = (indexSuiteText as CipherSuiteName | undefined) || suite;
  return { current, keys, indexKey, suite, indexSuite };
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

/** The token prefix as additional authenticated data, one read-only copy per prefix ("v1", "s2", …). */
const PREFIX_BYTES = new Map<string, Buffer>();
function prefixBytes(prefix: string): Buffer {
  let bytes = PREFIX_BYTES.get(prefix);
  if (!bytes) PREFIX_BYTES.set(prefix, (bytes = Buffer.from(prefix, "utf8")));
  return bytes;
}

/** Encrypts `plaintext` (UTF-8) with the current key and suite. Each call uses a new random nonce. */
export function encryptField(keys: FieldKeys, plaintext: string): string {
  const key = keys.keys.get(keys.current);
  if (!key) throw new Error(`Field encryption key version ${keys.current} is not configured`);
  const suite = cipherSuite(keys.suite ?? "aes-gcm");
  const prefix = `${LETTER[suite.name]}${keys.current}`;
  const sealed = suite.seal(key, Buffer.from(plaintext, "utf8"), prefixBytes(prefix));
  const parts = [sealed.nonce, sealed.tag, sealed.ciphertext].map((part) => part.toString("base64url"));
  return [prefix, ...parts].join(".");
}

/** Strict base64url decoding: rejects non-canonical encodings so every character is authenticated. */
function decodePart(text: string, name: string): Buffer {
  const buf = Buffer.from(text, "base64url");
  if (buf.toString("base64url") !== text) throw new Error(`Malformed encrypted field token (${name})`);
  return buf;
}

type ParsedToken = {
  suite: CipherSuite;
  prefix: string;
  version: number;
  nonce: Buffer;
  tag: Buffer;
  ciphertext: Buffer;
};

function parseToken(token: string): ParsedToken {
  const m = TOKEN.exec(token);
  if (!m) throw new Error("Malformed encrypted field token");
  const suite = cipherSuite(SUITE_OF_LETTER[m[1] as "v" | "s"]);
  const nonce = decodePart(m[3] ?? "", "iv");
  const tag = decodePart(m[4] ?? "", "tag");
  if (nonce.length !== suite.nonceBytes || tag.length !== suite.tagBytes)
    throw new Error("Malformed encrypted field token");
  const ciphertext = decodePart(m[5] ?? "", "ciphertext");
  return { suite, prefix: `${m[1]}${m[2]}`, version: Number(m[2]), nonce, tag, ciphertext };
}

/**
 * Decrypts a token from {@link encryptField}, of either suite whatever CIPHER_SUITE is now.
 * Throws on malformed or tampered tokens and unknown key versions.
 */
export function decryptField(keys: FieldKeys, token: string): string {
  const { suite, prefix, version, nonce, tag, ciphertext } = parseToken(token);
  const key = keys.keys.get(version);
  if (!key) throw new Error(`Unknown field encryption key version ${version}`);
  try {
    return suite.open(key, { nonce, tag, ciphertext }, Buffer.from(prefix, "utf8")).toString("utf8");
  } catch {
    throw new Error("Field decryption failed: the value was tampered with or the key is wrong");
  }
}

/** The suite a token was written with. Throws on malformed tokens. */
export function tokenSuite(token: string): CipherSuiteName {
  return parseToken(token).suite.name;
}

/**
 * True when the token was encrypted with a key version other than the current one, or with the
 * other cipher suite than CIPHER_SUITE. Throws on malformed tokens.
 */
export function needsReencryption(keys: FieldKeys, token: string): boolean {
  const parsed = parseToken(token);
  return parsed.version !== keys.current || parsed.suite.name !== (keys.suite ?? "aes-gcm");
}

/**
 * Keyed lookup hash: lower-case hex HMAC-SHA256 (aes-gcm) or HMAC-SM3 (sm4-sm3, GB/T 32905) of
 * `plaintext` under the blind-index key, by BLIND_INDEX_SUITE. Deterministic, so the CALLER MUST
 * NORMALISE the value first (e.g. normaliseIdNumber / normaliseMobile) with the same normalisation
 * used when the value was stored, or lookups will miss.
 */
export function blindIndex(keys: FieldKeys, plaintext: string, suite = keys.indexSuite ?? "aes-gcm"): string {
  return cipherSuite(suite).mac(keys.indexKey, plaintext).toString("hex");
}

/**
 * The blind index under the current function first, then under the other suite's function. Both
 * hashes are 64 hex digits and carry no prefix, so a lookup that must keep working while
 * `npm run keys:rotate` moves the stored hashes between suites matches either (`{ in: [...] }`).
 */
export function blindIndexCandidates(keys: FieldKeys, plaintext: string): [string, string] {
  const current = keys.indexSuite ?? "aes-gcm";
  const other = CIPHER_SUITES.find((name) => name !== current)!;
  return [blindIndex(keys, plaintext, current), blindIndex(keys, plaintext, other)];
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
export function sensitiveHash(
  keys: FieldKeys,
  value: string,
  kind: SensitiveKind,
  suite = keys.indexSuite ?? "aes-gcm",
): string {
  return blindIndex(keys, NORMALISE[kind](value), suite);
}

/** {@link sensitiveHash} under the current and the other suite's function (see {@link blindIndexCandidates}). */
export function sensitiveHashCandidates(
  keys: FieldKeys,
  value: string,
  kind: SensitiveKind,
): [string, string] {
  return blindIndexCandidates(keys, NORMALISE[kind](value));
}
