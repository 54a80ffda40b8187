/**
 * Every server input is parsed by zod with a length limit on every
 * string (and a size limit on every list and map), so no form field can carry
 * megabytes into the database or a log. This test parses every zod schema in
 * lib/ and fails for a `z.string()` without `.max(`/`.length(` or a bounded,
 * anchored `.regex(`, a `z.array(` without `.max(`/`.length(`, and a
 * `z.record(` without a key-count refinement.
 */
import fs from "node:fs";
import path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "../..");

function walk(dir: string, out: string[] = []): string[] {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) {
      if (e.name !== "generated") walk(p, out);
    } else if (/\.tsx?$/.test(e.name)) out.push(p);
  }
  return out;
}

/** A regex literal that cannot match an unbounded string: anchored and without + or * or {n,}. */
export function boundedRegex(literal: string): boolean {
  const body = literal.slice(1, literal.lastIndexOf("/"));
  return body.startsWith("^") && body.endsWith("$") && !/(?<!\\)[+*]|\{\d+,\}/.test(body);
}

/** The methods chained after `z.kind(...)`, with their argument texts. */
function chainOf(call: ts.CallExpression): { name: string; args: string[] }[] {
  const out: { name: string; args: string[] }[] = [];
  let n: ts.Node = call;
  while (
    n.parent &&
    ts.isPropertyAccessExpression(n.parent) &&
    n.parent.parent &&
    ts.isCallExpression(n.parent.parent)
  ) {
    out.push({ name: n.parent.name.text, args: n.parent.parent.arguments.map((a) => a.getText()) });
    n = n.parent.parent;
  }
  return out;
}

export function unboundedSchemas(file: string, text: string): string[] {
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const bad: string[] = [];
  const visit = (n: ts.Node) => {
    if (
      ts.isCallExpression(n) &&
      ts.isPropertyAccessExpression(n.expression) &&
      ts.isIdentifier(n.expression.expression) &&
      n.expression.expression.text === "z"
    ) {
      const kind = n.expression.name.text;
      const chain = chainOf(n);
      const has = (m: string) => chain.some((c) => c.name === m);
      const line = sf.getLineAndCharacterOfPosition(n.getStart()).line + 1;
      const where = `${path.relative(ROOT, file)}:${line} z.${kind}`;
      if (
        kind === "string" &&
        !has("max") &&
        !has("length") &&
        !chain.some((c) => c.name === "regex" && boundedRegex(c.args[0] ?? ""))
      )
        bad.push(where);
      if (kind === "array" && !has("max") && !has("length")) bad.push(where);
      if (
        kind === "record" &&
        !chain.some((c) => c.name === "refine" && /Object\.keys\([^)]*\)\.length\s*<=/.test(c.args[0] ?? ""))
      )
        bad.push(where);
    }
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return bad;
}

describe("zod schemas bound every string, list and map", () => {
  it("lib/ has no unbounded z.string(), z.array() or z.record()", () => {
    const files = walk(path.join(ROOT, "lib")).filter((f) => /from "zod"/.test(fs.readFileSync(f, "utf8")));
    expect(files.length).toBeGreaterThan(4);
    const bad = files.flatMap((f) => unboundedSchemas(f, fs.readFileSync(f, "utf8")));
    expect(bad).toEqual([]);
  });

  it("the scan notices what it is meant to notice", () => {
    const src = `import { z } from "zod";
      const a = z.string().trim().min(1);
      const b = z.string().regex(/^[a-z]+$/);
      const c = z.array(z.string().max(3));
      const d = z.record(z.string().max(3), z.string().max(3));
      const ok1 = z.string().trim().max(30);
      const ok2 = z.string().regex(/^\\d{4}-\\d{2}-\\d{2}$/);
      const ok3 = z.array(ok1).max(5);
      const ok4 = z.record(ok1, ok1).refine((r) => Object.keys(r).length <= 50, "x");`;
    const bad = unboundedSchemas(path.join(ROOT, "lib/x.ts"), src).map((s) => s.replace(/^lib\/x\.ts:/, ""));
    expect(bad).toEqual(["2 z.string", "3 z.string", "4 z.array", "5 z.record"]);
  });
});
