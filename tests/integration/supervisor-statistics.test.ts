/**
 * The supervisor statistics (lib/services/statistics.ts) on the demo data plus a second county's school: every
 * figure is the same in the chart's option data, the page's table, the .xlsx export and a direct SQL count over
 * the base tables, for a city and for a county; a city's figures are the sums of its counties'; another
 * county's figures are not found by id tampering.
 */
import { PassThrough } from "node:stream";
import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import type { SessionUser } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import { drainRollups } from "@/lib/db/rollups/refresh";
import { computeRegionStatistics } from "@/lib/db/rollups/statistics";
import { seedDemoData } from "@/lib/db/seed";
import { STAGE_GROUPS, columnValues, type StatTable } from "@/lib/domain/statistics";
import { chartData } from "@/lib/domain/statistics-charts";
import { statisticsExport, viewStatistics, type StatisticsView } from "@/lib/services/statistics";
import { createSheetWriter } from "@/lib/xlsx";
import { makeSchool, makeStudent } from "../support/fixtures";
import { sessionUser } from "../support/session-user";

let city: SessionUser;
let county: SessionUser;
let other: SessionUser;
let ids: { gz: string; tianhe: string; haizhu: string; current: string; past: string };

async function supervisor(username: string): Promise<SessionUser> {
  const user = await db().user.findUniqueOrThrow({ where: { username }, include: { region: true } });
  return sessionUser(user, { regionPath: user.region!.path });
}

beforeAll(async () => {
  await seedDemoData(db(), { now: new Date("2026-11-22T04:00:00Z") });
  const region = (code: string) => db().region.findUniqueOrThrow({ where: { code } });
  const [gz, tianhe, haizhu] = await Promise.all([region("440100"), region("440106"), region("440105")]);
  const current = await db().aidTerm.findFirstOrThrow({ where: { isCurrent: true } });
  const past = await db().aidTerm.findFirstOrThrow({ where: { isCurrent: false } });
  ids = { gz: gz.id, tianhe: tianhe.id, haizhu: haizhu.id, current: current.id, past: past.id };
  // A senior high school in 海珠区: two special-group students (one aided, one waived), one more aided student.
  const school = await makeSchool(haizhu.id, "SENIOR");
  const [a, b, c] = [await makeStudent(school), await makeStudent(school), await makeStudent(school)];
  for (const [student, category] of [
    [a, "ORPHAN"],
    [b, "MINIMUM_LIVING"],
  ] as const)
    await db().specialGroupEntry.create({
      data: {
        schoolId: school.school.id,
        category,
        source: "CENTRAL",
        name: student.name,
        listYear: 2026,
        idNumberCipher: student.person.idNumberCipher,
        idNumberHash: student.person.idNumberHash,
        idNumberMasked: student.person.idNumberMasked,
        personId: student.person.id,
        matchedAt: new Date(),
      },
    });
  const grant = await db().aidProgramme.findUniqueOrThrow({ where: { code: "senior_national_grant" } });
  const admin = await db().user.findFirstOrThrow({ where: { role: "SCHOOL_ADMIN" } });
  const aidRoster = await db().roster.create({
    data: {
      termId: current.id,
      programmeId: grant.id,
      schoolId: school.school.id,
      state: "APPROVED",
      approvedById: admin.id,
      approvedAt: new Date(),
      entries: {
        create: [
          { studentId: a.student.id, amountFen: 125_000 },
          { studentId: c.student.id, amountFen: 100_000 },
        ],
      },
    },
  });
  // Paid through the payment history (the aid records' trigger, migration 510): a's payment stands, c's was
  // paid and then reversed (kept as a reversed record, in neither person-times nor the paid amount).
  for (const [student, kinds] of [
    [a, ["PAYMENT"]],
    [c, ["PAYMENT", "REVERSAL"]],
  ] as const)
    for (const kind of kinds)
      await db().rosterPayment.create({
        data: {
          rosterId: aidRoster.id,
          studentId: student.student.id,
          kind,
          amountFen: kind === "PAYMENT" ? 125_000 : 0,
          previousAmountFen: kind === "PAYMENT" ? null : 125_000,
          reason: kind === "PAYMENT" ? "含补发" : "银行退回",
          at: new Date(Date.now() + (kind === "PAYMENT" ? 0 : 1000)),
        },
      });
  await db().rosterEntry.updateMany({
    where: { rosterId: aidRoster.id, studentId: a.student.id },
    data: { paidAt: new Date(), paidAmountFen: 125_000 },
  });
  await db().noAidRecord.create({
    data: {
      termId: current.id,
      schoolId: school.school.id,
      studentId: b.student.id,
      reason: "WAIVED",
      recordedById: admin.id,
    },
  });
  // The database marked the school's term dirty; the rollup job's drain computes it.
  await drainRollups();
  city = await supervisor("sup_guangzhou");
  county = await supervisor("sup_tianhe");
  other = await supervisor("sup_haizhu");
}, 180_000);

async function view(user: SessionUser, query: Record<string, string> = {}): Promise<StatisticsView> {
  const result = await viewStatistics(user, query);
  if (!result.ok) throw new Error(result.message);
  return result.data;
}

/** The export of one table, written to a real .xlsx and read back: its rows as cell values. */
async function exported(user: SessionUser, table: string, query: Record<string, string> = {}) {
  const result = await statisticsExport(user, { ...query, table });
  if (!result.ok) throw new Error(result.message);
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on("data", (chunk: Buffer) => chunks.push(chunk));
  const writer = createSheetWriter(out, result.data.sheet);
  for (const row of result.data.rows) writer.addRow(row);
  await writer.finish();
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(Buffer.concat(chunks) as unknown as ArrayBuffer);
  const rows: (string | number)[][] = [];
  book.worksheets[0]!.eachRow((row) => rows.push((row.values as (string | number)[]).slice(1)));
  return rows;
}

/** A table's rows as label → numbers (money in fen). */
const figures = (table: StatTable) =>
  Object.fromEntries(table.rows.map((row) => [row.label, row.cells.filter((c) => typeof c === "number")]));

/** Direct counts over the base tables for the region subtree and term (written apart from the rollup SQL). */
async function directSpecial(path: string, termId: string) {
  const rows = await db().$queryRaw<
    {
      category: string;
      listed: number;
      enrolled: number;
      aided: number;
      waived: number;
      unreported: number;
    }[]
  >`
    SELECT e."category"::text AS "category", count(*)::int AS "listed", count(st."id")::int AS "enrolled",
           count(st."id") FILTER (WHERE aid."studentId" IS NOT NULL)::int AS "aided",
           count(st."id") FILTER (WHERE aid."studentId" IS NULL AND na."reason" = 'WAIVED')::int AS "waived",
           count(st."id") FILTER (WHERE aid."studentId" IS NULL AND na."id" IS NULL)::int AS "unreported"
    FROM "SpecialGroupEntry" e
    JOIN "School" sc ON sc."id" = e."schoolId"
    JOIN "Region" rg ON rg."id" = sc."regionId"
    LEFT JOIN "Student" st ON st."personId" = e."personId" AND st."schoolId" = e."schoolId" AND st."status" = 'IN_SCHOOL'
    LEFT JOIN (SELECT DISTINCT re."studentId" FROM "RosterEntry" re JOIN "Roster" r ON r."id" = re."rosterId"
               WHERE r."termId" = ${termId} AND (r."state" = 'APPROVED' OR EXISTS (SELECT 1 FROM "VocationalList" vl
                 WHERE vl."rosterId" = r."id" AND vl."confirmation" = 'PASSED'))) aid ON aid."studentId" = st."id"
    LEFT JOIN "NoAidRecord" na ON na."studentId" = st."id" AND na."termId" = ${termId}
    WHERE rg."path" LIKE ${`${path}%`} AND e."listYear" = 2026
    GROUP BY 1`;
  return new Map(rows.map((row) => [row.category, row]));
}

async function directAid(path: string, termId: string, groupBy: "stage" | "county" | "programme" | "level") {
  const key = {
    stage: `st."stage"::text`,
    county: `split_part(rg."path", '/', 4)`,
    programme: `r."programmeId"`,
    level: `coalesce((SELECT d."finalLevel"::text FROM "Application" a JOIN "Determination" d ON d."applicationId" = a."id"
             WHERE a."studentId" = st."id" AND a."termId" = r."termId" AND a."state" = 'determined'
               AND d."revokedAt" IS NULL AND d."finalLevel" IS NOT NULL), 'UNDETERMINED')`,
  }[groupBy];
  // persons and amounts approved: the approved rosters' entries; person-times and paid amounts: the payments
  // (RosterPayment), each (roster, student) counted by its latest payment record unless that is a reversal.
  return db().$queryRawUnsafe<
    { key: string; persons: number; personTimes: number; amountFen: number; paidFen: number }[]
  >(
    `WITH listed AS (
       SELECT ${key} AS "key", count(DISTINCT re."studentId")::int AS "persons", sum(re."amountFen")::int AS "amountFen"
       FROM "RosterEntry" re JOIN "Roster" r ON r."id" = re."rosterId" JOIN "Student" st ON st."id" = re."studentId"
       JOIN "School" sc ON sc."id" = r."schoolId" JOIN "Region" rg ON rg."id" = sc."regionId"
       WHERE (r."state" = 'APPROVED' OR EXISTS (SELECT 1 FROM "VocationalList" vl
               WHERE vl."rosterId" = r."id" AND vl."confirmation" = 'PASSED'))
         AND r."termId" = $1 AND rg."path" LIKE $2
       GROUP BY 1
     ), latest AS (
       SELECT DISTINCT ON (p."rosterId", p."studentId") p.* FROM "RosterPayment" p
       ORDER BY p."rosterId", p."studentId", p."at" DESC, p."id" DESC
     ), paid AS (
       SELECT ${key} AS "key", count(*)::int AS "personTimes", sum(p."amountFen")::int AS "paidFen"
       FROM latest p JOIN "Roster" r ON r."id" = p."rosterId" JOIN "Student" st ON st."id" = p."studentId"
       JOIN "School" sc ON sc."id" = r."schoolId" JOIN "Region" rg ON rg."id" = sc."regionId"
       WHERE p."kind" <> 'REVERSAL' AND r."termId" = $1 AND rg."path" LIKE $2
       GROUP BY 1
     )
     SELECT coalesce(l."key", p."key") AS "key", coalesce(l."persons", 0) AS "persons",
            coalesce(p."personTimes", 0) AS "personTimes", coalesce(l."amountFen", 0) AS "amountFen",
            coalesce(p."paidFen", 0) AS "paidFen"
     FROM listed l FULL JOIN paid p ON p."key" = l."key"`,
    termId,
    `${path}%`,
  );
}

describe.each([
  ["city 广州市", () => city, "/440000/440100/"],
  ["county 天河区", () => county, "/440000/440100/440106/"],
] as const)("%s", (_name, who, path) => {
  for (const term of ["current", "past"] as const) {
    it(`${term} term: chart, table, export and direct SQL agree`, async () => {
      const termId = ids[term];
      const shown = await view(who(), { term: termId });
      const { tables, charts } = shown;

      // Chart option data = table columns.
      const chart = (key: string) => chartData(charts.find((spec) => spec.key === key)!);
      expect(chart("special-bar")).toEqual([
        columnValues(tables.special, "已资助"),
        columnValues(tables.special, "未资助"),
      ]);
      expect(chart("stage-bar")).toEqual([
        columnValues(tables.stage, "受助人数"),
        columnValues(tables.stage, "受助人次"),
      ]);
      expect(chart("area-bar")).toEqual([
        columnValues(tables.area, "受助人数"),
        columnValues(tables.area, "受助人次"),
      ]);
      expect(chart("level-pie")).toEqual([columnValues(tables.level, "受助人数")]);
      expect(chart("trend-line")).toEqual([
        columnValues(tables.trend, "受助人数"),
        columnValues(tables.trend, "受助人次"),
      ]);

      // Export = table (money in yuan).
      for (const key of ["special", "stage", "area", "programme", "level", "trend"] as const) {
        const table = tables[key];
        const rows = await exported(who(), key, { term: termId });
        expect(rows[0]).toEqual(table.columns.map((column) => column.header));
        table.rows.forEach((row, i) => {
          const expected = [
            row.label,
            ...row.cells.map((cell, c) =>
              table.columns[c + 1]!.kind === "money"
                ? (cell as number) / 100
                : cell === ""
                  ? undefined
                  : cell,
            ),
          ];
          expect(rows[i + 1]!.slice(0, expected.length)).toEqual(expected);
        });
      }

      // Table = direct SQL over the base tables.
      const special = await directSpecial(path, termId);
      for (const row of tables.special.rows.filter((one) => !one.total)) {
        const sql = special.get(row.key);
        const [listed, enrolled, , , aided, notAided, waived, , , , , unreported] = row.cells as number[];
        expect({ listed, enrolled, aided, notAided, waived, unreported }).toEqual({
          listed: sql?.listed ?? 0,
          enrolled: sql?.enrolled ?? 0,
          aided: sql?.aided ?? 0,
          notAided: (sql?.enrolled ?? 0) - (sql?.aided ?? 0),
          waived: sql?.waived ?? 0,
          unreported: sql?.unreported ?? 0,
        });
      }
      const byStage = await directAid(path, termId, "stage");
      for (const group of STAGE_GROUPS) {
        const of = byStage.filter((row) => (group.stages as readonly string[]).includes(row.key));
        const total = (pick: (row: (typeof of)[number]) => number) =>
          of.reduce((acc, row) => acc + pick(row), 0);
        expect(figures(tables.stage)[group.label]).toEqual([
          total((row) => row.persons),
          total((row) => row.personTimes),
          total((row) => row.amountFen),
          total((row) => row.paidFen),
        ]);
      }
      const byProgramme = await directAid(path, termId, "programme");
      for (const sql of byProgramme) {
        const row = tables.programme.rows.find((one) => one.key === sql.key)!;
        expect(row.cells.slice(1)).toEqual([sql.persons, sql.personTimes, sql.amountFen, sql.paidFen]);
      }
      expect(tables.programme.rows.filter((row) => !row.total)).toHaveLength(byProgramme.length);
      const byLevel = await directAid(path, termId, "level");
      for (const row of tables.level.rows.filter((one) => !one.total)) {
        const sql = byLevel.find((one) => one.key === row.key);
        expect(row.cells).toEqual([
          sql?.persons ?? 0,
          sql?.personTimes ?? 0,
          sql?.amountFen ?? 0,
          sql?.paidFen ?? 0,
        ]);
      }
      const [all] = await directAid(path, termId, "county").then((rows) => [
        rows.reduce(
          (acc, row) => ({
            personTimes: acc.personTimes + row.personTimes,
            amountFen: acc.amountFen + row.amountFen,
            paidFen: acc.paidFen + row.paidFen,
          }),
          { personTimes: 0, amountFen: 0, paidFen: 0 },
        ),
      ]);
      const total = tables.stage.rows.find((row) => row.total)!.cells;
      expect(total.slice(1)).toEqual([all!.personTimes, all!.amountFen, all!.paidFen]);
      expect(tables.area.rows.find((row) => row.total)!.cells).toEqual(total);
      const trendRow = tables.trend.rows.find((row) => row.key === termId)!;
      expect(trendRow.cells).toEqual(total);
    });
  }
});

describe("freshness (数据截至)", () => {
  it("shows the time of the earliest change not yet in the figures, and the change once refreshed", async () => {
    await drainRollups();
    const before = await view(county);
    const aided = (v: StatisticsView) => v.tables.special.rows.find((row) => row.total)!.cells[4] as number;
    // A special-group student without aid in 天河区 is put on an approved roster.
    const [candidate] = await db().$queryRaw<{ studentId: string; schoolId: string }[]>`
      SELECT st."id" AS "studentId", st."schoolId" FROM "SpecialGroupEntry" e
      JOIN "Student" st ON st."personId" = e."personId" AND st."schoolId" = e."schoolId" AND st."status" = 'IN_SCHOOL'
      JOIN "School" sc ON sc."id" = st."schoolId" JOIN "Region" rg ON rg."id" = sc."regionId"
      WHERE rg."code" = '440106' AND NOT EXISTS (
        SELECT 1 FROM "RosterEntry" re JOIN "Roster" r ON r."id" = re."rosterId"
        WHERE re."studentId" = st."id" AND r."termId" = ${ids.current} AND r."state" = 'APPROVED')
      LIMIT 1`;
    const programme = await db().aidProgramme.findFirstOrThrow({ where: { code: "senior_fee_waiver" } });
    const admin = await db().user.findFirstOrThrow({ where: { role: "SCHOOL_ADMIN" } });
    const changedAt = new Date();
    await db().roster.create({
      data: {
        termId: ids.current,
        programmeId: programme.id,
        schoolId: candidate!.schoolId,
        month: 11,
        state: "APPROVED",
        approvedById: admin.id,
        approvedAt: new Date(),
        entries: { create: [{ studentId: candidate!.studentId, amountFen: 60_000 }] },
      },
    });
    const pending = await view(county);
    expect(aided(pending)).toBe(aided(before));
    expect(pending.asOf.getTime()).toBeLessThanOrEqual(Date.now());
    expect(pending.asOf.getTime()).toBeGreaterThanOrEqual(changedAt.getTime() - 5_000);
    await drainRollups();
    const after = await view(county);
    expect(aided(after)).toBe(aided(before) + 1);
    expect(after.asOf.getTime()).toBeGreaterThan(pending.asOf.getTime());
  });
});

describe("the plain GROUP BY baseline (bench/)", () => {
  it("computes from the base tables the totals the rollups give", async () => {
    const { tables } = await view(city);
    const direct = await computeRegionStatistics(db(), "/440000/440100/", ids.current);
    const add = (
      rows: Record<string, unknown>[],
      field: string,
      where: (row: Record<string, unknown>) => boolean = () => true,
    ) => rows.filter(where).reduce((acc, row) => acc + Number(row[field]), 0);
    const total = tables.stage.rows.find((row) => row.total)!.cells;
    expect([
      add(direct.students, "persons"),
      add(direct.programmes, "personTimes"),
      add(direct.programmes, "amountFen"),
    ]).toEqual(total.slice(0, 3));
    const all = tables.special.rows.find((row) => row.total)!.cells;
    expect(add(direct.special, "enrolled", (row) => row.category === "ALL")).toBe(all[1]);
    expect(add(direct.special, "aided", (row) => row.category === "ALL")).toBe(all[4]);
  });
});

describe("the demo data", () => {
  it("has aided and not aided special-group students with reasons, several stages and amounts", async () => {
    const { tables } = await view(county);
    const total = tables.special.rows.find((row) => row.total)!.cells as number[];
    expect(total[4]).toBeGreaterThan(0); // aided
    expect(total[5]).toBeGreaterThan(0); // not aided
    expect(total.slice(6, 11).some((n) => n > 0)).toBe(true); // with a reason
    expect(
      tables.stage.rows.filter((row) => !row.total && (row.cells[0] as number) > 0).length,
    ).toBeGreaterThan(2);
    expect(tables.trend.rows.filter((row) => (row.cells[0] as number) > 0)).toHaveLength(2);
  });
});

describe("a city", () => {
  it("shows exactly the sums of its counties, each a drill-down link", async () => {
    const [gz, tianhe, haizhu] = await Promise.all([
      view(city),
      view(city, { region: ids.tianhe }),
      view(city, { region: ids.haizhu }),
    ]);
    // 南武中学's two aided students and the two on 职业技术学校's confirmed 中职 monthly lists
    // (lib/db/seed/vocational-lists.ts: a list counts as approved once its publicity is confirmed).
    expect(haizhu.tables.stage.rows.find((row) => row.total)!.cells[0]).toBe(4);
    const totals = (v: StatisticsView, key: "stage" | "area") =>
      v.tables[key].rows.find((row) => row.total)!.cells;
    const sum = (a: (string | number)[], b: (string | number)[]) =>
      a.map((x, i) => (typeof x === "number" ? x + (b[i] as number) : x));
    expect(totals(gz, "stage")).toEqual(sum(totals(tianhe, "stage"), totals(haizhu, "stage")));
    for (const row of gz.tables.special.rows) {
      const t = tianhe.tables.special.rows.find((one) => one.key === row.key)?.cells ?? [];
      const h = haizhu.tables.special.rows.find((one) => one.key === row.key)?.cells ?? [];
      row.cells.forEach((cell, i) => {
        if (typeof cell === "number") expect(cell).toBe(((t[i] as number) ?? 0) + ((h[i] as number) ?? 0));
      });
    }
    const area = (label: string) => gz.tables.area.rows.find((row) => row.label === label)!;
    expect(area("天河区").cells).toEqual(totals(tianhe, "area"));
    expect(area("海珠区").cells).toEqual(totals(haizhu, "area"));
    expect(area("天河区").href).toContain(`region=${ids.tianhe}`);
    expect(tianhe.trail.map((one) => one.name)).toEqual(["广州市", "天河区"]);
  });

  it("filters by stage: 普高 alone is the 普高 row of all stages", async () => {
    const all = await view(city);
    const senior = await view(city, { stage: "senior" });
    expect(senior.tables.stage.rows.find((row) => row.total)!.cells).toEqual(
      all.tables.stage.rows.find((row) => row.label === "普高")!.cells,
    );
  });
});

describe("access", () => {
  it("a county never sees another county's statistics or export by id tampering", async () => {
    for (const region of [ids.haizhu, ids.gz]) {
      const shown = await viewStatistics(county, { region });
      expect(shown.ok ? "shown" : shown.code).toBe("NOT_FOUND");
      const file = await statisticsExport(county, { region, table: "special" });
      expect(file.ok ? "exported" : file.code).toBe("NOT_FOUND");
    }
    const own = await view(other);
    expect(own.tables.area.rows.map((row) => row.label)).not.toContain("广州市天河区龙洞小学");
    expect(own.tables.stage.rows.find((row) => row.total)!.cells[0]).toBe(4);
  });

  it("refuses other roles and bad filters, and audits each export", async () => {
    const admin = await db().user.findFirstOrThrow({ where: { username: "admin_sen" } });
    const refused = await viewStatistics(sessionUser(admin), {});
    expect(refused.ok ? "shown" : refused.code).toBe("FORBIDDEN");
    const bad = await viewStatistics(county, { stage: "kindergarten'--" });
    expect(bad.ok ? "shown" : bad.code).toBe("INVALID");
    const term = await viewStatistics(county, { term: "no-such-term" });
    expect(term.ok ? "shown" : term.code).toBe("NOT_FOUND");
    const before = await db().auditLog.count({
      where: { action: "statistics.export", actorUserId: county.id },
    });
    await statisticsExport(county, { table: "stage" });
    expect(
      await db().auditLog.count({ where: { action: "statistics.export", actorUserId: county.id } }),
    ).toBe(before + 1);
  });
});
