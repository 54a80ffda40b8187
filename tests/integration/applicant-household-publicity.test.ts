/**
 * The applicant's side through the real services and database: the household's 户籍 region, whether the
 * child boards and the day of a sudden event are kept; 城镇/农村 and the boarding answer are required at
 * submission; an objector sees their own objections with the school's answer (and nobody else's); the
 * school's current publicity is listed for its community only.
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { SessionUser } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import {
  acknowledgePolicy,
  chooseProgrammes,
  confirmEnrolment,
  saveHouseholdInfo,
  startApplication,
  submitApplication,
} from "@/lib/services/application-portal";
import { applicantContext } from "@/lib/services/context";
import { communityPublicity, fileObjection, viewPublicity } from "@/lib/services/publicity";
import { makeOpenBatch } from "../support/determination-fixtures";
import {
  makeCurrentTerm,
  makeParent,
  makeRegionTree,
  makeSchool,
  makeStaff,
  makeStudent,
  makeStudentAccount,
  type StudentFixture,
} from "../support/fixtures";
import { sessionUser } from "../support/session-user";

let junior: StudentFixture, otherSchoolStudent: StudentFixture;
let parent: SessionUser, otherStudent: SessionUser, teacher: SessionUser;
let schoolId: string, regionCode: string, boardingProgrammeId: string;

const household = (over: Record<string, unknown> = {}) => ({
  residence: "RURAL",
  regionCode,
  address: "梅县区程江镇1号",
  totalAnnualIncome: "24000",
  memberCount: "4",
  housing: "自有住房",
  vehicles: "无",
  stateEmployedParent: "no",
  stableIncome: "no",
  boarding: "yes",
  declaredCategories: [],
  notes: "",
  familyMembers: [
    {
      name: "李父",
      relation: "父亲",
      age: "45",
      occupation: "务农",
      workStatus: "务农",
      annualIncome: "24000",
      seriousIllness: false,
      disability: false,
      healthNote: "",
      inSchool: false,
    },
  ],
  suddenEvents: [{ kind: "NATURAL_DISASTER", occurredOn: "2026-06-18", amount: "8000", description: "洪水" }],
  ...over,
});

beforeAll(async () => {
  const { county } = await makeRegionTree();
  regionCode = county.code;
  const jun = await makeSchool(county.id, "JUNIOR");
  schoolId = jun.school.id;
  junior = await makeStudent(jun, { guardianPhone: "13744445555" });
  otherSchoolStudent = await makeStudent(await makeSchool(county.id, "SENIOR"));
  parent = sessionUser(await makeParent("13744445555", [junior.person.id]));
  otherStudent = sessionUser(await makeStudentAccount(otherSchoolStudent));
  const staff = await makeStaff("TEACHER", { schoolId }, { classIds: [jun.klass.id] });
  teacher = sessionUser({ id: staff.user.id, role: "TEACHER", schoolId });
  const { term } = await makeCurrentTerm({ stage: "JUNIOR" });
  const boarding = await db().aidProgramme.upsert({
    where: { code: "test_boarding_junior" },
    update: {},
    create: {
      code: "test_boarding_junior",
      name: "寄宿生生活补助（测试）",
      stage: "JUNIOR",
      kind: "SUBSIDY",
      requiredFields: [
        "household.totalAnnualIncome",
        "household.memberCount",
        "familyMembers",
        "household.boarding",
      ],
    },
  });
  boardingProgrammeId = boarding.id;
  await db().termProgramme.create({
    data: { termId: term.id, programmeId: boarding.id, amountMode: "FIXED", fixedAmountFen: 62_500 },
  });
});

const ctx = async () => {
  const r = await applicantContext(parent, junior.person.id);
  if (!r.ok) throw new Error(r.message);
  return r.data;
};

/** What the page sends: the payload and the draft version it was opened at (the hidden `version` field). */
const current = async <T extends object>(payload: T) => {
  const context = await ctx();
  return [context, { ...payload, version: context.application?.version ?? 0 }] as const;
};
const saveHousehold = async (payload: object) => saveHouseholdInfo(...(await current(payload)));

describe("the household form's new questions", () => {
  it("keeps the 户籍 region, whether the child boards and the day of a sudden event", async () => {
    await startApplication(await ctx());
    expect(await saveHousehold(household())).toMatchObject({ ok: true });
    const app = await db().application.findFirstOrThrow({
      where: { personId: junior.person.id },
      include: { household: true, suddenEvents: true },
    });
    expect(app.household).toMatchObject({ regionCode, boarding: true, residence: "RURAL" });
    expect(app.suddenEvents[0]?.occurredOn?.toISOString().slice(0, 10)).toBe("2026-06-18");
  });

  it("refuses a sudden event without its day, naming the field", async () => {
    const r = await saveHousehold(
      household({ suddenEvents: [{ kind: "ACCIDENT", occurredOn: "", amount: "100", description: "" }] }),
    );
    expect(r).toMatchObject({
      ok: false,
      fieldErrors: { "suddenEvents.0.occurredOn": "请填写事件发生日期" },
    });
  });

  it("the boarding subsidy needs the boarding answer, and 城镇/农村 is always needed", async () => {
    expect(await confirmEnrolment(await ctx())).toMatchObject({ ok: true });
    expect(await acknowledgePolicy(await ctx())).toMatchObject({ ok: true });
    expect(await chooseProgrammes(...(await current({ programmeIds: [boardingProgrammeId] })))).toMatchObject(
      {
        ok: true,
      },
    );
    await saveHousehold(household({ boarding: "", residence: "" }));
    const r = await submitApplication(await ctx(), true);
    expect(r).toMatchObject({ ok: false, code: "REFUSED" });
    await saveHousehold(household({ boarding: "no" }));
    expect(await submitApplication(await ctx(), true)).toMatchObject({
      ok: false,
      code: "REFUSED",
    });
    await saveHousehold(household());
    expect(await submitApplication(await ctx(), true)).toMatchObject({ ok: true });
  });
});

describe("publicity for the school community", () => {
  it("lists the school's current publicity for its community only", async () => {
    const batch = await makeOpenBatch(schoolId);
    expect((await communityPublicity(parent)).map((b) => b.id)).toContain(batch.id);
    expect((await communityPublicity(teacher)).map((b) => b.id)).toContain(batch.id);
    expect((await communityPublicity(otherStudent)).map((b) => b.id)).not.toContain(batch.id);
  });

  it("shows the objector their objection and the school's answer, and nobody else", async () => {
    const batch = await makeOpenBatch(schoolId);
    const o = await fileObjection(parent, { batchId: batch.id, content: "名单中某同学家里新买了车" });
    if (!o.ok) throw new Error(o.message);
    const mine = await viewPublicity(parent, batch.id);
    expect(mine.ok && mine.data.ownObjections).toEqual([
      expect.objectContaining({ content: "名单中某同学家里新买了车", state: "OPEN", answer: null }),
    ]);
    await db().objection.update({
      where: { id: o.data.id },
      data: {
        state: "DONE",
        answer: "经核实，该车为亲属所有，维持原认定。",
        answeredAt: new Date(),
        answeredById: teacher.id,
      },
    });
    const answered = await viewPublicity(parent, batch.id);
    expect(answered.ok && answered.data.ownObjections[0]).toMatchObject({
      state: "DONE",
      answer: "经核实，该车为亲属所有，维持原认定。",
    });
    const other = await viewPublicity(teacher, batch.id);
    expect(other.ok && other.data.ownObjections).toEqual([]);
  });
});
