/**
 * Field-key rotation (SECURITY.md "Key rotation") and moves between cipher suites: re-encrypts every
 * `<name>Cipher` value written with an older key version or with the other suite than
 * CIPHER_SUITE, and recomputes every `<name>Hash` blind index beside it that was not made with
 * the function of BLIND_INDEX_SUITE (default: CIPHER_SUITE; HMAC-SHA-256 or HMAC-SM3) — from the
 * decrypted value of the same row, normalised by its kind as lib/crypto/field-crypto.ts
 * `sensitiveHash` does. Masked values are unchanged. Idempotent: a second run rewrites nothing.
 * Procedure in SECURITY.md ("Key rotation"); script: `npm run keys:rotate`.
 *
 * Hashes without a stored plaintext cannot be recomputed and are not touched: access codes
 * (StudentAccessCode.codeHash: still accepted under the other suite, lib/crypto/access-code.ts,
 * and moved by re-issuing), one-time SMS codes (OneTimeCode.subjectKey/codeHash: expire within
 * minutes) and rate-limit and lockout buckets (lib/security/rate-limit.ts: restart empty).
 */
import "server-only";
import { currentCipherSuite } from "@/lib/crypto/cipher-suite";
import {
  decryptField,
  encryptField,
  needsReencryption,
  sensitiveHash,
  type SensitiveKind,
} from "@/lib/crypto/field-crypto";
import { fieldKeys } from "@/lib/crypto/keys";
import { findCipherColumns, readCipherBatch, replaceCipher } from "@/lib/db/key-rotation.repo";
import { fileKeysToRewrap, saveRewrappedFileKey } from "@/lib/db/stored-file-keys.repo";
import { rewrapDataKey } from "@/lib/storage/encrypted";

export type RotationReport = {
  table: string;
  column: string;
  scanned: number;
  /** Values re-encrypted (another key version or suite). */
  rewritten: number;
  /** Blind indexes recomputed (made with the other suite's function). */
  rehashed: number;
  skipped: number;
}[];

/** The kind, and so the normalisation, of a blind index by its column stem (`phoneHash` → phone). */
const KIND_OF_STEM: Record<string, SensitiveKind> = {
  idNumber: "idNumber",
  phone: "phone",
  bankAccount: "bankAccount",
};

function kindOf(table: string, hashColumn: string): SensitiveKind {
  const kind = KIND_OF_STEM[hashColumn.replace(/Hash$/, "")];
  if (!kind) {
    throw new Error(
      `${table}.${hashColumn}: no kind known to recompute this blind index; add its stem to KIND_OF_STEM in lib/security/rotate-keys.ts`,
    );
  }
  return kind;
}

export async function rotateFieldKeys(
  opts: { batchSize?: number; dryRun?: boolean } = {},
): Promise<RotationReport> {
  const keys = fieldKeys();
  const batchSize = opts.batchSize ?? 500;
  const report: RotationReport = [];
  for (const t of await findCipherColumns()) {
    const kinds = new Map(Object.entries(t.hashes).map(([c, h]) => [c, kindOf(t.table, h)]));
    const stats = new Map(
      t.columns.map((c) => [
        c,
        { table: t.table, column: c, scanned: 0, rewritten: 0, rehashed: 0, skipped: 0 },
      ]),
    );
    let after: string[] | null = null;
    for (;;) {
      const rows = await readCipherBatch(t, after, batchSize);
      if (rows.length === 0) break;
      for (const row of rows) {
        for (const c of t.columns) {
          const value = row.values[c];
          if (!value) continue;
          const s = stats.get(c)!;
          s.scanned++;
          const reencrypt = needsReencryption(keys, value);
          const hashColumn = t.hashes[c];
          const kind = kinds.get(c);
          const plaintext = reencrypt || kind ? decryptField(keys, value) : "";
          const hash =
            hashColumn && kind
              ? { column: hashColumn, value: sensitiveHash(keys, plaintext, kind) }
              : undefined;
          const rehash = hash !== undefined && row.values[hash.column] !== hash.value;
          if (!reencrypt && !rehash) continue;
          if (opts.dryRun) {
            if (reencrypt) s.rewritten++;
            if (rehash) s.rehashed++;
            continue;
          }
          const fresh = reencrypt ? encryptField(keys, plaintext) : value;
          const written = await replaceCipher(t, c, row, value, fresh, rehash ? hash : undefined).catch(
            (e: unknown) => {
              // E.g. a unique blind index already taken by a record created under the new suite meanwhile.
              const reason = e instanceof Error ? e.message : String(e);
              throw new Error(`${t.table}.${c} row ${row.id} could not be rewritten: ${reason}`);
            },
          );
          if (written) {
            if (reencrypt) s.rewritten++;
            if (rehash) s.rehashed++;
          } else s.skipped++; // changed meanwhile (then it was written with the current key and suite anyway)
        }
      }
      after = rows[rows.length - 1]!.key;
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
