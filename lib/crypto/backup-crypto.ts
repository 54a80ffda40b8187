/**
 * Encryption of backup files (lib/security/backup.ts, SECURITY.md "Backup
 * encryption"): AES-256-GCM under a key derived with HKDF-SHA256 from the
 * CURRENT field-encryption key (FIELD_ENCRYPTION_KEYS) and the backup's
 * random id, so no extra secret has to be kept: whoever can restore the
 * backup's encrypted columns can open the backup, nobody else.
 *
 * Every file of the backup is encrypted on its own:
 *   line 1   `AIDBACKUP {"v":1,"keyVersion":N,"backupId":"…","file":"data/Person.jsonl","nonce":"…"}\n`
 *   then     the ciphertext, then the 16-byte GCM tag.
 * The header line (key version, backup id, the file's path inside the
 * backup) is authenticated as additional data: a file altered, truncated,
 * renamed or taken from another backup fails to decrypt.
 */
import "server-only";
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes, type CipherGCM } from "node:crypto";
import fs from "node:fs";
import type { FieldKeys } from "./field-crypto";

const MAGIC = "AIDBACKUP ";
const TAG_BYTES = 16;
const MAX_HEADER = 4096;
const CHUNK = 1 << 20;

export type BackupFileHeader = { v: 1; keyVersion: number; backupId: string; file: string; nonce: string };

export class BackupDecryptError extends Error {}

/** The backup key: HKDF-SHA256(field key `keyVersion`, salt = backup id). */
export function backupKey(keys: FieldKeys, keyVersion: number, backupId: string): Buffer {
  const fieldKey = keys.keys.get(keyVersion);
  if (!fieldKey)
    throw new BackupDecryptError(
      `the backup was encrypted under field key version ${keyVersion}, which FIELD_ENCRYPTION_KEYS does not hold: configure the keys of the backed-up installation`,
    );
  return Buffer.from(hkdfSync("sha256", fieldKey, Buffer.from(backupId, "hex"), "student-aid backup v1", 32));
}

export const newBackupId = () => randomBytes(16).toString("hex");

/** Writes one encrypted file chunk by chunk (synchronously: no plaintext buffering beyond a chunk). */
export class EncryptedFileWriter {
  private readonly fd: number;
  private readonly cipher: CipherGCM;

  constructor(target: string, keys: FieldKeys, backupId: string, file: string) {
    const header: BackupFileHeader = {
      v: 1,
      keyVersion: keys.current,
      backupId,
      file,
      nonce: randomBytes(12).toString("base64"),
    };
    const line = Buffer.from(`${MAGIC}${JSON.stringify(header)}\n`, "utf8");
    this.cipher = createCipheriv(
      "aes-256-gcm",
      backupKey(keys, keys.current, backupId),
      Buffer.from(header.nonce, "base64"),
    );
    this.cipher.setAAD(line);
    this.fd = fs.openSync(target, "wx", 0o600);
    fs.writeSync(this.fd, line);
  }

  write(plain: Buffer | string): void {
    const out = this.cipher.update(typeof plain === "string" ? Buffer.from(plain, "utf8") : plain);
    if (out.length) fs.writeSync(this.fd, out);
  }

  close(): void {
    try {
      const last = this.cipher.final();
      if (last.length) fs.writeSync(this.fd, last);
      fs.writeSync(this.fd, this.cipher.getAuthTag());
    } finally {
      fs.closeSync(this.fd);
    }
  }
}

/** Encrypts a whole file (e.g. an evidence file) into `target`. */
export function encryptFile(
  source: string,
  target: string,
  keys: FieldKeys,
  backupId: string,
  file: string,
): void {
  const w = new EncryptedFileWriter(target, keys, backupId, file);
  const fd = fs.openSync(source, "r");
  try {
    const buf = Buffer.alloc(CHUNK);
    for (;;) {
      const n = fs.readSync(fd, buf, 0, CHUNK, null);
      if (n === 0) break;
      w.write(buf.subarray(0, n));
    }
  } finally {
    fs.closeSync(fd);
    w.close();
  }
}

/** Reads and checks a file's header line (not yet authenticated: that happens on decryption). */
export function readBackupHeader(source: string): { header: BackupFileHeader; line: Buffer } {
  const fd = fs.openSync(source, "r");
  try {
    const buf = Buffer.alloc(MAX_HEADER);
    const n = fs.readSync(fd, buf, 0, MAX_HEADER, 0);
    const end = buf.subarray(0, n).indexOf(0x0a);
    const text = end > 0 ? buf.subarray(0, end).toString("utf8") : "";
    if (!text.startsWith(MAGIC)) throw new BackupDecryptError(`${source} is not an encrypted backup file`);
    const header = JSON.parse(text.slice(MAGIC.length)) as BackupFileHeader;
    if (header.v !== 1 || !Number.isInteger(header.keyVersion) || !/^[0-9a-f]{32}$/.test(header.backupId))
      throw new BackupDecryptError(`${source} has an unknown backup header`);
    return { header, line: buf.subarray(0, end + 1) };
  } catch (e) {
    if (e instanceof BackupDecryptError) throw e;
    throw new BackupDecryptError(`${source} has a damaged backup header`);
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Decrypts `source` (which must be the backup's file `file` of backup
 * `backupId`), passing the plaintext to `sink` chunk by chunk. Throws
 * BackupDecryptError when the file was altered: callers must discard what the
 * sink received in that case.
 */
export function decryptFile(
  source: string,
  keys: FieldKeys,
  expect: { backupId: string; file: string },
  sink: (chunk: Buffer) => void,
): BackupFileHeader {
  const { header, line } = readBackupHeader(source);
  if (header.backupId !== expect.backupId || header.file !== expect.file)
    throw new BackupDecryptError(
      `${expect.file} in the backup is not the file it claims to be (moved or taken from another backup)`,
    );
  const size = fs.statSync(source).size;
  const cipherEnd = size - TAG_BYTES;
  if (cipherEnd < line.length) throw new BackupDecryptError(`${expect.file} in the backup is truncated`);
  const fd = fs.openSync(source, "r");
  try {
    const tag = Buffer.alloc(TAG_BYTES);
    fs.readSync(fd, tag, 0, TAG_BYTES, cipherEnd);
    const decipher = createDecipheriv(
      "aes-256-gcm",
      backupKey(keys, header.keyVersion, header.backupId),
      Buffer.from(header.nonce, "base64"),
    );
    decipher.setAAD(line);
    decipher.setAuthTag(tag);
    const buf = Buffer.alloc(CHUNK);
    for (let pos = line.length; pos < cipherEnd;) {
      const n = fs.readSync(fd, buf, 0, Math.min(CHUNK, cipherEnd - pos), pos);
      if (n === 0) break;
      pos += n;
      const out = decipher.update(buf.subarray(0, n));
      if (out.length) sink(out);
    }
    try {
      const last = decipher.final();
      if (last.length) sink(last);
    } catch {
      throw new BackupDecryptError(
        `${expect.file} in the backup failed its integrity check: it was altered or damaged, or the key is wrong`,
      );
    }
    return header;
  } finally {
    fs.closeSync(fd);
  }
}

/** Decrypts a (small) file completely into memory. */
export function decryptFileToBuffer(
  source: string,
  keys: FieldKeys,
  expect: { backupId: string; file: string },
): Buffer {
  const parts: Buffer[] = [];
  decryptFile(source, keys, expect, (c) => parts.push(c));
  return Buffer.concat(parts);
}

/** Decrypts into `target` (mode 0600); removes it again when the check fails. */
export function decryptFileTo(
  source: string,
  target: string,
  keys: FieldKeys,
  expect: { backupId: string; file: string },
): void {
  const fd = fs.openSync(target, "w", 0o600);
  let ok = false;
  try {
    decryptFile(source, keys, expect, (c) => fs.writeSync(fd, c));
    ok = true;
  } finally {
    fs.closeSync(fd);
    if (!ok) fs.rmSync(target, { force: true });
  }
}
