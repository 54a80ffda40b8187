import { describe, expect, it } from "vitest";
import {
  collectionRate,
  diffSnapshots,
  emptyCounts,
  isFormBack,
  neutraliseCell,
  endOfBeijingDayAfter,
  resolveReturnDeadline,
  returnDeadlineQuickPicks,
  type ApplicationSnapshot,
} from "@/lib/domain/teacher-review";
import { formatBeijingDateTime } from "@/lib/domain/time";

const now = new Date("2026-09-25T02:00:00Z");
const day = 86_400_000;

describe("resolveReturnDeadline", () => {
  it("defaults to the end of the day 3 days from now, 23:59 Beijing time (not the current clock time)", () => {
    // now is 2026-09-25 10:00 in Beijing.
    const r = resolveReturnDeadline(now, new Date(now.getTime() + 10 * day), null);
    expect(r).toEqual({ ok: true, deadline: new Date("2026-09-28T15:59:59.999Z") });
    if (r.ok) expect(formatBeijingDateTime(r.deadline)).toBe("2026-09-28 23:59");
    // Late in the Beijing evening (23:30 on the 25th) it is still the 28th.
    const late = new Date("2026-09-25T15:30:00Z");
    expect(formatBeijingDateTime(endOfBeijingDayAfter(late, 3))).toBe("2026-09-28 23:59");
  });
  it("offers 3- and 7-day quick picks, leaving out one past the verification deadline", () => {
    expect(returnDeadlineQuickPicks(now, new Date(now.getTime() + 10 * day))).toEqual([
      { days: 3, date: "2026-09-28", label: "3天后（2026-09-28）" },
      { days: 7, date: "2026-10-02", label: "7天后（2026-10-02）" },
    ]);
    expect(returnDeadlineQuickPicks(now, new Date(now.getTime() + 5 * day)).map((p) => p.days)).toEqual([3]);
  });
  it("cuts the default back to the verification deadline when that is sooner", () => {
    const verify = new Date(now.getTime() + 2 * day);
    expect(resolveReturnDeadline(now, verify, null)).toEqual({ ok: true, deadline: verify });
  });
  it("accepts a chosen deadline up to and including the verification deadline", () => {
    const verify = new Date(now.getTime() + 5 * day);
    expect(resolveReturnDeadline(now, verify, verify)).toEqual({ ok: true, deadline: verify });
    const d = new Date(now.getTime() + day);
    expect(resolveReturnDeadline(now, verify, d)).toEqual({ ok: true, deadline: d });
  });
  it("refuses a deadline past the verification deadline or not in the future", () => {
    const verify = new Date(now.getTime() + 5 * day);
    const late = resolveReturnDeadline(now, verify, new Date(verify.getTime() + 1));
    expect(late.ok).toBe(false);
    if (!late.ok) expect(late.message).toContain("不能晚于班主任核实截止时间");
    const past = resolveReturnDeadline(now, verify, new Date(now.getTime() - 1));
    expect(past.ok).toBe(false);
    if (!past.ok) expect(past.message).toContain("须晚于现在");
    expect(resolveReturnDeadline(now, verify, now).ok).toBe(false);
  });
  it("refuses any return once the verification deadline has passed", () => {
    const r = resolveReturnDeadline(now, new Date(now.getTime() - 1), null);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toContain("核实截止时间已过");
  });
});

const snap = (
  over: Partial<ApplicationSnapshot> = {},
  h: Partial<NonNullable<ApplicationSnapshot["household"]>> = {},
): ApplicationSnapshot => ({
  household: {
    residence: "RURAL",
    address: "龙洞街1号",
    totalAnnualIncomeFen: 3_600_000,
    memberCount: 3,
    housing: "租房",
    vehicles: "无",
    stateEmployedParent: false,
    stableIncome: false,
    declaredCategories: ["ORPHAN"],
    notes: null,
    ...h,
  },
  familyMembers: [
    {
      name: "陈父",
      relation: "父亲",
      age: 45,
      workStatus: "在岗",
      annualIncomeFen: 3_000_000,
      seriousIllness: false,
      disability: false,
      inSchool: false,
    },
  ],
  suddenEvents: [],
  programmes: ["国家助学金"],
  evidenceCount: 1,
  ...over,
});

describe("diffSnapshots", () => {
  it("is empty when nothing changed (category order does not matter)", () => {
    expect(
      diffSnapshots(
        snap({}, { declaredCategories: ["ORPHAN", "MINIMUM_LIVING"] }),
        snap({}, { declaredCategories: ["MINIMUM_LIVING", "ORPHAN"] }),
      ),
    ).toEqual([]);
  });
  it("names each changed household field with before and after in Chinese", () => {
    const changes = diffSnapshots(
      snap(),
      snap({}, { totalAnnualIncomeFen: 2_400_000, residence: "URBAN", notes: "母亲患病" }),
    );
    expect(changes).toEqual([
      { field: "城乡", before: "农村", after: "城镇" },
      { field: "家庭年总收入", before: "36000.00 元", after: "24000.00 元" },
      { field: "其他情况说明", before: "（空）", after: "母亲患病" },
    ]);
  });
  it("reports added and removed family members, events, programmes and evidence", () => {
    const after = snap({
      familyMembers: [
        ...snap().familyMembers,
        {
          name: "陈母",
          relation: "母亲",
          age: 43,
          workStatus: "丧失劳动能力",
          annualIncomeFen: 0,
          seriousIllness: true,
          disability: false,
          inSchool: false,
        },
      ],
      suddenEvents: [{ kind: "SERIOUS_ILLNESS", amountFen: 5_000_000, description: "透析" }],
      programmes: ["免学费"],
      evidenceCount: 3,
    });
    const byField = Object.fromEntries(diffSnapshots(snap(), after).map((c) => [c.field, c]));
    expect(byField["家庭成员"]!.after).toContain("陈母（母亲，43岁，丧失劳动能力，年收入 0.00 元，患重病）");
    expect(byField["家庭成员"]!.before).toBe("（无删除）");
    expect(byField["突发事件"]!.after).toContain("50000.00 元");
    expect(byField["资助项目"]).toEqual({ field: "资助项目", before: "国家助学金", after: "免学费" });
    expect(byField["佐证材料"]).toEqual({ field: "佐证材料", before: "1 份", after: "3 份" });
  });
  it("shows a household filled in after the return", () => {
    const changes = diffSnapshots(snap({ household: null }), snap());
    expect(changes.find((c) => c.field === "家庭年总收入")).toEqual({
      field: "家庭年总收入",
      before: "（空）",
      after: "36000.00 元",
    });
  });
});

describe("collection rate (回收率)", () => {
  it("counts submitted-or-later and waived as back; draft, returned, withdrawn and not started as out", () => {
    const c = emptyCounts();
    Object.assign(c, {
      not_started: 3,
      draft: 1,
      submitted: 2,
      returned: 1,
      verified: 1,
      waived: 1,
      withdrawn: 1,
    });
    expect(collectionRate(c)).toEqual({ back: 4, total: 10, percent: 40 });
    expect(isFormBack("returned")).toBe(false);
    expect(isFormBack("waived")).toBe(true);
  });
  it("rounds down so 100% means every form is back, and is 0 for an empty class", () => {
    const c = emptyCounts();
    Object.assign(c, { submitted: 199, draft: 1 });
    expect(collectionRate(c).percent).toBe(99);
    expect(collectionRate(emptyCounts())).toEqual({ back: 0, total: 0, percent: 0 });
  });
});

describe("neutraliseCell", () => {
  it("prefixes ' to text Excel would read as a formula", () => {
    for (const v of ["=SUM(A1)", "+86", "-1", "@cmd", "\tx"]) expect(neutraliseCell(v)).toBe(`'${v}`);
    for (const v of ["陈思远", "G4401", "", "1+1"]) expect(neutraliseCell(v)).toBe(v);
  });
});
