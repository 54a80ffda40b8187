import { describe, expect, it } from "vitest";
import { preparedStatementLimit, statementNamer } from "@/lib/db/prepared-statements";

describe("named prepared statements (lib/db/prepared-statements.ts)", () => {
  it("gives each distinct SQL text one stable name, the same in every namer", () => {
    const first = statementNamer(10);
    const second = statementNamer(10);
    const a = first({ sql: 'SELECT 1 FROM "AidTerm" WHERE "isCurrent" = $1' });
    expect(a).toMatch(/^aid_[A-Za-z0-9_-]{24}$/);
    expect(first({ sql: 'SELECT 1 FROM "AidTerm" WHERE "isCurrent" = $1' })).toBe(a);
    expect(second({ sql: 'SELECT 1 FROM "AidTerm" WHERE "isCurrent" = $1' })).toBe(a);
    expect(first({ sql: 'SELECT 2 FROM "AidTerm" WHERE "isCurrent" = $1' })).not.toBe(a);
  });

  it("stops naming new texts at the limit (they run unnamed) and keeps the names it gave", () => {
    const namer = statementNamer(2);
    const one = namer({ sql: "SELECT 1" });
    const two = namer({ sql: "SELECT 2" });
    expect(one).toBeDefined();
    expect(two).toBeDefined();
    expect(namer({ sql: "SELECT 3" })).toBeUndefined();
    expect(namer({ sql: "SELECT 1" })).toBe(one);
    expect(statementNamer(0)({ sql: "SELECT 1" })).toBeUndefined();
  });

  it("reads DATABASE_PREPARED_STATEMENTS: 400 by default, 0 turns naming off, anything else is refused", () => {
    expect(preparedStatementLimit({})).toBe(400);
    expect(preparedStatementLimit({ DATABASE_PREPARED_STATEMENTS: "" })).toBe(400);
    expect(preparedStatementLimit({ DATABASE_PREPARED_STATEMENTS: "0" })).toBe(0);
    expect(preparedStatementLimit({ DATABASE_PREPARED_STATEMENTS: "1000" })).toBe(1000);
    expect(() => preparedStatementLimit({ DATABASE_PREPARED_STATEMENTS: "many" })).toThrow(
      /DATABASE_PREPARED_STATEMENTS 必须是非负整数/,
    );
    expect(() => preparedStatementLimit({ DATABASE_PREPARED_STATEMENTS: "-1" })).toThrow(/非负整数/);
  });
});
