/**
 * The data, service, security, crypto and storage layers never reach a browser bundle: each of their
 * modules starts with `import "server-only"`, so that a client component importing one (directly or
 * through another module) fails `next build` instead of shipping database or key code to the browser.
 * Plain Node resolves the marker through scripts/server-only-stub.mjs, vitest through its alias.
 */
import fs from "node:fs";
import path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "../..");
const SERVER_ONLY_DIRS = ["lib/db", "lib/services", "lib/security", "lib/crypto", "lib/storage"];
/** Modules the Playwright tests import too (plain data, nothing secret). */
const SHARED_WITH_E2E = new Set(["lib/db/seed/demo-accounts.ts"]);

function walk(dir: string, out: string[] = []): string[] {
  for (const entry of fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
    const relative = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== "generated") walk(relative, out);
    } else if (/\.tsx?$/.test(entry.name) && !entry.name.endsWith(".d.ts")) out.push(relative);
  }
  return out;
}

function firstImport(file: string): string | undefined {
  const source = ts.createSourceFile(
    file,
    fs.readFileSync(path.join(ROOT, file), "utf8"),
    ts.ScriptTarget.Latest,
  );
  const statement = source.statements.find(ts.isImportDeclaration);
  return statement && ts.isStringLiteral(statement.moduleSpecifier)
    ? statement.moduleSpecifier.text
    : undefined;
}

describe("server-only modules", () => {
  const files = SERVER_ONLY_DIRS.flatMap((dir) => walk(dir)).filter((file) => !SHARED_WITH_E2E.has(file));

  it("finds the modules", () => {
    expect(files.length).toBeGreaterThan(100);
  });

  it('start with import "server-only"', () => {
    expect(files.filter((file) => firstImport(file) !== "server-only")).toEqual([]);
  });
});
