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
  /**
   * Optional: stores a body given as its parts in order (`length` bytes in all) under a new key, sending
   * them as they are produced (lib/storage/encrypted.ts seals a chunk at a time) instead of joined first.
   * `parts` makes the sequence anew on each call, so a store may send it again after a failed attempt.
   */
  putParts?(parts: () => Iterable<Uint8Array>, length: number): Promise<string>;
  /**
   * Optional: the stored bytes as pieces in order with their total length, or null when there are none —
   * for a reader that processes a download as it arrives (lib/storage/encrypted.ts decrypts per chunk).
   */
  getPieces?(
    key: string,
  ): Promise<{ length: number; pieces: AsyncIterable<Uint8Array> | Iterable<Uint8Array> } | null>;
  /** Removes the bytes; removing a missing key is not an error. */
  delete(key: string): Promise<void>;
}
