/**
 * The evidence store of this process: EVIDENCE_STORAGE selects where the bytes go — "local" (the
 * default: `${AID_DATA_DIR:-.data}/evidence`) or "s3" (an S3-compatible object store, see
 * lib/storage/s3.ts) — and every file is encrypted at rest on the way (lib/storage/encrypted.ts),
 * with the cipher suite of CIPHER_SUITE.
 */
import "server-only";
import path from "node:path";
import { currentCipherSuite } from "@/lib/crypto/cipher-suite";
import { fieldKeys } from "@/lib/crypto/keys";
import { storedFileKeys } from "@/lib/db/stored-file-keys.repo";
import { EncryptedStorage } from "./encrypted";
import { LocalDiskStorage } from "./local-disk";
import { S3Storage, s3SettingsFromEnv } from "./s3";
import type { FileStorage } from "./types";

export type { FileStorage } from "./types";

/** `${AID_DATA_DIR ?? .data}/evidence`: beside the database folder, never under public/. */
export const evidenceDir = () => path.resolve(process.env.AID_DATA_DIR ?? ".data", "evidence");

/** The store that holds the (encrypted) bytes, as EVIDENCE_STORAGE says. */
export function objectStorageFromEnv(env: NodeJS.ProcessEnv = process.env): FileStorage {
  const kind = env.EVIDENCE_STORAGE?.trim() || "local";
  if (kind === "local") return new LocalDiskStorage(evidenceDir());
  if (kind === "s3") return new S3Storage(s3SettingsFromEnv(env));
  throw new Error(`EVIDENCE_STORAGE must be "local" or "s3" (got "${kind}")`);
}

/** Any store, encrypted at rest with the field keys and CIPHER_SUITE. */
export function encryptedStorage(inner: FileStorage): FileStorage {
  return new EncryptedStorage(inner, storedFileKeys, fieldKeys, () => currentCipherSuite());
}

const holder = globalThis as unknown as { __aidEvidenceStorage?: FileStorage };

export function evidenceStorage(): FileStorage {
  holder.__aidEvidenceStorage ??= encryptedStorage(objectStorageFromEnv());
  return holder.__aidEvidenceStorage;
}

/** For tests: use another store (e.g. a temporary folder). */
export function setEvidenceStorage(storage: FileStorage): void {
  holder.__aidEvidenceStorage = storage;
}
