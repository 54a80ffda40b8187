/**
 * The console menu shows 国家助学贷款 only to province-level supervisors (lib/services/console-nav.ts): a
 * county or city supervisor would be sent to /forbidden by lib/services/loan-context.ts.
 */
import { beforeAll, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { seedDemoData } from "@/lib/db/seed";
import { consoleNavFor } from "@/lib/services/console-nav";
import { sessionUser } from "../support/session-user";

beforeAll(async () => {
  await seedDemoData(db(), { now: new Date("2026-11-22T04:00:00Z") });
});

const navOf = async (username: string) => {
  const user = await db().user.findUniqueOrThrow({ where: { username }, include: { region: true } });
  const items = await consoleNavFor(sessionUser(user, { regionPath: user.region?.path ?? null }));
  return items.map((item) => item.href);
};

it("shows the loans link to province supervisors only", async () => {
  expect(await navOf("sup_guangdong")).toContain("/console/supervisor/loans");
  expect(await navOf("sup_guangdong_lead")).toContain("/console/supervisor/loans");
  for (const username of ["sup_tianhe", "sup_guangzhou", "sup_haizhu"]) {
    const hrefs = await navOf(username);
    expect(hrefs).toContain("/console/supervisor/statistics");
    expect(hrefs.some((href) => href.startsWith("/console/supervisor/loans"))).toBe(false);
  }
});
