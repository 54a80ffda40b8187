/**
 * The region queries on the demo data (lib/db/seed): each list's count equals a direct SQL count over the
 * base tables for the demo supervisors of 天河区, 海珠区 and 广州市, and the demo's cross-region student has
 * an aid history in two terms at two schools.
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { SessionUser } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import { seedDemoData } from "@/lib/db/seed";
import {
  viewAidHistory,
  viewDeterminations,
  viewHukou,
  viewSpecialGroup,
} from "@/lib/services/region-queries";
import { sessionUser } from "../support/session-user";

let tianhe: SessionUser, haizhu: SessionUser, guangzhou: SessionUser;
const paths = { tianhe: "/440000/440100/440106/", haizhu: "/440000/440100/440105/", gz: "/440000/440100/" };

const signedIn = async (username: string, regionPath: string) =>
  sessionUser(await db().user.findUniqueOrThrow({ where: { username } }), { regionPath });

const count = async (sql: string, ...values: unknown[]) =>
  (await db().$queryRawUnsafe<{ n: number }[]>(sql, ...values))[0]!.n;

/** People enrolled (在读/休学) whose school lies in `schoolPath`'s subtree and hukou in `hukouPath`'s (or not). */
const crossing = (schoolIn: boolean, hukouIn: boolean, specialOnly: boolean) => `
  SELECT count(*)::int AS n FROM "Student" st
    JOIN "School" s ON s.id = st."schoolId" JOIN "Region" sr ON sr.id = s."regionId"
    JOIN "Person" p ON p.id = st."personId" JOIN "Region" hr ON hr.id = p."hukouRegionId"
  WHERE st.status IN ('IN_SCHOOL', 'SUSPENDED')
    AND ${schoolIn ? "" : "NOT"} (sr.path LIKE $1 || '%')
    AND ${hukouIn ? "" : "NOT"} (hr.path LIKE $1 || '%')
    ${specialOnly ? `AND EXISTS (SELECT 1 FROM "SpecialGroupEntry" e WHERE e."personId" = p.id)` : ""}`;

beforeAll(async () => {
  await seedDemoData(db(), { now: new Date("2026-11-22T04:00:00Z") });
  tianhe = await signedIn("sup_tianhe_lead", paths.tianhe);
  haizhu = await signedIn("sup_haizhu", paths.haizhu);
  guangzhou = await signedIn("sup_guangzhou", paths.gz);
}, 180_000);

describe("the region queries on the demo data", () => {
  it("count the current term's determinations and the special-group students as SQL does", async () => {
    // One determination per student: an effective adjustment (动态调整, seeded) replaces the earlier one.
    const determinations = await viewDeterminations(tianhe, {});
    if (!determinations.ok) throw new Error(determinations.message);
    expect(determinations.data.window.total).toBe(
      await count(
        `SELECT count(*)::int AS n FROM "Application" a JOIN "Determination" d ON d."applicationId" = a.id
           JOIN "AidTerm" t ON t.id = a."termId" AND t."isCurrent"
           JOIN "School" s ON s.id = a."schoolId" JOIN "Region" r ON r.id = s."regionId"
         WHERE a.state = 'determined' AND a."ofRecord" AND d."finalLevel" IS NOT NULL AND r.path LIKE $1 || '%'`,
        paths.tianhe,
      ),
    );
    const special = await viewSpecialGroup(tianhe, {});
    if (!special.ok) throw new Error(special.message);
    const specialSql = (path: string) =>
      count(
        `SELECT count(*)::int AS n FROM "SpecialGroupEntry" e
           JOIN "Student" st ON st."personId" = e."personId" AND st.status IN ('IN_SCHOOL', 'SUSPENDED')
           JOIN "School" s ON s.id = st."schoolId" JOIN "Region" r ON r.id = s."regionId"
         WHERE r.path LIKE $1 || '%'`,
        path,
      );
    expect(special.data.window.total).toBeGreaterThan(0);
    expect(special.data.window.total).toBe(await specialSql(paths.tianhe));
    const inHaizhu = await viewSpecialGroup(haizhu, {});
    expect(inHaizhu.ok && inHaizhu.data.window.total).toBe(await specialSql(paths.haizhu));
    expect(inHaizhu.ok && inHaizhu.data.rows.map((row) => row.name).sort()).toEqual(["吴嘉怡", "周晓楠"]);
  });

  it("find 天河区's students at 海珠区's school, and the converse, as SQL does", async () => {
    const out = await viewHukou(tianhe, { direction: "out" });
    if (!out.ok) throw new Error(out.message);
    expect(out.data.rows.map((row) => row.name).sort()).toEqual(["吴嘉怡", "周晓楠"]);
    expect(out.data.breakdown.total).toBe(await count(crossing(false, true, true), paths.tianhe));
    const outAll = await viewHukou(tianhe, { direction: "out", category: "ALL" });
    expect(outAll.ok && outAll.data.window.total).toBe(
      await count(crossing(false, true, false), paths.tianhe),
    );

    const inward = await viewHukou(tianhe, { direction: "in", category: "ALL" });
    if (!inward.ok) throw new Error(inward.message);
    expect(inward.data.window.total).toBeGreaterThan(20);
    expect(inward.data.window.total).toBe(await count(crossing(true, false, false), paths.tianhe));
    expect(inward.data.breakdown.total).toBe(inward.data.window.total);
    const byStage = Object.values(inward.data.breakdown.byStage).reduce((sum, n) => sum + n, 0);
    expect(byStage).toBe(inward.data.window.total);

    // 广州市 contains both counties: only the students registered in 梅县区 cross its border, inwards.
    const cityIn = await viewHukou(guangzhou, { direction: "in", category: "ALL" });
    if (!cityIn.ok) throw new Error(cityIn.message);
    expect(cityIn.data.window.total).toBe(await count(crossing(true, false, false), paths.gz));
    expect(cityIn.data.breakdown.regions.map((row) => row.label)).toEqual(["天河区"]);
    const cityOut = await viewHukou(guangzhou, { direction: "out", category: "ALL" });
    expect(cityOut.ok && cityOut.data.window.total).toBe(0);
  });

  it("shows 周晓楠's aid in two terms at two schools to 天河区, and to 海珠区 where she studies now", async () => {
    const person = await db().person.findFirstOrThrow({ where: { name: "周晓楠" } });
    for (const supervisor of [tianhe, haizhu]) {
      const history = await viewAidHistory(supervisor, person.id);
      if (!history.ok) throw new Error(history.message);
      expect(history.data.applications.map((app) => [app.term.name, app.school.name])).toEqual([
        ["2025-2026学年春季学期", "广州市天河区华阳中学"],
        ["2026-2027学年秋季学期", "广州市海珠区南武中学"],
      ]);
      expect(history.data.rosterEntries.map((entry) => entry.paidAmountFen)).toEqual([62_500]);
      expect(
        history.data.aidRecords.map((record) => [record.period, record.amountFen, record.state]),
      ).toEqual([["2025-2026-SPRING", 62_500, "PAID"]]);
    }
    // A 天河区 student registered in 天河区 is nothing of 海珠区's.
    const local = await db().person.findFirstOrThrow({
      where: { hukouRegion: { code: "440106" }, enrolments: { some: { school: { code: "1144010603" } } } },
    });
    expect(await viewAidHistory(haizhu, local.id)).toMatchObject({ ok: false, code: "NOT_FOUND" });
  });
});
