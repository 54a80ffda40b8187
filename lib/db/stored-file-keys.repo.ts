/**
 * The wrapped data keys of stored files (lib/storage/encrypted.ts). Infrastructure, not personal
 * data: rows are found by the random object key that only an already-authorised caller holds (the
 * evidence routes check scope before they ask the store for a file), so these reads take no Scope.
 */
import "server-only";
import type { CipherSuiteName } from "@/lib/crypto/cipher-suite";
import type { FileKeyStore, WrappedFileKey } from "@/lib/storage/encrypted";
import { db } from "./client";

function toRecord(row: { objectKey: string; suite: string; keyVersion: number; wrappedKey: string }) {
  return { ...row, suite: row.suite as CipherSuiteName } satisfies WrappedFileKey;
}

/**
 * One short plain statement per file put or read (not Prisma's query builder: this runs on every upload
 * and download; bench/README.md, "Evidence files").
 */
export const storedFileKeys: FileKeyStore = {
  async save(record) {
    await db().$executeRaw`
      INSERT INTO "StoredFileKey" ("objectKey", "suite", "keyVersion", "wrappedKey")
      VALUES (${record.objectKey}, ${record.suite}, ${record.keyVersion}, ${record.wrappedKey})`;
  },
  async load(objectKey) {
    const rows = await db().$queryRaw<WrappedFileKey[]>`
      SELECT "objectKey", "suite", "keyVersion", "wrappedKey" FROM "StoredFileKey" WHERE "objectKey" = ${objectKey}`;
    return rows[0] ? toRecord(rows[0]) : null;
  },
  async remove(objectKey) {
    await db().$executeRaw`DELETE FROM "StoredFileKey" WHERE "objectKey" = ${objectKey}`;
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

/** Evidence files whose stored bytes have no data key yet (written before encryption at rest). */
export async function plaintextEvidenceBatch(after: string, take = 200) {
  return db().$queryRaw<{ id: string; storageKey: string; sha256: string }[]>`
    SELECT f."id", f."storageKey", f."sha256" FROM "EvidenceFile" f
    WHERE f."id" > ${after}
      AND NOT EXISTS (SELECT 1 FROM "StoredFileKey" k WHERE k."objectKey" = f."storageKey")
    ORDER BY f."id" LIMIT ${take}`;
}

/** Points an evidence file at its encrypted copy, only if it still points at the plaintext one. */
export async function moveEvidenceToKey(id: string, from: string, to: string): Promise<boolean> {
  const result = await db().evidenceFile.updateMany({
    where: { id, storageKey: from },
    data: { storageKey: to },
  });
  return result.count === 1;
}
