/**
 * Every server action ("use server" file) and route handler goes
 * through the access matrix before it touches data. This test parses the
 * source of app/**\/actions.ts, app/**\/route.ts and every other "use server"
 * file, and for each exported async function follows its calls (local
 * helpers, imported helpers in app/ and service functions in lib/services/)
 * until it finds a guard: `authorize(`, `requirePageAccess(`, `requireUser(`
 * or a service's `decide(`. An entry point without one fails, unless it is a
 * deliberately public one listed below with the reason.
 */
import fs from "node:fs";
import path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "../..");
const GUARDS = new Set(["authorize", "requirePageAccess", "requireUser", "decide"]);

/** Entry points that are public by design (no account yet, or ending one's own session). */
const PUBLIC: Record<string, string> = {
  "app/(auth)/activate/actions.ts#activateAction":
    "a student activates an account before having one; rate-limited per ID number and address (lib/services/applicant-accounts.ts)",
  "app/(auth)/register/actions.ts#registerAction": "a parent registers before having an account",
  "lib/auth/actions.ts#signOutAction": "ends the caller's own session only",
  "lib/auth/actions.ts#signOutEverywhereAction":
    "ends every session of the signed-in caller's own account (getSessionUser), nobody else's",
};
/** Not application entry points: next-auth's own handler and the benchmark route (404 unless BENCH_ROUTES=1). */
const EXCLUDED = new Set(["app/api/auth/[...nextauth]/route.ts", "app/api/bench/select-one/route.ts"]);
const HTTP_METHODS = new Set(["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"]);

type Fn = { name: string; body: ts.Node };
type Module = {
  file: string;
  fns: Map<string, Fn>;
  imports: Map<string, { from: string; name: string }>;
  source: ts.SourceFile;
};

const cache = new Map<string, Module | null>();

function resolveImport(fromFile: string, spec: string): string | null {
  let base: string;
  if (spec.startsWith("@/")) base = path.join(ROOT, spec.slice(2));
  else if (spec.startsWith(".")) base = path.resolve(path.dirname(fromFile), spec);
  else return null;
  for (const c of [`${base}.ts`, `${base}.tsx`, path.join(base, "index.ts")]) if (fs.existsSync(c)) return c;
  return null;
}

/** Follow only code that is ours and may hold a guard: app/ helpers and lib/services. */
const followable = (file: string) => {
  const rel = path.relative(ROOT, file);
  return (
    rel.startsWith("app/") ||
    rel.startsWith("lib/services/") ||
    rel.startsWith("lib/forms/") ||
    rel === "lib/auth/actions.ts"
  );
};

export function parseModule(file: string, text = fs.readFileSync(file, "utf8")): Module {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const fns = new Map<string, Fn>();
  const imports = new Map<string, { from: string; name: string }>();
  for (const st of source.statements) {
    if (ts.isFunctionDeclaration(st) && st.name && st.body)
      fns.set(st.name.text, { name: st.name.text, body: st.body });
    if (ts.isVariableStatement(st)) {
      for (const d of st.declarationList.declarations) {
        if (
          ts.isIdentifier(d.name) &&
          d.initializer &&
          (ts.isArrowFunction(d.initializer) || ts.isFunctionExpression(d.initializer))
        ) {
          fns.set(d.name.text, { name: d.name.text, body: d.initializer.body });
        }
      }
    }
    if (
      ts.isImportDeclaration(st) &&
      ts.isStringLiteral(st.moduleSpecifier) &&
      st.importClause?.namedBindings &&
      ts.isNamedImports(st.importClause.namedBindings)
    ) {
      const from = resolveImport(file, st.moduleSpecifier.text);
      if (!from) continue;
      for (const el of st.importClause.namedBindings.elements) {
        if (el.isTypeOnly || st.importClause.isTypeOnly) continue;
        imports.set(el.name.text, { from, name: (el.propertyName ?? el.name).text });
      }
    }
  }
  return { file, fns, imports, source };
}

function moduleOf(file: string): Module | null {
  if (!cache.has(file)) cache.set(file, followable(file) ? parseModule(file) : null);
  return cache.get(file)!;
}

/** Identifiers called (or passed on as callbacks) inside a function body. */
function referenced(body: ts.Node): Set<string> {
  const out = new Set<string>();
  const visit = (n: ts.Node) => {
    if (ts.isCallExpression(n) && ts.isIdentifier(n.expression)) out.add(n.expression.text);
    if (ts.isIdentifier(n) && n.parent && !ts.isPropertyAccessExpression(n.parent)) out.add(n.text);
    ts.forEachChild(n, visit);
  };
  visit(body);
  return out;
}

/** Does `fnName` of module `m` reach a guard call? Returns the chain that proves it, or null. */
export function guardChain(m: Module, fnName: string, seen = new Set<string>()): string[] | null {
  const key = `${m.file}#${fnName}`;
  if (seen.has(key)) return null;
  seen.add(key);
  const fn = m.fns.get(fnName);
  if (!fn) return null;
  const calls = new Set<string>();
  const visit = (n: ts.Node) => {
    if (ts.isCallExpression(n) && ts.isIdentifier(n.expression)) calls.add(n.expression.text);
    ts.forEachChild(n, visit);
  };
  visit(fn.body);
  for (const c of calls) {
    // A guard counts only when it is the real one, imported from lib/auth (not a local look-alike).
    const from = m.imports.get(c)?.from;
    if (GUARDS.has(c) && from && path.relative(ROOT, from).startsWith("lib/auth/")) return [fnName, `${c}(`];
  }
  for (const id of referenced(fn.body)) {
    if (id === fnName) continue;
    if (m.fns.has(id)) {
      const chain = guardChain(m, id, seen);
      if (chain) return [fnName, ...chain];
    }
    const imp = m.imports.get(id);
    if (imp) {
      const other = moduleOf(imp.from);
      if (!other) continue;
      const chain = guardChain(other, imp.name, seen);
      if (chain) return [fnName, `${path.relative(ROOT, imp.from)}:`, ...chain];
    }
  }
  return null;
}

function exportedEntryPoints(m: Module, isRoute: boolean): string[] {
  const names: string[] = [];
  for (const st of m.source.statements) {
    const exported =
      ts.canHaveModifiers(st) && ts.getModifiers(st)?.some((x) => x.kind === ts.SyntaxKind.ExportKeyword);
    if (!exported) continue;
    if (ts.isFunctionDeclaration(st) && st.name) names.push(st.name.text);
    if (ts.isVariableStatement(st))
      for (const d of st.declarationList.declarations)
        if (ts.isIdentifier(d.name) && m.fns.has(d.name.text)) names.push(d.name.text);
  }
  return isRoute ? names.filter((n) => HTTP_METHODS.has(n)) : names;
}

function walk(dir: string, out: string[] = []): string[] {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) walk(p, out);
    else if (/\.tsx?$/.test(e.name)) out.push(p);
  }
  return out;
}

const isUseServer = (text: string) => /^\s*(\/\/[^\n]*\n|\/\*[\s\S]*?\*\/\s*)*["']use server["']/.test(text);

function entryFiles(): { file: string; isRoute: boolean }[] {
  const files = [...walk(path.join(ROOT, "app")), ...walk(path.join(ROOT, "lib"))];
  const out: { file: string; isRoute: boolean }[] = [];
  for (const f of files) {
    const rel = path.relative(ROOT, f);
    if (EXCLUDED.has(rel)) continue;
    const isRoute = rel.startsWith("app/") && path.basename(f) === "route.ts";
    if (isRoute || isUseServer(fs.readFileSync(f, "utf8"))) out.push({ file: f, isRoute });
  }
  return out;
}

describe("every server action and route handler goes through the access matrix", () => {
  const entries = entryFiles();

  it("finds the entry points (the scan is not empty)", () => {
    const rel = entries.map((e) => path.relative(ROOT, e.file));
    expect(rel).toContain("app/api/evidence/route.ts");
    expect(rel).toContain("app/(console)/console/determination/actions.ts");
    expect(rel.length).toBeGreaterThan(15);
  });

  for (const { file, isRoute } of entries) {
    const rel = path.relative(ROOT, file);
    const m = parseModule(file);
    for (const name of exportedEntryPoints(m, isRoute)) {
      const key = `${rel}#${name}`;
      it(`${key} is guarded${PUBLIC[key] ? " (public by design)" : ""}`, () => {
        if (PUBLIC[key]) return;
        const chain = guardChain(m, name);
        expect(
          chain,
          `${key} reaches no authorize()/requirePageAccess()/requireUser()/decide() before touching data`,
        ).not.toBeNull();
      });
    }
  }

  it("every public-by-design entry point still exists (the list cannot go stale)", () => {
    const all = new Set(
      entries.flatMap(({ file, isRoute }) =>
        exportedEntryPoints(parseModule(file), isRoute).map((n) => `${path.relative(ROOT, file)}#${n}`),
      ),
    );
    for (const key of Object.keys(PUBLIC)) expect(all.has(key), key).toBe(true);
  });
});

describe("the guard scan itself", () => {
  const fake = (text: string) => parseModule(path.join(ROOT, "app/__fake__/actions.ts"), text);

  it("refuses an action that writes without a guard", () => {
    const m = fake(
      `"use server";\nimport { db } from "@/lib/db/client";\nexport async function evil(id: string) { await db().application.delete({ where: { id } }); }`,
    );
    expect(guardChain(m, "evil")).toBeNull();
  });

  it("refuses an action whose only mention of authorize is a comment or a string", () => {
    const m = fake(`"use server";\n// authorize("x")\nexport async function evil() { return "authorize(" }`);
    expect(guardChain(m, "evil")).toBeNull();
  });

  it("refuses a guard defined in an unrelated local helper the action never calls", () => {
    const m = fake(
      `"use server";\nimport { authorize } from "@/lib/auth/access";\nasync function g() { return authorize("application.verify"); }\nexport async function evil() { return 1; }`,
    );
    expect(guardChain(m, "evil")).toBeNull();
  });

  it("accepts a guard through a local helper, and through a service that calls decide", () => {
    const m = fake(
      `"use server";\nimport { authorize } from "@/lib/auth/access";\nasync function run(fn: () => void) { await authorize("application.verify"); fn(); }\nexport async function good() { return run(() => 1); }`,
    );
    expect(guardChain(m, "good")).toEqual(["good", "run", "authorize("]);
    const s = fake(
      `"use server";\nimport { openEvidence } from "@/lib/services/evidence";\nexport async function viaService() { return openEvidence(null, "x"); }`,
    );
    expect(guardChain(s, "viaService")).toEqual([
      "viaService",
      "lib/services/evidence.ts:",
      "openEvidence",
      "lib/services/context.ts:",
      "accessContext",
      "decide(",
    ]);
  });
});
