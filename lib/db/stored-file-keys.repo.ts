/**
 * The wrapped data keys of stored files (lib/storage/encrypted.ts). Infrastructure, not personal
 * data: rows are found by the random object key that only an already-authorised caller holds (the
 * evidence routes check scope before they ask the store for a file), so these reads take no Scope.
 */
import type { CipherSuiteName } from "@/lib/crypto/cipher-suite";
import type { FileKeyStore, WrappedFileKey } from "@/lib/storage/encrypted";
import { db } from "./client";

function toRecord(row: { objectKey: string; suite: string; keyVersion: number; wrappedKey: string }) {
  return { ...row, suite: row.suite as CipherSuiteName } satisfies WrappedFileKey;
}

export const storedFileKeys: FileKeyStore = {
  async save(record) {
    await db().storedFileKey.create({ data: record });
  },
  async load(objectKey) {
    const row = await db().storedFileKey.findUnique({
      where: { objectKey },
      select: { objectKey: true, suite: true, keyVersion: true, wrappedKey: true },
    });
    return row ? toRecord(row) : null;
  },
  async remove(objectKey) {
    await db().storedFileKey.deleteMany({ where: { objectKey } });
  },
};

/** A batch of keys not yet wrapped with `keyVersion` under `suite`, in a stable order (resumable). */
export async function fileKeysToRewrap(
  suite: CipherSuiteName,
  keyVersion: number,
  after: string,
  take = 500,
) {
  const rows = await db().storedFileKey.findMany({
    where: { objectKey: { gt: after }, NOT: { suite, keyVersion } },
    orderBy: { objectKey: "asc" },
    take,
    select: { objectKey: true, suite: true, keyVersion: true, wrappedKey: true },
  });
  return rows.map(toRecord);
}

/** Stores a re-wrapped key, only if the row still holds the key it was re-wrapped from. */
export async function saveRewrappedFileKey(previous: WrappedFileKey, next: WrappedFileKey): Promise<boolean> {
  const result = await db().storedFileKey.updateMany({
    where: { objectKey: previous.objectKey, wrappedKey: previous.wrappedKey },
    data: {
      suite: next.suite,
      keyVersion: next.keyVersion,
      wrappedKey: next.wrappedKey,
      rewrappedAt: new Date(),
    },
  });
  return result.count === 1;
}
