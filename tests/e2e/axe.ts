import { createRequire } from "node:module";
import fs from "node:fs";
import { expect, type Page } from "@playwright/test";

const require = createRequire(import.meta.url);
const axeSource = fs.readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");

type AxeResult = { violations: { id: string; impact: string | null; nodes: { target: unknown[] }[] }[] };

/**
 * Runs axe-core (WCAG 2 A/AA rules) in the page and expects no violations. The script is evaluated
 * through the DevTools protocol, so the page's CSP needs no exception.
 */
export async function expectNoAxeViolations(page: Page) {
  await page.evaluate(axeSource);
  const result = await page.evaluate(() =>
    (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<AxeResult> } }).axe.run(
      document,
      { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa"] } },
    ),
  );
  const violations = result.violations.map(
    (v) => `${v.id} (${v.impact}): ${JSON.stringify(v.nodes.map((n) => n.target))}`,
  );
  expect(violations).toEqual([]);
}
