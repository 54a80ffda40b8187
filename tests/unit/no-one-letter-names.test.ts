import { RuleTester } from "eslint";
import nextTs from "eslint-config-next/typescript";
import { describe, it } from "vitest";
import rule from "@/eslint-rules/no-one-letter-names.mjs";

// The TypeScript parser the project's lint runs with (eslint-config-next's typescript config).
const parser = nextTs.find((config) => config.languageOptions?.parser)?.languageOptions?.parser;

RuleTester.describe = describe;
RuleTester.it = it;
RuleTester.itOnly = it.only;

const tester = new RuleTester({ languageOptions: { parser, ecmaVersion: 2024, sourceType: "module" } });
const oneLetter = (name: string, kind: string) => ({
  messageId: "oneLetter",
  data: { name, kind },
});

tester.run("no-one-letter-names", rule, {
  valid: [
    "const ctx = 1; function load(input: string) { return input; }",
    "const ids = rows.map((r) => r.id);",
    "rows.filter((r, i) => i > 0 && r.ok);",
    "const pairs = rows.map((r) =>\n  [r.id, r.name]);",
    "const [_, second] = pair;",
    "rows.forEach((_) => count++);",
    "function first<T>(list: T[]): T { return list[0]; }",
    "const { id } = row;",
    "try { run(); } catch { retry(); }",
    "const x = 1;",
  ].map((code, index) => (index === 9 ? { code, options: [{ allow: ["x"] }] } : { code })),
  invalid: [
    { code: "const r = await load();", errors: [oneLetter("r", "variable")] },
    { code: "let a = 1, b = 2;", errors: [oneLetter("a", "variable"), oneLetter("b", "variable")] },
    { code: "for (const e of entries) use(e);", errors: [oneLetter("e", "variable")] },
    {
      code: "const { id: i, ...r } = row;",
      errors: [oneLetter("i", "variable"), oneLetter("r", "variable")],
    },
    { code: "const [a] = pair;", errors: [oneLetter("a", "variable")] },
    { code: "function f(input: string) { return input; }", errors: [oneLetter("f", "function name")] },
    { code: "function load(s: string) { return s; }", errors: [oneLetter("s", "parameter")] },
    { code: "const load = function (s: string) { return s; };", errors: [oneLetter("s", "parameter")] },
    {
      // a block body is not a tiny lambda
      code: "rows.map((r) => { return r.id; });",
      errors: [oneLetter("r", "parameter")],
    },
    {
      // an expression body over more lines than the limit is not tiny either
      code: "rows.map((r) => ({\n  id: r.id,\n  name: r.name,\n  grade: r.grade,\n}));",
      errors: [oneLetter("r", "parameter")],
    },
    {
      code: "rows.map((r) => ({\n  id: r.id,\n}));",
      options: [{ maxLambdaLines: 2 }],
      errors: [oneLetter("r", "parameter")],
    },
    {
      code: "async function save({ a }: { a: number }) { return a; }",
      errors: [oneLetter("a", "parameter")],
    },
    { code: "function pad(n = 2) { return n; }", errors: [oneLetter("n", "parameter")] },
    { code: "function all(...r: number[]) { return r; }", errors: [oneLetter("r", "parameter")] },
    { code: "try { run(); } catch (e) { log(e); }", errors: [oneLetter("e", "variable")] },
    {
      code: "class Store { constructor(private readonly d: number) {} }",
      errors: [oneLetter("d", "parameter")],
    },
  ],
});
