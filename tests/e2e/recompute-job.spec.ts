import { expect, test } from "@playwright/test";
import { staffPage } from "./helpers";
import { expectNoAxeViolations } from "./axe";

/**
 * The recompute of simulated levels runs as a background job (lib/services/recompute-job.ts): the button
 * queues it, the determination page shows it running and then its result, refreshing itself, without a
 * reload by the user (seeded demo junior school: admin_jun).
 */
test("the recompute button starts a job; the page shows it running, then its result", async ({ browser }) => {
  test.setTimeout(90_000);
  const admin = await staffPage(browser, "admin_jun");
  await admin.goto("/console/determination");
  const panel = admin.getByRole("region", { name: "重新计算模拟等级" });
  admin.once("dialog", (dialog) => void dialog.accept());
  await panel.getByRole("button", { name: "重新计算模拟等级" }).click();
  await expect(panel.getByText("已开始重新计算模拟等级")).toBeVisible();
  // The worker of the server finishes it; the page refreshes itself while it runs.
  await expect(admin.getByTestId("recompute-status")).toContainText(
    /已重新计算模拟等级：检查\d+份申请，更新\d+份/,
    {
      timeout: 60_000,
    },
  );
  await expectNoAxeViolations(admin);
});
