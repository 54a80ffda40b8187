/**
 * 工作进展查看 (lib/services/work-progress.ts) on the real database as the app role: the figures a city and a
 * county supervisor see equal direct counts over the base tables; a city's figures are exactly the sum of its
 * counties'; the 中职 overdue rule agrees between lib/domain and the rollup's SQL and turns at its boundary
 * month; a school past its verification deadline with work undone is marked behind; the freshness shown
 * covers a change not yet refreshed; and a county supervisor reaches nothing outside the county.
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { SessionUser } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import { drainRollups } from "@/lib/db/rollups/refresh";
import { overdueFrom } from "@/lib/domain/vocational-overdue";
import { PROGRESS_FIGURES, type ProgressFigures } from "@/lib/domain/work-progress";
import { prepareProgressExport, viewProgress, type ProgressRow } from "@/lib/services/work-progress";
import {
  ensureDefaultModel,
  makeApplication,
  makeOpenBatch,
  makeRoster,
} from "../support/determination-fixtures";
import { makeCurrentTerm, makeRegionTree, makeSchool, makeStaff, makeStudent } from "../support/fixtures";
import { sessionUser } from "../support/session-user";
import { memoryWriter } from "../support/student-roster-file";

type Tree = Awaited<ReturnType<typeof makeRegionTree>>;
let east: Tree;
let west: Tree;
let termId: string;
let citySupervisor: SessionUser;
let eastSupervisor: SessionUser;
let vocational: Awaited<ReturnType<typeof makeSchool>>;
let lagging: Awaited<ReturnType<typeof makeSchool>>;

const supervisorOf = async (region: { id: string; path: string }) =>
  sessionUser((await makeStaff("SUPERVISOR", { regionId: region.id })).user, { regionPath: region.path });

/** The figures of every school under `path`, counted straight from the base tables (no rollup). */
async function directCounts(path: string, at: Date): Promise<ProgressFigures> {
  const month = `${new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 7)}-01`;
  const [row] = await db().$queryRaw<ProgressFigures[]>`
    WITH schools AS (
      SELECT sc."id" FROM "School" sc JOIN "Region" r ON r."id" = sc."regionId" WHERE r."path" LIKE ${path} || '%'
    ), apps AS (
      SELECT a."state", a."studentId", d."finalLevel" FROM "Application" a
        LEFT JOIN "Determination" d ON d."applicationId" = a."id"
       WHERE a."termId" = ${termId} AND a."schoolId" IN (SELECT "id" FROM schools)
    ), enrolled AS (
      SELECT s.* FROM "Student" s WHERE s."status" = 'IN_SCHOOL' AND s."schoolId" IN (SELECT "id" FROM schools)
    ), entries AS (
      SELECT re."studentId", ro."schoolId", ro."state", re."paidAt" FROM "RosterEntry" re
        JOIN "Roster" ro ON ro."id" = re."rosterId"
       WHERE ro."termId" = ${termId} AND ro."schoolId" IN (SELECT "id" FROM schools)
    ), special AS (
      SELECT s."id",
             EXISTS (SELECT 1 FROM entries e WHERE e."studentId" = s."id") AS "aided",
             EXISTS (SELECT 1 FROM "NoAidRecord" n WHERE n."studentId" = s."id" AND n."termId" = ${termId}) AS "reason"
        FROM enrolled s
       WHERE s."personId" IN (SELECT g."personId" FROM "SpecialGroupEntry" g WHERE g."schoolId" = s."schoolId")
    )
    SELECT
      (SELECT count(*) FROM enrolled)::int AS "studentsInSchool",
      (SELECT count(*) FILTER (WHERE "state" IN ('submitted','verified','reviewed','determined','revoked')) FROM apps)::int AS "applied",
      (SELECT count(*) FILTER (WHERE "state" = 'waived') FROM apps)::int AS "waived",
      (SELECT count(*) FILTER (WHERE "state" IN ('draft','returned','withdrawn')) FROM apps)::int AS "inProgress",
      (SELECT count(*) FROM enrolled s WHERE s."id" NOT IN (SELECT "studentId" FROM apps))::int AS "notStarted",
      (SELECT count(*) FILTER (WHERE "state" = 'submitted') FROM apps)::int AS "awaitingVerification",
      (SELECT count(*) FILTER (WHERE "state" IN ('verified','reviewed','determined','revoked')) FROM apps)::int AS "verified",
      (SELECT count(*) FILTER (WHERE "state" IN ('verified','reviewed')) FROM apps)::int AS "awaitingDetermination",
      (SELECT count(*) FILTER (WHERE "state" = 'determined' AND "finalLevel" = 'SPECIAL') FROM apps)::int AS "determinedSpecial",
      (SELECT count(*) FILTER (WHERE "state" = 'determined' AND "finalLevel" = 'HARDSHIP') FROM apps)::int AS "determinedHardship",
      (SELECT count(*) FILTER (WHERE "state" = 'determined' AND "finalLevel" = 'GENERAL') FROM apps)::int AS "determinedGeneral",
      (SELECT count(*) FILTER (WHERE "state" = 'determined' AND "finalLevel" = 'NONE') FROM apps)::int AS "determinedNone",
      (SELECT count(DISTINCT i."applicationId") FROM "PublicityItem" i JOIN "PublicityBatch" b ON b."id" = i."batchId"
        WHERE b."termId" = ${termId} AND b."kind" = 'DETERMINATION' AND b."schoolId" IN (SELECT "id" FROM schools))::int AS "publicised",
      (SELECT count(DISTINCT "studentId") FILTER (WHERE "state" = 'APPROVED') FROM entries)::int AS "rosterApproved",
      (SELECT count(DISTINCT "studentId") FILTER (WHERE "paidAt" IS NOT NULL) FROM entries)::int AS "paid",
      (SELECT count(*) FROM special)::int AS "specialGroup",
      (SELECT count(*) FILTER (WHERE "aided") FROM special)::int AS "specialAided",
      (SELECT count(*) FILTER (WHERE NOT "aided" AND "reason") FROM special)::int AS "specialNoAidWithReason",
      (SELECT count(*) FILTER (WHERE NOT "aided" AND NOT "reason") FROM special)::int AS "specialNoAidWithoutReason",
      (SELECT count(*) FROM enrolled WHERE "stage" = 'VOCATIONAL')::int AS "vocationalInSchool",
      (SELECT count(*) FROM enrolled WHERE "stage" = 'VOCATIONAL'
          AND make_date(extract(year FROM "enrolledOn")::int + "programmeYears", extract(month FROM "enrolledOn")::int, 1) <= ${month}::date)::int AS "vocationalOverdue"`;
  return row!;
}

const figuresOf = (row: ProgressRow) => row.figures;
const sum = (rows: ProgressRow[]) =>
  Object.fromEntries(PROGRESS_FIGURES.map((f) => [f, rows.reduce((n, r) => n + r.figures[f], 0)]));

async function seedCounty(tree: Tree, opts: { vocational?: boolean } = {}) {
  const senior = await makeSchool(tree.county.id, "SENIOR");
  const special = await makeApplication(senior, "determined", { level: "SPECIAL", categories: ["ORPHAN"] });
  await makeApplication(senior, "determined", { level: "HARDSHIP" });
  await makeApplication(senior, "determined", { level: "NONE" });
  await makeApplication(senior, "verified");
  await makeApplication(senior, "submitted");
  await makeApplication(senior, "waived");
  // A special-group student without aid or reason, and two students who have not started.
  await makeApplication(senior, "draft", { categories: ["MINIMUM_LIVING"] });
  await makeStudent(senior);
  await makeStudent(senior);
  await makeRoster(senior.school.id, [{ studentId: special.student.student.id, paid: true }], "APPROVED");
  await makeOpenBatch(senior.school.id, [{ id: special.app.id, name: special.student.name }]);
  const junior = await makeSchool(tree.county.id, "JUNIOR");
  await makeApplication(junior, "reviewed");
  await makeStudent(junior);
  if (!opts.vocational) return { senior, junior };
  const voc = await makeSchool(tree.county.id, "VOCATIONAL");
  // Enrolled 2021-09 with 2 years: overdue from 2023-09. Enrolled 2022-09 with 3 years: from 2025-09.
  for (const [enrolled, years, n] of [
    ["2021-09-01", 2, 3],
    ["2022-09-01", 3, 2],
  ] as const)
    for (let i = 0; i < n; i++) {
      const st = await makeStudent(voc);
      await db().student.update({
        where: { id: st.student.id },
        data: { enrolledOn: new Date(`${enrolled}T00:00:00Z`), programmeYears: years },
      });
    }
  return { senior, junior, voc };
}

beforeAll(async () => {
  termId = (await makeCurrentTerm({ stage: "SENIOR" })).term.id;
  await ensureDefaultModel();
  east = await makeRegionTree();
  west = await makeRegionTree();
  expect(east.county.id).not.toBe(west.county.id);
  await makeStaff("SCHOOL_ADMIN", { schoolId: (await makeSchool(east.county.id)).school.id });
  const e = await seedCounty(east, { vocational: true });
  vocational = e.voc!;
  lagging = e.junior;
  await seedCounty(west);
  citySupervisor = await supervisorOf(east.city);
  eastSupervisor = await supervisorOf(east.county);
  await drainRollups();
});

describe("figures", () => {
  it("a city sees one row per county, each equal to a direct count, and the city exactly their sum", async () => {
    const now = new Date();
    const view = await viewProgress(citySupervisor, {}, now);
    if (!view.ok) throw new Error(view.message);
    expect(view.data.rowKind).toBe("region");
    const eastRow = view.data.rows.find((r) => r.id === east.county.id)!;
    const westRow = view.data.rows.find((r) => r.id === west.county.id)!;
    expect(figuresOf(eastRow)).toEqual(await directCounts(east.county.path, now));
    expect(figuresOf(westRow)).toEqual(await directCounts(west.county.path, now));
    expect(view.data.totals.figures).toEqual(sum(view.data.rows));
    expect(view.data.totals.figures).toEqual(await directCounts(east.city.path, now));
    expect(eastRow.figures.applied).toBeGreaterThan(0);
    expect(eastRow.figures.specialNoAidWithoutReason).toBe(1);
    expect(eastRow.figures.specialAided).toBe(1);
  });

  it("a county sees one row per school, each equal to a direct count, and can drill into one school", async () => {
    const now = new Date();
    const view = await viewProgress(eastSupervisor, {}, now);
    if (!view.ok) throw new Error(view.message);
    expect(view.data.rowKind).toBe("school");
    expect(view.data.totals.figures).toEqual(await directCounts(east.county.path, now));
    expect(view.data.totals.figures).toEqual(sum(view.data.rows));
    const drill = await viewProgress(eastSupervisor, { school: vocational.school.id }, now);
    if (!drill.ok) throw new Error(drill.message);
    expect(drill.data.school).toMatchObject({ id: vocational.school.id, vocational: true });
    expect(drill.data.school!.figures.vocationalInSchool).toBe(5);
  });
});

describe("中职 逾期 / 当期", () => {
  it("lib/domain and the rollup's SQL agree on the overdue month, boundaries included", async () => {
    const dates = ["2021-09-01", "2021-09-30", "2021-12-31", "2022-01-01", "2024-02-29", "2020-02-29"];
    for (const date of dates)
      for (const years of [1, 2, 3, 4]) {
        const [row] = await db().$queryRaw<{ from: Date }[]>`
          SELECT vocational_overdue_from(${date}::date, ${years}::int) AS "from"`;
        expect(row!.from.toISOString().slice(0, 7), `${date} + ${years}`).toBe(
          overdueFrom(new Date(`${date}T00:00:00Z`), years),
        );
      }
  });

  it("students enrolled 2021-09 with 2 years turn overdue in 2023-09, not in 2023-08", async () => {
    const at = async (beijing: string) => {
      const view = await viewProgress(
        eastSupervisor,
        { school: vocational.school.id },
        new Date(`${beijing}+08:00`),
      );
      if (!view.ok) throw new Error(view.message);
      return view.data.school!.figures;
    };
    expect(await at("2023-08-31T23:59:59")).toMatchObject({ vocationalInSchool: 5, vocationalOverdue: 0 });
    expect(await at("2023-09-01T00:00:00")).toMatchObject({ vocationalInSchool: 5, vocationalOverdue: 3 });
    expect(await at("2025-09-01T00:00:00")).toMatchObject({ vocationalOverdue: 5 });
    expect(
      (await directCounts(east.county.path, new Date("2023-09-01T00:00:00+08:00"))).vocationalOverdue,
    ).toBe(3);
  });
});

describe("behind schedule and freshness", () => {
  it("a school past its own verification deadline with an unverified submission is marked and counted", async () => {
    const { app } = await makeApplication(lagging, "submitted");
    await db().schoolTermSetting.create({
      data: { termId, schoolId: lagging.school.id, verifyDeadline: new Date(Date.now() - 3_600_000) },
    });
    // Not refreshed yet: the page says its figures are as of the mark, before this change.
    const pending = await viewProgress(eastSupervisor, {});
    if (!pending.ok) throw new Error(pending.message);
    const marked = await db().rollupDirty.findFirstOrThrow({ where: { schoolId: lagging.school.id } });
    expect(pending.data.asOf).toEqual(marked.markedAt);
    expect(pending.data.rows.find((r) => r.id === lagging.school.id)!.figures.awaitingVerification).toBe(0);

    await drainRollups();
    const view = await viewProgress(eastSupervisor, {});
    if (!view.ok) throw new Error(view.message);
    expect(Date.now() - view.data.asOf.getTime()).toBeLessThan(5_000);
    const row = view.data.rows.find((r) => r.id === lagging.school.id)!;
    expect(row.figures.awaitingVerification).toBe(1);
    expect(row.behindReasons).toEqual([expect.stringMatching(/^核实截止（.+）已过，1份申请未核实$/)]);
    expect(view.data.rows.filter((r) => r.behindReasons.length > 0).map((r) => r.id)).toEqual([
      lagging.school.id,
    ]);
    // The city's count is summed in SQL (lib/db/progress.repo.ts): it agrees with the domain rule, before
    // the deadline and after it.
    const behindAt = async (at: Date) => {
      const city = await viewProgress(citySupervisor, {}, at);
      const county = await viewProgress(eastSupervisor, {}, at);
      if (!city.ok || !county.ok) throw new Error("refused");
      const sql = city.data.rows.find((r) => r.id === east.county.id)!.behindSchools;
      expect(sql).toBe(county.data.rows.filter((r) => r.behindReasons.length > 0).length);
      expect(city.data.rows.find((r) => r.id === west.county.id)!.behindSchools).toBe(0);
      return sql;
    };
    expect(await behindAt(new Date())).toBe(1);
    expect(await behindAt(new Date(Date.now() - 2 * 3_600_000))).toBe(0);
    expect(app.schoolId).toBe(lagging.school.id);
  });

  it("the export has the rows the page shows, then the totals, and is audited", async () => {
    const prepared = await prepareProgressExport(citySupervisor, {});
    if (!prepared.ok) throw new Error(prepared.message);
    const writer = memoryWriter();
    await prepared.data.write(writer);
    const { rows, totals } = prepared.data.view;
    expect(writer.rows.map((r) => r[1])).toEqual([...rows.map((r) => r.name), "合计"]);
    expect(writer.rows.at(-1)![5]).toBe(totals.figures.applied);
    expect(
      await db().auditLog.count({
        where: { action: "work_progress.export", actorUserId: citySupervisor.id },
      }),
    ).toBe(1);
  });
});

describe("scope", () => {
  it("a county supervisor reaches no other county, no school of it, and nothing above their own region", async () => {
    const westSchool = await db().school.findFirstOrThrow({ where: { regionId: west.county.id } });
    for (const query of [
      { region: west.county.id },
      { region: east.city.id },
      { region: east.province.id },
      { school: westSchool.id },
      { region: east.county.id, school: westSchool.id },
      { region: "not-an-id" },
    ]) {
      const view = await viewProgress(eastSupervisor, query);
      expect(view.ok, JSON.stringify(query)).toBe(false);
      if (!view.ok) expect(view.code).toBe("NOT_FOUND");
      const exported = await prepareProgressExport(eastSupervisor, query);
      expect(exported.ok).toBe(false);
    }
    const own = await viewProgress(eastSupervisor, {});
    expect(own.ok && own.data.rows.every((r) => r.id !== westSchool.id)).toBe(true);
  });

  it("other roles are refused", async () => {
    const admin = await db().user.findFirstOrThrow({ where: { role: "SCHOOL_ADMIN" } });
    const view = await viewProgress(sessionUser(admin), {});
    expect(view.ok).toBe(false);
    expect(await viewProgress(null, {})).toMatchObject({ ok: false, code: "UNAUTHENTICATED" });
  });
});
