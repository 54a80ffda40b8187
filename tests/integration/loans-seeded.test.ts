/**
 * The demo loans of 广东省 (lib/db/seed/loans.ts): sup_guangdong_lead sees four approved years and one
 * pending import to review, and the page's per-year totals agree with direct SQL sums over approved rows.
 */
import { beforeAll, expect, it } from "vitest";
import type { SessionUser } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import { seedDemoData } from "@/lib/db/seed";
import { viewLoanOverview } from "@/lib/services/loans";
import { sessionUser } from "../support/session-user";

let leader: SessionUser;

beforeAll(async () => {
  await seedDemoData(db(), { now: new Date("2026-11-22T04:00:00Z") });
  const user = await db().user.findUniqueOrThrow({
    where: { username: "sup_guangdong_lead" },
    include: { region: true },
  });
  leader = sessionUser(user, { regionPath: user.region!.path });
});

it("shows the seeded years, their approved totals and the pending import", async () => {
  const view = await viewLoanOverview(leader);
  if (!view.ok) throw new Error(view.message);
  const sql = await db().$queryRaw<{ year: number; loans: bigint; amount: bigint; repaid: bigint }[]>`
    SELECT l."academicYear" AS year, count(*) AS loans, sum(l."amountFen") AS amount,
           coalesce(sum((SELECT sum(r."amountFen") FROM "RepaymentRecord" r
                         WHERE r."loanId" = l."id" AND r."reviewState" = 'APPROVED')), 0) AS repaid
    FROM "LoanRecord" l WHERE l."reviewState" = 'APPROVED' GROUP BY 1 ORDER BY 1 DESC`;
  expect(view.data.totals.map((row) => [row.academicYear, row.loans, row.amountFen, row.repaidFen])).toEqual(
    sql.map((row) => [row.year, Number(row.loans), Number(row.amount), Number(row.repaid)]),
  );
  expect(view.data.totals.map((row) => row.academicYear)).toEqual([2024, 2023, 2022, 2021]);
  expect(view.data.totals.every((row) => row.loans === 75)).toBe(true);
  expect(view.data.totals.find((row) => row.academicYear === 2021)!.repaidFen).toBeGreaterThan(0);
  expect(
    view.data.imports.filter((row) => row.pending > 0).map((row) => [row.academicYear, row.pending]),
  ).toEqual([[2025, 12]]);
  expect(view.data.caps).toHaveLength(8);
});
