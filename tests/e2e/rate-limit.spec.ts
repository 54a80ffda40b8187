/**
 * Rate limits reach the user as a clear Chinese message: an
 * identifier without an account locks after 5 wrong passwords exactly like a
 * real account (no enumeration by the lockout message), and after 10 failed
 * sign-ins the sign-in page says to wait.
 */
import { expect, test } from "@playwright/test";
import { alerts, signIn } from "./helpers";

test("guessing passwords for an unknown username is stopped with a Chinese message", async ({ page }) => {
  for (let i = 0; i < 10; i++) {
    await signIn(page, "教职工", "nobody_guessing", `Guess${i}pass`);
    await expect(alerts(page)).toContainText(i < 4 ? "账号或密码错误" : "密码连续输错5次，账号已锁定");
  }
  await signIn(page, "教职工", "nobody_guessing", "Guess10pass");
  await expect(alerts(page)).toContainText(/该账号登录失败过于频繁，已暂时限制。请于1[0-5]分钟后再试/);
});
