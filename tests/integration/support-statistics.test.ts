/**
 * Support-desk statistics (lib/services/support-statistics.ts) on the real database: every figure of the
 * page's tables equals a direct SQL aggregate over the same problems; a county supervisor sees only their
 * own subtree; the export is audited.
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { SessionUser } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import { beijingDay } from "@/lib/domain/support";
import {
  confirmSupportProblem,
  fileSupportProblem,
  passUpSupportProblem,
  postSupportMessage,
  resolveSupportProblem,
  takeSupportProblem,
} from "@/lib/services/support-desk";
import { loadSupportStatistics, supportStatisticsExport } from "@/lib/services/support-statistics";
import { makeRegionTree, makeSchool, makeStaff } from "../support/fixtures";
import { ownerDb } from "../support/owner-db";
import { sessionUser } from "../support/session-user";

type Region = { id: string; path: string };
const supervisorOf = async (region: Region) =>
  sessionUser((await makeStaff("SUPERVISOR", { regionId: region.id })).user, { regionPath: region.path });

const today = beijingDay(new Date());
const year = Number(today.slice(0, 4));
let county: Region, otherCounty: Region, city: Region;
let countySup: SessionUser, otherCountySup: SessionUser, citySup: SessionUser;
let otherProblem: string;

async function file(user: SessionUser, category: string, subcategory?: string) {
  const filed = await fileSupportProblem(user, {
    category,
    ...(subcategory ? { subcategory } : {}),
    description: "统计测试问题",
    contact: "020-12345678",
  });
  if (!filed.ok) throw new Error(filed.message);
  return filed.data.id;
}
const hoursAgo = (id: string, hours: number) =>
  ownerDb()
    .$executeRaw`UPDATE "SupportProblem" SET "filedAt" = "filedAt" - make_interval(hours => ${hours}) WHERE "id" = ${id}`;

beforeAll(async () => {
  const a = await makeRegionTree();
  const b = await makeRegionTree();
  county = a.county;
  city = a.city;
  otherCounty = b.county;
  const school = await makeSchool(county.id, "SENIOR");
  const otherSchool = await makeSchool(otherCounty.id, "JUNIOR");
  const teacher = sessionUser((await makeStaff("TEACHER", { schoolId: school.school.id })).user);
  const admin = sessionUser((await makeStaff("SCHOOL_ADMIN", { schoolId: school.school.id })).user);
  const otherTeacher = sessionUser((await makeStaff("TEACHER", { schoolId: otherSchool.school.id })).user);
  countySup = await supervisorOf(county);
  otherCountySup = await supervisorOf(otherCounty);
  citySup = await supervisorOf(city);

  // Answered by a reply, then resolved and confirmed (closed).
  const answered = await file(teacher, "TECHNICAL", "BUG");
  expect((await takeSupportProblem(admin, answered)).ok).toBe(true);
  expect((await postSupportMessage(admin, answered, { body: "请清除缓存后重试。" })).ok).toBe(true);
  expect((await resolveSupportProblem(admin, answered, { resolution: "已解决" })).ok).toBe(true);
  expect((await confirmSupportProblem(teacher, answered, { rating: 5 })).ok).toBe(true);
  await hoursAgo(answered, 30);
  // Passed up to the county, answered there (resolved, not yet confirmed).
  const passed = await file(teacher, "APPLICATION", "OPERATION");
  expect((await takeSupportProblem(admin, passed)).ok).toBe(true);
  expect((await passUpSupportProblem(admin, passed, { tried: "校内无法解决" })).ok).toBe(true);
  expect((await takeSupportProblem(countySup, passed)).ok).toBe(true);
  expect((await resolveSupportProblem(countySup, passed, { resolution: "已处理" })).ok).toBe(true);
  await hoursAgo(passed, 50);
  // Untouched.
  await file(teacher, "SUGGESTION");
  // Filed in February, never answered: late.
  const late = await file(teacher, "TECHNICAL", "DATA");
  await ownerDb()
    .$executeRaw`UPDATE "SupportProblem" SET "filedAt" = ${`${year}-02-10T02:00:00.000Z`}::timestamp,
    "deadline" = ${`${year}-02-13`}::date WHERE "id" = ${late}`;
  // Another county's.
  otherProblem = await file(otherTeacher, "USER_REQUEST");
});

/** The figures straight from SQL, per category × level and per Beijing month. */
async function direct(path: string) {
  const from = `${year}-01-01T00:00:00+08:00`;
  const to = `${year + 1}-01-01T00:00:00+08:00`;
  const byCategory = await db().$queryRaw<{ category: string; level: string; n: bigint }[]>`
    SELECT "category"::text, "level"::text, count(*) AS n FROM "SupportProblem"
    WHERE "regionPath" LIKE ${path} || '%'
      AND "filedAt" >= (${from}::timestamptz AT TIME ZONE 'UTC') AND "filedAt" < (${to}::timestamptz AT TIME ZONE 'UTC')
    GROUP BY 1, 2`;
  const byMonth = await db().$queryRaw<
    {
      month: number;
      n: bigint;
      answered: bigint;
      first: number | null;
      closed: bigint;
      close: number | null;
      due: bigint;
      intime: bigint;
    }[]
  >`
    WITH f AS (
      SELECT p.*, LEAST(
        (SELECT min(m."createdAt") FROM "SupportMessage" m
          WHERE m."problemId" = p."id" AND NOT m."internal" AND m."authorId" <> p."filerId"),
        (SELECT min(e."at") FROM "SupportEvent" e WHERE e."problemId" = p."id" AND e."action" = 'RESOLVE')
      ) AS fa
      FROM "SupportProblem" p
      WHERE p."regionPath" LIKE ${path} || '%'
        AND p."filedAt" >= (${from}::timestamptz AT TIME ZONE 'UTC') AND p."filedAt" < (${to}::timestamptz AT TIME ZONE 'UTC')
    )
    SELECT extract(month FROM ("filedAt" AT TIME ZONE 'UTC') AT TIME ZONE 'Asia/Shanghai')::int AS month,
      count(*) AS n,
      count(fa) AS answered,
      percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM fa - "filedAt")) AS first,
      count("closedAt") AS closed,
      percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM "closedAt" - "filedAt")) AS close,
      count(*) FILTER (WHERE fa IS NOT NULL OR "deadline" < ${today}::date) AS due,
      count(*) FILTER (WHERE ((fa AT TIME ZONE 'UTC') AT TIME ZONE 'Asia/Shanghai')::date <= "deadline") AS intime
    FROM f GROUP BY 1`;
  return { byCategory, byMonth };
}

const hours = (seconds: number | null) => (seconds === null ? "—" : (Number(seconds) / 3600).toFixed(1));
const share = (due: bigint, inTime: bigint) =>
  due === 0n ? "—" : `${((Number(inTime) * 100) / Number(due)).toFixed(1)}%`;

describe("support-desk statistics (issue 21 item 8)", () => {
  for (const who of ["county", "city"] as const) {
    it(`every figure of the ${who}'s tables equals direct SQL`, async () => {
      const caller = who === "county" ? countySup : citySup;
      const path = who === "county" ? county.path : city.path;
      const stats = await loadSupportStatistics(caller, {});
      if (!stats.ok) throw new Error(stats.message);
      const { byCategory, byMonth } = await direct(path);
      const { category, month } = stats.data.tables;
      const levels = ["SCHOOL", "COUNTY", "CITY", "PROVINCE"];
      const categories = ["APPLICATION", "TECHNICAL", "USER_REQUEST", "SUGGESTION"];
      categories.forEach((cat, i) => {
        const expected = levels.map((level) =>
          Number(byCategory.find((row) => row.category === cat && row.level === level)?.n ?? 0),
        );
        expect(category.rows[i]!.cells).toEqual([...expected, expected.reduce((a, b) => a + b, 0)]);
      });
      const total = byCategory.reduce((sum, row) => sum + Number(row.n), 0);
      expect(category.rows.at(-1)!.cells.at(-1)).toBe(total);
      for (const row of month.rows.filter((r) => !r.total)) {
        const m = Number(row.label.replace("月", ""));
        const sql = byMonth.find((r) => r.month === m);
        expect(row.cells).toEqual(
          sql
            ? [
                Number(sql.n),
                Number(sql.answered),
                hours(sql.first),
                Number(sql.closed),
                hours(sql.close),
                share(sql.due, sql.intime),
              ]
            : [0, 0, "—", 0, "—", "—"],
        );
      }
      // The filed problems are there: February's late one counts as not answered in time.
      expect(month.rows.find((r) => r.label === "2月")!.cells[5]).toBe("0.0%");
      expect(stats.data.charts.category.option).toBeTruthy();
    });
  }

  it("a county supervisor sees only their own subtree", async () => {
    const own = await loadSupportStatistics(countySup, {});
    const ownTotal = own.ok ? own.data.tables.category.rows.at(-1)!.cells.at(-1) : null;
    expect(ownTotal).toBe(4);
    // This month: first answers ~30 h (a reply) and ~50 h (the county's answer) after filing: median 40 h.
    const thisMonth = own.ok
      ? own.data.tables.month.rows.find((r) => r.key === `m${Number(today.slice(5, 7))}`)
      : null;
    expect(thisMonth?.cells.slice(0, 4)).toEqual([3, 2, "40.0", 1]);
    const other = await loadSupportStatistics(countySup, { region: otherCounty.id });
    expect(other.ok ? null : other.code).toBe("NOT_FOUND");
    const upward = await loadSupportStatistics(countySup, { region: city.id });
    expect(upward.ok ? null : upward.code).toBe("NOT_FOUND");
    const theirs = await loadSupportStatistics(otherCountySup, {});
    expect(theirs.ok && theirs.data.tables.category.rows.at(-1)!.cells.at(-1)).toBeGreaterThanOrEqual(1);
    expect(otherProblem).toBeTruthy();
    // The city drills into a county below it.
    const drilled = await loadSupportStatistics(citySup, { region: county.id });
    expect(drilled.ok && drilled.data.tables.category.rows.at(-1)!.cells.at(-1)).toBe(4);
  });

  it("exports a table as .xlsx rows and audits it; refuses non-supervisors", async () => {
    const exported = await supportStatisticsExport(countySup, { table: "month" });
    if (!exported.ok) throw new Error(exported.message);
    expect(exported.data.rows[0]![0]).toBe("1月");
    const audited = await db().auditLog.findFirst({
      where: { actorUserId: countySup.id, action: "support.statistics_export" },
    });
    expect(audited).not.toBeNull();
    const unknown = await supportStatisticsExport(countySup, { table: "nope" });
    expect(unknown.ok ? null : unknown.code).toBe("NOT_FOUND");
  });
});
