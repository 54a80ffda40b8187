/**
 * Fills a benchmark database with one large senior-high school: `students`
 * enrolled students (50 per class) with a guardian each, a current term with
 * an open application window, `applications` applications (households
 * included) in the usual mix of states, `accounts` student accounts whose
 * holders have a draft, one class teacher per class and one school admin.
 * Bulk inserts through the real Prisma client; sensitive fields sealed as the
 * app does.
 */
import { hashPassword } from "@/lib/auth/password";
import { seal } from "@/lib/crypto/keys";
import type { PrismaClient } from "@/lib/db/generated/client";
import type { ApplicationState } from "@/lib/db/generated/enums";
import { seedDefaultModel } from "@/lib/db/seed/applications";
import { childName, rng } from "@/lib/db/seed/random";
import { generateStudents } from "./people";

export const BENCH_PASSWORD = "Bench2026pass";
const BATCH = 2000;
const STATES: ApplicationState[] = [
  "submitted",
  "verified",
  "returned",
  "reviewed",
  "determined",
  "waived",
  "submitted",
  "verified",
];

export type Populated = {
  schoolId: string;
  termId: string;
  /** Student sign-in identifiers (ID numbers) of accounts with a draft, and their person ids. */
  applicants: { identifier: string; personId: string }[];
  teachers: { username: string; classId: string }[];
  admin: string;
};

async function inBatches<T>(items: T[], fn: (batch: T[]) => Promise<unknown>) {
  for (let i = 0; i < items.length; i += BATCH) await fn(items.slice(i, i + BATCH));
}

export async function populateSchool(
  prisma: PrismaClient,
  opts: { students: number; applications: number; accounts: number },
): Promise<Populated> {
  const passwordHash = await hashPassword(BENCH_PASSWORD);
  const province = await prisma.region.create({
    data: { code: "440000", name: "广东省", level: "PROVINCE", path: "/440000/" },
  });
  const county = await prisma.region.create({
    data: {
      code: "440106",
      name: "天河区",
      level: "COUNTY",
      parentId: province.id,
      path: "/440000/440106/",
      minimumLivingStandardFen: 133_800,
    },
  });
  const school = await prisma.school.create({
    data: { code: "1144019901", name: "广州市第九十九中学", regionId: county.id, stages: ["SENIOR"] },
  });
  // The shipped default scoring model, as the seed installs it (bench/scoring.ts and bench/export.ts install it first themselves).
  await seedDefaultModel(prisma);
  const programme = await prisma.aidProgramme.create({
    data: {
      code: "senior_grant",
      name: "普通高中国家助学金",
      stage: "SENIOR",
      kind: "SUBSIDY",
      eligibleLevels: ["SPECIAL", "HARDSHIP", "GENERAL"],
      requiredFields: ["household.totalAnnualIncome", "household.memberCount", "familyMembers"],
    },
  });
  const now = Date.now();
  const term = await prisma.aidTerm.create({
    data: {
      academicYear: "2026-2027",
      semester: "AUTUMN",
      name: "2026年秋季学期",
      isCurrent: true,
      applyStart: new Date(now - 7 * 86_400_000),
      applyEnd: new Date(now + 30 * 86_400_000),
      verifyDeadline: new Date(now + 40 * 86_400_000),
      reviewDeadline: new Date(now + 60 * 86_400_000),
    },
  });
  await prisma.termProgramme.create({
    data: {
      termId: term.id,
      programmeId: programme.id,
      amountMode: "BY_LEVEL",
      amountSpecialFen: 125_000,
      amountHardshipFen: 100_000,
      amountGeneralFen: 75_000,
    },
  });

  const people = [...generateStudents(opts.students)];
  // Grades and classes.
  const gradeIds = new Map<string, string>();
  const classIds = new Map<string, string>();
  for (const p of people) {
    if (!gradeIds.has(p.grade)) {
      const g = await prisma.grade.create({
        data: {
          schoolId: school.id,
          stage: "SENIOR",
          name: p.grade,
          entryYear: p.entryYear,
          sortOrder: gradeIds.size + 1,
        },
      });
      gradeIds.set(p.grade, g.id);
    }
    const key = `${p.grade}/${p.className}`;
    if (!classIds.has(key)) {
      const c = await prisma.schoolClass.create({
        data: { schoolId: school.id, gradeId: gradeIds.get(p.grade)!, name: p.className },
      });
      classIds.set(key, c.id);
    }
  }
  // Persons, students, guardians.
  const rows = people.map((p) => {
    const id = seal(p.idNumber, "idNumber");
    return { p, id };
  });
  const personIds: string[] = [];
  await inBatches(rows, async (batch) => {
    const made = await prisma.person.createManyAndReturn({
      data: batch.map(({ p, id }) => ({
        name: p.name,
        gender: p.gender,
        idType: "RESIDENT_ID" as const,
        idNumberCipher: id.cipher,
        idNumberHash: id.hash,
        idNumberMasked: id.masked,
        birthDate: new Date(`${p.birthDate}T00:00:00Z`),
      })),
      select: { id: true },
    });
    personIds.push(...made.map((m) => m.id));
  });
  const studentIds: string[] = [];
  await inBatches(
    rows.map((r, i) => ({ ...r, personId: personIds[i]! })),
    async (batch) => {
      const made = await prisma.student.createManyAndReturn({
        data: batch.map(({ p, personId }) => ({
          personId,
          schoolId: school.id,
          gradeId: gradeIds.get(p.grade)!,
          classId: classIds.get(`${p.grade}/${p.className}`)!,
          stage: "SENIOR" as const,
          studentNo: p.studentNo,
          enrolledOn: new Date(`${p.entryYear}-09-01T00:00:00Z`),
          programmeYears: 3,
        })),
        select: { id: true },
      });
      studentIds.push(...made.map((m) => m.id));
    },
  );
  await inBatches(
    rows.map((r, i) => ({ ...r, studentId: studentIds[i]! })),
    (batch) =>
      prisma.guardian.createMany({
        data: batch.map(({ p, studentId }) => {
          const phone = seal(p.guardianPhone, "phone");
          return {
            studentId,
            name: p.guardianName,
            relation: p.guardianRelation,
            phoneCipher: phone.cipher,
            phoneHash: phone.hash,
            phoneMasked: phone.masked,
          };
        }),
      }),
  );

  // Applications: every 4th student until `applications` are made; the first `accounts` are drafts of account holders.
  const appRows: { i: number; state: ApplicationState }[] = [];
  for (
    let i = 0, k = 0;
    appRows.length < opts.applications && i < people.length;
    i += Math.max(1, Math.floor(people.length / opts.applications)), k++
  ) {
    appRows.push({ i, state: k < opts.accounts ? "draft" : STATES[k % STATES.length]! });
  }
  const appIds: string[] = [];
  await inBatches(appRows, async (batch) => {
    const made = await prisma.application.createManyAndReturn({
      data: batch.map(({ i, state }) => {
        const p = people[i]!;
        return {
          termId: term.id,
          personId: personIds[i]!,
          studentId: studentIds[i]!,
          schoolId: school.id,
          classId: classIds.get(`${p.grade}/${p.className}`)!,
          state,
          enrolmentConfirmedAt: new Date(),
          policyAcknowledgedAt: new Date(),
          draftStep: "household",
          submittedAt: state === "draft" || state === "waived" ? null : new Date(),
          commitmentSignedAt: state === "draft" || state === "waived" ? null : new Date(),
          verifiedAt: ["verified", "reviewed", "determined"].includes(state) ? new Date() : null,
          reviewedAt: ["reviewed", "determined"].includes(state) ? new Date() : null,
          returnReason: state === "returned" ? "请补充收入证明" : null,
          returnDeadline: state === "returned" ? new Date(now + 3 * 86_400_000) : null,
          waiverReason: state === "waived" ? "家庭经济条件尚可" : null,
        };
      }),
      select: { id: true },
    });
    appIds.push(...made.map((m) => m.id));
  });
  await inBatches(
    appIds.map((id, k) => ({ id, k })),
    (batch) =>
      prisma.household.createMany({
        data: batch.map(({ id, k }) => ({
          applicationId: id,
          residence: k % 3 ? ("RURAL" as const) : ("URBAN" as const),
          address: "天河区龙洞街道",
          totalAnnualIncomeFen: 2_400_000 + (k % 50) * 100_000,
          memberCount: 3 + (k % 3),
          perCapitaMonthlyIncomeFen: Math.round((2_400_000 + (k % 50) * 100_000) / (3 + (k % 3)) / 12),
          housing: "自有住房",
          vehicles: "无",
        })),
      }),
  );
  await inBatches(
    appIds.map((id) => id),
    (batch) =>
      prisma.applicationProgramme.createMany({
        data: batch.map((applicationId) => ({ applicationId, programmeId: programme.id })),
      }),
  );

  // Accounts.
  const applicants = appRows
    .slice(0, opts.accounts)
    .map(({ i }) => ({ identifier: people[i]!.idNumber, personId: personIds[i]! }));
  await inBatches(appRows.slice(0, opts.accounts), async (batch) => {
    const made = await prisma.user.createManyAndReturn({
      data: batch.map(({ i }) => ({
        role: "STUDENT" as const,
        personId: personIds[i]!,
        displayName: people[i]!.name,
        passwordHash,
      })),
      select: { id: true, personId: true },
    });
    const byPerson = new Map(made.map((m) => [m.personId, m.id]));
    for (const { i } of batch)
      await prisma.application.updateMany({
        where: { personId: personIds[i]!, termId: term.id },
        data: { applicantUserId: byPerson.get(personIds[i]!) },
      });
  });
  const teachers: Populated["teachers"] = [];
  let t = 0;
  for (const [, classId] of classIds) {
    const username = `bench_teacher_${++t}`;
    const u = await prisma.user.create({
      data: { role: "TEACHER", username, displayName: `班主任${t}`, passwordHash, schoolId: school.id },
    });
    await prisma.teacherClass.create({ data: { teacherId: u.id, classId } });
    teachers.push({ username, classId });
  }
  await prisma.user.create({
    data: {
      role: "SCHOOL_ADMIN",
      username: "bench_admin",
      displayName: "资助管理员",
      passwordHash,
      schoolId: school.id,
    },
  });
  return { schoolId: school.id, termId: term.id, applicants, teachers, admin: "bench_admin" };
}

/**
 * Further schools in the same county and term as a populated school, so the
 * database is county-sized (about 100,000 students: docs/deployment.md) and a school's
 * lists must find its own rows among others'. Filled with set-based INSERTs
 * (names from the seed's generator; the ID-number columns hold placeholders
 * that are never decrypted — no page of these schools is read).
 */
export async function populateNeighbourSchools(
  prisma: PrismaClient,
  world: Populated,
  opts: { schools: number; students: number; applications: number },
): Promise<{ schoolIds: string[] }> {
  const home = await prisma.school.findUniqueOrThrow({
    where: { id: world.schoolId },
    select: { regionId: true },
  });
  const schoolIds: string[] = [];
  for (let s = 1; s <= opts.schools; s++) {
    const tag = `n${s}`;
    const school = await prisma.school.create({
      data: {
        code: `11440198${String(s).padStart(2, "0")}`,
        name: `广州市第${100 + s}中学`,
        regionId: home.regionId,
        stages: ["SENIOR"],
      },
    });
    schoolIds.push(school.id);
    const perGrade = Math.ceil(opts.students / 3);
    const classOf: string[] = []; // class id per block of 50 students
    const gradeOf: string[] = [];
    for (const [g, name] of ["高一", "高二", "高三"].entries()) {
      const grade = await prisma.grade.create({
        data: { schoolId: school.id, stage: "SENIOR", name, entryYear: 2026 - g, sortOrder: g + 1 },
      });
      const n = Math.min(perGrade, opts.students - g * perGrade);
      const classes = await prisma.schoolClass.createManyAndReturn({
        data: Array.from({ length: Math.ceil(n / 50) }, (_, c) => ({
          schoolId: school.id,
          gradeId: grade.id,
          name: `${c + 1}班`,
        })),
        select: { id: true },
      });
      for (let i = 0; i < n; i++) {
        classOf.push(classes[Math.floor(i / 50)]!.id);
        gradeOf.push(grade.id);
      }
    }
    const r = rng(2026 + s);
    const names = classOf.map(() => childName(r, r.chance(0.5) ? "MALE" : "FEMALE"));
    const ids = names.map((_, i) => `${tag}-${i}`);
    await prisma.$executeRaw`
      INSERT INTO "Person" ("id", "name", "gender", "idType", "idNumberCipher", "idNumberHash", "idNumberMasked", "updatedAt")
      SELECT 'p-' || t.id, t.name, 'FEMALE', 'RESIDENT_ID', 'placeholder', 'bench-' || t.id, '4401**********0000', now()
      FROM unnest(${ids}::text[], ${names}::text[]) AS t(id, name)`;
    await prisma.$executeRaw`
      INSERT INTO "Student" ("id", "personId", "schoolId", "gradeId", "classId", "stage", "studentNo", "enrolledOn", "programmeYears", "updatedAt")
      SELECT 's-' || t.id, 'p-' || t.id, ${school.id}, t.grade, t.class, 'SENIOR', 'NB' || lpad(replace(t.id, '-', 'x'), 10, '0'), DATE '2025-09-01', 3, now()
      FROM unnest(${ids}::text[], ${gradeOf}::text[], ${classOf}::text[]) AS t(id, grade, class)`;
    const step = Math.max(1, Math.floor(ids.length / Math.max(1, opts.applications)));
    const applied = ids.filter((_, i) => i % step === 0).slice(0, opts.applications);
    const states = applied.map((_, k) => STATES[k % STATES.length]!);
    const classOfApp = applied.map((id) => classOf[Number(id.split("-")[1])]!);
    await prisma.$executeRaw`
      INSERT INTO "Application" ("id", "termId", "personId", "studentId", "schoolId", "classId", "state", "submittedAt", "commitmentSignedAt", "verifiedAt", "reviewedAt", "returnReason", "returnDeadline", "waiverReason", "updatedAt")
      SELECT 'a-' || t.id, ${world.termId}, 'p-' || t.id, 's-' || t.id, ${school.id}, t.class, t.state::"ApplicationState",
             CASE WHEN t.state IN ('draft', 'waived') THEN NULL ELSE now() END, CASE WHEN t.state IN ('draft', 'waived') THEN NULL ELSE now() END,
             CASE WHEN t.state IN ('verified', 'reviewed', 'determined') THEN now() END, CASE WHEN t.state IN ('reviewed', 'determined') THEN now() END,
             CASE WHEN t.state = 'returned' THEN '请补充收入证明' END, CASE WHEN t.state = 'returned' THEN now() + interval '3 days' END,
             CASE WHEN t.state = 'waived' THEN '家庭经济条件尚可' END, now()
      FROM unnest(${applied}::text[], ${classOfApp}::text[], ${states}::text[]) AS t(id, class, state)`;
  }
  return { schoolIds };
}
