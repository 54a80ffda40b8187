/**
 * The console home's 待办事项 counted on the real database (lib/services/todos.ts): the 中职 lists of the
 * current month by state for the school and the county, the May attachment rule, withdrawal requests, the 普高
 * 免学杂费 lists awaiting each reviewer; another county's lists and other months' lists are never counted.
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { SessionUser } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";
import { loadTodos } from "@/lib/services/todos";
import { viewRegionLists, viewSchoolLists } from "@/lib/services/vocational-list-pages";
import { makeCurrentTerm, makeRegionTree, makeSchool, makeStaff } from "../support/fixtures";
import { sessionUser } from "../support/session-user";

// 10 May 2091 in Beijing: the lists of month 5 of the academic year "2090-2091" are this month's.
const NOW = new Date("2091-05-10T04:00:00Z");
let termId: string;
let officer: SessionUser;
let leader: SessionUser;
let county: SessionUser;
let otherCounty: SessionUser;
let otherOfficer: SessionUser;
let seniorLeader: SessionUser;
let seq = 0;

type ListState = Omit<Prisma.VocationalListUncheckedCreateInput, "rosterId" | "month">;
const PASSED = { schoolReview: "PASSED", supervisorReview: "PASSED" } as const;
const PUBLISHED = {
  ...PASSED,
  publicity: "PUBLISHED",
  publicityStart: new Date("2091-05-06T00:00:00Z"),
  publicityEnd: new Date("2091-05-12T00:00:00Z"),
} as const;

async function vocationalList(schoolId: string, month: number, state: ListState, attachedBy?: string) {
  const programme = await db().aidProgramme.create({
    data: {
      code: `todo_voc_${++seq}_${Date.now()}`,
      name: "中职国家助学金",
      stage: "VOCATIONAL",
      kind: "SUBSIDY",
    },
  });
  const roster = await db().roster.create({ data: { termId, programmeId: programme.id, schoolId, month } });
  await db().vocationalList.create({ data: { rosterId: roster.id, month, ...state } });
  if (attachedBy) {
    const file = await db().evidenceFile.create({
      data: {
        purpose: "publicity",
        originalName: "公示.pdf",
        mimeType: "application/pdf",
        sizeBytes: 10,
        sha256: "0".repeat(64),
        storageKey: `todo-${seq}-${Date.now()}`,
        uploadedById: attachedBy,
      },
    });
    await db().vocationalListAttachment.create({ data: { rosterId: roster.id, evidenceFileId: file.id } });
  }
}

async function feeWaiverList(
  schoolId: string,
  state: Prisma.FeeWaiverListUncheckedCreateInput["schoolReview"][],
) {
  const programme = await db().aidProgramme.create({
    data: {
      code: `todo_fw_${++seq}_${Date.now()}`,
      name: "普通高中免学杂费",
      stage: "SENIOR",
      kind: "FEE_WAIVER",
    },
  });
  await db().feeWaiverList.create({
    data: { schoolId, termId, programmeId: programme.id, schoolReview: state[0], supervisorReview: state[1] },
  });
}

/** The lists' to-dos (the application work's are tests/integration/todos-roles.test.ts'). */
const counts = async (user: SessionUser) =>
  Object.fromEntries(
    (await loadTodos(user, NOW))
      .filter((todo) => /^(vocational|fee_waiver)\./.test(todo.key))
      .map((todo) => [todo.href, todo.count]),
  );

beforeAll(async () => {
  const tree = await makeRegionTree();
  const other = await makeRegionTree();
  const school = await makeSchool(tree.county.id, "VOCATIONAL");
  const senior = await makeSchool(tree.county.id, "SENIOR");
  const otherSchool = await makeSchool(other.county.id, "VOCATIONAL");
  const { term } = await makeCurrentTerm({ stage: "VOCATIONAL" });
  termId = term.id;
  await db().aidTerm.update({
    where: { id: termId },
    data: { academicYear: "2090-2091", semester: "SPRING" },
  });
  officer = sessionUser((await makeStaff("SCHOOL_ADMIN", { schoolId: school.school.id })).user);
  leader = sessionUser((await makeStaff("SCHOOL_LEADER", { schoolId: school.school.id })).user);
  otherOfficer = sessionUser((await makeStaff("SCHOOL_ADMIN", { schoolId: otherSchool.school.id })).user);
  seniorLeader = sessionUser((await makeStaff("SCHOOL_LEADER", { schoolId: senior.school.id })).user);
  const sup = async (region: { id: string; path: string }) =>
    sessionUser((await makeStaff("SUPERVISOR", { regionId: region.id })).user, { regionPath: region.path });
  county = await sup(tree.county);
  otherCounty = await sup(other.county);

  const s = school.school.id;
  await vocationalList(s, 5, PASSED); // awaiting publicity, no attachment
  await vocationalList(s, 5, PASSED, officer.id); // awaiting publicity, attachment uploaded
  await vocationalList(s, 5, {}); // in review, no attachment yet
  await vocationalList(s, 5, PUBLISHED); // awaiting 公示确认
  await vocationalList(s, 5, PUBLISHED, officer.id); // awaiting 公示确认
  await vocationalList(s, 5, { ...PUBLISHED, confirmation: "PASSED", withdrawal: "PENDING" }); // withdrawal
  await vocationalList(s, 4, PASSED); // last month: never counted
  await vocationalList(s, 4, PUBLISHED);
  // another county's school: never counted for this county
  await vocationalList(otherSchool.school.id, 5, PASSED);
  await vocationalList(otherSchool.school.id, 5, PUBLISHED);
  await vocationalList(otherSchool.school.id, 5, {
    ...PUBLISHED,
    confirmation: "PASSED",
    withdrawal: "PENDING",
  });

  await feeWaiverList(senior.school.id, ["PENDING", "PENDING"]);
  await feeWaiverList(senior.school.id, ["PASSED", "PENDING"]);
  await feeWaiverList(senior.school.id, ["PASSED", "PENDING"]);
  await feeWaiverList(senior.school.id, ["PASSED", "REFUSED"]);
  await feeWaiverList(senior.school.id, ["PASSED", "PASSED"]);
});

describe("待办事项", () => {
  it("counts the school's 中职 lists of the month: awaiting publicity and (May) without attachment", async () => {
    // May: every list of the month without a publicity attachment (published or not) is counted
    const expected = {
      "/console/rosters/vocational?month=2091-05&todo=awaiting_publicity": 2,
      "/console/rosters/vocational?month=2091-05&todo=attachment_missing": 4,
    };
    expect(await counts(officer)).toEqual(expected);
    // the leader also has the month's lists awaiting 学校审核 (the one list still in review)
    expect(await counts(leader)).toEqual({
      ...expected,
      "/console/rosters/vocational?month=2091-05&stage=SCHOOL_REVIEW": 1,
    });
    expect(await counts(otherOfficer)).toEqual({
      "/console/rosters/vocational?month=2091-05&todo=awaiting_publicity": 1,
      "/console/rosters/vocational?month=2091-05&todo=attachment_missing": 3,
    });
  });

  it("counts the county's lists awaiting 公示确认 and withdrawal requests, never another county's", async () => {
    expect(await counts(county)).toMatchObject({
      "/console/supervisor/vocational?month=2091-05&todo=awaiting_confirmation": 2,
      "/console/supervisor/vocational?month=2091-05&todo=withdrawal_pending": 1,
      [`/console/supervisor/fee-waiver?term=${termId}&review=SUPERVISOR_PENDING`]: 2,
    });
    expect(await counts(otherCounty)).toMatchObject({
      "/console/supervisor/vocational?month=2091-05&todo=awaiting_confirmation": 1,
      "/console/supervisor/vocational?month=2091-05&todo=withdrawal_pending": 1,
      [`/console/supervisor/fee-waiver?term=${termId}&review=SUPERVISOR_PENDING`]: 0,
    });
  });

  it("counts the 普高 lists awaiting the senior school's leader; a school without 中职 gets no 中职 to-do", async () => {
    expect(await counts(seniorLeader)).toEqual({
      [`/console/rosters/fee-waiver?term=${termId}&review=SCHOOL_PENDING`]: 1,
    });
  });

  it("each 中职 count equals the number of lists its link's page lists", async () => {
    for (const user of [officer, leader, otherOfficer, county, otherCounty]) {
      const todos = (await loadTodos(user, NOW)).filter((todo) => todo.key.startsWith("vocational."));
      expect(todos.length).toBeGreaterThan(0);
      for (const todo of todos) {
        const url = new URL(todo.href, "http://localhost");
        const filter = Object.fromEntries(url.searchParams);
        const page = url.pathname.startsWith("/console/supervisor/")
          ? await viewRegionLists(user, filter)
          : await viewSchoolLists(user, filter);
        if (!page.ok) throw new Error(page.message);
        expect([todo.key, page.data.window.total]).toEqual([todo.key, todo.count]);
      }
    }
  });

  it("follows the data: a published list leaves the school's count and joins the county's", async () => {
    const list = await db().vocationalList.findFirstOrThrow({
      where: {
        month: 5,
        publicity: "UNPUBLISHED",
        schoolReview: "PASSED",
        roster: { schoolId: officer.schoolId! },
      },
    });
    await db().vocationalList.update({ where: { rosterId: list.rosterId }, data: PUBLISHED });
    expect((await counts(officer))["/console/rosters/vocational?month=2091-05&todo=awaiting_publicity"]).toBe(
      1,
    );
    expect(
      (await counts(county))["/console/supervisor/vocational?month=2091-05&todo=awaiting_confirmation"],
    ).toBe(3);
  });
});
