import fs from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import pg from "pg";
import { formatBeijingDate } from "@/lib/domain/time";
import { expectNoAxeViolations } from "./axe";
import { alerts, staffPage } from "./helpers";

/**
 * An adjustment within the year (动态调整) through the real pages (seeded 广州市天河中学: teacher_sen, admin_sen):
 * refused while the application window is open; once it has closed (its dates are moved into the past in the
 * database, as the server's clock cannot be) the class teacher opens one for a determined student of the class,
 * verifies it, admin_sen determines it and publishes its own publicity, whose period is then moved into the past;
 * finalising it makes the adjustment effective from today, the earlier level still shown beside the new one.
 * axe-core on the new page, the opening form by keyboard. The window is put back afterwards.
 */
const PORT = Number(process.env.E2E_PORT ?? 3100);

/** The e2e server's embedded database, as its owner (playwright.config.ts: .data/e2e-<port>). */
async function withOwnerDb<T>(run: (client: pg.Client) => Promise<T>): Promise<T> {
  const secrets = JSON.parse(fs.readFileSync(path.join(".data", `e2e-${PORT}`, "secrets.json"), "utf8")) as {
    EMBEDDED_PG_PASSWORD: string;
  };
  const client = new pg.Client({
    host: "127.0.0.1",
    port: Number(process.env.E2E_PG_PORT ?? 54349),
    user: "postgres",
    password: secrets.EMBEDDED_PG_PASSWORD,
    database: "student_aid",
  });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

type Window = { termId: string; schoolId: string; applyStart: Date; applyEnd: Date; schoolEnd: Date | null };

/** Closes the current term's application window for 天河中学 (yesterday); returns what to put back. */
const closeWindow = () =>
  withOwnerDb(async (client): Promise<Window> => {
    const term = (await client.query(`SELECT id, "applyStart", "applyEnd" FROM "AidTerm" WHERE "isCurrent"`))
      .rows[0];
    const school = (await client.query(`SELECT id FROM "School" WHERE name = '广州市天河中学'`)).rows[0];
    const setting = (
      await client.query(
        `SELECT "applyEnd" FROM "SchoolTermSetting" WHERE "termId" = $1 AND "schoolId" = $2`,
        [term.id, school.id],
      )
    ).rows[0];
    await client.query(
      `UPDATE "SchoolTermSetting" SET "applyEnd" = NULL WHERE "termId" = $1 AND "schoolId" = $2`,
      [term.id, school.id],
    );
    await client.query(
      `UPDATE "AidTerm" SET "applyStart" = now() - interval '20 days', "applyEnd" = now() - interval '1 day'
        WHERE id = $1`,
      [term.id],
    );
    return {
      termId: term.id,
      schoolId: school.id,
      applyStart: term.applyStart,
      applyEnd: term.applyEnd,
      schoolEnd: setting?.applyEnd ?? null,
    };
  });

const reopenWindow = (saved: Window) =>
  withOwnerDb(async (client) => {
    await client.query(`UPDATE "AidTerm" SET "applyStart" = $2, "applyEnd" = $3 WHERE id = $1`, [
      saved.termId,
      saved.applyStart,
      saved.applyEnd,
    ]);
    await client.query(
      `UPDATE "SchoolTermSetting" SET "applyEnd" = $3 WHERE "termId" = $1 AND "schoolId" = $2`,
      [saved.termId, saved.schoolId, saved.schoolEnd],
    );
  });

test("an adjustment: refused in the window, then opened, verified, determined, publicised and effective", async ({
  browser,
}) => {
  test.setTimeout(150_000);
  const teacher = await staffPage(browser, "teacher_sen");

  // The seeded window is open: the page says to use the normal application.
  await teacher.goto("/console/adjustments");
  await expect(teacher.getByRole("heading", { level: 1 })).toContainText("动态调整");
  await expect(teacher.getByRole("status").filter({ hasText: "申报期内请走正常申请" })).toBeVisible();

  const saved = await closeWindow();
  try {
    // 1. The class teacher opens one (keyboard only) for a determined student of the class.
    await teacher.reload();
    const student = teacher.getByLabel("学生", { exact: true });
    await expect(student).toBeVisible();
    const option = (await student.locator("option").first().innerText()).trim();
    const name = option.split(" ")[1]!.split("（")[0]!;
    const earlierLevel = option.match(/现认定：(.+)）/)![1]!;
    await expectNoAxeViolations(teacher);
    await teacher.getByRole("button", { name: "发起调整" }).click();
    await expect(alerts(teacher).first()).toContainText("调整理由");
    await teacher.getByLabel("突发情况", { exact: true }).selectOption({ label: "意外事故" });
    await teacher.getByLabel(/调整理由/).focus();
    await teacher.keyboard.type("父亲在工地意外受伤，长期无法工作");
    await teacher.keyboard.press("Tab");
    await teacher.keyboard.press("Enter");
    await expect(teacher.getByRole("status").filter({ hasText: "已发起动态调整" })).toBeVisible();
    const row = teacher.getByTestId("adjustment-row").filter({ hasText: name }).filter({ hasText: "调整中" });
    await expect(row).toContainText("意外事故：父亲在工地意外受伤，长期无法工作");
    await expect(row).toContainText(earlierLevel);

    // 2. The teacher verifies it on the usual review page.
    await row.getByRole("link", { name: new RegExp(`核实\\s*${name}`) }).click();
    await teacher.getByRole("button", { name: "核实通过" }).click();
    await expect(teacher.getByTestId("application-state")).toHaveText("班主任已核实");

    // 3. The aid office determines it with the same model.
    const admin = await staffPage(browser, "admin_sen");
    await admin.goto("/console/adjustments");
    const adminRow = admin
      .getByTestId("adjustment-row")
      .filter({ hasText: name })
      .filter({ hasText: "调整中" });
    await adminRow.getByRole("link", { name: new RegExp(`审核认定\\s*${name}`) }).click();
    await expect(admin.getByTestId("adjustment-note")).toBeVisible();
    const simulated = (await admin.getByTestId("simulated").innerText()).match(
      /模拟等级 (特别困难|困难|一般困难|不困难)/,
    )![1]!;
    await admin.getByLabel("认定等级", { exact: true }).selectOption({ label: simulated });
    await admin.getByRole("button", { name: "保存认定等级" }).click();
    await expect(admin.getByRole("status").filter({ hasText: "已保存认定等级" })).toBeVisible();

    // 4. Its own publicity: the new level, 5 working days.
    await admin.goto("/console/adjustments");
    await expect(admin.getByText(/已重新认定、尚未公示的调整：\d+人/)).toContainText(name);
    await expectNoAxeViolations(admin);
    await admin.getByRole("button", { name: "发布调整公示" }).click();
    await expect(admin.getByRole("status").filter({ hasText: /已发布动态调整公示（\d+人）/ })).toBeVisible();
    await expect(
      admin.getByTestId("adjustment-row").filter({ hasText: name }).filter({ hasText: "调整中" }),
    ).toContainText("公示中");

    // 5. The period ends (moved into the past) without a pending objection: finalising makes it effective.
    await withOwnerDb((client) =>
      client.query(
        `UPDATE "PublicityBatch" SET "startDate" = current_date - 12, "endDate" = current_date - 3
          WHERE kind = 'ADJUSTMENT' AND state = 'OPEN' AND "schoolId" = $1`,
        [saved.schoolId],
      ),
    );
    await admin.goto("/console/determination/publicity");
    await admin
      .getByRole("row")
      .filter({ hasText: "动态调整结果公示" })
      .filter({ hasText: "公示期满" })
      .getByRole("link", { name: "异议处理" })
      .click();
    await admin.getByRole("button", { name: "确定最终结果" }).click();
    // The finalising form leaves the page with the batch's new state.
    await expect(admin.getByText("该公示结果已确定")).toBeVisible();

    await admin.goto("/console/adjustments");
    const effective = admin
      .getByTestId("adjustment-row")
      .filter({ hasText: name })
      .filter({ hasText: "父亲在工地意外受伤" });
    await expect(effective).toContainText("已生效");
    await expect(effective).toContainText(formatBeijingDate(new Date()));
    await expect(effective.locator("td").nth(3)).toHaveText(earlierLevel);
    await expect(effective.locator("td").nth(4)).toHaveText(simulated);
  } finally {
    await reopenWindow(saved);
  }
});
