/**
 * 资助档案 (lib/services/student-archive.ts) on the real database: a student who moved from a junior high to a
 * senior high. The senior high (their current school) sees both schools' records, the junior high's masked
 * (no class names, numbers in reasons starred); the junior high sees only its own; nobody sees another student's
 * records; other schools, other classes and supervisors outside the region get NOT_FOUND; every view is audited.
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { SessionUser } from "@/lib/auth/session";
import { seal } from "@/lib/crypto/keys";
import { db } from "@/lib/db/client";
import { viewStudentArchive, type StudentArchive } from "@/lib/services/student-archive";
import { ensureDefaultModel, makeApplication, makeRoster } from "../support/determination-fixtures";
import {
  makeCurrentTerm,
  makeRegionTree,
  makeSchool,
  makeStaff,
  makeStudent,
  type StudentFixture,
} from "../support/fixtures";
import { sessionUser } from "../support/session-user";

type SchoolFx = Awaited<ReturnType<typeof makeSchool>>;

let junior: SchoolFx, senior: SchoolFx, elsewhere: SchoolFx;
let atJunior: StudentFixture,
  atSenior: StudentFixture,
  classmate: StudentFixture,
  juniorClassmate: StudentFixture;
let seniorAdmin: SessionUser, seniorTeacher: SessionUser, seniorOtherTeacher: SessionUser;
let juniorAdmin: SessionUser, juniorTeacher: SessionUser, elsewhereAdmin: SessionUser;
let countySupervisor: SessionUser, citySupervisor: SessionUser, otherSupervisor: SessionUser;
let seniorApplicationId: string, juniorApplicationIds: string[], classmateApplicationId: string;

const staff = async (role: "TEACHER" | "SCHOOL_ADMIN", school: SchoolFx, classIds: string[] = []) =>
  sessionUser((await makeStaff(role, { schoolId: school.school.id }, { classIds })).user);

async function pastTerm(academicYear: string, semester: "AUTUMN" | "SPRING", start: string) {
  return db().aidTerm.create({
    data: {
      academicYear,
      semester,
      name: `${academicYear}学年${semester === "AUTUMN" ? "秋季" : "春季"}学期（档案测试）`,
      applyStart: new Date(start),
      applyEnd: new Date(new Date(start).getTime() + 10 * 86_400_000),
      verifyDeadline: new Date(new Date(start).getTime() + 20 * 86_400_000),
      reviewDeadline: new Date(new Date(start).getTime() + 30 * 86_400_000),
    },
  });
}

beforeAll(async () => {
  const tree = await makeRegionTree();
  const otherTree = await makeRegionTree();
  await makeCurrentTerm({ stage: "SENIOR" });
  junior = await makeSchool(tree.county.id, "JUNIOR");
  senior = await makeSchool(tree.county.id, "SENIOR");
  elsewhere = await makeSchool(otherTree.county.id, "SENIOR");
  const otherClass = await db().schoolClass.create({
    data: { schoolId: senior.school.id, gradeId: senior.grade.id, name: "2班" },
  });
  [seniorAdmin, seniorTeacher, seniorOtherTeacher, juniorAdmin, juniorTeacher, elsewhereAdmin] =
    await Promise.all([
      staff("SCHOOL_ADMIN", senior),
      staff("TEACHER", senior, [senior.klass.id]),
      staff("TEACHER", senior, [otherClass.id]),
      staff("SCHOOL_ADMIN", junior),
      staff("TEACHER", junior, [junior.klass.id]),
      staff("SCHOOL_ADMIN", elsewhere),
    ]);
  const supervisor = async (region: { id: string; path: string }) =>
    sessionUser((await makeStaff("SUPERVISOR", { regionId: region.id })).user, { regionPath: region.path });
  [countySupervisor, citySupervisor, otherSupervisor] = await Promise.all([
    supervisor(tree.county),
    supervisor(tree.city),
    supervisor(otherTree.county),
  ]);

  // The mover: three years at the junior high (graduated), now in the senior high's class 1.
  atJunior = await makeStudent(junior, { name: "转学生甲" });
  await db().student.update({
    where: { id: atJunior.student.id },
    data: { status: "GRADUATED", enrolledOn: new Date("2023-09-01") },
  });
  const seniorEnrolment = await db().student.create({
    data: {
      personId: atJunior.person.id,
      schoolId: senior.school.id,
      gradeId: senior.grade.id,
      classId: senior.klass.id,
      stage: "SENIOR",
      studentNo: atJunior.studentNo,
      enrolledOn: new Date("2026-09-01"),
      programmeYears: 3,
    },
  });
  atSenior = { ...atJunior, student: seniorEnrolment };
  classmate = await makeStudent(senior, { name: "同班同学乙" });
  juniorClassmate = await makeStudent(junior, { name: "初中同学丙" });

  // At the junior high: a determination revoked with recovery (2024 autumn), then one of 特别困难 with its
  // reason, paid, signed for, on the special-group list (2025 spring).
  const model = await ensureDefaultModel();
  const revokedTerm = await pastTerm("2014-2015", "AUTUMN", "2014-09-20");
  const paidTerm = await pastTerm("2015-2016", "SPRING", "2016-03-01");
  const submittedAt = (termId: string) => new Date(termId === revokedTerm.id ? "2014-09-22" : "2016-03-02");
  const juniorApplication = (termId: string, state: "revoked" | "determined") =>
    db().application.create({
      data: {
        termId,
        personId: atJunior.person.id,
        studentId: atJunior.student.id,
        schoolId: junior.school.id,
        classId: junior.klass.id,
        state,
        commitmentSignedAt: submittedAt(termId),
        submittedAt: submittedAt(termId),
        verifiedAt: submittedAt(termId),
        reviewedAt: submittedAt(termId),
        transitions: { create: [{ fromState: null, toState: "submitted", comment: "家长电话13812345678" }] },
      },
    });
  const revoked = await juniorApplication(revokedTerm.id, "revoked");
  await db().determination.create({
    data: {
      applicationId: revoked.id,
      scoringModelId: model.id,
      simulatedScore: 60,
      simulatedLevel: "HARDSHIP",
      explanation: { levelRule: "积分60分，困难" },
      finalLevel: "HARDSHIP",
      determinedAt: new Date("2024-10-10"),
      revokedAt: new Date("2024-12-01"),
      revokeReason: "HOUSE_CAR_BUSINESS",
      revokeDetail: "家庭购车，车牌核实",
      recoveryRequired: true,
    },
  });
  const paid = await juniorApplication(paidTerm.id, "determined");
  await db().determination.create({
    data: {
      applicationId: paid.id,
      scoringModelId: model.id,
      simulatedScore: 32,
      simulatedLevel: "NONE",
      explanation: { levelRule: "积分32分，不困难", tierRule: "不分档" },
      gradeAdjustedLevel: "HARDSHIP",
      gradeAdjustReason: "母亲重病，病历号 20250301",
      finalLevel: "HARDSHIP",
      overrideReason: "父亲身份证440106198001011234已核实病故",
      determinedAt: new Date("2026-03-20"),
    },
  });
  juniorApplicationIds = [revoked.id, paid.id];
  const programme = await db().aidProgramme.create({
    data: {
      code: `archive_boarding_${Date.now()}`,
      name: "寄宿生生活补助（档案测试）",
      stage: "JUNIOR",
      kind: "SUBSIDY",
    },
  });
  const roster = await db().roster.create({
    data: {
      termId: paidTerm.id,
      programmeId: programme.id,
      schoolId: junior.school.id,
      state: "APPROVED",
      approvedById: juniorAdmin.id,
      approvedAt: new Date("2016-03-30"),
      entries: {
        create: [
          {
            studentId: atJunior.student.id,
            applicationId: paid.id,
            level: "HARDSHIP",
            amountFen: 62_500,
            paidAmountFen: 62_500,
            paidAt: new Date("2016-04-01"),
            receiptConfirmedAt: new Date("2016-04-03"),
          },
          { studentId: juniorClassmate.student.id, level: "HARDSHIP", amountFen: 50_000 },
        ],
      },
    },
  });
  await db().rosterPayment.create({
    data: {
      rosterId: roster.id,
      studentId: atJunior.student.id,
      kind: "PAYMENT",
      amountFen: 62_500,
      at: new Date("2016-04-01"),
    },
  });
  await db().rosterPayment.create({
    data: { rosterId: roster.id, studentId: juniorClassmate.student.id, kind: "PAYMENT", amountFen: 50_000 },
  });
  const id = seal(atJunior.idNumber, "idNumber");
  await db().specialGroupEntry.create({
    data: {
      category: "ORPHAN",
      source: "CENTRAL",
      name: atJunior.name,
      idNumberCipher: id.cipher,
      idNumberHash: id.hash,
      idNumberMasked: id.masked,
      schoolId: junior.school.id,
      listYear: 2025,
      // Not matched to the person yet: found by the ID number's blind index.
      personId: null,
    },
  });

  // At the senior high this term: determined 困难, paid; a classmate determined too.
  const { app } = await makeApplication(senior, "determined", { student: atSenior, level: "HARDSHIP" });
  seniorApplicationId = app.id;
  const { app: other } = await makeApplication(senior, "determined", {
    student: classmate,
    level: "SPECIAL",
  });
  classmateApplicationId = other.id;
  const seniorRoster = await makeRoster(senior.school.id, [
    { studentId: atSenior.student.id, applicationId: app.id, paid: true },
    { studentId: classmate.student.id, applicationId: other.id, paid: true },
  ]);
  for (const studentId of [atSenior.student.id, classmate.student.id])
    await db().rosterPayment.create({
      data: { rosterId: seniorRoster.id, studentId, kind: "PAYMENT", amountFen: 100_000 },
    });
});

const open = async (user: SessionUser, studentId: string): Promise<StudentArchive> => {
  const result = await viewStudentArchive(user, studentId);
  if (!result.ok) throw new Error(`${result.code}: ${result.message}`);
  return result.data;
};

/** Every id and name of the other students, which must appear nowhere in a file. */
const strangers = () => [
  classmate.person.id,
  classmate.student.id,
  classmate.name,
  classmateApplicationId,
  juniorClassmate.person.id,
  juniorClassmate.student.id,
  juniorClassmate.name,
];

describe("the current school (senior high)", () => {
  it("sees both schools' records, the junior high's read-only and masked", async () => {
    const archive = await open(seniorAdmin, atSenior.student.id);
    expect(archive.student.name).toBe("转学生甲");
    expect(archive.student.idNumberMasked).toMatch(/^4401\*+\d{3}[\dX]$/);
    expect(archive.schools.map((school) => [school.id, school.view, school.own])).toEqual([
      [junior.school.id, "masked", false],
      [senior.school.id, "full", true],
    ]);
    expect(archive.applications.map((application) => application.id)).toEqual([
      ...juniorApplicationIds,
      seniorApplicationId,
    ]);
    const [revoked, paid, current] = archive.applications;
    // The junior high's: no class, levels, model and version, reasons with their numbers starred.
    expect(revoked!.className).toBeNull();
    expect(revoked!.determination).toMatchObject({
      finalLevel: "HARDSHIP",
      revokeReason: "HOUSE_CAR_BUSINESS",
      revokeDetail: "家庭购车，车牌核实",
      recoveryRequired: true,
    });
    expect(revoked!.transitions[0]!.comment).toBe("家长电话*******5678");
    expect(paid!.determination).toMatchObject({
      modelVersion: expect.any(Number),
      simulatedScore: 32,
      levelRule: "积分32分，不困难",
      gradeAdjustedLevel: "HARDSHIP",
      gradeAdjustReason: "母亲重病，病历号 ********",
      finalLevel: "HARDSHIP",
      overrideReason: "父亲身份证**************1234已核实病故",
    });
    // Its own: in full.
    expect(current!.className).toBe(`${senior.grade.name}1班`);
    expect(current!.determination?.finalLevel).toBe("HARDSHIP");
    // Aid received and signed for at both schools; the special-group listing found by the blind index.
    expect(archive.rosterEntries.map((entry) => [entry.schoolId, entry.amountFen])).toEqual([
      [junior.school.id, 62_500],
      [senior.school.id, 100_000],
    ]);
    expect(archive.rosterEntries[0]!.receiptConfirmedAt).toEqual(new Date("2016-04-03"));
    expect(archive.payments.map((payment) => payment.schoolId)).toEqual([junior.school.id, senior.school.id]);
    expect(archive.aidRecords.map((record) => [record.schoolId, record.amountFen])).toEqual([
      [junior.school.id, 62_500],
      [senior.school.id, 100_000],
    ]);
    expect(archive.specialGroups.map((entry) => [entry.schoolId, entry.category])).toEqual([
      [junior.school.id, "ORPHAN"],
    ]);
    expect(archive.enrolments.map((enrolment) => [enrolment.schoolId, enrolment.className])).toEqual([
      [junior.school.id, null],
      [senior.school.id, `${senior.grade.name}1班`],
    ]);
    const text = JSON.stringify(archive);
    for (const stranger of strangers()) expect(text).not.toContain(stranger);
    expect(text).not.toContain(atJunior.idNumber);
  });

  it("the class teacher sees the same file; a teacher of another class does not", async () => {
    const archive = await open(seniorTeacher, atSenior.student.id);
    expect(archive.applications).toHaveLength(3);
    const refused = await viewStudentArchive(seniorOtherTeacher, atSenior.student.id);
    expect(refused).toMatchObject({ ok: false, code: "NOT_FOUND" });
  });

  it("cannot open the file through the junior high's enrolment", async () => {
    expect(await viewStudentArchive(seniorAdmin, atJunior.student.id)).toMatchObject({
      ok: false,
      code: "NOT_FOUND",
    });
  });
});

describe("the school the student left (junior high)", () => {
  it("sees only its own records, nothing of the senior high", async () => {
    for (const user of [juniorAdmin, juniorTeacher]) {
      const archive = await open(user, atJunior.student.id);
      expect(archive.schools.map((school) => [school.id, school.view])).toEqual([[junior.school.id, "full"]]);
      expect(archive.applications.map((application) => application.id)).toEqual(juniorApplicationIds);
      // Its own reasons in full.
      expect(archive.applications[1]!.determination?.overrideReason).toBe(
        "父亲身份证440106198001011234已核实病故",
      );
      for (const list of [archive.rosterEntries, archive.payments, archive.aidRecords, archive.enrolments])
        expect(list.every((row) => row.schoolId === junior.school.id)).toBe(true);
      const text = JSON.stringify(archive);
      expect(text).not.toContain(senior.school.id);
      expect(text).not.toContain(seniorApplicationId);
      for (const stranger of strangers()) expect(text).not.toContain(stranger);
    }
  });

  it("cannot open the senior high's enrolment", async () => {
    expect(await viewStudentArchive(juniorAdmin, atSenior.student.id)).toMatchObject({
      ok: false,
      code: "NOT_FOUND",
    });
  });
});

describe("others", () => {
  it("another school, a supervisor outside the region, a malformed id: NOT_FOUND", async () => {
    for (const [user, studentId] of [
      [elsewhereAdmin, atSenior.student.id],
      [elsewhereAdmin, atJunior.student.id],
      [otherSupervisor, atSenior.student.id],
      [otherSupervisor, atJunior.student.id],
      [seniorAdmin, "../x"],
    ] as const)
      expect(await viewStudentArchive(user, studentId)).toMatchObject({ ok: false, code: "NOT_FOUND" });
  });

  it("a supervisor of the region sees the whole file read-only, their schools in full", async () => {
    for (const user of [countySupervisor, citySupervisor]) {
      const archive = await open(user, atSenior.student.id);
      expect(archive.viewer).toBe("region");
      expect(archive.schools.map((school) => [school.view, school.own])).toEqual([
        ["full", false],
        ["full", false],
      ]);
      expect(archive.applications).toHaveLength(3);
      for (const stranger of strangers()) expect(JSON.stringify(archive)).not.toContain(stranger);
    }
  });

  it("every view is audited with the person and how many schools were masked", async () => {
    await open(seniorAdmin, atSenior.student.id);
    const entry = await db().auditLog.findFirst({
      where: { action: "student_archive.view", actorUserId: seniorAdmin.id },
      orderBy: { id: "desc" },
    });
    expect(entry).toMatchObject({
      targetType: "Student",
      targetId: atSenior.student.id,
      schoolId: senior.school.id,
    });
    expect(entry?.detail).toMatchObject({ personId: atJunior.person.id, schools: 2, maskedSchools: 1 });
  });
});
