/**
 * Encryption at rest for any FileStorage (local disk or S3): the inner store
 * only ever receives ciphertext.
 *
 * Envelope encryption: every file gets a random 32-byte data key; the file body
 * is encrypted with it, and the data key is kept *wrapped* (encrypted with the
 * current field key version, lib/crypto/field-crypto.ts) in the StoredFileKey
 * table, bound to the object's key. Rotating the field keys or moving to the
 * other cipher suite re-wraps those rows (`npm run keys:rotate`); files are never
 * rewritten for it.
 *
 * Body format: a header, then the plaintext in chunks of CHUNK_BYTES, each sealed
 * on its own (a fresh nonce, its tag), with the header, the chunk's index and a
 * last-chunk flag as additional data — so chunks cannot be reordered, dropped or
 * cut off at the end without the read failing.
 *
 *   header  = "AIDF1" | suite id (1 byte) | chunk size (uint32 BE)
 *   chunk i = nonce | ciphertext (chunk size bytes, fewer in the last chunk) | tag
 */
import "server-only";
import { randomBytes } from "node:crypto";
import type { FieldKeys } from "@/lib/crypto/field-crypto";
import {
  type CipherSuite,
  type CipherSuiteName,
  DecryptionError,
  cipherSuite,
  cipherSuiteById,
} from "@/lib/crypto/cipher-suite";
import type { FileStorage } from "./types";

export type WrappedFileKey = {
  objectKey: string;
  suite: CipherSuiteName;
  keyVersion: number;
  /** base64url of nonce | wrapped key | tag */
  wrappedKey: string;
};

/** Where the wrapped data keys are kept (lib/db/stored-file-keys.repo.ts). */
export interface FileKeyStore {
  save(record: WrappedFileKey): Promise<void>;
  load(objectKey: string): Promise<WrappedFileKey | null>;
  remove(objectKey: string): Promise<void>;
}

const MAGIC = Buffer.from("AIDF1", "latin1");
const HEADER_BYTES = MAGIC.length + 1 + 4;
/**
 * 256 KiB: with 64 KiB chunks the per-chunk cipher set-up made encrypting a 2 MB file take ~50 % more CPU
 * (2.1 against 1.4 ms, AES-256-GCM; bench/README.md, "Evidence files"). The size is in each file's header,
 * so files written with another chunk size stay readable.
 */
export const CHUNK_BYTES = 256 * 1024;
const DATA_KEY_BYTES = 32;

const UNAVAILABLE = {
  put: "文件存储暂时无法使用，文件没有保存。请稍后重新上传；如果一直失败，请联系学校资助管理员。",
  get: "文件存储暂时无法使用，暂时打不开这份文件。请稍后再试；如果一直失败，请联系学校资助管理员。",
};

/** The object store did not take or give the file (down, refused, timed out); the message is for the user. */
export class StorageUnavailableError extends Error {
  constructor(
    readonly cause: unknown,
    readonly operation: "put" | "get" = "put",
  ) {
    super(UNAVAILABLE[operation]);
    this.name = "StorageUnavailableError";
  }
}

export class StoredFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "StoredFileError";
  }
}

function chunkAad(header: Buffer, index: number, last: boolean): Buffer {
  const aad = Buffer.alloc(header.length + 5);
  header.copy(aad);
  aad.writeUInt32BE(index, header.length);
  aad[header.length + 4] = last ? 1 : 0;
  return aad;
}

function bodyHeader(suite: CipherSuite): Buffer {
  const header = Buffer.alloc(HEADER_BYTES);
  MAGIC.copy(header);
  header[MAGIC.length] = suite.id;
  header.writeUInt32BE(CHUNK_BYTES, MAGIC.length + 1);
  return header;
}

/** A body in the format above as its parts, sealed one chunk at a time as they are read. */
export type SealedBody = { length: number; parts: () => Generator<Buffer> };

/**
 * Seals `plaintext` under `dataKey` lazily: `parts()` yields the header, then nonce, ciphertext and tag of
 * each chunk, encrypting a chunk only when it is reached, so a store can send the parts as they are made
 * instead of holding a second whole-body copy (bench/README.md, "Evidence files").
 */
export function sealBody(suite: CipherSuite, dataKey: Buffer, plaintext: Uint8Array): SealedBody {
  const data = Buffer.from(plaintext.buffer, plaintext.byteOffset, plaintext.byteLength);
  const chunkCount = Math.max(1, Math.ceil(data.length / CHUNK_BYTES));
  return {
    length: HEADER_BYTES + chunkCount * (suite.nonceBytes + suite.tagBytes) + data.length,
    *parts() {
      const header = bodyHeader(suite);
      yield header;
      for (let index = 0; index < chunkCount; index++) {
        const chunk = data.subarray(index * CHUNK_BYTES, (index + 1) * CHUNK_BYTES);
        const sealed = suite.seal(dataKey, chunk, chunkAad(header, index, index === chunkCount - 1));
        yield sealed.nonce;
        yield sealed.ciphertext;
        yield sealed.tag;
      }
    },
  };
}

/** Encrypts a whole body under `dataKey` in the format above. */
export function encryptBody(suite: CipherSuite, dataKey: Buffer, plaintext: Uint8Array): Buffer {
  const body = sealBody(suite, dataKey, plaintext);
  return Buffer.concat([...body.parts()], body.length);
}

export function isEncryptedBody(bytes: Uint8Array): boolean {
  return bytes.length >= HEADER_BYTES && Buffer.from(bytes.subarray(0, MAGIC.length)).equals(MAGIC);
}

/** Decrypts a body written by {@link encryptBody}; throws DecryptionError when anything was altered. */
export function decryptBody(dataKey: Buffer, body: Uint8Array): Buffer {
  const decryptor = new BodyDecryptor(dataKey, body.byteLength);
  decryptor.write(body);
  return decryptor.end();
}

/**
 * Decrypts a body of `bodyLength` bytes that arrives in pieces of any size (an object store's download
 * stream) into one buffer of the plaintext's size, one chunk at a time as its record completes: no
 * whole-body copy of the ciphertext and no joining of decrypted chunks. The records' layout follows from
 * the header and `bodyLength`; anything cut, added, reordered or altered throws DecryptionError.
 */
export class BodyDecryptor {
  private readonly header = Buffer.alloc(HEADER_BYTES);
  private received = 0;
  private suite: CipherSuite | null = null;
  private chunkCount = 0;
  private recordBytes = 0;
  private lastRecordBytes = 0;
  private record = Buffer.alloc(0);
  private recordLength = 0;
  private filled = 0;
  private index = 0;
  private output = Buffer.alloc(0);
  private written = 0;

  constructor(
    private readonly dataKey: Buffer,
    private readonly bodyLength: number,
  ) {
    if (bodyLength < HEADER_BYTES) throw new DecryptionError();
  }

  write(piece: Uint8Array): void {
    let bytes = Buffer.from(piece.buffer, piece.byteOffset, piece.byteLength);
    if (this.received + bytes.length > this.bodyLength) throw new DecryptionError();
    while (bytes.length > 0) {
      if (this.received < HEADER_BYTES) {
        const take = Math.min(HEADER_BYTES - this.received, bytes.length);
        bytes.copy(this.header, this.received, 0, take);
        this.received += take;
        bytes = bytes.subarray(take);
        if (this.received === HEADER_BYTES) this.start();
        continue;
      }
      const wanted = this.index === this.chunkCount - 1 ? this.lastRecordBytes : this.recordBytes;
      if (this.filled === 0 && bytes.length >= wanted) {
        // A whole record in the piece (a body read at once): opened where it is, without a copy.
        this.received += wanted;
        this.open(bytes.subarray(0, wanted));
        bytes = bytes.subarray(wanted);
        continue;
      }
      if (this.record.length === 0) this.record = Buffer.allocUnsafe(this.recordLength);
      const take = Math.min(wanted - this.filled, bytes.length);
      bytes.copy(this.record, this.filled, 0, take);
      this.filled += take;
      this.received += take;
      bytes = bytes.subarray(take);
      if (this.filled === wanted) this.open(this.record.subarray(0, wanted));
    }
  }

  /** The plaintext, once every byte of the body was written. */
  end(): Buffer {
    if (this.received !== this.bodyLength || this.index !== this.chunkCount) throw new DecryptionError();
    return this.output;
  }

  private start(): void {
    if (!this.header.subarray(0, MAGIC.length).equals(MAGIC)) throw new DecryptionError();
    const suite = cipherSuiteById(this.header[MAGIC.length]!);
    const chunkBytes = this.header.readUInt32BE(MAGIC.length + 1);
    if (!suite || chunkBytes === 0) throw new DecryptionError();
    const overhead = suite.nonceBytes + suite.tagBytes;
    const rest = this.bodyLength - HEADER_BYTES;
    this.recordBytes = overhead + chunkBytes;
    // Every record but the last is full; the last holds the rest (a full one when the rest divides evenly).
    const full = Math.floor(rest / this.recordBytes);
    const remainder = rest % this.recordBytes;
    this.chunkCount = remainder === 0 ? full : full + 1;
    this.lastRecordBytes = remainder === 0 ? this.recordBytes : remainder;
    if (this.chunkCount === 0 || this.lastRecordBytes < overhead) throw new DecryptionError();
    this.suite = suite;
    // Only for records that arrive in pieces; allocated when the first one does.
    this.recordLength = Math.min(this.recordBytes, rest);
    this.output = Buffer.allocUnsafe(rest - this.chunkCount * overhead);
  }

  private open(record: Buffer): void {
    const suite = this.suite!;
    const length = record.length;
    const last = this.index === this.chunkCount - 1;
    const plaintext = suite.open(
      this.dataKey,
      {
        nonce: record.subarray(0, suite.nonceBytes),
        ciphertext: record.subarray(suite.nonceBytes, length - suite.tagBytes),
        tag: record.subarray(length - suite.tagBytes),
      },
      chunkAad(this.header, this.index, last),
    );
    plaintext.copy(this.output, this.written);
    this.written += plaintext.length;
    this.index++;
    this.filled = 0;
  }
}

const wrapAad = (objectKey: string) => Buffer.from(`StoredFileKey:${objectKey}`);

function fieldKey(keys: FieldKeys, version: number): Buffer {
  const key = keys.keys.get(version);
  if (!key) {
    throw new StoredFileError(
      `field key version ${version} is not configured (FIELD_ENCRYPTION_KEYS): stored files wrapped with it cannot be read`,
    );
  }
  return key;
}

/** Wraps a data key for `objectKey` with the current field key under `suite`. */
export function wrapDataKey(
  keys: FieldKeys,
  suite: CipherSuite,
  objectKey: string,
  dataKey: Buffer,
): WrappedFileKey {
  const sealed = suite.seal(fieldKey(keys, keys.current), dataKey, wrapAad(objectKey));
  return {
    objectKey,
    suite: suite.name,
    keyVersion: keys.current,
    wrappedKey: Buffer.concat([sealed.nonce, sealed.ciphertext, sealed.tag]).toString("base64url"),
  };
}

export function unwrapDataKey(keys: FieldKeys, record: WrappedFileKey): Buffer {
  const suite = cipherSuite(record.suite);
  const raw = Buffer.from(record.wrappedKey, "base64url");
  if (raw.length !== suite.nonceBytes + DATA_KEY_BYTES + suite.tagBytes) throw new DecryptionError();
  return suite.open(
    fieldKey(keys, record.keyVersion),
    {
      nonce: raw.subarray(0, suite.nonceBytes),
      ciphertext: raw.subarray(suite.nonceBytes, suite.nonceBytes + DATA_KEY_BYTES),
      tag: raw.subarray(suite.nonceBytes + DATA_KEY_BYTES),
    },
    wrapAad(record.objectKey),
  );
}

/** The record re-wrapped with the current key version and suite, or null when it already is. */
export function rewrapDataKey(keys: FieldKeys, suite: CipherSuite, record: WrappedFileKey) {
  if (record.keyVersion === keys.current && record.suite === suite.name) return null;
  return wrapDataKey(keys, suite, record.objectKey, unwrapDataKey(keys, record));
}

export class EncryptedStorage implements FileStorage {
  constructor(
    private readonly inner: FileStorage,
    private readonly keyStore: FileKeyStore,
    private readonly keys: () => FieldKeys,
    private readonly suite: () => CipherSuite,
  ) {}

  async put(data: Uint8Array): Promise<string> {
    const suite = this.suite();
    const keys = this.keys();
    const dataKey = randomBytes(DATA_KEY_BYTES);
    let objectKey: string;
    try {
      const body = sealBody(suite, dataKey, data);
      objectKey = this.inner.putParts
        ? await this.inner.putParts(body.parts, body.length)
        : await this.inner.put(Buffer.concat([...body.parts()], body.length));
    } catch (error) {
      throw new StorageUnavailableError(error);
    }
    try {
      await this.keyStore.save(wrapDataKey(keys, suite, objectKey, dataKey));
    } catch (error) {
      await this.inner.delete(objectKey);
      throw error;
    }
    return objectKey;
  }

  async get(objectKey: string): Promise<Uint8Array | null> {
    if (this.inner.getPieces) return this.getStreamed(objectKey, this.inner.getPieces.bind(this.inner));
    const [record, body] = await Promise.all([
      this.keyStore.load(objectKey),
      this.inner.get(objectKey).catch((error: unknown) => {
        throw new StorageUnavailableError(error, "get");
      }),
    ]);
    if (!body) return null;
    if (!record) return this.unencrypted(objectKey, body);
    return decryptBody(unwrapDataKey(this.keys(), record), body); // a Buffer is a Uint8Array: no copy
  }

  /** Written before encryption at rest existed: readable until `npm run files:encrypt` has run. */
  private unencrypted(objectKey: string, body: Uint8Array): Uint8Array {
    if (isEncryptedBody(body))
      throw new StoredFileError(`the data key of stored file ${objectKey} is missing`);
    return body;
  }

  /** A store that streams its downloads: each chunk is decrypted as its record arrives. */
  private async getStreamed(objectKey: string, getPieces: NonNullable<FileStorage["getPieces"]>) {
    const [record, stored] = await Promise.all([
      this.keyStore.load(objectKey),
      getPieces(objectKey).catch((error: unknown) => {
        throw new StorageUnavailableError(error, "get");
      }),
    ]);
    if (!stored) return null;
    const pieces = async function* () {
      try {
        yield* stored.pieces;
      } catch (error) {
        throw new StorageUnavailableError(error, "get");
      }
    };
    if (!record) {
      const parts: Uint8Array[] = [];
      for await (const piece of pieces()) parts.push(piece);
      return this.unencrypted(objectKey, Buffer.concat(parts));
    }
    const decryptor = new BodyDecryptor(unwrapDataKey(this.keys(), record), stored.length);
    for await (const piece of pieces()) decryptor.write(piece);
    return decryptor.end();
  }

  async delete(objectKey: string): Promise<void> {
    await this.inner.delete(objectKey);
    await this.keyStore.remove(objectKey);
  }
}
