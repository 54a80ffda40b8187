/**
 * A server component that imports a plain value (a class-name string, a
 * table) from a "use client" module does not get the value: it gets a client
 * reference, and rendering it into `className` printed "Attempted to call
 * inputCls() from the server" into the HTML of /console/admin/accounts,
 * /structure and /special-groups. This test parses every module of app/,
 * components/ and lib/ and fails when a module without "use client" imports
 * a non-function export of a "use client" module.
 */
import fs from "node:fs";
import path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "../..");
const DIRS = ["app", "components", "lib"];

function walk(dir: string, out: string[] = []): string[] {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) {
      if (e.name !== "generated" && e.name !== "node_modules") walk(p, out);
    } else if (/\.tsx?$/.test(e.name) && !e.name.endsWith(".d.ts")) out.push(p);
  }
  return out;
}

const parse = (file: string) =>
  ts.createSourceFile(file, fs.readFileSync(file, "utf8"), ts.ScriptTarget.Latest, true);

function isClientModule(source: ts.SourceFile): boolean {
  const first = source.statements[0];
  return (
    !!first &&
    ts.isExpressionStatement(first) &&
    ts.isStringLiteral(first.expression) &&
    first.expression.text === "use client"
  );
}

/** Exported names of a module whose value is not a function (or a call that makes a component, e.g. memo()). */
function nonFunctionExports(source: ts.SourceFile): Set<string> {
  const names = new Set<string>();
  for (const st of source.statements) {
    if (!ts.isVariableStatement(st)) continue;
    if (!st.modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword)) continue;
    for (const d of st.declarationList.declarations) {
      const init = d.initializer;
      const fn =
        init && (ts.isArrowFunction(init) || ts.isFunctionExpression(init) || ts.isCallExpression(init));
      if (!fn && ts.isIdentifier(d.name)) names.add(d.name.text);
    }
  }
  return names;
}

function resolveImport(from: string, spec: string): string | null {
  let base: string;
  if (spec.startsWith("@/")) base = path.join(ROOT, spec.slice(2));
  else if (spec.startsWith(".")) base = path.resolve(path.dirname(from), spec);
  else return null;
  for (const c of [
    base,
    `${base}.ts`,
    `${base}.tsx`,
    path.join(base, "index.ts"),
    path.join(base, "index.tsx"),
  ])
    if (fs.existsSync(c) && fs.statSync(c).isFile()) return c;
  return null;
}

describe("server modules import only components from client modules", () => {
  it("no server module imports a plain value from a 'use client' module", () => {
    const files = DIRS.flatMap((d) => walk(path.join(ROOT, d)));
    const sources = new Map(files.map((f) => [f, parse(f)]));
    const offending: string[] = [];
    for (const [file, source] of sources) {
      if (isClientModule(source)) continue;
      for (const st of source.statements) {
        if (!ts.isImportDeclaration(st) || st.importClause?.isTypeOnly) continue;
        const target = resolveImport(file, (st.moduleSpecifier as ts.StringLiteral).text);
        const targetSource = target && sources.get(target);
        if (!targetSource || !isClientModule(targetSource)) continue;
        const values = nonFunctionExports(targetSource);
        const bindings = st.importClause?.namedBindings;
        if (!bindings || !ts.isNamedImports(bindings)) continue;
        for (const el of bindings.elements) {
          if (el.isTypeOnly) continue;
          const name = (el.propertyName ?? el.name).text;
          if (values.has(name))
            offending.push(
              `${path.relative(ROOT, file)} imports ${name} from ${path.relative(ROOT, target)}`,
            );
        }
      }
    }
    expect(offending).toEqual([]);
  });
});
