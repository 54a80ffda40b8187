import AxeBuilder from "@axe-core/playwright";
import { expect, type Page } from "@playwright/test";

/**
 * The one accessibility check of the end-to-end tests: axe-core's WCAG 2.1 A and AA rules on the page as
 * shown (GB/T 37668 follows WCAG 2.1 AA), through @axe-core/playwright, which evaluates axe in the page
 * outside its CSP. Every violation fails, with its rule and the elements.
 */
export async function expectNoAxeViolations(page: Page) {
  const result = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"])
    .analyze();
  const violations = result.violations.map(
    (violation) =>
      `${violation.id} (${violation.impact}): ${violation.help} @ ${violation.nodes.map((node) => node.target.join(" ")).join(", ")}`,
  );
  expect(violations).toEqual([]);
}
