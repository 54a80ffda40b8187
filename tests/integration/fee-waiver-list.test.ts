/**
 * 普高 免学杂费 lists on the real database (lib/services/fee-waiver-list.ts, fee-waiver-payments.ts): building
 * from determinations and special groups, the review chain with a county refusal sent back for editing and an
 * append-only history, the database refusing impossible states and frozen entries, scope (another county or the
 * city above cannot review, a school cannot do the supervisor review), and 资金发放查看's five filters proven
 * against direct SQL counts, with its export.
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { SessionUser } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import { FEE_WAIVER_FLAGS } from "@/lib/domain/fee-waiver-list";
import {
  buildFeeWaiverList,
  changeFeeWaiverList,
  loadFeeWaiverList,
  loadFeeWaiverLists,
} from "@/lib/services/fee-waiver-list";
import { prepareFeeWaiverExport, viewFeeWaiverPayments } from "@/lib/services/fee-waiver-payments";
import { COMFORTABLE, makeApplication } from "../support/determination-fixtures";
import { makeCurrentTerm, makeRegionTree, makeSchool, makeStaff, makeStudent } from "../support/fixtures";
import { seal } from "@/lib/crypto/keys";
import { sessionUser } from "../support/session-user";
import { memoryWriter } from "../support/student-roster-file";
import { ownerDb } from "../support/owner-db";

let school: Awaited<ReturnType<typeof makeSchool>>;
let otherSchool: Awaited<ReturnType<typeof makeSchool>>;
let termId: string;
let programmeId: string;
let officer: SessionUser;
let leader: SessionUser;
let county: SessionUser;
let city: SessionUser;
let otherCounty: SessionUser;
let otherOfficer: SessionUser;
let otherLeader: SessionUser;
let notQualifiedStudentId: string;
let unappliedStudentId: string;

async function supervisor(region: { id: string; path: string }) {
  const { user } = await makeStaff("SUPERVISOR", { regionId: region.id });
  return sessionUser(user, { regionPath: region.path });
}

beforeAll(async () => {
  const tree = await makeRegionTree();
  const other = await makeRegionTree();
  school = await makeSchool(tree.county.id, "SENIOR");
  otherSchool = await makeSchool(other.county.id, "SENIOR");
  const { term } = await makeCurrentTerm({ stage: "SENIOR" });
  termId = term.id;
  const programme = await db().aidProgramme.create({
    data: {
      code: `senior_fee_waiver_${Date.now()}`,
      name: "普通高中免学杂费",
      stage: "SENIOR",
      kind: "FEE_WAIVER",
      eligibleCategories: [
        "POVERTY_ALLEVIATED",
        "POVERTY_UNSTABLE",
        "MINIMUM_LIVING",
        "EXTREME_POVERTY_SUPPORT",
        "DISABLED_STUDENT",
      ],
    },
  });
  programmeId = programme.id;
  await db().termProgramme.create({
    data: { termId, programmeId, amountMode: "FIXED", fixedAmountFen: 60_000 },
  });
  // rural (POOR household) and urban (COMFORTABLE) students of every category, one with two categories
  const rural = undefined;
  const cases = [
    { categories: ["POVERTY_ALLEVIATED"], household: rural },
    { categories: ["POVERTY_UNSTABLE"], household: rural },
    { categories: ["MINIMUM_LIVING"], household: rural },
    { categories: ["MINIMUM_LIVING"], household: COMFORTABLE },
    { categories: ["EXTREME_POVERTY_SUPPORT"], household: rural },
    { categories: ["EXTREME_POVERTY_SUPPORT"], household: COMFORTABLE },
    { categories: ["DISABLED_STUDENT", "POVERTY_ALLEVIATED"], household: rural },
  ] as const;
  for (const one of cases)
    for (const s of [school, otherSchool])
      await makeApplication(s, "determined", {
        level: "HARDSHIP",
        categories: [...one.categories],
        household: one.household,
      });
  // determined 困难 but in no special group: not on a list whose programme has no eligible levels
  notQualifiedStudentId = (await makeApplication(school, "determined", { level: "HARDSHIP" })).student.student
    .id;
  // a 脱贫家庭 student who has not applied this term: on the list all the same (the special-group list decides)
  const unapplied = await makeStudent(school);
  unappliedStudentId = unapplied.student.id;
  const sealed = seal(unapplied.idNumber, "idNumber");
  await db().specialGroupEntry.create({
    data: {
      category: "POVERTY_UNSTABLE",
      source: "CENTRAL",
      name: unapplied.name,
      idNumberCipher: sealed.cipher,
      idNumberHash: sealed.hash,
      idNumberMasked: sealed.masked,
      schoolId: school.school.id,
      listYear: 2026,
      personId: unapplied.person.id,
      matchedAt: new Date(),
    },
  });
  officer = sessionUser((await makeStaff("SCHOOL_ADMIN", { schoolId: school.school.id })).user);
  leader = sessionUser((await makeStaff("SCHOOL_LEADER", { schoolId: school.school.id })).user);
  otherOfficer = sessionUser((await makeStaff("SCHOOL_ADMIN", { schoolId: otherSchool.school.id })).user);
  otherLeader = sessionUser((await makeStaff("SCHOOL_LEADER", { schoolId: otherSchool.school.id })).user);
  county = await supervisor(tree.county);
  city = await supervisor(tree.city);
  otherCounty = await supervisor(other.county);
});

async function step(user: SessionUser, listId: string, command: object) {
  const result = await changeFeeWaiverList(user, listId, command);
  if (!result.ok) throw new Error(result.message);
  return result.data.state;
}

async function build(user: SessionUser) {
  const built = await buildFeeWaiverList(user, { programmeId });
  if (!built.ok) throw new Error(built.message);
  return built.data;
}

describe("a 普高 fee-waiver list", () => {
  let listId: string;

  it("is built from the term's determinations and special groups, per 学年学期", async () => {
    const built = await build(officer);
    listId = built.listId;
    expect(built.added).toBe(8);
    const entries = await db().feeWaiverEntry.findMany({ where: { listId } });
    expect(entries.every((entry) => entry.amountFen === 60_000)).toBe(true);
    expect(entries.map((entry) => entry.studentId)).not.toContain(notQualifiedStudentId);
    expect(entries.find((entry) => entry.studentId === unappliedStudentId)).toMatchObject({
      applicationId: null,
    });
    // building again adds nobody twice
    expect((await build(officer)).added).toBe(0);
    const lists = await loadFeeWaiverLists(officer, {});
    if (!lists.ok) throw new Error(lists.message);
    expect(lists.data.term.id).toBe(termId);
    expect(lists.data.lists.map((list) => [list.id, list.entries, list.totalFen])).toEqual([
      [listId, 8, 8 * 60_000],
    ]);
  });

  it("goes through 学校审核 and 主管部门审核; a county refusal sends it back for editing", async () => {
    // over the programme's quota or budget in the term: not passed, nothing written (lib/domain/list-limits.ts)
    await db().termProgramme.updateMany({ where: { termId, programmeId }, data: { quota: 7 } });
    expect(await changeFeeWaiverList(leader, listId, { kind: "SCHOOL_REVIEW", pass: true })).toEqual({
      ok: false,
      code: "REFUSED",
      message:
        "不能学校审核通过：本名单8人，超过名额7人（多1人）。请调整名单，或请主管部门核定名额、预算后再试。",
    });
    await db().termProgramme.updateMany({
      where: { termId, programmeId },
      data: { quota: null, budgetFen: 8 * 60_000 - 1 },
    });
    expect(await changeFeeWaiverList(leader, listId, { kind: "SCHOOL_REVIEW", pass: true })).toMatchObject({
      ok: false,
      message: expect.stringContaining("本名单金额合计4800.00元，超过预算4799.99元（多0.01元）"),
    });
    await db().termProgramme.updateMany({ where: { termId, programmeId }, data: { budgetFen: null } });
    expect((await db().feeWaiverList.findUniqueOrThrow({ where: { id: listId } })).schoolReview).toBe(
      "PENDING",
    );
    expect(await step(leader, listId, { kind: "SCHOOL_REVIEW", pass: true })).toEqual({
      schoolReview: "PASSED",
      supervisorReview: "PENDING",
    });
    // frozen while the county reviews: the officer cannot remove a student
    const entry = await db().feeWaiverEntry.findFirstOrThrow({ where: { listId } });
    const frozen = await changeFeeWaiverList(officer, listId, { kind: "REMOVE_ENTRY", entryId: entry.id });
    expect(frozen).toMatchObject({ ok: false, code: "REFUSED" });
    // a refusal needs its reason
    const bare = await changeFeeWaiverList(county, listId, { kind: "SUPERVISOR_REVIEW", pass: false });
    expect(bare).toMatchObject({ ok: false, code: "REFUSED" });
    expect(
      await step(county, listId, { kind: "SUPERVISOR_REVIEW", pass: false, comment: "请核对残疾学生名单" }),
    ).toEqual({ schoolReview: "PASSED", supervisorReview: "REFUSED" });
    // the leader cannot pass it again unchanged; the officer edits it: both reviews back to 待审核
    expect(await changeFeeWaiverList(leader, listId, { kind: "SCHOOL_REVIEW", pass: true })).toMatchObject({
      ok: false,
      code: "REFUSED",
    });
    expect(
      await step(officer, listId, { kind: "REMOVE_ENTRY", entryId: entry.id, comment: "已转学" }),
    ).toEqual({
      schoolReview: "PENDING",
      supervisorReview: "PENDING",
    });
    expect(await db().feeWaiverEntry.count({ where: { listId } })).toBe(7);
    await step(leader, listId, { kind: "SCHOOL_REVIEW", pass: true });
    expect(await step(county, listId, { kind: "SUPERVISOR_REVIEW", pass: true })).toEqual({
      schoolReview: "PASSED",
      supervisorReview: "PASSED",
    });
    // Notifications in the same transactions (lib/services/notifications/staff-events.ts): the county heard
    // twice that the list awaits its review, the officer once of the refusal with its reason; nobody else.
    const heard = async (user: SessionUser) =>
      (
        await db().notification.findMany({
          where: { recipientId: user.id, link: { contains: listId } },
          orderBy: { id: "asc" },
        })
      ).map((row) => row.kind);
    expect(await heard(county)).toEqual(["LIST_AWAITING_CONFIRMATION", "LIST_AWAITING_CONFIRMATION"]);
    expect(await heard(officer)).toEqual(["SUPERVISOR_REFUSED"]);
    for (const user of [city, otherCounty, otherOfficer, leader]) expect(await heard(user)).toEqual([]);
    const view = await loadFeeWaiverList(county, listId);
    if (!view.ok) throw new Error(view.message);
    expect(view.data.history.map((row) => [row.action, row.comment])).toEqual([
      ["BUILD", "新增8人"],
      ["BUILD", "新增0人"],
      ["SCHOOL_REVIEW", null],
      ["SUPERVISOR_REVIEW", "请核对残疾学生名单"],
      ["REMOVE_ENTRY", expect.stringContaining("已转学")],
      ["SCHOOL_REVIEW", null],
      ["SUPERVISOR_REVIEW", null],
    ]);
    expect(view.data.history[3]).toMatchObject({
      fromState: { schoolReview: "PASSED", supervisorReview: "PENDING" },
      toState: { schoolReview: "PASSED", supervisorReview: "REFUSED" },
    });
    // a passed list cannot be rebuilt
    expect(await buildFeeWaiverList(officer, { programmeId })).toMatchObject({ ok: false, code: "REFUSED" });
  });

  it("is refused to the wrong reviewers and invisible outside scope", async () => {
    const other = await build(otherOfficer);
    // another county's supervisor and another school's staff: not found, nothing told
    expect(
      await changeFeeWaiverList(otherCounty, listId, { kind: "SUPERVISOR_REVIEW", pass: true }),
    ).toMatchObject({ ok: false, code: "NOT_FOUND" });
    expect(
      await changeFeeWaiverList(leader, other.listId, { kind: "SCHOOL_REVIEW", pass: true }),
    ).toMatchObject({
      ok: false,
      code: "NOT_FOUND",
    });
    expect(await loadFeeWaiverList(otherOfficer, listId)).toMatchObject({ ok: false, code: "NOT_FOUND" });
    await step(otherLeader, other.listId, { kind: "SCHOOL_REVIEW", pass: true });
    // the school cannot do the supervisor review; the officer cannot do the school's
    expect(
      await changeFeeWaiverList(otherLeader, other.listId, { kind: "SUPERVISOR_REVIEW", pass: true }),
    ).toMatchObject({ ok: false, code: "FORBIDDEN" });
    // the city above sees the list but cannot review it (only the school's own county)
    expect(await loadFeeWaiverList(city, other.listId)).toMatchObject({ ok: true });
    const cityOwn = await changeFeeWaiverList(city, other.listId, { kind: "SUPERVISOR_REVIEW", pass: true });
    expect(cityOwn).toMatchObject({ ok: false, code: "REFUSED" });
    expect(await db().feeWaiverList.findUniqueOrThrow({ where: { id: other.listId } })).toMatchObject({
      schoolReview: "PASSED",
      supervisorReview: "PENDING",
    });
    await step(otherCounty, other.listId, { kind: "SUPERVISOR_REVIEW", pass: true });
  });

  it("the database refuses an impossible state, a change of frozen entries and a change of history", async () => {
    const fresh = await db().feeWaiverList.create({
      data: { schoolId: school.school.id, termId, programmeId: (await otherProgramme()).id },
    });
    await expect(
      db().feeWaiverList.update({ where: { id: fresh.id }, data: { supervisorReview: "PASSED" } }),
    ).rejects.toThrow(/FeeWaiverList_review_order_check/);
    await expect(db().feeWaiverEntry.deleteMany({ where: { listId } })).rejects.toThrow(/cannot change/);
    await expect(
      db().feeWaiverEntry.updateMany({ where: { listId }, data: { amountFen: -1 } }),
    ).rejects.toThrow();
    await expect(
      db().feeWaiverListHistory.updateMany({ where: { listId }, data: { comment: "改写" } }),
    ).rejects.toThrow();
    await expect(db().feeWaiverListHistory.deleteMany({ where: { listId } })).rejects.toThrow();
    await expect(ownerDb().$executeRawUnsafe(`TRUNCATE "FeeWaiverListHistory"`)).rejects.toThrow();
  });
});

let extraProgramme: { id: string } | null = null;
async function otherProgramme() {
  extraProgramme ??= await db().aidProgramme.create({
    data: {
      code: `senior_fee_waiver_b_${Date.now()}`,
      name: "免学杂费（其他）",
      stage: "SENIOR",
      kind: "FEE_WAIVER",
    },
  });
  return extraProgramme;
}

/** The direct SQL count of one flag over the passed lists of the term whose school lies under `path`. */
async function directCount(path: string, flag: (typeof FEE_WAIVER_FLAGS)[number], value: boolean) {
  const category = {
    povertyAlleviated: "POVERTY_ALLEVIATED",
    povertyUnstable: "POVERTY_UNSTABLE",
    ruralMinimumLiving: "MINIMUM_LIVING",
    ruralExtremePoverty: "EXTREME_POVERTY_SUPPORT",
    disabled: "DISABLED_STUDENT",
  }[flag];
  const needsRural = flag === "ruralMinimumLiving" || flag === "ruralExtremePoverty";
  const [row] = await ownerDb().$queryRawUnsafe<{ n: number }[]>(
    `SELECT count(*)::int AS n FROM "FeeWaiverEntry" e
       JOIN "FeeWaiverList" l ON l.id = e."listId" AND l."supervisorReview" = 'PASSED' AND l."termId" = $1
       JOIN "School" sc ON sc.id = l."schoolId" JOIN "Region" r ON r.id = sc."regionId" AND r.path LIKE $2 || '%'
       JOIN "Student" s ON s.id = e."studentId"
       LEFT JOIN "Household" h ON h."applicationId" = e."applicationId"
      WHERE ${value ? "" : "NOT"} (s."personId" IN (SELECT "personId" FROM "SpecialGroupEntry" WHERE category = $3::"SpecialCategory"
             AND "personId" IS NOT NULL) ${needsRural ? `AND COALESCE(h.residence = 'RURAL', false)` : ""})`,
    termId,
    path,
    category,
  );
  return row!.n;
}

describe("资金发放查看", () => {
  it.each(FEE_WAIVER_FLAGS.flatMap((flag) => [true, false].map((value) => ({ flag, value }))))(
    "$flag = $value matches a direct SQL count, for the school and the county",
    async ({ flag, value }) => {
      for (const [user, path] of [
        [officer, school.school.id],
        [county, null],
      ] as const) {
        const view = await viewFeeWaiverPayments(user, { [flag]: value ? "yes" : "no" });
        if (!view.ok) throw new Error(view.message);
        const regionPath =
          path === null
            ? county.regionPath!
            : (await db().school.findUniqueOrThrow({ where: { id: path }, include: { region: true } })).region
                .path;
        expect(view.data.count).toBe(await directCount(regionPath, flag, value));
        expect(view.data.rows.every((row) => row[flag] === value)).toBe(true);
      }
    },
  );

  it("shows the expected rows: seven passed entries, rural 低保 and 特困 only for rural households", async () => {
    const all = await viewFeeWaiverPayments(county, {});
    if (!all.ok) throw new Error(all.message);
    expect(all.data.count).toBe(7);
    expect(all.data.totalFen).toBe(7 * 60_000);
    const ruralLow = await viewFeeWaiverPayments(county, { ruralMinimumLiving: "yes" });
    const ruralSpecial = await viewFeeWaiverPayments(county, { ruralExtremePoverty: "yes" });
    if (!ruralLow.ok || !ruralSpecial.ok) throw new Error("view failed");
    // the removed entry was one of the seven; at most one rural 低保 and one rural 特困 remain
    expect(ruralLow.data.count).toBeLessThanOrEqual(1);
    expect(ruralSpecial.data.count).toBeLessThanOrEqual(1);
    const combined = await viewFeeWaiverPayments(county, { disabled: "yes", povertyAlleviated: "yes" });
    if (!combined.ok) throw new Error(combined.message);
    expect(combined.data.rows.every((row) => row.disabled && row.povertyAlleviated)).toBe(true);
    // another county sees only its own school's passed list (7 entries), never these
    const other = await viewFeeWaiverPayments(otherCounty, {});
    if (!other.ok) throw new Error(other.message);
    expect(other.data.count).toBe(7);
    expect(other.data.rows.some((row) => row.schoolName === all.data.rows[0]!.schoolName)).toBe(false);
  });

  it("exports the filtered rows with 是/否 columns and an audit entry", async () => {
    const prepared = await prepareFeeWaiverExport(county, { povertyAlleviated: "yes" });
    if (!prepared.ok) throw new Error(prepared.message);
    const writer = memoryWriter();
    const count = await prepared.data.fill(writer);
    const direct = await directCount(county.regionPath!, "povertyAlleviated", true);
    expect(count).toBe(direct);
    expect(writer.rows).toHaveLength(direct);
    expect(writer.rows.every((row) => row[7] === "是" && ["是", "否"].includes(String(row[11])))).toBe(true);
    expect(
      await db().auditLog.count({ where: { actorUserId: county.id, action: "fee_waiver_payments.export" } }),
    ).toBe(1);
    expect(await prepareFeeWaiverExport(sessionUser({ id: "x", role: "TEACHER" }), {})).toMatchObject({
      ok: false,
    });
  });
});
