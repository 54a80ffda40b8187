import {
  parseFieldKeys,
  sealSensitive,
  sensitiveHash,
  decryptField,
  type FieldKeys,
  type SensitiveKind,
} from "./field-crypto";

let cached: { env: string; keys: FieldKeys } | undefined;

/** The process-wide field keys, read from the environment (see lib/crypto/field-crypto.ts). */
export function fieldKeys(): FieldKeys {
  const env = `${process.env.FIELD_ENCRYPTION_KEYS}|${process.env.FIELD_ENCRYPTION_CURRENT}|${process.env.BLIND_INDEX_KEY}`;
  if (!cached || cached.env !== env) cached = { env, keys: parseFieldKeys(process.env) };
  return cached.keys;
}

export const seal = (value: string, kind: SensitiveKind) => sealSensitive(fieldKeys(), value, kind);
export const lookupHash = (value: string, kind: SensitiveKind) => sensitiveHash(fieldKeys(), value, kind);
export const reveal = (cipher: string) => decryptField(fieldKeys(), cipher);
