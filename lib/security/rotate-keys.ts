/**
 * Field-key rotation (issue 7 §2): re-encrypts every `<name>Cipher` value
 * written with an older key version under FIELD_ENCRYPTION_CURRENT. The
 * blind-index key does not rotate, so `<name>Hash` lookups and masked values
 * are unchanged. Idempotent: a second run rewrites nothing. Procedure in
 * SECURITY.md ("Key rotation"); script: `npm run keys:rotate`.
 */
import { decryptField, encryptField, needsReencryption } from "@/lib/crypto/field-crypto";
import { fieldKeys } from "@/lib/crypto/keys";
import { findCipherColumns, readCipherBatch, replaceCipher } from "@/lib/db/key-rotation.repo";

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
