/**
 * The layers of lib/ import downwards only (docs/architecture.md): no file imports itself through others, and
 * no two folders of lib/ import each other (type-only imports count: they bind the layers as well). The
 * folder pairs below still do and are known debt; a new pair fails this test.
 */
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "../..");
const KNOWN_FOLDER_CYCLES = new Set([
  // lib/db/*.repo.ts take the Scope type of lib/auth/scope.ts; lib/auth's sign-in code writes through repositories.
  "lib/auth <-> lib/db",
  // lib/domain/roster-row.ts uses the printable-text rule of lib/schemas/text.ts.
  "lib/domain <-> lib/schemas",
  // lib/db/stored-file-keys.repo.ts names a type of lib/storage/encrypted.ts.
  "lib/db <-> lib/storage",
]);

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "generated" ? [] : sourceFiles(full);
    return /\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

function resolveImport(from: string, spec: string): string | null {
  let base: string;
  if (spec.startsWith("@/")) base = path.join(ROOT, spec.slice(2));
  else if (spec.startsWith(".")) base = path.resolve(path.dirname(from), spec);
  else return null;
  for (const candidate of [`${base}.ts`, `${base}.tsx`, path.join(base, "index.ts")])
    if (fs.existsSync(candidate)) return candidate;
  return null;
}

function importGraph(): Map<string, Set<string>> {
  const graph = new Map<string, Set<string>>();
  for (const file of sourceFiles(path.join(ROOT, "lib"))) {
    const text = fs.readFileSync(file, "utf8");
    const targets = new Set<string>();
    for (const match of text.matchAll(/^\s*(?:import|export)\s[^;]*?from\s+"([^"]+)"/gms)) {
      const target = resolveImport(file, match[1]!);
      if (target) targets.add(target);
    }
    for (const match of text.matchAll(/^\s*import\s+"([^"]+)";/gm)) {
      const target = resolveImport(file, match[1]!);
      if (target) targets.add(target);
    }
    graph.set(file, targets);
  }
  return graph;
}

const rel = (file: string) => path.relative(ROOT, file);
const folderOf = (file: string) =>
  rel(file)
    .split("/")
    .slice(0, 2)
    .join("/")
    .replace(/\.tsx?$/, "");

/** Strongly connected components of more than one file (Tarjan). */
function fileCycles(graph: Map<string, Set<string>>): string[][] {
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  const visit = (file: string) => {
    index.set(file, counter);
    low.set(file, counter++);
    stack.push(file);
    onStack.add(file);
    for (const next of graph.get(file) ?? []) {
      if (!index.has(next)) {
        visit(next);
        low.set(file, Math.min(low.get(file)!, low.get(next)!));
      } else if (onStack.has(next)) low.set(file, Math.min(low.get(file)!, index.get(next)!));
    }
    if (low.get(file) === index.get(file)) {
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        component.push(rel(member));
      } while (member !== file);
      if (component.length > 1) cycles.push(component.sort());
    }
  };
  for (const file of graph.keys()) if (!index.has(file)) visit(file);
  return cycles;
}

describe("lib/ has no import cycles", () => {
  const graph = importGraph();

  it("reads the graph (the scan is not empty)", () => {
    expect(graph.size).toBeGreaterThan(100);
  });

  it("no file imports itself through others", () => {
    expect(fileCycles(graph)).toEqual([]);
  });

  it("no two folders of lib/ import each other, except the known pairs", () => {
    const edges = new Set<string>();
    for (const [file, targets] of graph)
      for (const target of targets)
        if (folderOf(file) !== folderOf(target)) edges.add(`${folderOf(file)} -> ${folderOf(target)}`);
    const pairs = new Set<string>();
    for (const edge of edges) {
      const [from, to] = edge.split(" -> ") as [string, string];
      if (edges.has(`${to} -> ${from}`)) pairs.add([from, to].sort().join(" <-> "));
    }
    expect([...pairs].filter((pair) => !KNOWN_FOLDER_CYCLES.has(pair)).sort()).toEqual([]);
  });
});
