/**
 * Raw access for key rotation: every `<name>Cipher` column of every table, with
 * its `<name>Hash` blind index when the table has one, read in primary-key order
 * (a single `id`, or a composite key such as ImportRejection's jobId + rowNumber)
 * and rewritten one value at a time (only if the value is still the one read, so
 * concurrent edits are never overwritten).
 */
import { db } from "./client";

/**
 * `key`: the primary key's columns; `hashes` maps a cipher column to its blind-index column
 * (`idNumberCipher` → `idNumberHash`).
 */
export type CipherColumns = {
  table: string;
  key: string[];
  columns: string[];
  hashes: Record<string, string>;
};

const q = (ident: string) => `"${ident.replace(/"/g, '""')}"`;

/**
 * Tables with a primary key and at least one text column whose name ends in "Cipher", each cipher
 * column paired with the text column of the same stem ending in "Hash" when there is one.
 */
export async function findCipherColumns(): Promise<CipherColumns[]> {
  const rows = await db().$queryRaw<
    { table_name: string; column_name: string; hash_column: string | null; key_columns: string[] }[]
  >`
    SELECT c.table_name, c.column_name, h.column_name AS hash_column,
           (SELECT array_agg(a.attname::text ORDER BY k.ord)
              FROM pg_index i
              CROSS JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, ord)
              JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum
             WHERE i.indrelid = format('public.%I', c.table_name)::regclass AND i.indisprimary) AS key_columns
      FROM information_schema.columns c
      LEFT JOIN information_schema.columns h
        ON h.table_schema = 'public' AND h.table_name = c.table_name AND h.data_type = 'text'
       AND h.column_name = left(c.column_name, length(c.column_name) - length('Cipher')) || 'Hash'
      JOIN information_schema.tables t
        ON t.table_schema = 'public' AND t.table_name = c.table_name AND t.table_type = 'BASE TABLE'
     WHERE c.table_schema = 'public' AND c.column_name LIKE '%Cipher' AND c.data_type = 'text'
     ORDER BY c.table_name, c.column_name`;
  const map = new Map<string, CipherColumns>();
  for (const r of rows) {
    if (!r.key_columns?.length) {
      throw new Error(`${r.table_name}.${r.column_name}: a table with encrypted values needs a primary key`);
    }
    const t = map.get(r.table_name) ?? { table: r.table_name, key: r.key_columns, columns: [], hashes: {} };
    t.columns.push(r.column_name);
    if (r.hash_column) t.hashes[r.column_name] = r.hash_column;
    map.set(r.table_name, t);
  }
  return [...map.values()];
}

/** `key`: the primary key's values as text (in CipherColumns.key order); `id` names the row in messages. */
export type CipherRow = { id: string; key: string[]; values: Record<string, string | null> };

/** The row tuple of the primary key as text, e.g. `("jobId"::text, "rowNumber"::text)`. */
const keyTuple = (t: CipherColumns) => `(${t.key.map((c) => `${q(c)}::text`).join(", ")})`;

export async function readCipherBatch(
  t: CipherColumns,
  after: string[] | null,
  limit: number,
): Promise<CipherRow[]> {
  const all = [...t.columns, ...Object.values(t.hashes)];
  const cols = all.map(q).join(", ");
  const keys = t.key.map((c, i) => `${q(c)}::text AS "k${i}"`).join(", ");
  const order = t.key.map((c) => `${q(c)}::text`).join(", ");
  const where =
    after === null ? "" : `WHERE ${keyTuple(t)} > (${t.key.map((_, i) => `$${i + 2}`).join(", ")})`;
  const rows = await db().$queryRawUnsafe<Record<string, string | null>[]>(
    `SELECT ${keys}, ${cols} FROM ${q(t.table)} ${where} ORDER BY ${order} LIMIT $1`,
    limit,
    ...(after ?? []),
  );
  return rows.map((r) => {
    const key = t.key.map((_, i) => r[`k${i}`]!);
    return { id: key.join("/"), key, values: Object.fromEntries(all.map((c) => [c, r[c] ?? null])) };
  });
}

/**
 * Replaces one encrypted value, and with it the blind index of the same stem when `hash` is given,
 * if the encrypted value is unchanged since it was read; returns whether it was written.
 */
export async function replaceCipher(
  t: CipherColumns,
  column: string,
  row: CipherRow,
  oldValue: string,
  newValue: string,
  hash?: { column: string; value: string },
): Promise<boolean> {
  // $1 new value, $2 old value, $3… the key, then the blind index.
  const keyParams = `(${t.key.map((_, i) => `$${i + 3}`).join(", ")})`;
  const setHash = hash ? `, ${q(hash.column)} = $${t.key.length + 3}` : "";
  const n = await db().$executeRawUnsafe(
    `UPDATE ${q(t.table)} SET ${q(column)} = $1${setHash} WHERE ${keyTuple(t)} = ${keyParams} AND ${q(column)} = $2`,
    newValue,
    oldValue,
    ...row.key,
    ...(hash ? [hash.value] : []),
  );
  return n === 1;
}
