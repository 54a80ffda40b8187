/**
 * The client address of the rate limits comes from the socket, walked back
 * through X-Forwarded-For only across TRUSTED_PROXIES (playwright.config.ts
 * trusts 127.0.0.1, "the reverse proxy"; 127.0.0.2 and 127.0.0.3 are clients
 * talking to the app directly). Real HTTP against `npm start`'s server:
 *   - a direct client rotating X-Forwarded-For is still one address: its
 *     failed sign-ins stop at the address limit (50 / 15 min);
 *   - a direct client forging a real user's address does not lock that user out;
 *   - behind the proxy, a forged left part of X-Forwarded-For does not help either;
 *   - the audit log records the same address as the limits.
 */
import { expect, test } from "@playwright/test";
import { DEMO } from "@/lib/db/seed/demo-accounts";
import { signIn } from "./helpers";
import { signInOverHttp } from "./raw-http";

const ADDRESS_LIMIT = 50; // RATE_SIGNIN_ADDRESS default
const ADDRESS_REFUSED = /^您所在网络地址登录失败过于频繁，已暂时限制/;

test("a direct client cannot rotate or forge X-Forwarded-For to dodge the address limit", async () => {
  test.setTimeout(180_000);
  const victim = "198.51.100.24";
  for (let i = 0; i < ADDRESS_LIMIT; i++) {
    // Half the attempts claim a fresh address, half claim the victim's.
    const forged = i % 2 ? `203.0.113.${i}` : victim;
    expect(
      await signInOverHttp(`spray_direct_${i}`, "Zizhu2026", { from: "127.0.0.2", forwardedFor: forged }),
    ).toBe("账号或密码错误，请核对后重试。");
  }
  expect(
    await signInOverHttp("spray_direct_x", "Zizhu2026", { from: "127.0.0.2", forwardedFor: "192.0.2.99" }),
  ).toMatch(ADDRESS_REFUSED);
  // Even the right password from that client waits …
  expect(
    await signInOverHttp("leader_voc", DEMO.staffPassword, { from: "127.0.0.2", forwardedFor: "192.0.2.98" }),
  ).toMatch(ADDRESS_REFUSED);
  // … while the real user at the forged address, coming through the proxy, signs in.
  expect(await signInOverHttp("leader_voc", DEMO.staffPassword, { forwardedFor: victim })).toBe("OK");
});

test("behind the trusted proxy the right-most address counts, not what the client wrote before it", async () => {
  test.setTimeout(180_000);
  const client = "198.51.100.23";
  for (let i = 0; i < ADDRESS_LIMIT; i++)
    expect(
      await signInOverHttp(`spray_proxied_${i}`, "Zizhu2026", { forwardedFor: `10.${i}.0.1, ${client}` }),
    ).toBe("账号或密码错误，请核对后重试。");
  expect(
    await signInOverHttp("leader_voc", DEMO.staffPassword, { forwardedFor: `172.16.0.9, ${client}` }),
  ).toMatch(ADDRESS_REFUSED);
  // Another client behind the same proxy is not affected.
  expect(await signInOverHttp("leader_voc", DEMO.staffPassword, { forwardedFor: "198.51.100.77" })).toBe(
    "OK",
  );
});

test("the audit log records the client behind the proxy, not the address the client wrote", async ({
  page,
}) => {
  expect(
    await signInOverHttp("teacher_pri2", "Wrong-password-7", { forwardedFor: "6.6.6.6, 198.51.100.61" }),
  ).toBe("账号或密码错误，请核对后重试。");
  expect(
    await signInOverHttp("teacher_pri2", "Wrong-password-8", { from: "127.0.0.3", forwardedFor: "7.7.7.7" }),
  ).toBe("账号或密码错误，请核对后重试。");

  await signIn(page, "教职工", "admin_pri", DEMO.staffPassword);
  await expect(page).toHaveURL(/\/console$/);
  await page.goto("/console/admin/audit?actor=teacher_pri2&action=auth.sign_in_failed");
  const results = page.getByRole("region", { name: "查询结果" });
  await expect(results).toContainText("198.51.100.61");
  await expect(results).toContainText("127.0.0.3");
  await expect(results).not.toContainText("6.6.6.6");
  await expect(results).not.toContainText("7.7.7.7");
});
