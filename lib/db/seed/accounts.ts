import "server-only";
import { hashPassword } from "@/lib/auth/password";
import { seal } from "@/lib/crypto/keys";
import type { PrismaClient } from "../generated/client";
import type { Role } from "../generated/enums";
import { DEMO } from "./demo-accounts";
import type { SeededSchool } from "./organisation";
import type { SeededStudent } from "./people";

const STAFF_NAMES: Record<string, string> = {
  admin: "周海燕",
  leader: "黄志刚",
  teacher: "李慧敏",
  teacher2: "张伟",
  new: "吴晓峰",
};

export async function seedAccounts(
  prisma: PrismaClient,
  schools: SeededSchool[],
  students: SeededStudent[],
  regions: { tianhe: { id: string }; gz: { id: string } },
) {
  const hash = await hashPassword(DEMO.staffPassword);
  const staff = async (
    username: string,
    role: Role,
    displayName: string,
    scope: { schoolId?: string; regionId?: string },
    opts: { passwordHash?: string; mustChange?: boolean } = {},
  ) =>
    prisma.user.upsert({
      where: { username },
      update: {},
      create: {
        username,
        role,
        displayName,
        passwordHash: opts.passwordHash ?? hash,
        mustChangePassword: opts.mustChange ?? false,
        schoolId: scope.schoolId ?? null,
        regionId: scope.regionId ?? null,
      },
    });

  await staff("sup_tianhe", "SUPERVISOR", "天河区教育局资助中心·何颖", { regionId: regions.tianhe.id });
  await staff("sup_guangzhou", "SUPERVISOR", "广州市学生资助管理中心·邓立新", { regionId: regions.gz.id });
  const byKey: Record<string, { admin: string; teachers: string[] }> = {};
  for (const school of schools) {
    const admin = await staff(
      `admin_${school.key}`,
      "SCHOOL_ADMIN",
      `${STAFF_NAMES.admin}（${school.key}）`,
      {
        schoolId: school.id,
      },
    );
    await staff(`leader_${school.key}`, "SCHOOL_LEADER", `${STAFF_NAMES.leader}（${school.key}）`, {
      schoolId: school.id,
    });
    const t1 = await staff(`teacher_${school.key}`, "TEACHER", `${STAFF_NAMES.teacher}（${school.key}）`, {
      schoolId: school.id,
    });
    const t2 = await staff(`teacher_${school.key}2`, "TEACHER", `${STAFF_NAMES.teacher2}（${school.key}）`, {
      schoolId: school.id,
    });
    for (const [index, schoolClass] of school.classes.entries()) {
      const teacherId = index === 0 ? t1.id : t2.id;
      await prisma.teacherClass.upsert({
        where: { teacherId_classId: { teacherId, classId: schoolClass.id } },
        update: {},
        create: { teacherId, classId: schoolClass.id },
      });
    }
    byKey[school.key] = { admin: admin.id, teachers: [t1.id, t2.id] };
  }
  const sen = schools.find((s) => s.key === "sen")!;
  await staff(
    DEMO.newTeacher.username,
    "TEACHER",
    STAFF_NAMES.new!,
    { schoolId: sen.id },
    { passwordHash: await hashPassword(DEMO.newTeacher.password), mustChange: true },
  );

  // Applicants.
  const person = (name: string) => students.find((s) => s.name === name)!;
  const student = person(DEMO.student.name);
  await prisma.user.upsert({
    where: { personId: student.personId },
    update: {},
    create: {
      role: "STUDENT",
      personId: student.personId,
      displayName: DEMO.student.name,
      passwordHash: hash,
    },
  });
  const parent = async (name: string, phone: string, children: string[]) => {
    const sealedPhone = seal(phone, "phone");
    const user = await prisma.user.upsert({
      where: { phoneHash: sealedPhone.hash },
      update: {},
      create: {
        role: "PARENT",
        displayName: name,
        phoneCipher: sealedPhone.cipher,
        phoneHash: sealedPhone.hash,
        phoneMasked: sealedPhone.masked,
        passwordHash: hash,
      },
    });
    for (const child of children) {
      const { personId, studentId } = person(child);
      await prisma.parentChild.upsert({
        where: { parentId_personId: { parentId: user.id, personId } },
        update: {},
        create: { parentId: user.id, personId },
      });
      // The school's record of the binding (lib/db/access-codes.repo.ts), once.
      if ((await prisma.bindingRecord.count({ where: { parentId: user.id, personId } })) === 0)
        await prisma.bindingRecord.create({
          data: { parentId: user.id, personId, studentId, phoneMasked: sealedPhone.masked },
        });
    }
    return user;
  };
  const parentUser = await parent(
    DEMO.parent.name,
    DEMO.parent.phone,
    DEMO.parent.children.map((c) => c.name),
  );
  await parent(DEMO.parent2.name, DEMO.parent2.phone, []);
  await parent(DEMO.parent3.name, DEMO.parent3.phone, [DEMO.parent3.child.name]);
  await parent(DEMO.parent4.name, DEMO.parent4.phone, []);
  return {
    byKey,
    studentUserId: (await prisma.user.findUniqueOrThrow({ where: { personId: student.personId } })).id,
    parentUserId: parentUser.id,
  };
}
