/**
 * Where evidence files live. Callers only ever hold the opaque key that `put`
 * returns (stored in EvidenceFile.storageKey); the bytes are never reachable
 * by URL except through the authorised download route. A store for an
 * S3-compatible service implements the same three methods.
 */
import "server-only";
export interface FileStorage {
  /** Stores the bytes under a new random key and returns the key. */
  put(data: Uint8Array): Promise<string>;
  /** The bytes stored under `key`, or null when there are none (or the key is malformed). */
  get(key: string): Promise<Uint8Array | null>;
  /** Removes the bytes; removing a missing key is not an error. */
  delete(key: string): Promise<void>;
}
