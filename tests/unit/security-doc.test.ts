import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { ACCESS } from "@/lib/auth/access";
import { accessMatrixMarkdown, withCurrentMatrix } from "@/lib/auth/access/matrix-doc";

describe("SECURITY.md", () => {
  const doc = fs.readFileSync("SECURITY.md", "utf8");

  it("lists the current access matrix (run `npm run security:matrix -- --write` after adding actions)", () => {
    expect(withCurrentMatrix(doc)).toBe(doc);
  });

  it("the generated matrix has one row per action of lib/auth/access", () => {
    for (const action of Object.keys(ACCESS)) expect(accessMatrixMarkdown()).toContain(`| \`${action}\` |`);
  });

  it('names real test files, never globs or "added with it" placeholders', () => {
    expect(doc).not.toMatch(/`tests\/[^`]*\*[^`]*\.(?:test|spec)\.ts`/);
    expect(doc).not.toMatch(/added with (?:it|them|those features)/);
  });

  it("names only test files that exist", () => {
    const named = [...doc.matchAll(/`(tests\/[^`*]+\.(?:test|spec)\.ts)`/g)].map((m) => m[1]!);
    expect(named.length).toBeGreaterThan(10);
    for (const file of named) expect(fs.existsSync(file), file).toBe(true);
  });
});
