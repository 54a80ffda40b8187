import { expect, type Page } from "@playwright/test";

export type LoginKind = "学生" | "家长" | "教职工";

export async function signIn(page: Page, kind: LoginKind, identifier: string, password: string) {
  await page.goto("/login");
  await page.getByRole("tab", { name: kind }).click();
  await page.locator('input[name="identifier"]').fill(identifier);
  await page.locator('input[name="password"]').fill(password);
  await page.getByRole("button", { name: "登录" }).click();
}

/** The page's own alerts (not Next's route announcer, which also has role=alert). */
export const alerts = (page: Page) => page.locator('[role="alert"]:not(#__next-route-announcer__)');

export async function expectSignInError(page: Page, text: string | RegExp) {
  await expect(alerts(page)).toContainText(text);
  await expect(page).toHaveURL(/\/login/);
}

/**
 * A full mainland mobile number standing on its own in a page's HTML. Bounded by non-alphanumerics, so the
 * random hex of a server-action id ("…c137710244083aee…") is not taken for one.
 */
export const FULL_MOBILE = /(?<![0-9A-Za-z])1[3-9]\d{9}(?![0-9A-Za-z])/;
