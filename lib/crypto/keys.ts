import "server-only";
import {
  parseFieldKeys,
  sealSensitive,
  sensitiveHash,
  sensitiveHashCandidates,
  decryptField,
  type FieldKeys,
  type SensitiveKind,
} from "./field-crypto";

let cached: { env: string; keys: FieldKeys } | undefined;

/** The process-wide field keys, read from the environment (see lib/crypto/field-crypto.ts). */
export function fieldKeys(): FieldKeys {
  const {
    FIELD_ENCRYPTION_KEYS,
    FIELD_ENCRYPTION_CURRENT,
    BLIND_INDEX_KEY,
    CIPHER_SUITE,
    BLIND_INDEX_SUITE,
  } = process.env;
  const env = `${FIELD_ENCRYPTION_KEYS}|${FIELD_ENCRYPTION_CURRENT}|${BLIND_INDEX_KEY}|${CIPHER_SUITE}|${BLIND_INDEX_SUITE}`;
  if (!cached || cached.env !== env) cached = { env, keys: parseFieldKeys(process.env) };
  return cached.keys;
}

export const seal = (value: string, kind: SensitiveKind) => sealSensitive(fieldKeys(), value, kind);
/**
 * `seal` with the keys read once: for a batch of rows (an import), where reading the five variables of
 * process.env for every row showed in the profile (bench/README.md, "Loan import of a province").
 */
export function batchSealer(): (value: string, kind: SensitiveKind) => ReturnType<typeof sealSensitive> {
  const keys = fieldKeys();
  return (value, kind) => sealSensitive(keys, value, kind);
}
export const lookupHash = (value: string, kind: SensitiveKind) => sensitiveHash(fieldKeys(), value, kind);
/** The blind index under both suites' functions, for a look-up that must work while keys:rotate moves hashes. */
export const lookupHashes = (value: string, kind: SensitiveKind) =>
  sensitiveHashCandidates(fieldKeys(), value, kind);
export const reveal = (cipher: string) => decryptField(fieldKeys(), cipher);
