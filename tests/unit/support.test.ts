import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { CN_CALENDAR } from "@/lib/domain/holidays-cn";
import {
  groupByStage,
  beijingDay,
  canReopen,
  compareProgress,
  confirmByDay,
  deadlineStatus,
  firstQueue,
  supportDeadline,
  supportSubject,
  validSubcategory,
} from "@/lib/domain/support";

const guangzhou = [
  { name: "广东省", level: "PROVINCE" as const },
  { name: "广州市", level: "CITY" as const },
  { name: "天河区", level: "COUNTY" as const },
];

describe("the subject line (seed 001 第十一条: XX市-XX学段-XX类问题)", () => {
  it("names the filer's city, the stage and the category", () => {
    expect(supportSubject(guangzhou, "SENIOR", "TECHNICAL")).toBe("广州市-普通高中-技术类问题");
    expect(supportSubject(guangzhou, "PRIMARY", "APPLICATION")).toBe("广州市-小学-应用类问题");
    expect(supportSubject(guangzhou.slice(0, 2), "JUNIOR", "USER_REQUEST")).toBe("广州市-初中-用户申请");
    expect(supportSubject(guangzhou, null, "SUGGESTION")).toBe("广州市-全学段-需求建议");
  });
  it("uses the province's name for a province user, who has no city", () => {
    expect(supportSubject(guangzhou.slice(0, 1), null, "TECHNICAL")).toBe("广东省-全学段-技术类问题");
  });
});

describe("categories and their kinds", () => {
  it("asks a kind of 应用类 and 技术类 only", () => {
    expect(validSubcategory("APPLICATION", "SIGN_IN")).toBe(true);
    expect(validSubcategory("APPLICATION", "DATA")).toBe(false);
    expect(validSubcategory("TECHNICAL", "BUG")).toBe(true);
    expect(validSubcategory("TECHNICAL", null)).toBe(false);
    expect(validSubcategory("SUGGESTION", null)).toBe(true);
    expect(validSubcategory("USER_REQUEST", "OPERATION")).toBe(false);
  });
});

describe("answer deadlines in working days (第十四条)", () => {
  it("counts from the day after filing, over a weekend", () => {
    // Friday 2026-11-20: 应用类 2 working days → Mon 23, Tue 24
    expect(supportDeadline("2026-11-20", "APPLICATION", CN_CALENDAR)).toBe("2026-11-24");
    // 技术类 3 → Wed 25
    expect(supportDeadline("2026-11-20", "TECHNICAL", CN_CALENDAR)).toBe("2026-11-25");
    // 需求建议 and 用户申请 5 → Fri 27
    expect(supportDeadline("2026-11-20", "SUGGESTION", CN_CALENDAR)).toBe("2026-11-27");
    expect(supportDeadline("2026-11-20", "USER_REQUEST", CN_CALENDAR)).toBe("2026-11-27");
  });
  it("skips the National Day holiday and counts its make-up Saturday", () => {
    // Wed 2026-09-30: 10-01..07 off, Thu 08 (1), Fri 09 (2), Sat 10 worked (3)
    expect(supportDeadline("2026-09-30", "TECHNICAL", CN_CALENDAR)).toBe("2026-10-10");
  });
  it("counts the Spring Festival make-up Saturday and skips the festival", () => {
    // Fri 2026-02-13: Sat 14 worked (1), 15..23 off, 24 (2) … 27 (5)
    expect(supportDeadline("2026-02-13", "SUGGESTION", CN_CALENDAR)).toBe("2026-02-27");
  });
  it("gives the filer 5 working days to confirm or reopen", () => {
    expect(confirmByDay("2026-11-20", CN_CALENDAR)).toBe("2026-11-27");
    expect(canReopen("RESOLVED", "2026-11-27", "2026-11-27")).toBe(true);
    expect(canReopen("RESOLVED", "2026-11-27", "2026-11-28")).toBe(false);
    expect(canReopen("CLOSED", "2026-11-27", "2026-11-20")).toBe(false);
  });
});

describe("age against the deadline", () => {
  const status = (today: string, state: "QUEUED" | "TAKEN" | "RESOLVED" = "TAKEN") =>
    deadlineStatus("2026-11-20", "2026-11-24", state, today, CN_CALENDAR);
  it("says in words how long is left, and when it is due today", () => {
    expect(status("2026-11-20")).toMatchObject({
      overdue: false,
      ageWorkingDays: 0,
      text: "剩余 2 个工作日",
    });
    expect(status("2026-11-23")).toMatchObject({
      overdue: false,
      ageWorkingDays: 1,
      text: "剩余 1 个工作日",
    });
    expect(status("2026-11-24")).toMatchObject({ overdue: false, ageWorkingDays: 2, text: "今天到期" });
  });
  it("marks an open problem overdue after its deadline, counted in working days", () => {
    expect(status("2026-11-25")).toMatchObject({ overdue: true, workingDays: 1, text: "已超期 1 个工作日" });
    expect(status("2026-11-29", "QUEUED")).toMatchObject({ overdue: true, workingDays: 3 });
  });
  it("never marks an answered problem overdue", () => {
    expect(status("2026-12-10", "RESOLVED")).toMatchObject({ overdue: false, text: "已答复待确认" });
  });
  it("puts overdue problems first, the most overdue first, then by deadline", () => {
    const row = (deadline: string, today: string, urgent = false) => ({
      deadline,
      urgent,
      filedAt: new Date("2026-11-01T00:00:00Z"),
      status: deadlineStatus("2026-11-01", deadline, "TAKEN", today, CN_CALENDAR),
    });
    const rows = [
      row("2026-11-30", "2026-11-25"),
      row("2026-11-24", "2026-11-25"),
      row("2026-11-20", "2026-11-25"),
      row("2026-11-26", "2026-11-25", true),
      row("2026-11-26", "2026-11-25"),
    ];
    const sorted = [...rows].sort(compareProgress);
    expect(sorted.map((r) => [r.deadline, r.urgent])).toEqual([
      ["2026-11-20", false],
      ["2026-11-24", false],
      ["2026-11-26", true],
      ["2026-11-26", false],
      ["2026-11-30", false],
    ]);
  });
});

describe("where a new problem lands (handled as low as possible, 第八条)", () => {
  const county = { id: "county", level: "COUNTY" as const };
  const city = { id: "city", level: "CITY" as const };
  const province = { id: "province", level: "PROVINCE" as const };
  it("a teacher's at the school's aid officers, a school's at its county", () => {
    expect(firstQueue({ role: "TEACHER", schoolId: "s1" })).toEqual({
      level: "SCHOOL",
      schoolId: "s1",
      regionId: null,
    });
    expect(firstQueue({ role: "SCHOOL_LEADER", schoolRegion: county })).toEqual({
      level: "COUNTY",
      schoolId: null,
      regionId: "county",
    });
  });
  it("a county's at its city, a city's at the province, the province's at the province", () => {
    expect(firstQueue({ role: "SUPERVISOR", region: county, parent: city }).regionId).toBe("city");
    expect(firstQueue({ role: "SUPERVISOR", region: city, parent: province }).level).toBe("PROVINCE");
    expect(firstQueue({ role: "SUPERVISOR", region: province, parent: null }).regionId).toBe("province");
  });
  it("reads the filing day in Beijing time", () => {
    expect(beijingDay(new Date("2026-11-20T16:30:00Z"))).toBe("2026-11-21");
    expect(beijingDay(new Date("2026-11-20T15:59:00Z"))).toBe("2026-11-20");
  });
});

describe("the holiday calendar table (migration 540) is seeded with lib/domain/holidays-cn.ts", () => {
  it("holds exactly the same days off and make-up working days", () => {
    const sql = readFileSync(
      path.resolve(import.meta.dirname, "../../prisma/migrations/540.do.support-desk.sql"),
      "utf8",
    );
    const rows = [...sql.matchAll(/\('(\d{4}-\d{2}-\d{2})', (true|false),/g)];
    const holidays = rows.filter((r) => r[2] === "false").map((r) => r[1]);
    const workdays = rows.filter((r) => r[2] === "true").map((r) => r[1]);
    expect(new Set(holidays)).toEqual(CN_CALENDAR.holidays);
    expect(new Set(workdays)).toEqual(CN_CALENDAR.workdays);
  });
});

describe("the queue by 学段 (a city forwards per 学段)", () => {
  it("groups in the code list's order, 全学段 last, keeping each group's order", () => {
    const rows = [
      { id: "a", stage: "SENIOR" as const },
      { id: "b", stage: null },
      { id: "c", stage: "PRIMARY" as const },
      { id: "d", stage: "SENIOR" as const },
    ];
    expect(groupByStage(rows).map((g) => [g.label, g.rows.map((r) => r.id)])).toEqual([
      ["小学", ["c"]],
      ["普通高中", ["a", "d"]],
      ["全学段", ["b"]],
    ]);
    expect(groupByStage([])).toEqual([]);
  });
});
