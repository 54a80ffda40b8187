/**
 * Encrypts the evidence files written before encryption at rest existed (`npm run files:encrypt`).
 * Per file: read the plaintext, store an encrypted copy under a new key, point the EvidenceFile row
 * at it (only if it still points at the old key), then delete the plaintext. Resumable: a file is
 * done once its row points at a key that has a StoredFileKey; a crash in between leaves at most an
 * unreferenced encrypted copy, never a row without a readable file.
 */
import "server-only";
import { createHash } from "node:crypto";
import { moveEvidenceToKey, plaintextEvidenceBatch } from "@/lib/db/stored-file-keys.repo";
import { encryptedStorage, type FileStorage } from "@/lib/storage";

export type EncryptFilesReport = { encrypted: number; missing: string[]; skipped: number };

export async function encryptPlaintextFiles(
  inner: FileStorage,
  opts: {
    batchSize?: number;
    dryRun?: boolean;
    expectedSha256?: (id: string) => Promise<string | null>;
  } = {},
): Promise<EncryptFilesReport> {
  const store = encryptedStorage(inner);
  const report: EncryptFilesReport = { encrypted: 0, missing: [], skipped: 0 };
  let after = "";
  for (;;) {
    const batch = await plaintextEvidenceBatch(after, opts.batchSize ?? 200);
    if (batch.length === 0) return report;
    for (const file of batch) {
      const plaintext = await inner.get(file.storageKey);
      if (!plaintext) {
        report.missing.push(file.id);
        continue;
      }
      if (createHash("sha256").update(plaintext).digest("hex") !== file.sha256) {
        report.missing.push(file.id); // the bytes on the store are not the file that was uploaded
        continue;
      }
      if (opts.dryRun) {
        report.encrypted++;
        continue;
      }
      const newKey = await store.put(plaintext);
      if (await moveEvidenceToKey(file.id, file.storageKey, newKey)) {
        await inner.delete(file.storageKey);
        report.encrypted++;
      } else {
        await store.delete(newKey);
        report.skipped++;
      }
    }
    after = batch[batch.length - 1]!.id;
  }
}
