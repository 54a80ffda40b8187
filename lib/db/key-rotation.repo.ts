/**
 * Raw access for key rotation: every `<name>Cipher` column of every table, with
 * its `<name>Hash` blind index when the table has one, read in primary-key order
 * (a single `id`, or a composite key such as ImportRejection's jobId + rowNumber)
 * and rewritten one value at a time (only if the value is still the one read, so
 * concurrent edits are never overwritten).
 */
import "server-only";
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

const quoteIdent = (ident: string) => `"${ident.replace(/"/g, '""')}"`;

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
  for (const record of rows) {
    if (!record.key_columns?.length) {
      throw new Error(
        `${record.table_name}.${record.column_name}: a table with encrypted values needs a primary key`,
      );
    }
    const cipherTable = map.get(record.table_name) ?? {
      table: record.table_name,
      key: record.key_columns,
      columns: [],
      hashes: {},
    };
    cipherTable.columns.push(record.column_name);
    if (record.hash_column) cipherTable.hashes[record.column_name] = record.hash_column;
    map.set(record.table_name, cipherTable);
  }
  return [...map.values()];
}

/** `key`: the primary key's values as text (in CipherColumns.key order); `id` names the row in messages. */
export type CipherRow = { id: string; key: string[]; values: Record<string, string | null> };

/** The row tuple of the primary key as text, e.g. `("jobId"::text, "rowNumber"::text)`. */
const keyTuple = (cipherTable: CipherColumns) =>
  `(${cipherTable.key.map((c) => `${quoteIdent(c)}::text`).join(", ")})`;

export async function readCipherBatch(
  cipherTable: CipherColumns,
  after: string[] | null,
  limit: number,
): Promise<CipherRow[]> {
  const all = [...cipherTable.columns, ...Object.values(cipherTable.hashes)];
  const cols = all.map(quoteIdent).join(", ");
  const keys = cipherTable.key.map((c, i) => `${quoteIdent(c)}::text AS "k${i}"`).join(", ");
  const order = cipherTable.key.map((c) => `${quoteIdent(c)}::text`).join(", ");
  const where =
    after === null
      ? ""
      : `WHERE ${keyTuple(cipherTable)} > (${cipherTable.key.map((_, i) => `$${i + 2}`).join(", ")})`;
  const rows = await db().$queryRawUnsafe<Record<string, string | null>[]>(
    `SELECT ${keys}, ${cols} FROM ${quoteIdent(cipherTable.table)} ${where} ORDER BY ${order} LIMIT $1`,
    limit,
    ...(after ?? []),
  );
  return rows.map((record) => {
    const key = cipherTable.key.map((_, i) => record[`k${i}`]!);
    return { id: key.join("/"), key, values: Object.fromEntries(all.map((c) => [c, record[c] ?? null])) };
  });
}

/**
 * Replaces one encrypted value, and with it the blind index of the same stem when `hash` is given,
 * if the encrypted value is unchanged since it was read; returns whether it was written.
 */
export async function replaceCipher(
  cipherTable: CipherColumns,
  column: string,
  row: CipherRow,
  oldValue: string,
  newValue: string,
  hash?: { column: string; value: string },
): Promise<boolean> {
  // $1 new value, $2 old value, $3… the key, then the blind index.
  const keyParams = `(${cipherTable.key.map((_, i) => `$${i + 3}`).join(", ")})`;
  const setHash = hash ? `, ${quoteIdent(hash.column)} = $${cipherTable.key.length + 3}` : "";
  const updated = await db().$executeRawUnsafe(
    `UPDATE ${quoteIdent(cipherTable.table)} SET ${quoteIdent(column)} = $1${setHash} WHERE ${keyTuple(cipherTable)} = ${keyParams} AND ${quoteIdent(column)} = $2`,
    newValue,
    oldValue,
    ...row.key,
    ...(hash ? [hash.value] : []),
  );
  return updated === 1;
}
