import { createRequire } from "node:module";
import { expect, type Page } from "@playwright/test";

const require = createRequire(import.meta.url);

/** Runs axe-core (WCAG 2 A/AA rules) on the page and expects no violations. */
export async function expectNoAxeViolations(page: Page) {
  await page.addScriptTag({ path: require.resolve("axe-core/axe.min.js") });
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (o: unknown) => Promise<{ violations: unknown[] }> } })
      .axe;
    const r = await axe.run({ runOnly: { type: "tag", values: ["wcag2a", "wcag2aa"] } });
    return r.violations.map((v) => {
      const x = v as { id: string; nodes: { target: unknown }[] };
      return `${x.id}: ${x.nodes.map((n) => JSON.stringify(n.target)).join(", ")}`;
    });
  });
  expect(violations).toEqual([]);
}
