/**
 * Small, explicit test data built straight into the test database: a region
 * tree, schools with a class each, students with guardians, and accounts of
 * every role. Each call uses fresh codes so tests in one file do not collide.
 */
import { hashPassword } from "@/lib/auth/password";
import { seal } from "@/lib/crypto/keys";
import { db } from "@/lib/db/client";
import type { Role, Stage } from "@/lib/db/generated/enums";
import { buildResidentId } from "@/lib/domain/id-number";

export const PASSWORD = "Fixture2026";
let passwordHash: Promise<string> | undefined;
const hashed = () => (passwordHash ??= hashPassword(PASSWORD));

let counter = 0;
const next = () => ++counter;

export async function makeRegionTree() {
  const n = next();
  const province = await db().region.upsert({
    where: { code: "440000" },
    update: {},
    create: { code: "440000", name: "广东省", level: "PROVINCE", path: "/440000/" },
  });
  const city = await db().region.upsert({
    where: { code: "440100" },
    update: {},
    create: { code: "440100", name: "广州市", level: "CITY", parentId: province.id, path: "/440000/440100/" },
  });
  const countyCode = String(440100 + (n % 90) + 1).padStart(6, "0");
  const county = await db().region.upsert({
    where: { code: countyCode },
    update: {},
    create: {
      code: countyCode,
      name: `测试区${n}`,
      level: "COUNTY",
      parentId: city.id,
      path: `/440000/440100/${countyCode}/`,
    },
  });
  return { province, city, county };
}

export async function makeSchool(regionId: string, stage: Stage = "SENIOR") {
  const n = next();
  const school = await db().school.create({
    data: { code: String(4401000000 + n * 97), name: `测试学校${n}`, regionId, stages: [stage] },
  });
  const grade = await db().grade.create({
    data: { schoolId: school.id, stage, name: `一年级${n}`, entryYear: 2026 },
  });
  const klass = await db().schoolClass.create({
    data: { schoolId: school.id, gradeId: grade.id, name: "1班" },
  });
  return { school, grade, klass };
}

export type StudentFixture = Awaited<ReturnType<typeof makeStudent>>;

export async function makeStudent(
  s: { school: { id: string }; grade: { id: string; stage: Stage }; klass: { id: string } },
  opts: { name?: string; guardianPhone?: string } = {},
) {
  const n = next();
  const idNumber = buildResidentId(
    "440106",
    `2009-0${(n % 9) + 1}-1${n % 10}`,
    n % 1000,
    n % 2 ? "MALE" : "FEMALE",
  );
  const name = opts.name ?? `学生${n}`;
  const person = await db().person.create({
    data: { name, gender: n % 2 ? "MALE" : "FEMALE", idType: "RESIDENT_ID", ...sealed("idNumber", idNumber) },
  });
  const studentNo = `G${idNumber}`;
  const student = await db().student.create({
    data: {
      personId: person.id,
      schoolId: s.school.id,
      gradeId: s.grade.id,
      classId: s.klass.id,
      stage: s.grade.stage,
      studentNo,
      enrolledOn: new Date("2026-09-01"),
      programmeYears: 3,
    },
  });
  const guardianPhone = opts.guardianPhone ?? `139${String(10_000_000 + n).slice(-8)}`;
  const phone = seal(guardianPhone, "phone");
  await db().guardian.create({
    data: {
      studentId: student.id,
      name: `家长${n}`,
      relation: "母亲",
      phoneCipher: phone.cipher,
      phoneHash: phone.hash,
      phoneMasked: phone.masked,
    },
  });
  return { person, student, idNumber, studentNo, name, guardianPhone };
}

function sealed(kind: "idNumber", value: string) {
  const s = seal(value, kind);
  return { idNumberCipher: s.cipher, idNumberHash: s.hash, idNumberMasked: s.masked };
}

export async function makeStaff(
  role: Exclude<Role, "STUDENT" | "PARENT">,
  scope: { schoolId?: string; regionId?: string },
  opts: { mustChangePassword?: boolean; classIds?: string[] } = {},
) {
  const username = `${role.toLowerCase()}_${next()}`;
  const user = await db().user.create({
    data: {
      role,
      username,
      displayName: `${role}${counter}`,
      passwordHash: await hashed(),
      mustChangePassword: opts.mustChangePassword ?? false,
      schoolId: role === "SUPERVISOR" ? null : scope.schoolId,
      regionId: role === "SUPERVISOR" ? scope.regionId : null,
    },
  });
  for (const classId of opts.classIds ?? [])
    await db().teacherClass.create({ data: { teacherId: user.id, classId } });
  return { user, username };
}

export async function makeStudentAccount(st: StudentFixture) {
  return db().user.create({
    data: { role: "STUDENT", personId: st.person.id, displayName: st.name, passwordHash: await hashed() },
  });
}

export async function makeParent(phone: string, childPersonIds: string[] = []) {
  const p = seal(phone, "phone");
  const user = await db().user.create({
    data: {
      role: "PARENT",
      displayName: `家长${next()}`,
      phoneCipher: p.cipher,
      phoneHash: p.hash,
      phoneMasked: p.masked,
      passwordHash: await hashed(),
    },
  });
  for (const personId of childPersonIds)
    await db().parentChild.create({ data: { parentId: user.id, personId } });
  return user;
}

/** The current term with its window around `now` (open by default), and one programme for the stage. */
export async function makeCurrentTerm(
  opts: { opensInHours?: number; closesInHours?: number; stage?: Stage } = {},
) {
  const now = Date.now();
  const h = (n: number) => new Date(now + n * 3_600_000);
  const applyStart = h(opts.opensInHours ?? -24);
  const applyEnd = h(opts.closesInHours ?? 24 * 6);
  await db().aidTerm.updateMany({ where: { isCurrent: true }, data: { isCurrent: false } });
  const n = next();
  const term = await db().aidTerm.create({
    data: {
      academicYear: `${2030 + n}-${2031 + n}`,
      semester: "AUTUMN",
      name: `测试学期${n}`,
      isCurrent: true,
      applyStart,
      applyEnd,
      verifyDeadline: new Date(Math.max(applyEnd.getTime(), now) + 7 * 86_400_000),
      reviewDeadline: new Date(Math.max(applyEnd.getTime(), now) + 21 * 86_400_000),
    },
  });
  const stage = opts.stage ?? "SENIOR";
  const programme = await db().aidProgramme.upsert({
    where: { code: `grant_${stage}` },
    update: {},
    create: {
      code: `grant_${stage}`,
      name: `${stage}国家助学金`,
      stage,
      kind: "SUBSIDY",
      eligibleLevels: ["SPECIAL", "HARDSHIP"],
      requiredFields: ["household.totalAnnualIncome", "household.memberCount", "familyMembers"],
    },
  });
  await db().termProgramme.create({
    data: { termId: term.id, programmeId: programme.id, amountMode: "FIXED", fixedAmountFen: 100_000 },
  });
  return { term, programme };
}
