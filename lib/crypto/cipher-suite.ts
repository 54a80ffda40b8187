/**
 * The two cipher suites the system can protect data at rest with, chosen by the
 * CIPHER_SUITE setting:
 *
 * - "aes-gcm" (default): AES-256-GCM for encryption, HMAC-SHA-256 for keyed hashes.
 * - "sm4-sm3": the national algorithms expected by a 商用密码应用安全性评估 —
 *   SM4 (GB/T 32907) in CTR mode, encrypt-then-MAC with HMAC-SM3 (GB/T 32905)
 *   over the additional data, the nonce and the ciphertext.
 *
 * Both take 32 bytes of key material. SM4 keys are 16 bytes, so the sm4-sm3
 * suite derives its encryption and MAC keys from the material with HMAC-SM3
 * (labels "enc" and "mac"). Node's OpenSSL provides sm4-ctr and sm3.
 */
import "server-only";
import {
  createCipheriv,
  createDecipheriv,
  createHmac,
  createSecretKey,
  randomBytes,
  timingSafeEqual,
  type KeyObject,
} from "node:crypto";

export const CIPHER_SUITES = ["aes-gcm", "sm4-sm3"] as const;
export type CipherSuiteName = (typeof CIPHER_SUITES)[number];

export type Sealed = { nonce: Buffer; ciphertext: Buffer; tag: Buffer };

export interface CipherSuite {
  readonly name: CipherSuiteName;
  /** One byte that names the suite inside stored data (file headers, tokens). */
  readonly id: number;
  readonly nonceBytes: number;
  readonly tagBytes: number;
  /** Encrypts and authenticates `plaintext` and `aad` under 32 bytes of key material. */
  seal(key: Buffer, plaintext: Buffer, aad: Buffer, nonce?: Buffer): Sealed;
  /** The plaintext, or an Error when the key, nonce, data or tag do not belong together. */
  open(key: Buffer, sealed: Sealed, aad: Buffer): Buffer;
  /** A keyed hash (HMAC-SHA-256 or HMAC-SM3), 32 bytes. */
  mac(key: Buffer, data: Buffer | string): Buffer;
}

const KEY_BYTES = 32;

/**
 * The OpenSSL key object of a key: handing raw key bytes to createCipheriv / createHmac imports them anew on
 * every call, which cost more than the encryption itself (60–100 µs per AES-GCM seal and 25–65 µs per
 * HMAC against 10–40 µs with a key object, bench/README.md "Loan import of a province", third pass). Kept
 * per key buffer (weakly: a buffer no longer used takes its entry along) with a copy of the bytes, so a
 * buffer whose bytes were changed in place is imported again rather than used with a stale key.
 */
const KEY_OBJECTS = new WeakMap<Buffer, { bytes: Buffer; object: KeyObject }>();
function keyObject(key: Buffer): KeyObject {
  const known = KEY_OBJECTS.get(key);
  if (known && known.bytes.equals(key)) return known.object;
  const object = createSecretKey(Buffer.from(key));
  KEY_OBJECTS.set(key, { bytes: Buffer.from(key), object });
  return object;
}

/**
 * A random nonce, cut from a pool of CSPRNG bytes refilled 16 KiB at a time (as Node's randomUUID does):
 * one randomBytes call per nonce cost about as much as the encryption. Every nonce is fresh random bytes,
 * copied out of the pool, never reused.
 */
const NONCE_POOL_BYTES = 16 * 1024;
let noncePool = Buffer.alloc(0);
let nonceOffset = 0;
function freshNonce(bytes: number): Buffer {
  if (nonceOffset + bytes > noncePool.length) {
    noncePool = randomBytes(NONCE_POOL_BYTES);
    nonceOffset = 0;
  }
  const nonce = Buffer.from(noncePool.subarray(nonceOffset, nonceOffset + bytes));
  noncePool.fill(0, nonceOffset, nonceOffset + bytes);
  nonceOffset += bytes;
  return nonce;
}

/** `update`'s output plus `final`'s; GCM and CTR finish with nothing, so no copy of the (large) output then. */
const finished = (output: Buffer, rest: Buffer) => (rest.length ? Buffer.concat([output, rest]) : output);

function checkKey(key: Buffer): void {
  if (key.length !== KEY_BYTES) throw new Error(`a cipher key must be ${KEY_BYTES} bytes`);
}

export class DecryptionError extends Error {
  constructor() {
    super("the data cannot be decrypted with this key (wrong key, or the data was altered)");
    this.name = "DecryptionError";
  }
}

const aesGcm: CipherSuite = {
  name: "aes-gcm",
  id: 1,
  nonceBytes: 12,
  tagBytes: 16,
  seal(key, plaintext, aad, nonce = freshNonce(12)) {
    checkKey(key);
    const cipher = createCipheriv("aes-256-gcm", keyObject(key), nonce);
    cipher.setAAD(aad);
    const ciphertext = finished(cipher.update(plaintext), cipher.final());
    return { nonce, ciphertext, tag: cipher.getAuthTag() };
  },
  open(key, sealed, aad) {
    checkKey(key);
    try {
      const decipher = createDecipheriv("aes-256-gcm", keyObject(key), sealed.nonce);
      decipher.setAAD(aad);
      decipher.setAuthTag(sealed.tag);
      return finished(decipher.update(sealed.ciphertext), decipher.final());
    } catch {
      throw new DecryptionError();
    }
  },
  mac(key, data) {
    return createHmac("sha256", keyObject(key)).update(data).digest();
  },
};

/** The SM4 encryption and HMAC-SM3 keys derived from 32 bytes of key material (as key objects, see above). */
const SM4_KEYS = new WeakMap<Buffer, { bytes: Buffer; encryption: KeyObject; authentication: KeyObject }>();
function sm4Keys(key: Buffer): { encryption: KeyObject; authentication: KeyObject } {
  checkKey(key);
  const known = SM4_KEYS.get(key);
  if (known && known.bytes.equals(key)) return known;
  const derived = {
    bytes: Buffer.from(key),
    encryption: createSecretKey(createHmac("sm3", key).update("enc").digest().subarray(0, 16)),
    authentication: createSecretKey(createHmac("sm3", key).update("mac").digest()),
  };
  SM4_KEYS.set(key, derived);
  return derived;
}

/** HMAC-SM3 over length-prefixed parts, so that moving bytes between parts changes the tag. */
function sm3Tag(macKey: KeyObject, aad: Buffer, nonce: Buffer, ciphertext: Buffer): Buffer {
  const hmac = createHmac("sm3", macKey);
  for (const part of [aad, nonce, ciphertext]) {
    const length = Buffer.alloc(8);
    length.writeBigUInt64BE(BigInt(part.length));
    hmac.update(length).update(part);
  }
  return hmac.digest();
}

const sm4Sm3: CipherSuite = {
  name: "sm4-sm3",
  id: 2,
  nonceBytes: 16,
  tagBytes: 32,
  seal(key, plaintext, aad, nonce = freshNonce(16)) {
    const keys = sm4Keys(key);
    const cipher = createCipheriv("sm4-ctr", keys.encryption, nonce);
    const ciphertext = finished(cipher.update(plaintext), cipher.final());
    return { nonce, ciphertext, tag: sm3Tag(keys.authentication, aad, nonce, ciphertext) };
  },
  open(key, sealed, aad) {
    const keys = sm4Keys(key);
    const expected = sm3Tag(keys.authentication, aad, sealed.nonce, sealed.ciphertext);
    if (sealed.tag.length !== expected.length || !timingSafeEqual(sealed.tag, expected)) {
      throw new DecryptionError();
    }
    const decipher = createDecipheriv("sm4-ctr", keys.encryption, sealed.nonce);
    return finished(decipher.update(sealed.ciphertext), decipher.final());
  },
  mac(key, data) {
    return createHmac("sm3", keyObject(key)).update(data).digest();
  },
};

const SUITES: Record<CipherSuiteName, CipherSuite> = { "aes-gcm": aesGcm, "sm4-sm3": sm4Sm3 };

export function cipherSuite(name: CipherSuiteName): CipherSuite {
  return SUITES[name];
}

export function cipherSuiteById(id: number): CipherSuite | undefined {
  return Object.values(SUITES).find((suite) => suite.id === id);
}

/**
 * The suite new data is protected with: CIPHER_SUITE ("aes-gcm" when unset).
 * An unknown value is a start-up error naming the variable, never a silent default.
 */
export function currentCipherSuite(
  env: { readonly [name: string]: string | undefined } = process.env,
): CipherSuite {
  const name = env.CIPHER_SUITE?.trim() || "aes-gcm";
  if (!(CIPHER_SUITES as readonly string[]).includes(name)) {
    throw new Error(`CIPHER_SUITE must be one of ${CIPHER_SUITES.join(", ")} (got "${name}")`);
  }
  return SUITES[name as CipherSuiteName];
}
