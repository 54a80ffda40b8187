/**
 * The supervisor's region queries (lib/services/region-queries.ts) on the real database: each list's rows
 * against a direct SQL count, the filters, paging (LIMIT/OFFSET pages and keyset export pages agree), the
 * reach (another county's school code or person id is NOT_FOUND, never an empty answer), the aid history
 * across terms and schools, the full ID number of a special-group student and the exports, audited with the
 * filter and never the data.
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { SessionUser } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import { listDeterminations, subtreeReach } from "@/lib/db/region-queries.repo";
import {
  prepareRegionQueryExport,
  revealPersonIdNumber,
  viewAidHistory,
  viewDeterminations,
  viewHukou,
  viewSpecialGroup,
} from "@/lib/services/region-queries";
import { makeApplication, makeRoster } from "../support/determination-fixtures";
import {
  makeCurrentTerm,
  makeRegionTree,
  makeSchool,
  makeStaff,
  type StudentFixture,
} from "../support/fixtures";
import { sessionUser } from "../support/session-user";
import { memoryWriter } from "../support/student-roster-file";

type Region = { id: string; code: string; path: string };
type SchoolFx = Awaited<ReturnType<typeof makeSchool>>;
const supervisorOf = async (region: Region) =>
  sessionUser((await makeStaff("SUPERVISOR", { regionId: region.id })).user, { regionPath: region.path });

let countyA: Region, countyB: Region, city: Region;
let supA: SessionUser, supB: SessionUser, supCity: SessionUser, adminA: SessionUser;
let a1: SchoolFx, a2: SchoolFx, b1: SchoolFx, bJunior: SchoolFx;
let termId: string, previousTermId: string;
/** Studies in A, registered in B, on the orphan list, with a history at B's junior school last term. */
let mover: StudentFixture;
/** Studies in B, registered in A (本地户籍外地就读 for A), on the minimum-living list. */
let outward: StudentFixture;
/** Studies in A, no special group, registered in A. */
let plain: StudentFixture;

const hukou = (student: StudentFixture, region: Region) =>
  db().person.update({ where: { id: student.person.id }, data: { hukouRegionId: region.id } });

const lastAudit = (action: string, actorId: string) =>
  db().auditLog.findFirst({ where: { action, actorUserId: actorId }, orderBy: { id: "desc" } });

beforeAll(async () => {
  const treeA = await makeRegionTree();
  const treeB = await makeRegionTree();
  countyA = treeA.county;
  countyB = treeB.county;
  city = treeA.city;
  ({
    term: { id: termId },
  } = await makeCurrentTerm({ stage: "SENIOR" }));
  a1 = await makeSchool(countyA.id, "SENIOR");
  a2 = await makeSchool(countyA.id, "JUNIOR");
  b1 = await makeSchool(countyB.id, "SENIOR");
  bJunior = await makeSchool(countyB.id, "JUNIOR");
  [supA, supB, supCity] = await Promise.all([
    supervisorOf(countyA),
    supervisorOf(countyB),
    supervisorOf(city),
  ]);
  adminA = sessionUser((await makeStaff("SCHOOL_ADMIN", { schoolId: a1.school.id })).user);

  // Determinations: four in A (one special-group orphan, one 不困难 junior), two in B, one not yet determined.
  ({ student: mover } = await makeApplication(a1, "determined", {
    level: "SPECIAL",
    categories: ["ORPHAN"],
  }));
  ({ student: plain } = await makeApplication(a1, "determined", { level: "HARDSHIP" }));
  await makeApplication(a1, "determined", { level: "GENERAL" });
  await makeApplication(a2, "determined", { level: "NONE" });
  await makeApplication(a1, "verified");
  ({ student: outward } = await makeApplication(b1, "determined", {
    level: "HARDSHIP",
    categories: ["MINIMUM_LIVING"],
  }));
  await makeApplication(b1, "determined", { level: "SPECIAL" });
  await hukou(mover, countyB);
  await hukou(outward, countyA);
  await hukou(plain, countyA);

  // The mover's earlier enrolment at B's junior school, with an application, determination and paid aid.
  const previous = await db().aidTerm.create({
    data: {
      academicYear: "2020-2021",
      semester: "SPRING",
      name: "2020-2021学年春季学期",
      applyStart: new Date("2021-03-01"),
      applyEnd: new Date("2021-03-10"),
      verifyDeadline: new Date("2021-03-20"),
      reviewDeadline: new Date("2021-03-30"),
    },
  });
  previousTermId = previous.id;
  const earlier = await db().student.create({
    data: {
      personId: mover.person.id,
      schoolId: bJunior.school.id,
      gradeId: bJunior.grade.id,
      classId: bJunior.klass.id,
      stage: "JUNIOR",
      studentNo: `G${mover.idNumber}`,
      enrolledOn: new Date("2018-09-01"),
      programmeYears: 3,
      status: "GRADUATED",
    },
  });
  const oldApp = await db().application.create({
    data: {
      termId: previousTermId,
      personId: mover.person.id,
      studentId: earlier.id,
      schoolId: bJunior.school.id,
      classId: bJunior.klass.id,
      state: "determined",
      commitmentSignedAt: new Date("2021-03-05"),
      submittedAt: new Date("2021-03-05"),
      verifiedAt: new Date("2021-03-12"),
      reviewedAt: new Date("2021-03-20"),
    },
  });
  const model = await db().scoringModel.findFirstOrThrow({ select: { id: true } });
  await db().determination.create({
    data: {
      applicationId: oldApp.id,
      scoringModelId: model.id,
      simulatedScore: 60,
      simulatedLevel: "HARDSHIP",
      explanation: {},
      finalLevel: "HARDSHIP",
      determinedAt: new Date("2021-03-25"),
    },
  });
  const programme = await db().aidProgramme.create({
    data: {
      code: `old_junior_${Date.now()}`,
      name: "义务教育寄宿生生活补助",
      stage: "JUNIOR",
      kind: "SUBSIDY",
    },
  });
  const oldRoster = await db().roster.create({
    data: {
      termId: previousTermId,
      programmeId: programme.id,
      schoolId: bJunior.school.id,
      state: "APPROVED",
      approvedById: supB.id,
      approvedAt: new Date("2021-03-31"),
      entries: {
        create: [
          {
            studentId: earlier.id,
            applicationId: oldApp.id,
            level: "HARDSHIP",
            amountFen: 62_500,
            paidAmountFen: 62_500,
            paidAt: new Date("2021-04-01"),
          },
        ],
      },
    },
  });
  // Its payment, then a correction: one aid record (受助记录, migration 510) of 625 元 for that semester.
  for (const [kind, amountFen] of [
    ["PAYMENT", 60_000],
    ["CORRECTION", 62_500],
  ] as const)
    await db().rosterPayment.create({
      data: {
        rosterId: oldRoster.id,
        studentId: earlier.id,
        kind,
        amountFen,
        reason: kind === "CORRECTION" ? "补发25元" : null,
        previousAmountFen: kind === "CORRECTION" ? 60_000 : null,
        at: new Date(kind === "PAYMENT" ? "2021-04-01" : "2021-04-02"),
      },
    });
  // This term at A's senior school: on a paid roster.
  const moverApp = await db().application.findFirstOrThrow({
    where: { personId: mover.person.id, termId },
    select: { id: true },
  });
  await makeRoster(a1.school.id, [{ studentId: mover.student.id, applicationId: moverApp.id, paid: true }]);
});

/** The direct count the lists must agree with: determined applications of the term at the region's schools. */
async function directDeterminationCount(regionPath: string, extra = "") {
  const rows = await db().$queryRawUnsafe<{ n: number }[]>(
    `SELECT count(*)::int AS n FROM "Application" a JOIN "Determination" d ON d."applicationId" = a.id
       JOIN "School" s ON s.id = a."schoolId" JOIN "Region" r ON r.id = s."regionId"
     WHERE a."termId" = $1 AND a.state = 'determined' AND d."finalLevel" IS NOT NULL
       AND r.path LIKE $2 || '%' ${extra}`,
    termId,
    regionPath,
  );
  return rows[0]!.n;
}

describe("困难学生认定结果查看", () => {
  it("lists the term's determinations of the own county's schools only, masked, as a direct count says", async () => {
    const result = await viewDeterminations(supA, {});
    if (!result.ok) throw new Error(result.message);
    expect(result.data.window.total).toBe(await directDeterminationCount(countyA.path));
    expect(result.data.rows).toHaveLength(4);
    const schoolIds = new Set(result.data.rows.map((row) => row.schoolId));
    expect(schoolIds).toEqual(new Set([a1.school.id, a2.school.id]));
    const moverRow = result.data.rows.find((row) => row.personId === mover.person.id)!;
    expect(moverRow.idMasked).toMatch(/\*{6,}/);
    expect(JSON.stringify(result.data)).not.toContain(mover.idNumber);
    expect(moverRow.categories).toEqual(["ORPHAN"]);

    const cityResult = await viewDeterminations(supCity, {});
    expect(cityResult.ok && cityResult.data.window.total).toBe(await directDeterminationCount(city.path));
  });

  it("filters by level, stage, school, special group and term", async () => {
    const total = async (raw: Record<string, string>) => {
      const result = await viewDeterminations(supA, raw);
      if (!result.ok) throw new Error(result.message);
      return result.data.window.total;
    };
    expect(await total({ level: "SPECIAL" })).toBe(
      await directDeterminationCount(countyA.path, `AND d."finalLevel" = 'SPECIAL'`),
    );
    expect(await total({ stage: "JUNIOR" })).toBe(1);
    expect(await total({ schoolCode: a1.school.code })).toBe(3);
    expect(await total({ category: "ORPHAN" })).toBe(1);
    expect(await total({ category: "MINIMUM_LIVING" })).toBe(0);
    expect(await total({ termId: previousTermId })).toBe(0);
    const previousInB = await viewDeterminations(supB, { termId: previousTermId });
    expect(previousInB.ok && previousInB.data.rows.map((row) => row.personId)).toEqual([mover.person.id]);
  });

  it("answers another county's school code NOT_FOUND, and bad filters INVALID naming the field", async () => {
    const other = await viewDeterminations(supA, { schoolCode: b1.school.code });
    expect(other).toMatchObject({
      ok: false,
      code: "NOT_FOUND",
      fieldErrors: { schoolCode: expect.any(String) },
    });
    const bad = await viewDeterminations(supA, { stage: "HIGH", level: "x", page: "-1" });
    expect(bad.ok).toBe(false);
    if (bad.ok) return;
    expect(bad.code).toBe("INVALID");
    expect(Object.keys(bad.fieldErrors ?? {}).sort()).toEqual(["level", "page", "stage"]);
    const unknownTerm = await viewDeterminations(supA, { termId: "nosuchterm" });
    expect(unknownTerm).toMatchObject({
      ok: false,
      code: "NOT_FOUND",
      fieldErrors: { termId: expect.any(String) },
    });
  });

  it("pages by OFFSET and by keyset to the same rows, with nothing lost or repeated at the boundaries", async () => {
    const { schoolIds } = await subtreeReach({
      role: "SUPERVISOR",
      userId: supA.id,
      regionPath: countyA.path,
    });
    const filter = { termId, schoolIds };
    const all = await listDeterminations(filter, { limit: 100 });
    expect(all).toHaveLength(4);
    const byOffset = [
      ...(await listDeterminations(filter, { limit: 3, offset: 0 })),
      ...(await listDeterminations(filter, { limit: 3, offset: 3 })),
    ];
    expect(await listDeterminations(filter, { limit: 3, offset: 6 })).toEqual([]);
    const first = await listDeterminations(filter, { limit: 3 });
    const rest = await listDeterminations(filter, { limit: 3, after: first[2]! });
    expect(byOffset.map((row) => row.id)).toEqual(all.map((row) => row.id));
    expect([...first, ...rest].map((row) => row.id)).toEqual(all.map((row) => row.id));
    // A page past the end is clamped to the last page.
    const far = await viewDeterminations(supA, { page: "99" });
    expect(far.ok && far.data.window).toMatchObject({ page: 1, pages: 1 });
  });

  it("is refused to a school's staff", async () => {
    expect(await viewDeterminations(adminA, {})).toMatchObject({ ok: false, code: "FORBIDDEN" });
  });
});

describe("重点保障人群信息查询", () => {
  it("lists special-group students studying in the county, as a direct count says, by category and source", async () => {
    const result = await viewSpecialGroup(supA, {});
    if (!result.ok) throw new Error(result.message);
    const [counted] = await db().$queryRawUnsafe<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM "SpecialGroupEntry" e JOIN "Student" st ON st."personId" = e."personId"
         AND st.status IN ('IN_SCHOOL', 'SUSPENDED') JOIN "School" s ON s.id = st."schoolId"
         JOIN "Region" r ON r.id = s."regionId" WHERE r.path LIKE $1 || '%'`,
      countyA.path,
    );
    expect(result.data.window.total).toBe(counted!.n);
    expect(result.data.rows.map((row) => row.personId)).toEqual([mover.person.id]);
    expect(result.data.rows[0]).toMatchObject({
      category: "ORPHAN",
      source: "CENTRAL",
      schoolName: a1.school.name,
    });
    const bySource = await viewSpecialGroup(supA, { source: "SCHOOL" });
    expect(bySource.ok && bySource.data.window.total).toBe(0);
    const inB = await viewSpecialGroup(supB, { category: "MINIMUM_LIVING" });
    expect(inB.ok && inB.data.rows.map((row) => row.personId)).toEqual([outward.person.id]);
    expect(await viewSpecialGroup(supA, { schoolCode: bJunior.school.code })).toMatchObject({
      ok: false,
      code: "NOT_FOUND",
    });
  });
});

describe("本地户籍外地就读学生", () => {
  it("lists people registered in the county studying outside it, and the converse, with breakdowns", async () => {
    const out = await viewHukou(supA, { direction: "out", category: "ALL" });
    if (!out.ok) throw new Error(out.message);
    expect(out.data.rows.map((row) => row.personId)).toEqual([outward.person.id]);
    expect(out.data.rows[0]).toMatchObject({ schoolName: b1.school.name, stage: "SENIOR" });
    expect(out.data.breakdown.total).toBe(1);
    expect(out.data.breakdown.byStage.SENIOR).toBe(1);
    expect(out.data.breakdown.regions).toEqual([expect.objectContaining({ path: countyA.path, total: 1 })]);

    const inward = await viewHukou(supA, { direction: "in", category: "ALL" });
    if (!inward.ok) throw new Error(inward.message);
    expect(inward.data.rows.map((row) => row.personId)).toEqual([mover.person.id]);

    // B sees the same two people from the other side.
    const outB = await viewHukou(supB, { direction: "out", category: "ALL" });
    expect(outB.ok && outB.data.rows.map((row) => row.personId)).toEqual([mover.person.id]);
    // The city contains both counties: nobody crosses its border.
    const cityOut = await viewHukou(supCity, { direction: "out", category: "ALL" });
    expect(cityOut.ok && cityOut.data.window.total).toBe(0);
  });

  it("filters by special group (default: any category) and stage", async () => {
    const anyGroup = await viewHukou(supA, { direction: "in" });
    expect(anyGroup.ok && anyGroup.data.rows.map((row) => row.personId)).toEqual([mover.person.id]);
    const orphan = await viewHukou(supA, { direction: "in", category: "ORPHAN" });
    expect(orphan.ok && orphan.data.window.total).toBe(1);
    const other = await viewHukou(supA, { direction: "in", category: "MINIMUM_LIVING" });
    expect(other.ok && other.data.window.total).toBe(0);
    const junior = await viewHukou(supA, { direction: "in", stage: "JUNIOR" });
    expect(junior.ok && junior.data.window.total).toBe(0);
    expect(await viewHukou(supA, { direction: "sideways" })).toMatchObject({
      ok: false,
      code: "INVALID",
      fieldErrors: { direction: expect.any(String) },
    });
  });
});

describe("受助情况 (档案全学段衔接)", () => {
  it("shows a person's applications, determinations and paid aid in every term and school", async () => {
    const result = await viewAidHistory(supA, mover.person.id);
    if (!result.ok) throw new Error(result.message);
    const { applications, rosterEntries, enrolments, entries, aidRecords } = result.data;
    expect(
      applications.map((app) => [app.term.name, app.school.name, app.determination?.finalLevel]),
    ).toEqual([
      ["2020-2021学年春季学期", bJunior.school.name, "HARDSHIP"],
      [expect.any(String), a1.school.name, "SPECIAL"],
    ]);
    expect(rosterEntries.map((entry) => [entry.roster.school.name, entry.paidAmountFen])).toEqual([
      [bJunior.school.name, 62_500],
      [a1.school.name, 100_000],
    ]);
    // The aid records: the old semester's, corrected to 625 元 (this term's roster was paid without a payment record).
    expect(
      aidRecords.map((r) => [r.period, r.school.name, r.amountFen, r.state, r.paidAt.toISOString()]),
    ).toEqual([
      [
        expect.stringMatching(/^\d{4}-\d{4}-SPRING$/),
        bJunior.school.name,
        62_500,
        "PAID",
        "2021-04-01T00:00:00.000Z",
      ],
    ]);
    expect(enrolments.map((e) => [e.school.name, e.status, result.data.inRegion(e.school)])).toEqual([
      [bJunior.school.name, "GRADUATED", false],
      [a1.school.name, "IN_SCHOOL", true],
    ]);
    expect(entries.map((entry) => entry.category)).toEqual(["ORPHAN"]);
    expect(JSON.stringify(result.data)).not.toContain(mover.idNumber);
  });

  it("follows a person registered in the county who studies elsewhere, and nobody else", async () => {
    expect((await viewAidHistory(supA, outward.person.id)).ok).toBe(true);
    // The mover graduated from B's school and is registered in B: B still follows them by registration…
    expect((await viewAidHistory(supB, mover.person.id)).ok).toBe(true);
    // …but a person who neither studies nor is registered in B is not found (id tampering).
    expect(await viewAidHistory(supB, plain.person.id)).toMatchObject({ ok: false, code: "NOT_FOUND" });
    expect(await viewAidHistory(supA, "no such id")).toMatchObject({ ok: false, code: "NOT_FOUND" });
  });
});

describe("full ID numbers and exports", () => {
  it("reveals a special-group student's full ID number on request, audited; refuses others", async () => {
    const revealed = await revealPersonIdNumber(supA, mover.person.id, "10.0.0.9");
    expect(revealed).toEqual({ ok: true, data: { idNumber: mover.idNumber } });
    const entry = await lastAudit("region_query.id_revealed", supA.id);
    expect(entry).toMatchObject({ targetType: "Person", targetId: mover.person.id, ip: "10.0.0.9" });
    expect(JSON.stringify(entry?.detail)).not.toContain(mover.idNumber);

    expect(await revealPersonIdNumber(supA, plain.person.id)).toMatchObject({ ok: false, code: "REFUSED" });
    const before = await db().auditLog.count({ where: { action: "region_query.id_revealed" } });
    // The plain student neither studies nor is registered in B: not found, and nothing audited.
    expect(await revealPersonIdNumber(supB, plain.person.id)).toMatchObject({ ok: false, code: "NOT_FOUND" });
    expect(await db().auditLog.count({ where: { action: "region_query.id_revealed" } })).toBe(before);
  });

  it("exports the filtered list in keyset pages, audited with the filter and never the data", async () => {
    const prepared = await prepareRegionQueryExport(supA, "determinations", { level: "SPECIAL" }, "10.0.0.8");
    if (!prepared.ok) throw new Error(prepared.message);
    const writer = memoryWriter();
    expect(await prepared.data.fill(writer)).toBe(1);
    expect(writer.rows).toEqual([
      [
        mover.name,
        mover.person.idNumberMasked,
        a1.school.name,
        expect.any(String),
        "1班",
        "普通高中",
        "特别困难",
        expect.any(String),
        "孤儿",
      ],
    ]);
    const entry = await lastAudit("region_query.export", supA.id);
    expect(entry?.detail).toEqual({ query: "determinations", fullId: false, level: "SPECIAL", termId });
    expect(JSON.stringify(entry?.detail)).not.toContain(mover.name);
  });

  it("puts full ID numbers in a special-group export only when asked, and never in the determinations'", async () => {
    const masked = await prepareRegionQueryExport(supA, "special-groups", {});
    const full = await prepareRegionQueryExport(supA, "special-groups", { fullId: "1" });
    if (!masked.ok || !full.ok) throw new Error("refused");
    const maskedRows = memoryWriter();
    const fullRows = memoryWriter();
    await masked.data.fill(maskedRows);
    await full.data.fill(fullRows);
    expect(maskedRows.rows.map((row) => row[1])).toEqual([mover.person.idNumberMasked]);
    expect(fullRows.rows.map((row) => row[1])).toEqual([mover.idNumber]);
    expect((await lastAudit("region_query.export", supA.id))?.detail).toMatchObject({ fullId: true });

    expect(await prepareRegionQueryExport(supA, "determinations", { fullId: "1" })).toMatchObject({
      ok: false,
      code: "INVALID",
      fieldErrors: { fullId: expect.any(String) },
    });
  });

  it("refuses another county's school in an export's filter without writing an audit entry", async () => {
    const before = await db().auditLog.count({
      where: { action: "region_query.export", actorUserId: supA.id },
    });
    expect(
      await prepareRegionQueryExport(supA, "special-groups", { schoolCode: b1.school.code }),
    ).toMatchObject({
      ok: false,
      code: "NOT_FOUND",
    });
    expect(await prepareRegionQueryExport(supA, "nonsense", {})).toMatchObject({
      ok: false,
      code: "NOT_FOUND",
    });
    expect(await prepareRegionQueryExport(adminA, "hukou", {})).toMatchObject({
      ok: false,
      code: "FORBIDDEN",
    });
    expect(
      await db().auditLog.count({ where: { action: "region_query.export", actorUserId: supA.id } }),
    ).toBe(before);
  });

  it("exports the hukou list of the chosen direction", async () => {
    const prepared = await prepareRegionQueryExport(supA, "hukou", { direction: "out", category: "ALL" });
    if (!prepared.ok) throw new Error(prepared.message);
    const writer = memoryWriter();
    await prepared.data.fill(writer);
    expect(writer.rows.map((row) => [row[0], row[3]])).toEqual([[outward.name, b1.school.name]]);
  });
});

describe("an export longer than one keyset page", () => {
  const ROWS = 2_345;
  let bulk: SchoolFx;

  beforeAll(async () => {
    bulk = await makeSchool(countyA.id, "SENIOR");
    const model = await db().scoringModel.findFirstOrThrow({ select: { id: true } });
    const { school, grade, klass } = bulk;
    await db().$executeRawUnsafe(
      `INSERT INTO "Person"(id, name, gender, "idType", "idNumberCipher", "idNumberHash", "idNumberMasked", "updatedAt")
       SELECT 'bulkp' || n, '批量' || lpad(n::text, 4, '0'), 'MALE', 'RESIDENT_ID', 'x', 'bulk-h' || n,
         '4401**********' || lpad(n::text, 4, '0'), now() FROM generate_series(1, ${ROWS}) n`,
    );
    await db().$executeRawUnsafe(
      `INSERT INTO "Student"(id, "personId", "schoolId", "gradeId", "classId", stage, "studentNo", "enrolledOn", "programmeYears", "updatedAt")
       SELECT 'bulks' || n, 'bulkp' || n, $1, $2, $3, 'SENIOR', 'B' || lpad(n::text, 8, '0'), DATE '2026-09-01', 3, now()
       FROM generate_series(1, ${ROWS}) n`,
      school.id,
      grade.id,
      klass.id,
    );
    await db().$executeRawUnsafe(
      `INSERT INTO "Application"(id, "termId", "personId", "studentId", "schoolId", "classId", state,
         "commitmentSignedAt", "submittedAt", "verifiedAt", "reviewedAt", "updatedAt")
       SELECT 'bulka' || n, $1, 'bulkp' || n, 'bulks' || n, $2, $3, 'determined', now(), now(), now(), now(), now()
       FROM generate_series(1, ${ROWS}) n`,
      termId,
      school.id,
      klass.id,
    );
    await db().$executeRawUnsafe(
      `INSERT INTO "Determination"("applicationId", "scoringModelId", "simulatedScore", "simulatedLevel", explanation,
         "finalLevel", "determinedAt", "updatedAt")
       SELECT 'bulka' || n, $1, 50, 'HARDSHIP', '{}', 'HARDSHIP', now(), now() FROM generate_series(1, ${ROWS}) n`,
      model.id,
    );
  });

  it("writes every row once, in the pages' order, waiting for the download between keyset pages", async () => {
    const prepared = await prepareRegionQueryExport(supA, "determinations", { schoolCode: bulk.school.code });
    if (!prepared.ok) throw new Error(prepared.message);
    const writer = { ...memoryWriter(), waits: 0 };
    const written = await prepared.data.fill({ ...writer, ready: async () => void writer.waits++ });
    expect(written).toBe(ROWS);
    const names = writer.rows.map((row) => row[0]);
    expect(new Set(names).size).toBe(ROWS);
    expect(writer.waits).toBe(3); // 1,000 + 1,000 + 345
    const page1 = await viewDeterminations(supA, { schoolCode: bulk.school.code });
    const page47 = await viewDeterminations(supA, { schoolCode: bulk.school.code, page: "47" });
    if (!page1.ok || !page47.ok) throw new Error("refused");
    expect(page1.data.window).toMatchObject({ total: ROWS, pages: 47, capped: false });
    expect(page1.data.rows.map((row) => row.name)).toEqual(names.slice(0, 50));
    expect(page47.data.rows.map((row) => row.name)).toEqual(names.slice(2_300));
  });
});
