/**
 * Security headers and cross-site refusal on the real `next start` server
 * (lib/security/headers.ts): a per-request CSP nonce on every page and on Next's own
 * scripts, no 'unsafe-eval', no framing, nosniff, referrer and permissions
 * policies, HSTS only over https; state-changing requests from a foreign
 * origin (server actions and next-auth's sign-in) are refused.
 */
import { expect, test, type APIResponse } from "@playwright/test";
import { DEMO } from "@/lib/db/seed/demo-accounts";
import { buildResidentId } from "@/lib/domain/id-number";
import { signIn } from "./helpers";
import { ORIGIN, raw } from "./raw-http";

function nonceOf(csp: string): string {
  const m = /'nonce-([^']+)'/.exec(csp);
  expect(m, `CSP has a nonce: ${csp}`).not.toBeNull();
  return m![1]!;
}

function expectBaseHeaders(res: APIResponse) {
  const h = res.headers();
  expect(h["x-content-type-options"]).toBe("nosniff");
  expect(h["x-frame-options"]).toBe("DENY");
  expect(h["referrer-policy"]).toBe("strict-origin-when-cross-origin");
}

test("every page carries the CSP with a fresh nonce that Next puts on its scripts", async ({ request }) => {
  const first = await request.get("/login");
  expect(first.status()).toBe(200);
  expectBaseHeaders(first);
  const h = first.headers();
  const csp = h["content-security-policy"]!;
  expect(csp).toContain("default-src 'self'");
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).toContain("object-src 'none'");
  expect(csp).toContain("form-action 'self'");
  expect(csp).not.toContain("unsafe-eval");
  expect(csp).not.toMatch(/script-src[^;]*'unsafe-inline'/);
  expect(h["permissions-policy"]).toContain("camera=()");
  // Plain http: no HSTS, no upgrade (intranet installs without TLS keep working).
  expect(h["strict-transport-security"]).toBeUndefined();
  expect(csp).not.toContain("upgrade-insecure-requests");

  const nonce = nonceOf(csp);
  const html = await first.text();
  const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
  expect(scripts.length).toBeGreaterThan(0);
  for (const tag of scripts) expect(tag, tag).toContain(`nonce="${nonce}"`);

  const second = await request.get("/login");
  expect(nonceOf(second.headers()["content-security-policy"]!)).not.toBe(nonce);
});

test("other pages, errors and build assets get the headers too", async ({ request }) => {
  for (const path of ["/", "/activate", "/register", "/no-such-page"]) {
    const res = await request.get(path, { maxRedirects: 0 });
    expectBaseHeaders(res);
    expect(res.headers()["content-security-policy"], path).toContain("frame-ancestors 'none'");
  }
  const html = await (await request.get("/login")).text();
  const asset = /\/_next\/static\/[^"']+\.js/.exec(html)?.[0];
  expect(asset).toBeTruthy();
  const res = await request.get(asset!);
  expect(res.status()).toBe(200);
  expect(res.headers()["x-content-type-options"]).toBe("nosniff");
});

test("behind an https reverse proxy: HSTS and upgrade-insecure-requests", async ({ request }) => {
  const res = await request.get("/login", { headers: { "X-Forwarded-Proto": "https" } });
  expect(res.headers()["strict-transport-security"]).toBe("max-age=31536000; includeSubDomains");
  expect(res.headers()["content-security-policy"]).toContain("upgrade-insecure-requests");
});

test("the app runs under its CSP without violations (sign-in works)", async ({ page }) => {
  const violations: string[] = [];
  page.on("console", (m) => {
    if (/Content Security Policy|Refused to (execute|load|apply)/i.test(m.text())) violations.push(m.text());
  });
  await signIn(page, "教职工", "teacher_sen", DEMO.staffPassword);
  await expect(page).toHaveURL(/\/console$/);
  // Pages with personal data are never stored by the browser or a proxy cache.
  const consolePage = await page.request.get("/console");
  expect(consolePage.status()).toBe(200);
  expect(consolePage.headers()["cache-control"]).toMatch(/no-store/);
  await page.goto("/activate");
  await expect(page.getByRole("heading", { name: "学生账号激活" })).toBeVisible();
  expect(violations).toEqual([]);
});

test("a server action replayed from a foreign origin is refused; from our own origin it runs", async ({
  page,
  request,
  baseURL,
}) => {
  await page.goto("/activate");
  await page.getByLabel("姓名").fill("张三");
  // A well-formed identity that is not enrolled: the action runs and answers "no match".
  const id = buildResidentId("440106", "2009-09-09", 991, "MALE");
  await page.getByLabel("身份证号").fill(id);
  await page.getByLabel("学校发放的验证码").fill("ABCD-EFGH");
  await page.getByLabel("设置密码").fill("Abcdefg12345");
  await page.getByLabel("确认密码").fill("Abcdefg12345");
  const [posted] = await Promise.all([
    page.waitForRequest((r) => r.method() === "POST" && r.headers()["next-action"] !== undefined),
    page.getByRole("button", { name: "激活账号" }).click(),
  ]);
  const headers = { ...posted.headers() };
  const body = posted.postDataBuffer()!;

  const same = await request.fetch(posted.url(), {
    method: "POST",
    headers: { ...headers, origin: baseURL! },
    data: body,
  });
  expect(same.status()).toBe(200);
  expect(await same.text()).toContain("无法激活");

  for (const origin of ["http://evil.example", "null", "http://127.0.0.1.evil.example"]) {
    const res = await request.fetch(posted.url(), {
      method: "POST",
      headers: { ...headers, origin },
      data: body,
    });
    expect(res.status(), origin).toBe(403);
    const text = await res.text();
    expect(text).not.toContain("无法激活");
    expect(text).toContain("跨站请求已拒绝");
  }
  // No Origin header but the browser says the request is cross-site.
  const { origin: _drop, ...noOrigin } = headers;
  void _drop;
  const res = await request.fetch(posted.url(), {
    method: "POST",
    headers: { ...noOrigin, "sec-fetch-site": "cross-site" },
    data: body,
  });
  expect(res.status()).toBe(403);
});

test("next-auth's credential sign-in refuses a foreign origin", async ({ request, baseURL }) => {
  const csrf = (await (await request.get("/api/auth/csrf")).json()) as { csrfToken: string };
  const form = {
    csrfToken: csrf.csrfToken,
    kind: "staff",
    identifier: "teacher_sen",
    password: DEMO.staffPassword,
    json: "true",
  };
  const evil = await request.post("/api/auth/callback/credentials", {
    form,
    headers: { origin: "http://evil.example" },
    maxRedirects: 0,
  });
  expect(evil.status()).toBe(403);
  expect(evil.headers()["set-cookie"] ?? "").not.toContain("session-token");
  const ours = await request.post("/api/auth/callback/credentials", {
    form,
    headers: { origin: baseURL! },
    maxRedirects: 0,
  });
  expect(ours.status()).toBeLessThan(400);
  expect(ours.headers()["set-cookie"] ?? "").toContain("next-auth.session-token");
});

test("stored-file answers keep their sandboxing CSP through the proxy (it used to replace it with the page CSP)", async ({
  request,
}) => {
  // Refusals come from the same fileResponse as the files (the files themselves: admin-special-groups.spec.ts, apply.mobile.spec.ts).
  for (const path of [
    "/api/evidence/cmnosuchfile0000000000000",
    "/console/admin/special-groups/evidence/cmnosuchfile0000000000000",
  ]) {
    const res = await request.get(path, { failOnStatusCode: false, maxRedirects: 0 });
    expect(res.status(), path).toBeGreaterThanOrEqual(400);
    expect(res.headers()["content-security-policy"], path).toBe("default-src 'none'; sandbox");
    expect(res.headers()["x-content-type-options"], path).toBe("nosniff");
  }
  // The upload endpoint and pages keep the page CSP.
  const page = await request.get("/login");
  expect(page.headers()["content-security-policy"]).toContain("frame-ancestors 'none'");
});

test("TRACE and a malformed URL get a plain refusal with the security headers, not a bare 500", async () => {
  for (const [method, path, status] of [
    ["TRACE", "/", 405],
    ["TRACE", "/login", 405],
    ["GET", "/console/teacher/applications/%ff", 400],
    ["GET", "/portal/apply/%E4%B8", 400],
  ] as const) {
    const res = await raw(method, path);
    expect(res.status, `${method} ${path}`).toBe(status);
    expect(res.headers["x-content-type-options"]).toBe("nosniff");
    expect(res.headers["x-frame-options"]).toBe("DENY");
    expect(res.headers["content-security-policy"]).toContain("frame-ancestors 'none'");
    expect(res.body).toMatch(/不支持该请求方法|网址格式不正确/);
  }
});

test("a malformed JSON body to the credentials callback gets 400, not 500", async () => {
  const res = await raw("POST", "/api/auth/callback/credentials", {
    headers: { origin: ORIGIN, "content-type": "application/json" },
    body: '{"kind":"staff","identifier":',
  });
  expect(res.status).toBe(400);
  expect(res.body).toContain("请求内容格式不正确");
  expect(res.headers["x-frame-options"]).toBe("DENY");
});

test("behind a TLS-terminating proxy the session cookie is Secure even when NEXTAUTH_URL says http", async () => {
  const https = { "x-forwarded-proto": "https" };
  const csrf = await raw("GET", "/api/auth/csrf", { headers: https });
  const jar = (csrf.headers["set-cookie"] ?? []).map((c) => c.split(";")[0]!).join("; ");
  const { csrfToken } = JSON.parse(csrf.body) as { csrfToken: string };
  const res = await raw("POST", "/api/auth/callback/credentials", {
    headers: { ...https, cookie: jar, origin: ORIGIN, "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({
      csrfToken,
      kind: "staff",
      identifier: "leader_pri",
      password: DEMO.staffPassword,
      json: "true",
    }).toString(),
  });
  const session = (res.headers["set-cookie"] ?? []).find((c) => c.includes("session-token="));
  expect(session).toMatch(/^__Secure-next-auth\.session-token=/);
  expect(session).toMatch(/; Secure/i);
  expect(session).toMatch(/; HttpOnly/i);
  // The next request through the proxy reads that cookie: signed in.
  const signedIn = await raw("GET", "/console", { headers: { ...https, cookie: session!.split(";")[0]! } });
  expect(signedIn.status).toBe(200);
});
