/**
 * Raw access for key rotation: every `<name>Cipher` column of every table,
 * read in id order and rewritten one value at a time (only if the value is
 * still the one read, so concurrent edits are never overwritten).
 */
import { db } from "./client";

export type CipherColumns = { table: string; columns: string[] };

const q = (ident: string) => `"${ident.replace(/"/g, '""')}"`;

/** Tables with an `id` column and at least one text column whose name ends in "Cipher". */
export async function findCipherColumns(): Promise<CipherColumns[]> {
  const rows = await db().$queryRaw<{ table_name: string; column_name: string }[]>`
    SELECT c.table_name, c.column_name FROM information_schema.columns c
     WHERE c.table_schema = 'public' AND c.column_name LIKE '%Cipher' AND c.data_type = 'text'
       AND EXISTS (SELECT 1 FROM information_schema.columns i WHERE i.table_schema = 'public' AND i.table_name = c.table_name AND i.column_name = 'id')
     ORDER BY c.table_name, c.column_name`;
  const map = new Map<string, string[]>();
  for (const r of rows) map.set(r.table_name, [...(map.get(r.table_name) ?? []), r.column_name]);
  return [...map].map(([table, columns]) => ({ table, columns }));
}

export type CipherRow = { id: string; values: Record<string, string | null> };

export async function readCipherBatch(
  t: CipherColumns,
  afterId: string | null,
  limit: number,
): Promise<CipherRow[]> {
  const cols = t.columns.map(q).join(", ");
  const rows = await db().$queryRawUnsafe<Record<string, string | null>[]>(
    `SELECT id::text AS id, ${cols} FROM ${q(t.table)} ${afterId === null ? "" : "WHERE id::text > $2"} ORDER BY id::text LIMIT $1`,
    ...(afterId === null ? [limit] : [limit, afterId]),
  );
  return rows.map((r) => ({
    id: r.id!,
    values: Object.fromEntries(t.columns.map((c) => [c, r[c] ?? null])),
  }));
}

/** Replaces one encrypted value if it is unchanged since it was read; returns whether it was written. */
export async function replaceCipher(
  table: string,
  column: string,
  id: string,
  oldValue: string,
  newValue: string,
): Promise<boolean> {
  const n = await db().$executeRawUnsafe(
    `UPDATE ${q(table)} SET ${q(column)} = $1 WHERE id::text = $2 AND ${q(column)} = $3`,
    newValue,
    id,
    oldValue,
  );
  return n === 1;
}
