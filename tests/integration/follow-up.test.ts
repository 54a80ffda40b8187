/**
 * The follow-up before the school's publicity (lib/services/follow-up.ts) on the real database: the two groups,
 * a draw of at least 30% of each that is reproducible from its recorded seed, a re-draw refused once a contact
 * is recorded (by the service and by the database), contacts scoped to the teacher's classes, a dissatisfied
 * contact's re-investigation answered once by the aid officer, the school publicity refused with a message
 * naming what is missing and allowed once all is done, and the result feedback records.
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { SessionUser } from "@/lib/auth/session";
import { seal } from "@/lib/crypto/keys";
import { db } from "@/lib/db/client";
import { drawGroup } from "@/lib/domain/follow-up-sample";
import { formatBeijingDate } from "@/lib/domain/time";
import {
  answerReinvestigation,
  drawFollowUpSample,
  loadFollowUp,
  recordFollowUpContact,
} from "@/lib/services/follow-up";
import { createPublicity, ownResult } from "@/lib/services/publicity";
import { recordReviewStep, signOffDetermination } from "@/lib/services/review-steps";
import { endedGradePublicity, makeApplication } from "../support/determination-fixtures";
import {
  makeCurrentTerm,
  makeRegionTree,
  makeSchool,
  makeStaff,
  makeStudent,
  makeStudentAccount,
  type StudentFixture,
} from "../support/fixtures";
import { ownerDb } from "../support/owner-db";
import { sessionUser } from "../support/session-user";

type SchoolFx = Awaited<ReturnType<typeof makeSchool>>;
let school: SchoolFx;
let classTwo: SchoolFx;
let termId: string;
let admin: SessionUser;
let leader: SessionUser;
let teacherOne: SessionUser;
let teacherTwo: SessionUser;
let otherAdmin: SessionUser;
const surveyStudents: StudentFixture[] = [];
const waivers: StudentFixture[] = [];

const today = () => formatBeijingDate(new Date());
const schoolPublicity = (user: SessionUser) =>
  // A listed special-group student's application is still being verified: published knowingly.
  createPublicity(user, {
    scope: "SCHOOL",
    gradeId: "",
    startDate: today(),
    workingDays: "5",
    acknowledgePending: "yes",
  });

async function listSpecialGroup(s: SchoolFx, student: StudentFixture) {
  const [row] = await db().$queryRaw<{ year: number }[]>`
    SELECT aid_term_list_year(t."academicYear", t."semester") AS "year" FROM "AidTerm" t WHERE t."id" = ${termId}`;
  const id = seal(student.idNumber, "idNumber");
  await db().specialGroupEntry.create({
    data: {
      category: "POVERTY_ALLEVIATED",
      source: "CENTRAL",
      name: student.name,
      idNumberCipher: id.cipher,
      idNumberHash: id.hash,
      idNumberMasked: id.masked,
      schoolId: s.school.id,
      listYear: row!.year,
      personId: student.person.id,
      matchedAt: new Date(),
    },
  });
}

beforeAll(async () => {
  const tree = await makeRegionTree();
  school = await makeSchool(tree.county.id, "SENIOR");
  const other = await makeSchool(tree.county.id, "SENIOR");
  const klass = await db().schoolClass.create({
    data: { schoolId: school.school.id, gradeId: school.grade.id, name: "2班" },
  });
  classTwo = { ...school, klass };
  termId = (await makeCurrentTerm({ stage: "SENIOR" })).term.id;
  const staff = async (
    role: "SCHOOL_ADMIN" | "SCHOOL_LEADER" | "TEACHER",
    schoolId: string,
    classId?: string,
  ) => sessionUser((await makeStaff(role, { schoolId }, { classIds: classId ? [classId] : [] })).user);
  admin = await staff("SCHOOL_ADMIN", school.school.id);
  leader = await staff("SCHOOL_LEADER", school.school.id);
  teacherOne = await staff("TEACHER", school.school.id, school.klass.id);
  teacherTwo = await staff("TEACHER", school.school.id, klass.id);
  otherAdmin = await staff("SCHOOL_ADMIN", other.school.id);
  // SURVEY: 10 applications determined 不困难 (5 in each class); one determined 困难 is not in the group.
  for (let i = 0; i < 10; i++) {
    const { student } = await makeApplication(i < 5 ? school : classTwo, "determined", { level: "NONE" });
    surveyStudents.push(student);
  }
  await makeApplication(school, "determined", { level: "HARDSHIP" });
  // WAIVER: special-group students who waived (application waived, or 未资助原因 本人放弃); one listed student
  // who applied and one who waived at the other school are not in it.
  for (let i = 0; i < 3; i++) {
    const student = await makeStudent(school);
    await listSpecialGroup(school, student);
    if (i < 2) await makeApplication(school, "waived", { student });
    else
      await db().noAidRecord.create({
        data: {
          termId,
          schoolId: school.school.id,
          studentId: student.student.id,
          reason: "WAIVED",
          recordedById: admin.id,
        },
      });
    waivers.push(student);
  }
  const applied = await makeStudent(school);
  await listSpecialGroup(school, applied);
  await makeApplication(school, "verified", { student: applied });
  const elsewhere = await makeStudent(other);
  await listSpecialGroup(other, elsewhere);
  await makeApplication(other, "waived", { student: elsewhere });
  // The process before a school publicity: grade publicity ended, school committee, leader's signature.
  await endedGradePublicity(school);
  expect(
    await recordReviewStep(admin, {
      kind: "SCHOOL_COMMITTEE",
      gradeId: "",
      members: "张三、李四、王五",
      comment: "通过",
    }),
  ).toMatchObject({ ok: true });
  expect(await signOffDetermination(leader, { comment: "同意" })).toMatchObject({ ok: true });
});

async function members() {
  return db().followUpSampleMember.findMany({
    where: { sample: { schoolId: school.school.id, termId } },
    orderBy: [{ group: "asc" }, { position: "asc" }],
    include: { sample: true },
  });
}

const contact = (over: Record<string, string> = {}) => ({
  contactedOn: today(),
  way: "PHONE",
  satisfied: "true",
  notes: "已电话告知认定结果，家长表示理解",
  reason: "",
  ...over,
});

describe("before the draw", () => {
  it("the school publicity is refused, naming the missing sample and the groups' sizes", async () => {
    const refused = await schoolPublicity(admin);
    expect(refused).toMatchObject({ ok: false, code: "REFUSED" });
    if (refused.ok) return;
    expect(refused.message).toContain("尚未抽取样本");
    expect(refused.message).toContain("满意度调查（已申请未认定）10人");
    expect(refused.message).toContain("自愿放弃回访（特殊群体）3人");
  });

  it("only the aid officer draws", async () => {
    expect(await drawFollowUpSample(teacherOne)).toMatchObject({ ok: false, code: "FORBIDDEN" });
    expect(await drawFollowUpSample(leader)).toMatchObject({ ok: false, code: "FORBIDDEN" });
  });
});

describe("the draw", () => {
  it("draws at least 30% of each group, reproducibly from the recorded seed", async () => {
    const drawn = await drawFollowUpSample(admin);
    if (!drawn.ok) throw new Error(drawn.message);
    expect(drawn.data).toMatchObject({ survey: 3, waiver: 1 });
    const rows = await members();
    const seed = rows[0]!.sample.seed;
    expect(seed).toBe(drawn.data.seed);
    expect(rows[0]!.sample).toMatchObject({ surveyPopulation: 10, waiverPopulation: 3 });
    // Anyone can redo the draw from the seed and the groups.
    const survey = rows.filter((m) => m.group === "SURVEY").map((m) => m.studentId);
    const waiver = rows.filter((m) => m.group === "WAIVER").map((m) => m.studentId);
    expect(survey).toEqual(
      drawGroup(
        seed,
        "SURVEY",
        surveyStudents.map((s) => s.student.id),
      ),
    );
    expect(waiver).toEqual(
      drawGroup(
        seed,
        "WAIVER",
        waivers.map((s) => s.student.id),
      ),
    );
  });

  it("may be drawn again (a new seed) while nobody has been contacted", async () => {
    const before = (await members())[0]!.sample.seed;
    const again = await drawFollowUpSample(admin);
    expect(again).toMatchObject({ ok: true });
    expect((await members())[0]!.sample.seed).not.toBe(before);
  });

  it("a teacher sees the sampled students of their own class only", async () => {
    const all = await members();
    const view = await loadFollowUp(teacherOne);
    if (!view.ok) throw new Error(view.message);
    const ownClass = await db().student.findMany({
      where: { id: { in: all.map((m) => m.studentId) }, classId: school.klass.id },
      select: { id: true },
    });
    expect(view.data.sample!.members.map((m) => m.studentId).sort()).toEqual(
      ownClass.map((s) => s.id).sort(),
    );
    const adminView = await loadFollowUp(admin);
    if (!adminView.ok) throw new Error(adminView.message);
    expect(adminView.data.sample!.members).toHaveLength(4);
    expect(adminView.data.may).toEqual({ draw: true, contact: true, answer: true });
  });
});

describe("contacts", () => {
  it("refuses bad input with the field named", async () => {
    const [member] = await members();
    expect(
      await recordFollowUpContact(admin, member!.id, contact({ contactedOn: "2099-01-01" })),
    ).toMatchObject({
      ok: false,
      code: "INVALID",
      fieldErrors: { contactedOn: expect.stringContaining("不能晚于今天") },
    });
    expect(await recordFollowUpContact(admin, member!.id, contact({ satisfied: "false" }))).toMatchObject({
      ok: false,
      code: "INVALID",
      fieldErrors: { reason: expect.any(String) },
    });
    expect(await recordFollowUpContact(admin, member!.id, contact({ way: "CARRIER_PIGEON" }))).toMatchObject({
      ok: false,
      code: "INVALID",
      fieldErrors: { way: expect.any(String) },
    });
  });

  it("a teacher records contacts of their own class only; another school never", async () => {
    const all = await members();
    const students = await db().student.findMany({
      where: { id: { in: all.map((m) => m.studentId) } },
      select: { id: true, classId: true },
    });
    const classOf = new Map(students.map((s) => [s.id, s.classId]));
    const notMine = all.find((m) => classOf.get(m.studentId) !== school.klass.id)!;
    expect(await recordFollowUpContact(teacherOne, notMine.id, contact())).toMatchObject({
      ok: false,
      code: "NOT_FOUND",
    });
    expect(await recordFollowUpContact(otherAdmin, notMine.id, contact())).toMatchObject({
      ok: false,
      code: "NOT_FOUND",
    });
    expect(await recordFollowUpContact(leader, notMine.id, contact())).toMatchObject({
      ok: false,
      code: "FORBIDDEN",
    });
    const teacher = classOf.get(notMine.studentId) === classTwo.klass.id ? teacherTwo : teacherOne;
    expect(await recordFollowUpContact(teacher, notMine.id, contact())).toMatchObject({ ok: true });
    expect(await db().followUpContact.count({ where: { memberId: notMine.id } })).toBe(1);
  });

  it("once a contact is recorded the sample cannot be drawn again — by the service or in the database", async () => {
    expect(await drawFollowUpSample(admin)).toMatchObject({ ok: false, code: "REFUSED" });
    const view = await loadFollowUp(admin);
    expect(view.ok && view.data.may.draw).toBe(false);
    const sampleId = (await members())[0]!.sampleId;
    await expect(db().followUpSample.delete({ where: { id: sampleId } })).rejects.toThrow();
    await expect(ownerDb().followUpSample.delete({ where: { id: sampleId } })).rejects.toThrow(
      /cannot be drawn again/,
    );
    await expect(
      db().followUpSample.update({ where: { id: sampleId }, data: { seed: "0000000000000000" } }),
    ).rejects.toThrow();
    const [contactRow] = await db().followUpContact.findMany({ take: 1 });
    await expect(
      db().followUpContact.update({ where: { id: contactRow!.id }, data: { satisfied: false } }),
    ).rejects.toThrow();
  });

  it("a contact of the survey group records that the result was fed back", async () => {
    const contacted = new Set(
      (await db().followUpContact.findMany({ select: { memberId: true } })).map((c) => c.memberId),
    );
    const survey = (await members()).find((m) => m.group === "SURVEY" && !contacted.has(m.id))!;
    await recordFollowUpContact(admin, survey.id, contact({ way: "FACE_TO_FACE" }));
    const application = await db().application.findFirstOrThrow({
      where: { studentId: survey.studentId, termId },
    });
    expect(await db().resultFeedback.findUnique({ where: { applicationId: application.id } })).toMatchObject({
      source: "STAFF_CONTACT",
      recordedById: admin.id,
    });
  });
});

describe("re-investigation and the publicity", () => {
  let reinvestigationId: string;

  it("names the members still to contact per group", async () => {
    const refused = await schoolPublicity(admin);
    expect(refused).toMatchObject({ ok: false, code: "REFUSED" });
    if (!refused.ok) expect(refused.message).toMatch(/还有\d+人未记录联系情况/);
  });

  it("a dissatisfied answer opens a re-investigation that blocks the publicity until answered", async () => {
    const pending = (await members()).filter((m) => m.group === "WAIVER");
    const dissatisfied = await recordFollowUpContact(
      admin,
      pending[0]!.id,
      contact({ way: "HOME_VISIT", satisfied: "false", reason: "家长称放弃是被误导，要求重新了解家庭情况" }),
    );
    expect(dissatisfied).toMatchObject({ ok: true, data: { satisfied: false } });
    for (const member of await members())
      if ((await db().followUpContact.count({ where: { memberId: member.id } })) === 0)
        expect(await recordFollowUpContact(admin, member.id, contact())).toMatchObject({ ok: true });
    const refused = await schoolPublicity(admin);
    expect(refused).toMatchObject({ ok: false, code: "REFUSED" });
    if (!refused.ok) {
      expect(refused.message).toContain("还有1项不满意的重新调查尚未答复");
      expect(refused.message).not.toContain("未记录联系情况");
    }
    reinvestigationId = (
      await db().followUpContact.findFirstOrThrow({ where: { satisfied: false, memberId: pending[0]!.id } })
    ).id;
  });

  it("only the aid officer answers, once, with the answer required", async () => {
    expect(await answerReinvestigation(teacherOne, reinvestigationId, { answer: "已解释" })).toMatchObject({
      ok: false,
      code: "FORBIDDEN",
    });
    expect(await answerReinvestigation(otherAdmin, reinvestigationId, { answer: "已解释" })).toMatchObject({
      ok: false,
      code: "NOT_FOUND",
    });
    expect(await answerReinvestigation(admin, reinvestigationId, { answer: "  " })).toMatchObject({
      ok: false,
      code: "INVALID",
      fieldErrors: { answer: expect.any(String) },
    });
    expect(
      await answerReinvestigation(admin, reinvestigationId, {
        answer: "重新入户核实，家庭已稳定脱贫，向家长解释了政策",
      }),
    ).toMatchObject({ ok: true });
    expect(await answerReinvestigation(admin, reinvestigationId, { answer: "再次答复" })).toMatchObject({
      ok: false,
      code: "CONFLICT",
    });
  });

  it("with every sampled student contacted and every re-investigation answered, the publicity starts", async () => {
    const created = await schoolPublicity(admin);
    expect(created).toMatchObject({ ok: true });
  });
});

describe("result feedback", () => {
  it("the applicant opening their final result records it once", async () => {
    const student = await makeStudent(school);
    const { app } = await makeApplication(school, "determined", { student, level: "GENERAL" });
    const user = sessionUser(await makeStudentAccount(student));
    expect(await ownResult(user, student.person.id)).toMatchObject({ ok: true });
    const first = await db().resultFeedback.findUniqueOrThrow({ where: { applicationId: app.id } });
    expect(first.source).toBe("APPLICANT_VIEWED");
    expect(await ownResult(user, student.person.id)).toMatchObject({ ok: true });
    expect(await db().resultFeedback.findUniqueOrThrow({ where: { applicationId: app.id } })).toEqual(first);
  });
});
