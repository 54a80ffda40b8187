/**
 * Named (prepared) statements for the Prisma pg adapter: each distinct SQL text gets a stable name, so
 * every pooled connection parses and plans it once and PostgreSQL can reuse the plan (after five custom
 * plans it keeps a generic one when that is not costlier). The list pages run the same few statements all
 * day; planning was up to 4 ms of PostgreSQL CPU per request (bench/README.md §4, "seventh pass").
 *
 * DATABASE_PREPARED_STATEMENTS: how many distinct statements a process names (default 400; the app has a
 * few hundred). Statements beyond it, and every statement when it is 0, run unnamed as before — set 0
 * behind a pooler in transaction mode that does not track prepared statements (PgBouncer before 1.21).
 * Names are per process and per connection; a migration that changes a table's columns needs the app
 * servers restarted (docs/deployment.md), as PostgreSQL refuses a prepared plan whose result type changed.
 */
import "server-only";
import { createHash } from "node:crypto";

export function preparedStatementLimit(env: Record<string, string | undefined> = process.env): number {
  const raw = env.DATABASE_PREPARED_STATEMENTS;
  if (raw === undefined || raw === "") return 400;
  const limit = Number(raw);
  if (!Number.isInteger(limit) || limit < 0)
    throw new Error(`DATABASE_PREPARED_STATEMENTS 必须是非负整数（当前为 "${raw}"）；0 表示不使用预备语句。`);
  return limit;
}

/** A name generator for PrismaPg's `statementNameGenerator`; undefined runs the statement unnamed. */
export function statementNamer(limit: number): (query: { sql: string }) => string | undefined {
  const names = new Map<string, string>();
  return ({ sql }) => {
    const known = names.get(sql);
    if (known !== undefined || names.size >= limit) return known;
    const name = `aid_${createHash("sha256").update(sql).digest("base64url").slice(0, 24)}`;
    names.set(sql, name);
    return name;
  };
}
