/**
 * The demo's 普高 免学杂费 lists (lib/db/seed/fee-waiver.ts) as the README walk-through and
 * tests/e2e/fee-waiver.spec.ts meet them: 天河中学's last-term list passed after a county refusal, with 资金发放查看
 * rows and 是/否 flags for sup_tianhe; this term's list built and awaiting leader_sen's 学校审核 (a to-do on
 * their home), nothing for 海珠区.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { seedDemoData } from "@/lib/db/seed";
import { loadFeeWaiverList, loadFeeWaiverLists } from "@/lib/services/fee-waiver-list";
import { viewFeeWaiverPayments } from "@/lib/services/fee-waiver-payments";
import { loadTodos } from "@/lib/services/todos";
import { sessionUser } from "../support/session-user";

const signedIn = async (username: string, regionPath?: string) =>
  sessionUser(await db().user.findUniqueOrThrow({ where: { username } }), regionPath ? { regionPath } : {});
const regionPath = async (code: string) => (await db().region.findUniqueOrThrow({ where: { code } })).path;

beforeAll(async () => {
  await seedDemoData(db(), { now: new Date("2026-11-22T04:00:00Z") });
}, 120_000);

describe("demo 普高 免学杂费 lists", () => {
  it("天河中学: last term passed after one refusal, this term awaiting 学校审核", async () => {
    const leader = await signedIn("leader_sen");
    const current = await loadFeeWaiverLists(leader, {});
    if (!current.ok) throw new Error(current.message);
    expect(current.data.lists).toHaveLength(1);
    expect(current.data.lists[0]).toMatchObject({
      state: { schoolReview: "PENDING", supervisorReview: "PENDING" },
    });
    expect(current.data.lists[0]!.entries).toBeGreaterThan(0);
    const past = current.data.terms.find((term) => !term.isCurrent)!;
    const last = await loadFeeWaiverLists(leader, { term: past.id });
    if (!last.ok) throw new Error(last.message);
    const detail = await loadFeeWaiverList(leader, last.data.lists[0]!.id);
    if (!detail.ok) throw new Error(detail.message);
    expect(detail.data.list.state).toEqual({ schoolReview: "PASSED", supervisorReview: "PASSED" });
    expect(detail.data.history.map((row) => row.action)).toEqual([
      "BUILD",
      "SCHOOL_REVIEW",
      "SUPERVISOR_REVIEW",
      "BUILD",
      "SCHOOL_REVIEW",
      "SUPERVISOR_REVIEW",
    ]);
    const todos = await loadTodos(leader, new Date("2026-11-22T04:00:00Z"));
    expect(todos.find((todo) => todo.key === "fee_waiver.school_pending")?.count).toBe(1);
  });

  it("资金发放查看 of 天河区 shows last term's students with their flags; 海珠区 sees none", async () => {
    const county = await signedIn("sup_tianhe", await regionPath("440106"));
    const terms = await loadFeeWaiverLists(county, {});
    if (!terms.ok) throw new Error(terms.message);
    const past = terms.data.terms.find((term) => !term.isCurrent)!;
    const view = await viewFeeWaiverPayments(county, { term: past.id });
    if (!view.ok) throw new Error(view.message);
    expect(view.data.count).toBeGreaterThan(0);
    expect(view.data.rows.some((row) => row.povertyUnstable || row.ruralExtremePoverty || row.disabled)).toBe(
      true,
    );
    const haizhu = await signedIn("sup_haizhu", await regionPath("440105"));
    const none = await viewFeeWaiverPayments(haizhu, { term: past.id });
    expect(none.ok && none.data.count).toBe(0);
  });
});
