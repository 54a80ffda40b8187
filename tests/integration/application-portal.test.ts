import { beforeAll, describe, expect, it } from "vitest";
import type { SessionUser } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import {
  acknowledgePolicy,
  chooseProgrammes,
  confirmEnrolment,
  reopenApplication,
  saveHouseholdInfo,
  startApplication,
  submitApplication,
  waiveApplication,
  withdrawApplication,
} from "@/lib/services/application-portal";
import { applicantContext } from "@/lib/services/context";
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
import { householdForm } from "../support/household-form";

let senior: StudentFixture,
  otherSenior: StudentFixture,
  junior: StudentFixture,
  strangerChild: StudentFixture;
let studentUser: SessionUser, otherStudentUser: SessionUser, parentUser: SessionUser;
let programmeId: string, juniorProgrammeId: string;

const household = (over: Record<string, unknown> = {}) =>
  householdForm({
    suddenEvents: [
      { kind: "SERIOUS_ILLNESS", occurredOn: "2026-05-10", amount: "50000", description: "母亲透析治疗" },
    ],
    ...over,
  });

beforeAll(async () => {
  const { county } = await makeRegionTree();
  const sen = await makeSchool(county.id, "SENIOR");
  const jun = await makeSchool(county.id, "JUNIOR");
  senior = await makeStudent(sen);
  otherSenior = await makeStudent(sen);
  junior = await makeStudent(jun, { guardianPhone: "13722223333" });
  strangerChild = await makeStudent(jun);
  studentUser = sessionUser(await makeStudentAccount(senior));
  otherStudentUser = sessionUser(await makeStudentAccount(otherSenior));
  parentUser = sessionUser(await makeParent("13722223333", [junior.person.id]));
  await makeCurrentTerm({ stage: "JUNIOR" });
  juniorProgrammeId = (await db().aidProgramme.findFirstOrThrow({ where: { stage: "JUNIOR" } })).id;
  const { programme } = await makeCurrentTerm({ stage: "SENIOR" });
  programmeId = programme.id;
  // The second makeCurrentTerm made a new current term; give it the junior programme too.
  const term = await db().aidTerm.findFirstOrThrow({ where: { isCurrent: true } });
  await db().termProgramme.create({
    data: { termId: term.id, programmeId: juniorProgrammeId, amountMode: "FIXED", fixedAmountFen: 62_500 },
  });
});

const ctxFor = async (user: SessionUser, personId: string) => {
  const r = await applicantContext(user, personId);
  if (!r.ok) throw new Error(r.message);
  return r.data;
};
/** What a form sends: its fields plus the draft version it was opened at (the hidden `version` field). */
const at = <T extends object>(ctx: { application: { version: number } | null }, payload: T) => ({
  ...payload,
  version: ctx.application?.version ?? 0,
});

describe("who may act for whom", () => {
  it("refuses a student opening another student, and a parent a child not bound to them, revealing nothing", async () => {
    expect(await applicantContext(studentUser, otherSenior.person.id)).toMatchObject({
      ok: false,
      code: "NOT_FOUND",
    });
    expect(await applicantContext(parentUser, strangerChild.person.id)).toMatchObject({
      ok: false,
      code: "NOT_FOUND",
    });
    expect(await applicantContext(otherStudentUser, senior.person.id)).toMatchObject({
      ok: false,
      code: "NOT_FOUND",
    });
  });
  it("lets the parent apply for a junior-high child and the student for themselves", async () => {
    expect((await applicantContext(parentUser, junior.person.id)).ok).toBe(true);
    expect((await applicantContext(studentUser, senior.person.id)).ok).toBe(true);
  });
});

describe("the whole flow for a senior-high student", () => {
  it("starts one draft per term, however often it is started", async () => {
    const a = await startApplication(await ctxFor(studentUser, senior.person.id));
    const b = await startApplication(await ctxFor(studentUser, senior.person.id));
    expect(a).toEqual(b);
    expect(await db().application.count({ where: { personId: senior.person.id } })).toBe(1);
  });

  it("refuses a programme of another stage", async () => {
    const c = await ctxFor(studentUser, senior.person.id);
    const r = await chooseProgrammes(c, at(c, { programmeIds: [juniorProgrammeId] }));
    expect(r).toMatchObject({
      ok: false,
      code: "INVALID",
      fieldErrors: { programmeIds: expect.any(String) },
    });
  });

  it("explains invalid household fields per field and writes nothing", async () => {
    const c = await ctxFor(studentUser, senior.person.id);
    const r = await saveHouseholdInfo(c, at(c, household({ totalAnnualIncome: "-5", memberCount: "0" })));
    expect(r).toMatchObject({
      ok: false,
      fieldErrors: {
        totalAnnualIncome: expect.any(String),
        memberCount: "家庭人口数请填写1–30的整数",
      },
    });
    expect(await db().household.count({ where: { application: { personId: senior.person.id } } })).toBe(0);
  });

  it("lists what is missing before submitting", async () => {
    const r = await submitApplication(await ctxFor(studentUser, senior.person.id), true);
    expect(r).toMatchObject({ ok: false, code: "REFUSED" });
  });

  it("saves each step, derives the per-capita income, and submits", async () => {
    const ctx = () => ctxFor(studentUser, senior.person.id);
    expect(await confirmEnrolment(await ctx())).toMatchObject({ ok: true });
    expect(await acknowledgePolicy(await ctx())).toMatchObject({ ok: true });
    const c1 = await ctx();
    expect(await chooseProgrammes(c1, at(c1, { programmeIds: [programmeId] }))).toMatchObject({ ok: true });
    const c2 = await ctx();
    expect(await saveHouseholdInfo(c2, at(c2, household()))).toMatchObject({ ok: true });
    const h = await db().household.findFirstOrThrow({
      where: { application: { personId: senior.person.id } },
    });
    expect(h.perCapitaMonthlyIncomeFen).toBe(100_000); // 36,000 yuan / 3 / 12 = 1,000 yuan
    expect(await db().familyMember.count({ where: { application: { personId: senior.person.id } } })).toBe(2);

    expect(await submitApplication(await ctx(), false)).toMatchObject({ ok: false, code: "REFUSED" });
    expect(await submitApplication(await ctx(), true)).toMatchObject({ ok: true });
    const app = await db().application.findFirstOrThrow({
      where: { personId: senior.person.id },
      include: { transitions: true },
    });
    expect(app.state).toBe("submitted");
    expect(app.commitmentSignedAt).not.toBeNull();
    expect(app.transitions.map((t) => t.toState)).toEqual(["draft", "submitted"]);
  });

  it("is read-only once submitted", async () => {
    const c = await ctxFor(studentUser, senior.person.id);
    const r = await saveHouseholdInfo(c, at(c, household({ totalAnnualIncome: "1000" })));
    expect(r).toMatchObject({ ok: false, code: "REFUSED" });
  });

  it("can be withdrawn until the teacher verifies, then reopened within the window", async () => {
    expect(await withdrawApplication(await ctxFor(studentUser, senior.person.id))).toMatchObject({
      ok: true,
    });
    expect(await reopenApplication(await ctxFor(studentUser, senior.person.id))).toMatchObject({ ok: true });
    expect((await db().application.findFirstOrThrow({ where: { personId: senior.person.id } })).state).toBe(
      "draft",
    );
    expect(await submitApplication(await ctxFor(studentUser, senior.person.id), true)).toMatchObject({
      ok: true,
    });
  });

  it("lets exactly one of a teacher's verify and the applicant's withdraw win", async () => {
    const ctx = await ctxFor(studentUser, senior.person.id); // loaded before the teacher acts
    const app = await db().application.findFirstOrThrow({ where: { personId: senior.person.id } });
    const teacher = await makeStaff("TEACHER", { schoolId: app.schoolId }, { classIds: [app.classId] });
    await db().application.update({
      where: { id: app.id, version: app.version },
      data: { state: "verified", verifiedAt: new Date(), version: { increment: 1 } },
    });
    void teacher;
    expect(await withdrawApplication(ctx)).toMatchObject({ ok: false, code: "CONFLICT" });
    expect(await withdrawApplication(await ctxFor(studentUser, senior.person.id))).toMatchObject({
      ok: false,
      code: "REFUSED",
    });
    expect((await db().application.findFirstOrThrow({ where: { id: app.id } })).state).toBe("verified");
  });
});

describe("two guardians (or two tabs) editing one draft", () => {
  it("refuses the later save made from a stale page, with a clear message, and loses neither member", async () => {
    const { county } = await makeRegionTree();
    const school = await makeSchool(county.id, "JUNIOR");
    const child = await makeStudent(school);
    const father = sessionUser(await makeParent("13733334444", [child.person.id]));
    const mother = sessionUser(await makeParent("13733335555", [child.person.id]));
    const { programme } = await makeCurrentTerm({ stage: "JUNIOR" });
    expect((await startApplication(await ctxFor(father, child.person.id))).ok).toBe(true);
    const member = (name: string, relation: string) => ({
      ...household().familyMembers[0]!,
      name,
      relation,
    });

    // Both open the household page at the same version.
    const fatherPage = await ctxFor(father, child.person.id);
    const motherPage = await ctxFor(mother, child.person.id);
    const first = await saveHouseholdInfo(
      fatherPage,
      at(fatherPage, household({ familyMembers: [member("王父", "父亲")] })),
    );
    expect(first).toMatchObject({ ok: true, data: { version: fatherPage.application!.version + 1 } });

    // The mother's page still holds the old version: her save is refused, the father's member stays.
    const stale = await saveHouseholdInfo(
      motherPage,
      at(motherPage, household({ familyMembers: [member("王母", "母亲")] })),
    );
    expect(stale).toMatchObject({ ok: false, code: "CONFLICT" });
    const names = async () =>
      (
        await db().familyMember.findMany({
          where: { application: { personId: child.person.id } },
          orderBy: { sortOrder: "asc" },
        })
      ).map((m) => m.name);
    expect(await names()).toEqual(["王父"]);

    // After reloading she sees his member and adds hers: both are kept.
    const reloaded = await ctxFor(mother, child.person.id);
    expect(reloaded.application!.familyMembers.map((m) => m.name)).toEqual(["王父"]);
    const both = await saveHouseholdInfo(
      reloaded,
      at(reloaded, household({ familyMembers: [member("王父", "父亲"), member("王母", "母亲")] })),
    );
    expect(both.ok).toBe(true);
    expect(await names()).toEqual(["王父", "王母"]);

    // A stale programme choice is refused the same way; a save without any version too.
    expect(
      await chooseProgrammes(fatherPage, at(fatherPage, { programmeIds: [programme.id] })),
    ).toMatchObject({ ok: false, code: "CONFLICT" });
    expect(await saveHouseholdInfo(reloaded, household())).toMatchObject({
      ok: false,
      code: "CONFLICT",
    });
    expect(await names()).toEqual(["王父", "王母"]);
  });
});

describe("the application window", () => {
  it("refuses starting before and after the window, with the dates", async () => {
    const { county } = await makeRegionTree();
    const s = await makeStudent(await makeSchool(county.id, "SENIOR"));
    const user = sessionUser(await makeStudentAccount(s));
    await makeCurrentTerm({ opensInHours: 24, closesInHours: 48 });
    expect(await startApplication(await ctxFor(user, s.person.id))).toMatchObject({
      ok: false,
      code: "REFUSED",
    });
    await makeCurrentTerm({ opensInHours: -48, closesInHours: -1 });
    expect(await startApplication(await ctxFor(user, s.person.id))).toMatchObject({
      ok: false,
      code: "REFUSED",
    });
  });

  it("honours the school's extended window", async () => {
    const { county } = await makeRegionTree();
    const sch = await makeSchool(county.id, "SENIOR");
    const s = await makeStudent(sch);
    const user = sessionUser(await makeStudentAccount(s));
    const { term } = await makeCurrentTerm({ opensInHours: -48, closesInHours: -1 });
    await db().schoolTermSetting.create({
      data: { termId: term.id, schoolId: sch.school.id, applyEnd: new Date(Date.now() + 86_400_000) },
    });
    expect(await startApplication(await ctxFor(user, s.person.id))).toMatchObject({ ok: true });
  });
});

describe("waiving", () => {
  it("records the optional reason in the timeline", async () => {
    await makeCurrentTerm({ stage: "JUNIOR" });
    expect(
      await waiveApplication(await ctxFor(parentUser, junior.person.id), { reason: "家庭条件已好转" }),
    ).toMatchObject({ ok: true });
    const app = await db().application.findFirstOrThrow({
      where: { personId: junior.person.id, term: { isCurrent: true } },
      include: { transitions: true },
    });
    expect(app.state).toBe("waived");
    expect(app.waiverReason).toBe("家庭条件已好转");
    expect(app.transitions.at(-1)).toMatchObject({
      toState: "waived",
      actorRole: "PARENT",
      comment: "家庭条件已好转",
    });
  });
});
