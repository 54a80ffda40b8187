/**
 * Field-key rotation (issue 7 §2): re-encrypts every `<name>Cipher` value
 * written with an older key version under FIELD_ENCRYPTION_CURRENT. The
 * blind-index key does not rotate, so `<name>Hash` lookups and masked values
 * are unchanged. Idempotent: a second run rewrites nothing. Procedure in
 * SECURITY.md ("Key rotation"); script: `npm run keys:rotate`.
 */
import { currentCipherSuite } from "@/lib/crypto/cipher-suite";
import { decryptField, encryptField, needsReencryption } from "@/lib/crypto/field-crypto";
import { fieldKeys } from "@/lib/crypto/keys";
import { findCipherColumns, readCipherBatch, replaceCipher } from "@/lib/db/key-rotation.repo";
import { fileKeysToRewrap, saveRewrappedFileKey } from "@/lib/db/stored-file-keys.repo";
import { rewrapDataKey } from "@/lib/storage/encrypted";

export type RotationReport = {
  table: string;
  column: string;
  scanned: number;
  rewritten: number;
  skipped: number;
}[];

export async function rotateFieldKeys(
  opts: { batchSize?: number; dryRun?: boolean } = {},
): Promise<RotationReport> {
  const keys = fieldKeys();
  const batchSize = opts.batchSize ?? 500;
  const report: RotationReport = [];
  for (const t of await findCipherColumns()) {
    const stats = new Map(
      t.columns.map((c) => [c, { table: t.table, column: c, scanned: 0, rewritten: 0, skipped: 0 }]),
    );
    let after: string | null = null;
    for (;;) {
      const rows = await readCipherBatch(t, after, batchSize);
      if (rows.length === 0) break;
      for (const row of rows) {
        for (const c of t.columns) {
          const value = row.values[c];
          if (!value) continue;
          const s = stats.get(c)!;
          s.scanned++;
          if (!needsReencryption(keys, value)) continue;
          if (opts.dryRun) {
            s.rewritten++;
            continue;
          }
          const fresh = encryptField(keys, decryptField(keys, value));
          if (await replaceCipher(t.table, c, row.id, value, fresh)) s.rewritten++;
          else s.skipped++; // changed meanwhile (then it was written with the current key anyway)
        }
      }
      after = rows[rows.length - 1]!.id;
    }
    report.push(...stats.values());
  }
  return report;
}

/**
 * Re-wraps the data key of every stored file with the current field key version and CIPHER_SUITE
 * (lib/storage/encrypted.ts). The files themselves are not read or rewritten. Resumable and
 * idempotent: a second run re-wraps nothing.
 */
export async function rewrapStoredFileKeys(
  opts: { batchSize?: number; dryRun?: boolean } = {},
): Promise<{ scanned: number; rewrapped: number; skipped: number }> {
  const keys = fieldKeys();
  const suite = currentCipherSuite();
  const report = { scanned: 0, rewrapped: 0, skipped: 0 };
  let after = "";
  for (;;) {
    const batch = await fileKeysToRewrap(suite.name, keys.current, after, opts.batchSize ?? 500);
    if (batch.length === 0) return report;
    for (const record of batch) {
      report.scanned++;
      const next = rewrapDataKey(keys, suite, record);
      if (!next) continue;
      if (opts.dryRun || (await saveRewrappedFileKey(record, next))) report.rewrapped++;
      else report.skipped++; // deleted or re-wrapped meanwhile
    }
    after = batch[batch.length - 1]!.objectKey;
  }
}
