import { expect, test } from "@playwright/test";
import { expectNoAxeViolations } from "./axe";
import { staffPage } from "./helpers";

test("a city files its support contact and a school sees it; the province sees the cities missing", async ({
  browser,
}) => {
  const phone = `020-8${String(Date.now()).slice(-7)}`;
  const city = await staffPage(browser, "sup_guangzhou");
  await city.getByRole("link", { name: "技术支持服务备案" }).click();
  await expect(city.getByRole("heading", { name: "技术支持服务备案", level: 1 })).toBeVisible();
  await expectNoAxeViolations(city);
  // Typed and sent by keyboard.
  await city.getByLabel("受理电话").fill(phone);
  await city.getByLabel("受理邮箱").fill("not-a-mailbox");
  await city.getByLabel("负责人员").fill("王敏、李强");
  await city.getByLabel("负责人员").press("Enter");
  await expect(city.getByText("受理邮箱格式不对", { exact: false }).first()).toBeVisible();
  await city.getByLabel("受理邮箱").fill("zizhu@gz.example.cn");
  await city.getByLabel("受理邮箱").press("Enter");
  await expect(city.getByText("已报送本年度技术支持服务备案")).toBeVisible();
  await expectNoAxeViolations(city);

  // A school teacher under 广州市 sees it on the filing form.
  const teacher = await staffPage(browser, "teacher_sen");
  await teacher.goto("/console/support/new");
  const contact = teacher.getByRole("region", { name: "广州市技术支持联系方式" });
  await expect(contact).toContainText(phone);
  await expect(contact).toContainText("zizhu@gz.example.cn");
  await expectNoAxeViolations(teacher);

  // The province: 广州市 filed, 梅州市 missing (marked in text).
  const province = await staffPage(browser, "sup_guangdong");
  await province.getByRole("link", { name: "技术支持服务备案" }).click();
  await expect(province.getByRole("heading", { name: "技术支持服务备案", level: 1 })).toBeVisible();
  const cities = province.getByRole("region", { name: /各市\d+年备案情况/ });
  await expect(cities.getByRole("row", { name: /^广州市/ })).toContainText("已备案");
  await expect(cities.getByRole("row", { name: /^梅州市/ })).toContainText("未备案");
  await expect(province.getByTestId("missing-count")).toContainText("尚未备案");
  await expectNoAxeViolations(province);
});

test("a county records a training with an attendee, who sees it and leaves the untrained list", async ({
  browser,
}) => {
  const topic = `资助系统认定操作培训 ${Date.now()}`;
  const county = await staffPage(browser, "sup_tianhe");
  await county.goto("/console/support/training/untrained");
  await expect(county.getByRole("heading", { name: "未参加培训的用户", level: 1 })).toBeVisible();
  await expect(county.getByRole("row", { name: /李慧敏（sen）/ })).toBeVisible();
  // The seeded training's attendee is not listed.
  await expect(county.getByRole("row", { name: /李慧敏（jun）/ })).toHaveCount(0);
  await expectNoAxeViolations(county);

  await county.getByRole("link", { name: "返回培训记录" }).click();
  await expect(county.getByRole("heading", { name: "培训记录", level: 1 })).toBeVisible();
  await expectNoAxeViolations(county);
  await county.getByRole("textbox", { name: "按姓名筛选参训人员" }).fill("李慧敏");
  await county.getByRole("textbox", { name: "按姓名筛选参训人员" }).press("Enter");
  await expect(county).toHaveURL(/name=/);
  await county.getByLabel("培训主题").fill(topic);
  await county.getByLabel("培训人").fill("天河区资助中心");
  await county.getByLabel(/李慧敏（sen）/).focus();
  await county.keyboard.press("Space");
  await expect(county.getByLabel(/李慧敏（sen）/)).toBeChecked();
  await county.getByLabel("培训主题").press("Enter");
  await expect(county.getByText("已登记培训，参训1人。")).toBeVisible();
  await expect(county.getByRole("row", { name: new RegExp(topic) })).toBeVisible();

  await county.goto("/console/support/training/untrained");
  await expect(county.getByRole("heading", { name: "未参加培训的用户", level: 1 })).toBeVisible();
  await expect(county.getByRole("row", { name: /李慧敏（sen）/ })).toHaveCount(0);

  const teacher = await staffPage(browser, "teacher_sen");
  await teacher.getByRole("link", { name: "我的培训" }).click();
  await expect(teacher.getByRole("heading", { name: "我的培训记录", level: 1 })).toBeVisible();
  await expect(teacher.getByRole("row", { name: new RegExp(topic) })).toContainText("天河区资助中心");
  await expectNoAxeViolations(teacher);
});
