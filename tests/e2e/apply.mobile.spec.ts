import fs from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { DEMO } from "@/lib/db/seed/demo-accounts";
import { makeFixtureFiles } from "./fixtures/files";
import { alerts, answerYesNo, signIn } from "./helpers";

const files = makeFixtureFiles();

async function uploadFile(page: Page, purpose: string, file: string) {
  await page.getByLabel("材料用途").selectOption({ label: purpose });
  await page.getByLabel("选择文件").setInputFiles(file);
  await page.getByRole("button", { name: "上传", exact: true }).click();
}

test("a parent binds a child on a phone, fills the whole application, uploads a photo and a PDF, submits and sees the timeline", async ({
  page,
}) => {
  const parent = DEMO.parent2;
  await signIn(page, "家长", parent.phone, parent.password);
  await expect(page).toHaveURL(/\/portal$/);
  await expect(page.getByText("还没有绑定孩子")).toBeVisible();

  await page.getByRole("link", { name: "绑定孩子" }).click();
  await page.getByLabel("孩子姓名", { exact: true }).fill(parent.child.name);
  await page.getByLabel("孩子身份证号", { exact: true }).fill(parent.child.idNumber);
  await page.getByLabel("学校发放的验证码", { exact: true }).fill(parent.child.accessCode);
  await page.getByRole("button", { name: "绑定" }).click();
  await expect(page.getByRole("status")).toContainText(`已绑定：${parent.child.name}`);
  await page.getByRole("link", { name: "返回首页" }).click();
  await expect(page.getByTestId("child-card")).toContainText(parent.child.name);

  await page.getByRole("link", { name: "去申请" }).click();
  await page.getByRole("button", { name: "开始申请" }).click();
  await expect(page).toHaveURL(/\/confirm$/);
  await expect(page.getByText(parent.child.name)).toBeVisible();
  await page.getByRole("button", { name: "信息无误，下一步" }).click();
  await expect(page).toHaveURL(/\/policy$/);
  await page.getByRole("button", { name: "我已阅读，申请资助" }).click();
  await expect(page).toHaveURL(/\/programmes$/);
  await page.getByRole("checkbox").first().check();
  await page.getByRole("button", { name: "保存，下一步" }).click();
  await expect(page).toHaveURL(/\/household$/);

  // Household: two family members; the per-capita income is derived, not typed.
  await page.getByLabel("家庭居住地").selectOption({ label: "农村" });
  await page.getByLabel("家庭住址").fill("天河区龙洞街道龙洞村5号");
  await page.getByLabel("家庭年总收入（元）").fill("36000");
  await page.getByLabel("家庭人口数").fill("3");
  await expect(page.getByTestId("per-capita")).toContainText("1000.00 元");
  await page.getByLabel("住房情况").fill("租房");
  await page.getByLabel("车辆情况").fill("无");
  await answerYesNo(page, /国家机关/, "否");
  await answerYesNo(page, /稳定收入/, "否");
  // 刘小禾's only programme is the 寄宿生生活补助: the form asks whether she boards.
  await answerYesNo(page, /是否在学校寄宿/, "是");
  for (const [i, m] of [
    ["刘大山", "父亲", "42", "灵活就业", "30000"],
    ["刘美玲", "母亲", "40", "失业", "6000"],
  ].entries()) {
    await page.getByRole("button", { name: "＋ 添加家庭成员" }).click();
    await page.locator(`#m${i}-name`).fill(m[0]!);
    await page.locator(`#m${i}-relation`).fill(m[1]!);
    await page.locator(`#m${i}-age`).fill(m[2]!);
    await page.locator(`#m${i}-work`).selectOption(m[3]!);
    await page.locator(`#m${i}-income`).fill(m[4]!);
  }
  await expect(page.getByTestId("family-member")).toHaveCount(2);
  await page.getByRole("button", { name: "保存，下一步" }).click();
  await expect(page).toHaveURL(/\/evidence$/);
  const evidenceUrl = page.url();

  // Evidence: a several-MB phone photo and a PDF, each with what it proves, with a progress bar.
  await uploadFile(page, "家庭收入证明", files.photo);
  await expect(page.getByRole("status")).toContainText("上传成功：收入证明.jpg");
  const bar = page.getByRole("progressbar", { name: "上传进度" });
  await expect(bar).toBeVisible();
  await expect(bar).toHaveAttribute("aria-valuenow", "100");
  await expect(page.getByTestId("evidence-item")).toHaveCount(1);
  await uploadFile(page, "疾病诊断或医疗费用证明", files.pdf);
  await expect(page.getByRole("status")).toContainText("上传成功：诊断证明.pdf");
  await expect(page.getByTestId("evidence-item")).toHaveCount(2);
  await expect(page.getByRole("heading", { name: "已上传的材料（2/20）" })).toBeVisible();

  // The stored photo comes back only through the authorised route, with its verified type.
  const href = await page.getByRole("link", { name: "收入证明.jpg" }).getAttribute("href");
  const res = await page.request.get(href!);
  expect(res.status()).toBe(200);
  expect(res.headers()["content-type"]).toBe("image/jpeg");
  expect(res.headers()["x-content-type-options"]).toBe("nosniff");
  expect((await res.body()).length).toBeGreaterThan(3 * 1024 * 1024);

  await page.getByRole("link", { name: "下一步：诚信承诺并提交" }).click();
  await expect(page).toHaveURL(/\/submit$/);
  await expect(page.getByText("佐证材料：2 份")).toBeVisible();
  await page.getByLabel("我已阅读并同意以上承诺").check();
  await page.getByRole("button", { name: "签署承诺并提交申请" }).click();

  await expect(page).toHaveURL(/\/timeline\?submitted=1$/);
  await expect(page.getByRole("status")).toContainText("申请已提交，等待班主任核实。");
  await expect(page.getByText("当前步骤：已提交，待班主任核实")).toBeVisible();
  await expect(page.getByTestId("timeline-entry")).toHaveCount(2);
  await expect(page.getByTestId("timeline-entry").last()).toContainText("已签署诚信承诺并提交");
  await expect(page.getByRole("region", { name: "佐证材料" })).toContainText("诊断证明.pdf");

  // Submitted: read-only, the evidence page offers no upload and no delete any more.
  await page.goto(evidenceUrl);
  await expect(page.getByTestId("read-only-banner")).toContainText("已提交，如需修改请先撤回");
  await expect(page.getByRole("button", { name: "上传", exact: true })).toHaveCount(0);
  await expect(page.getByRole("button", { name: /删除/ })).toHaveCount(0);
});

test("a student's draft survives signing out and in again; a GIF and an over-size photo are refused in Chinese", async ({
  page,
  browser,
}) => {
  const s = DEMO.student;
  await signIn(page, "学生", s.idNumber, s.password);
  await page.getByTestId("child-card").getByRole("link").click();
  await page.getByRole("button", { name: "开始申请" }).click();
  await page.getByRole("button", { name: "信息无误，下一步" }).click();
  await page.getByRole("button", { name: "我已阅读，申请资助" }).click();
  await page.getByRole("checkbox").first().check();
  await page.getByRole("button", { name: "保存，下一步" }).click();
  await expect(page).toHaveURL(/\/household$/);
  const householdUrl = page.url();
  await page.getByLabel("家庭住址").fill("天河区长兴街道草稿路8号");
  await page.getByLabel("家庭年总收入（元）").fill("24000");
  await page.getByLabel("家庭人口数").fill("4");
  await page.getByRole("button", { name: "保存草稿" }).click();
  await expect(page.getByRole("status")).toContainText("已保存");

  // Forbidden type and over-size file on the evidence step.
  await page.goto(householdUrl.replace(/household$/, "evidence"));
  await uploadFile(page, "其他材料", files.gif);
  await expect(alerts(page)).toContainText("只能上传JPG、PNG图片或PDF文件");
  await uploadFile(page, "其他材料", files.huge);
  await expect(alerts(page)).toContainText("文件超过10MB");
  await expect(page.getByText("还没有上传材料。")).toBeVisible();

  await page.getByRole("button", { name: "退出登录" }).click();
  await expect(page).toHaveURL(/\/login/);

  // Another device: a fresh browser context, signing in again.
  const other = await browser.newContext({ viewport: page.viewportSize() ?? undefined, locale: "zh-CN" });
  const phone = await other.newPage();
  await signIn(phone, "学生", s.studentNo, s.password);
  await expect(phone.getByTestId("child-card")).toContainText("草稿");
  await phone.getByRole("link", { name: "去申请" }).click();
  await expect(phone.getByTestId("application-state")).toHaveText("草稿");
  await phone.getByRole("link", { name: /家庭经济情况/ }).click();
  await expect(phone.getByLabel("家庭住址")).toHaveValue("天河区长兴街道草稿路8号");
  await expect(phone.getByLabel("家庭年总收入（元）")).toHaveValue("24000");
  await expect(phone.getByTestId("per-capita")).toContainText("500.00 元");
  await other.close();
});

test("the upload and download routes enforce the rules themselves: size, type, and who may open a file", async ({
  page,
  browser,
}) => {
  const p = DEMO.parent;
  const child = p.children[1]; // 王小红, junior high, class 1 of the junior school, no application yet
  await signIn(page, "家长", p.phone, p.password);
  await page.getByTestId("child-card").filter({ hasText: child.name }).getByRole("link").click();
  await page.getByRole("button", { name: "开始申请" }).click();
  await expect(page).toHaveURL(/\/confirm$/);
  const personId = page.url().match(/\/portal\/apply\/([^/]+)\//)![1]!;

  const post = (name: string, mimeType: string, buffer: Buffer, purpose = "income") =>
    page.request.post("/api/evidence", {
      multipart: { personId, purpose, file: { name, mimeType, buffer } },
      failOnStatusCode: false,
    });
  // The browser's claimed type and the name do not matter: content does.
  const gif = await post("photo.jpg", "image/jpeg", fs.readFileSync(files.gif));
  expect(gif.status()).toBe(400);
  expect(await gif.json()).toMatchObject({
    ok: false,
    code: "INVALID",
    fieldErrors: { file: expect.any(String) },
  });
  const huge = await post("big.jpg", "image/jpeg", fs.readFileSync(files.huge));
  expect(huge.status()).toBe(413);
  expect(await huge.json()).toMatchObject({
    ok: false,
    code: "LIMIT",
    fieldErrors: { file: expect.any(String) },
  });
  // Without Content-Length (chunked), the body is counted while read and cut off past the limit.
  const boundary = "----aidE2EBoundary";
  const part = (name: string, value: string) =>
    `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;
  const chunks = [
    Buffer.from(
      part("personId", personId) +
        part("purpose", "income") +
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.jpg"\r\nContent-Type: image/jpeg\r\n\r\n`,
    ),
    fs.readFileSync(files.huge),
    Buffer.alloc(1024 * 1024, 0x22),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]; // 11 MB: past the body limit
  const cookie = (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join("; ");
  const chunked = await fetch(new URL("/api/evidence", page.url()), {
    method: "POST",
    headers: { cookie, "content-type": `multipart/form-data; boundary=${boundary}` },
    duplex: "half",
    body: new ReadableStream({
      start(c) {
        for (const b of chunks) c.enqueue(new Uint8Array(b));
        c.close();
      },
    }),
  } as RequestInit);
  expect(chunked.status).toBe(413);
  expect(await chunked.json()).toMatchObject({ ok: false, code: "LIMIT" });
  const noPurpose = await post("a.pdf", "application/pdf", fs.readFileSync(files.pdf), "");
  expect(noPurpose.status()).toBe(400);
  expect(await noPurpose.json()).toMatchObject({
    code: "INVALID",
    fieldErrors: { purpose: expect.any(String) },
  });
  const ok = await post("户口本.pdf", "application/octet-stream", fs.readFileSync(files.pdf), "housing");
  expect(ok.status()).toBe(201);
  const {
    data: { id },
  } = await ok.json();
  const own = await page.request.get(`/api/evidence/${id}`);
  expect(own.status()).toBe(200);
  expect(own.headers()["content-type"]).toBe("application/pdf");
  expect(own.headers()["content-disposition"]).toMatch(/^attachment;/);
  expect(own.headers()["content-security-policy"]).toBe("default-src 'none'; sandbox");

  // Someone else's URL: another applicant and another school's teacher get a bare 404, the supervisor 403, signed out 401.
  const as = async (kind: "学生" | "教职工", login: string, password: string) => {
    const ctx = await browser.newContext();
    const other = await ctx.newPage();
    await signIn(other, kind, login, password);
    await expect(other).not.toHaveURL(/\/login/);
    const res = await other.request.get(`/api/evidence/${id}`, { failOnStatusCode: false });
    const body = await res.text();
    await ctx.close();
    return { status: res.status(), body };
  };
  const student = await as("学生", DEMO.student.idNumber, DEMO.student.password);
  expect(student).toEqual({ status: 404, body: "未找到该文件。" });
  expect((await as("教职工", "teacher_sen", DEMO.staffPassword)).status).toBe(404);
  expect((await as("教职工", "sup_tianhe", DEMO.staffPassword)).status).toBe(403);
  expect((await as("教职工", "teacher_jun", DEMO.staffPassword)).status).toBe(200);
  expect((await as("教职工", "admin_jun", DEMO.staffPassword)).status).toBe(200);
  const anonymous = await browser.newContext();
  expect(
    (
      await anonymous.request.get(`${new URL(page.url()).origin}/api/evidence/${id}`, {
        failOnStatusCode: false,
      })
    ).status(),
  ).toBe(401);
  await anonymous.close();
});
