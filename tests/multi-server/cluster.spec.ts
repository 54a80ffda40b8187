/**
 * Two app servers on one database and one object store behind HAProxy (round robin; see
 * tests/multi-server/global-setup.ts). Each response names its server in X-Aid-Server, so every test
 * proves that the second step was answered by the OTHER server than the first: nothing a user does may
 * depend on which server they happen to reach (sessions, uploaded files, rate limits and lockouts live
 * in the shared database and object store, not in one process).
 */
import { ListObjectsV2Command, S3Client } from "@aws-sdk/client-s3";
import { expect, test, type APIResponse, type Page, type Response } from "@playwright/test";
import { DEMO } from "@/lib/db/seed/demo-accounts";
import { lbUrl } from "./ports";

/** The server that answered (X-Aid-Server, scripts/server.ts). */
const serverOf = (r: Response | APIResponse): string => r.headers()["x-aid-server"] ?? "";
const fetchedFrom = (r: globalThis.Response): string => r.headers.get("x-aid-server") ?? "";

/**
 * GETs `url` with the page's cookies until a server other than `not` answers; returns that response. Round
 * robin alternates, but HAProxy takes a server out of rotation for a few seconds when its health check
 * (GET /login every second) is slow, e.g. while it compiles its first page: keep asking for up to ~5 s.
 */
async function getFromOther(page: Page, url: string, not: string): Promise<APIResponse> {
  for (let i = 0; i < 20; i++) {
    const res = await page.request.get(url, { maxRedirects: 0 });
    if (serverOf(res) !== not) return res;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`no response from a server other than ${not} in 20 tries`);
}

async function signInOnPage(page: Page, username: string, password: string): Promise<string> {
  await page.goto("/login");
  await page.getByRole("tab", { name: "教职工" }).click();
  await page.locator('input[name="identifier"]').fill(username);
  await page.locator('input[name="password"]').fill(password);
  const [signInResponse] = await Promise.all([
    page.waitForResponse((r) => r.url().includes("/api/auth/callback/credentials")),
    page.getByRole("button", { name: "登录" }).click(),
  ]);
  expect(serverOf(signInResponse)).toMatch(/^[ab]$/);
  return serverOf(signInResponse);
}

test("signed in through one server, the next page views through the other server are signed in", async ({
  page,
}) => {
  const signedInOn = await signInOnPage(page, "admin_sen", DEMO.staffPassword);
  await expect(page).toHaveURL(/\/console$/);

  const other = await getFromOther(page, "/console", signedInOn);
  expect(serverOf(other)).not.toBe(signedInOn);
  expect(other.status()).toBe(200);
  expect(await other.text()).toContain("特殊群体名单");
  // And back and forth: both servers keep answering as the signed-in user.
  const again = await getFromOther(page, "/console", serverOf(other));
  expect(again.status()).toBe(200);
  expect(await again.text()).toContain("特殊群体名单");

  // Without the session cookie the same page sends to the sign-in page: the 200s above were the session's.
  const anonymous = await fetch(`${lbUrl}/console`, { redirect: "manual" });
  expect(anonymous.status).toBeGreaterThanOrEqual(300);
  expect(anonymous.status).toBeLessThan(400);
  expect(anonymous.headers.get("location")).toContain("/login");
});

const JPEG = Buffer.concat([
  Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]),
  Buffer.from("JFIF\0", "latin1"),
  Buffer.alloc(3000, 0x5a),
  Buffer.from([0xff, 0xd9]),
]);

async function evidenceObjects(): Promise<number> {
  const s3 = new S3Client({
    endpoint: process.env.MULTI_S3_ENDPOINT,
    region: "us-east-1",
    forcePathStyle: true,
    credentials: { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" },
  });
  const listed = await s3.send(new ListObjectsV2Command({ Bucket: process.env.MULTI_S3_BUCKET }));
  s3.destroy();
  return listed.KeyCount ?? 0;
}

test("an evidence file uploaded through one server downloads byte for byte through the other", async ({
  page,
}) => {
  await signInOnPage(page, "admin_sen", DEMO.staffPassword);
  await expect(page).toHaveURL(/\/console$/);
  const objectsBefore = await evidenceObjects();

  await page.goto("/console/admin/special-groups");
  const handBox = page.getByRole("region", { name: "学校自采集" });
  await handBox.getByLabel("特殊群体类别").selectOption({ label: "重点困境儿童" });
  await handBox.getByLabel("姓名").fill(DEMO.unactivatedStudent.name);
  await handBox.getByLabel("身份证号").fill(DEMO.unactivatedStudent.idNumber);
  await handBox.getByLabel("佐证说明").fill("民政部门困境儿童认定书，已核验");
  await handBox
    .getByLabel("佐证材料文件")
    .setInputFiles({ name: "认定书.jpg", mimeType: "image/jpeg", buffer: JPEG });
  const [upload] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === "POST" && r.url().includes("/special-groups")),
    handBox.getByRole("button", { name: "添加" }).click(),
  ]);
  const uploadedOn = serverOf(upload);
  expect(uploadedOn).toMatch(/^[ab]$/);
  await expect(handBox.getByRole("status")).toContainText("已比对到本校学生");
  // The bytes went to the shared object store, not to the server's disk.
  expect(await evidenceObjects()).toBe(objectsBefore + 1);

  await page.goto("/console/admin/special-groups?noaid=1");
  const row = page
    .getByRole("region", { name: "特殊群体学生" })
    .getByRole("row", { name: new RegExp(DEMO.unactivatedStudent.name) });
  const href = (await row.getByRole("link", { name: /佐证材料/ }).getAttribute("href"))!;

  const download = await getFromOther(page, href, uploadedOn);
  expect(serverOf(download)).not.toBe(uploadedOn);
  expect(download.status()).toBe(200);
  expect(download.headers()["content-type"]).toBe("image/jpeg");
  expect(Buffer.from(await download.body()).equals(JPEG)).toBe(true);
  // The uploading server serves it too.
  const fromUploader = await getFromOther(page, href, serverOf(download));
  expect(serverOf(fromUploader)).toBe(uploadedOn);
  expect(Buffer.from(await fromUploader.body()).equals(JPEG)).toBe(true);
});

test("five wrong passwords spread over both servers lock the account; then the right password is refused", async () => {
  const cookies = (r: globalThis.Response) => r.headers.getSetCookie().map((c) => c.split(";")[0]!);
  const csrf = await fetch(`${lbUrl}/api/auth/csrf`);
  const jar = cookies(csrf);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const attempt = async (password: string) => {
    const r = await fetch(`${lbUrl}/api/auth/callback/credentials`, {
      method: "POST",
      redirect: "manual",
      headers: { "content-type": "application/x-www-form-urlencoded", cookie: jar.join("; "), origin: lbUrl },
      body: new URLSearchParams({
        csrfToken,
        kind: "staff",
        identifier: "teacher_pri",
        password,
        json: "true",
      }).toString(),
    });
    const { url } = (await r.json()) as { url: string };
    return {
      server: fetchedFrom(r),
      error: new URL(url, lbUrl).searchParams.get("error") ?? "",
      session: cookies(r).some((c) => c.includes("session-token=")),
    };
  };

  const servers: string[] = [];
  for (let i = 0; i < 5; i++) {
    const result = await attempt(`Wrong${i}pass`);
    servers.push(result.server);
    expect(result.session).toBe(false);
    expect(result.error).toContain(i < 4 ? "账号或密码错误" : "密码连续输错5次，账号已锁定");
  }
  // The five failures were counted across both servers, not per server.
  expect(servers.filter((s) => s === "a").length).toBeGreaterThan(0);
  expect(servers.filter((s) => s === "b").length).toBeGreaterThan(0);

  // The right password is refused on either server while the lock lasts.
  const refusedOn = new Set<string>();
  for (let i = 0; i < 4 && refusedOn.size < 2; i++) {
    const result = await attempt(DEMO.staffPassword);
    expect(result.session).toBe(false);
    expect(result.error).toContain("账号已锁定");
    refusedOn.add(result.server);
  }
  expect([...refusedOn].sort()).toEqual(["a", "b"]);
});

test("an export started through one server runs on a worker and downloads through the other", async ({
  page,
}) => {
  await signInOnPage(page, "admin_sen", DEMO.staffPassword);
  await expect(page).toHaveURL(/\/console$/);
  const objectsBefore = await evidenceObjects();
  await page.goto("/console/determination/export");
  const [started] = await Promise.all([
    page.waitForResponse(
      (r) => r.request().method() === "POST" && r.url().includes("/console/determination/export"),
    ),
    page.getByRole("button", { name: "开始导出" }).click(),
  ]);
  const startedOn = serverOf(started);
  expect(startedOn).toMatch(/^[ab]$/);
  // The page refreshes itself every second, answered by either server, until the task row says DONE.
  const task = page.getByTestId("export-task").first();
  await expect(task).toHaveAttribute("data-state", "DONE", { timeout: 60_000 });
  const href = (await task.getByRole("link", { name: /下载(导入文件|校验报告)/ }).getAttribute("href"))!;
  // The workbook went to the shared object store (encrypted), not to one server's disk.
  expect(await evidenceObjects()).toBe(objectsBefore + 1);
  const download = await getFromOther(page, href, startedOn);
  expect(serverOf(download)).not.toBe(startedOn);
  expect(download.status()).toBe(200);
  expect(download.headers()["content-type"]).toContain("spreadsheetml");
  expect((await download.body()).subarray(0, 2).toString()).toBe("PK");
});
