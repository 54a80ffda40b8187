/**
 * Raw access for key rotation: every `<name>Cipher` column of every table, with
 * its `<name>Hash` blind index when the table has one, read in id order and
 * rewritten one value at a time (only if the value is still the one read, so
 * concurrent edits are never overwritten).
 */
import "server-only";
import { db } from "./client";

/** `hashes` maps a cipher column to its blind-index column (`idNumberCipher` → `idNumberHash`). */
export type CipherColumns = { table: string; columns: string[]; hashes: Record<string, string> };

const quoteIdent = (ident: string) => `"${ident.replace(/"/g, '""')}"`;

/**
 * Tables with an `id` column and at least one text column whose name ends in "Cipher", each cipher
 * column paired with the text column of the same stem ending in "Hash" when there is one.
 */
export async function findCipherColumns(): Promise<CipherColumns[]> {
  const rows = await db().$queryRaw<
    { table_name: string; column_name: string; hash_column: string | null }[]
  >`
    SELECT c.table_name, c.column_name, h.column_name AS hash_column
      FROM information_schema.columns c
      LEFT JOIN information_schema.columns h
        ON h.table_schema = 'public' AND h.table_name = c.table_name AND h.data_type = 'text'
       AND h.column_name = left(c.column_name, length(c.column_name) - length('Cipher')) || 'Hash'
     WHERE c.table_schema = 'public' AND c.column_name LIKE '%Cipher' AND c.data_type = 'text'
       AND EXISTS (SELECT 1 FROM information_schema.columns i WHERE i.table_schema = 'public' AND i.table_name = c.table_name AND i.column_name = 'id')
     ORDER BY c.table_name, c.column_name`;
  const map = new Map<string, CipherColumns>();
  for (const row of rows) {
    const table = map.get(row.table_name) ?? { table: row.table_name, columns: [], hashes: {} };
    table.columns.push(row.column_name);
    if (row.hash_column) table.hashes[row.column_name] = row.hash_column;
    map.set(row.table_name, table);
  }
  return [...map.values()];
}

export type CipherRow = { id: string; values: Record<string, string | null> };

export async function readCipherBatch(
  cipherTable: CipherColumns,
  afterId: string | null,
  limit: number,
): Promise<CipherRow[]> {
  const all = [...cipherTable.columns, ...Object.values(cipherTable.hashes)];
  const cols = all.map(quoteIdent).join(", ");
  const rows = await db().$queryRawUnsafe<Record<string, string | null>[]>(
    `SELECT id::text AS id, ${cols} FROM ${quoteIdent(cipherTable.table)} ${afterId === null ? "" : "WHERE id::text > $2"} ORDER BY id::text LIMIT $1`,
    ...(afterId === null ? [limit] : [limit, afterId]),
  );
  return rows.map((row) => ({
    id: row.id!,
    values: Object.fromEntries(all.map((c) => [c, row[c] ?? null])),
  }));
}

/**
 * Replaces one encrypted value, and with it the blind index of the same stem when `hash` is given,
 * if the encrypted value is unchanged since it was read; returns whether it was written.
 */
export async function replaceCipher(
  table: string,
  column: string,
  id: string,
  oldValue: string,
  newValue: string,
  hash?: { column: string; value: string },
): Promise<boolean> {
  const setHash = hash ? `, ${quoteIdent(hash.column)} = $4` : "";
  const updated = await db().$executeRawUnsafe(
    `UPDATE ${quoteIdent(table)} SET ${quoteIdent(column)} = $1${setHash} WHERE id::text = $2 AND ${quoteIdent(column)} = $3`,
    newValue,
    id,
    oldValue,
    ...(hash ? [hash.value] : []),
  );
  return updated === 1;
}
