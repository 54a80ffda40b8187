/**
 * Reads the audit chain (migration 140) for the verifier, in one
 * repeatable-read snapshot so entries appended meanwhile do not disturb it.
 * Needs the owner role: the app role cannot read the chain head and gaps.
 * The canonical content is spelled out here on purpose, independent of the
 * database's audit_entry_content(): a changed function is then caught too.
 */
import "server-only";
import pg from "pg";
import type { ChainEntry, ChainGap, ChainHead } from "@/lib/domain/audit-chain";

const CONTENT = `jsonb_build_array("chainSeq", "id", to_char("at", 'YYYY-MM-DD"T"HH24:MI:SS.US'), "actorUserId",
  "actorRole"::text, "schoolId", "ip", "action", "targetType", "targetId", "detail")::text`;

export type ChainSnapshot = {
  head: ChainHead;
  gaps: ChainGap[];
  /** Entries in chainSeq order, `batchSize` at a time. */
  entries(batchSize?: number): AsyncGenerator<ChainEntry[]>;
};

export async function withAuditChainSnapshot<T>(
  ownerUrl: string,
  fn: (s: ChainSnapshot) => Promise<T>,
): Promise<T> {
  const client = new pg.Client({ connectionString: ownerUrl });
  await client.connect();
  try {
    await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    const head = await client.query<{ seq: string; hash: string }>(
      `SELECT "seq"::text AS seq, "hash" FROM "AuditChainHead" WHERE "id"`,
    );
    const gaps = await client.query<{ fromSeq: string; toSeq: string; lastHash: string }>(
      `SELECT "fromSeq"::text AS "fromSeq", "toSeq"::text AS "toSeq", "lastHash" FROM "AuditChainGap" ORDER BY "fromSeq"`,
    );
    const result = await fn({
      head: { seq: BigInt(head.rows[0]?.seq ?? 0), hash: head.rows[0]?.hash ?? "" },
      gaps: gaps.rows.map((gap) => ({
        fromSeq: BigInt(gap.fromSeq),
        toSeq: BigInt(gap.toSeq),
        lastHash: gap.lastHash,
      })),
      async *entries(batchSize = 5000) {
        let after = "0";
        for (;;) {
          const batch = await client.query<{ seq: string; id: string; hash: string; content: string }>(
            `SELECT "chainSeq"::text AS seq, "id"::text AS id, "chainHash" AS hash, ${CONTENT} AS content
               FROM "AuditLog" WHERE "chainSeq" > $1::bigint ORDER BY "chainSeq" LIMIT $2`,
            [after, batchSize],
          );
          if (batch.rows.length === 0) return;
          yield batch.rows.map((row) => ({
            seq: BigInt(row.seq),
            id: BigInt(row.id),
            hash: row.hash,
            content: row.content,
          }));
          after = batch.rows[batch.rows.length - 1]!.seq;
        }
      },
    });
    await client.query("COMMIT");
    return result;
  } finally {
    await client.end();
  }
}
