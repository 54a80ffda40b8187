/** Applications of the current term in every state, with households, histories and determinations. */
import "server-only";
import { seal } from "@/lib/crypto/keys";
import { perCapitaMonthlyIncomeFen } from "@/lib/domain/household";
import { levelForTier } from "@/lib/domain/scoring";
import type { PrismaClient } from "../generated/client";
import type { ApplicationState, HardshipLevel, Role } from "../generated/enums";
import { DEFAULT_SCORING_MODEL } from "./default-scoring-model";
import { DEMO } from "./demo-accounts";
import type { SeededStudent } from "./people";
import { adultName, rng, type Rng } from "./random";

const PATHS: Record<ApplicationState, ApplicationState[]> = {
  draft: ["draft"],
  submitted: ["draft", "submitted"],
  returned: ["draft", "submitted", "returned"],
  verified: ["draft", "submitted", "verified"],
  reviewed: ["draft", "submitted", "verified", "reviewed"],
  determined: ["draft", "submitted", "verified", "reviewed", "determined"],
  waived: ["draft", "waived"],
  withdrawn: ["draft", "submitted", "withdrawn"],
  revoked: ["draft", "submitted", "verified", "reviewed", "determined", "revoked"],
};
const ORDER: ApplicationState[] = [
  "submitted",
  "verified",
  "returned",
  "draft",
  "reviewed",
  "determined",
  "waived",
  "withdrawn",
  "submitted",
  "determined",
  "revoked",
  "verified",
];
const LEVEL_SCORE: Record<HardshipLevel, number> = { SPECIAL: 66, HARDSHIP: 47, GENERAL: 31, NONE: 12 };
const HOUR = 3_600_000;

type Ctx = {
  prisma: PrismaClient;
  random: Rng;
  now: Date;
  termId: string;
  modelId: string;
  staff: Record<string, { admin: string; teachers: string[] }>;
  passwordHash: string;
  teacherOf: Map<string, string>;
};

export async function seedDefaultModel(prisma: PrismaClient) {
  const existing = await prisma.scoringModel.findFirst({ where: { schoolId: null, version: 1 } });
  return (
    existing ??
    prisma.scoringModel.create({
      data: {
        schoolId: null,
        version: 1,
        name: DEFAULT_SCORING_MODEL.name,
        config: DEFAULT_SCORING_MODEL.config,
      },
    })
  );
}

export async function seedApplications(ctx: Omit<Ctx, "random" | "teacherOf">, students: SeededStudent[]) {
  const { prisma } = ctx;
  const teacherOf = new Map<string, string>();
  for (const tc of await prisma.teacherClass.findMany({
    where: { class: { schoolId: { in: [...new Set(students.map((s) => s.klass.schoolId))] } } },
  })) {
    if (!teacherOf.has(tc.classId)) teacherOf.set(tc.classId, tc.teacherId);
  }
  const full: Ctx = { ...ctx, random: rng(9221), teacherOf };
  const demoNames = new Set<string>([
    DEMO.student.name,
    DEMO.unactivatedStudent.name,
    DEMO.parent.children[1].name,
    DEMO.parent.unboundChild.name,
    DEMO.parent2.child.name,
    DEMO.parent4.child.name,
  ]);
  const candidates = students.filter((s) => !demoNames.has(s.name));
  let made = 0;
  for (const [index, student] of candidates.entries()) {
    const perClass = student.schoolKey === "sen" ? 3 : 4; // every 3rd senior student applies, every 4th elsewhere
    if (student.name === DEMO.parent.children[0].name || student.name === DEMO.parent3.child.name)
      made += await createApplication(full, student, "submitted");
    else if (index % perClass === 0)
      made += await createApplication(full, student, ORDER[Math.floor(index / perClass) % ORDER.length]!);
  }
  return made;
}

async function applicantFor(ctx: Ctx, student: SeededStudent): Promise<{ userId: string; role: Role }> {
  const { prisma } = ctx;
  const young = ["KINDERGARTEN", "PRIMARY", "JUNIOR"].includes(student.klass.stage);
  if (!young) {
    const user = await prisma.user.upsert({
      where: { personId: student.personId },
      update: {},
      create: {
        role: "STUDENT",
        personId: student.personId,
        displayName: student.name,
        passwordHash: ctx.passwordHash,
      },
    });
    return { userId: user.id, role: "STUDENT" };
  }
  const guardian = await prisma.guardian.findFirstOrThrow({
    where: { studentId: student.studentId },
    orderBy: { sortOrder: "asc" },
  });
  const existing = await prisma.user.findUnique({ where: { phoneHash: guardian.phoneHash } });
  const { reveal } = await import("@/lib/crypto/keys");
  const phone = seal(reveal(guardian.phoneCipher), "phone");
  const user =
    existing ??
    (await prisma.user.create({
      data: {
        role: "PARENT",
        displayName: guardian.name,
        phoneCipher: phone.cipher,
        phoneHash: phone.hash,
        phoneMasked: phone.masked,
        passwordHash: ctx.passwordHash,
      },
    }));
  await prisma.parentChild.upsert({
    where: { parentId_personId: { parentId: user.id, personId: student.personId } },
    update: {},
    create: { parentId: user.id, personId: student.personId },
  });
  if ((await prisma.bindingRecord.count({ where: { parentId: user.id, personId: student.personId } })) === 0)
    await prisma.bindingRecord.create({
      data: {
        parentId: user.id,
        personId: student.personId,
        studentId: student.studentId,
        phoneMasked: guardian.phoneMasked,
      },
    });
  return { userId: user.id, role: "PARENT" };
}

async function createApplication(
  ctx: Ctx,
  student: SeededStudent,
  target: ApplicationState,
): Promise<number> {
  const { prisma, random, now, termId } = ctx;
  if (
    await prisma.application.findFirst({
      where: { personId: student.personId, termId, kind: "REGULAR" },
    })
  )
    return 0;
  const applicant = await applicantFor(ctx, student);
  const teacher = ctx.teacherOf.get(student.klass.id)!;
  const admin = ctx.staff[student.schoolKey]!.admin;
  const path = PATHS[target];
  const stepTime = (step: number) => new Date(now.getTime() - (path.length - step) * 20 * HOUR);
  const has = (st: ApplicationState) => path.includes(st);
  const members = random.int(3, 5);
  const total = random.int(1_200_000, 6_000_000);
  // A single-tier stage (不分档次) has only 困难 / 不困难 (lib/domain/scoring.ts levelForTier).
  const level: HardshipLevel = levelForTier(
    DEFAULT_SCORING_MODEL.config.tiers[student.klass.stage],
    random.pick(["SPECIAL", "HARDSHIP", "HARDSHIP", "GENERAL", "NONE"]),
  );
  const programmes = await prisma.aidProgramme.findMany({
    where: { stage: student.klass.stage, kind: { not: "LOAN" } },
    select: { id: true },
  });

  const app = await prisma.application.create({
    data: {
      termId,
      personId: student.personId,
      studentId: student.studentId,
      schoolId: student.klass.schoolId,
      classId: student.klass.id,
      applicantUserId: applicant.userId,
      state: target,
      version: path.length - 1,
      enrolmentConfirmedAt: stepTime(0),
      policyAcknowledgedAt: stepTime(0),
      waiverReason: target === "waived" ? "家庭经济条件好转，自愿放弃" : null,
      commitmentSignedAt: has("submitted") ? stepTime(1) : null,
      submittedAt: has("submitted") ? stepTime(1) : null,
      returnReason: target === "returned" ? "收入证明不清晰，请重新上传" : null,
      returnDeadline: target === "returned" ? new Date(now.getTime() + 72 * HOUR) : null,
      verifiedAt: has("verified") ? stepTime(2) : null,
      reviewedAt: has("reviewed") ? stepTime(3) : null,
      draftStep: target === "draft" ? "household" : null,
      household:
        target === "waived"
          ? undefined
          : {
              create: {
                residence: random.chance(0.4) ? "RURAL" : "URBAN",
                regionCode: "440106",
                address:
                  "广州市天河区" +
                  random.pick(["龙洞街", "长兴街", "员村街", "车陂街"]) +
                  random.int(1, 300) +
                  "号",
                totalAnnualIncomeFen: total,
                memberCount: members,
                perCapitaMonthlyIncomeFen: perCapitaMonthlyIncomeFen(total, members),
                housing: random.pick(["租房", "自有住房（老旧）", "与亲属同住"]),
                vehicles: "无",
                stateEmployedParent: false,
                stableIncome: false,
                // Compulsory-stage demo children apply for the 寄宿生生活补助, which asks whether they board.
                boarding: student.klass.stage === "PRIMARY" || student.klass.stage === "JUNIOR" ? true : null,
                notes: random.chance(0.3) ? "母亲长期患病，需定期治疗" : null,
              },
            },
      familyMembers:
        target === "waived"
          ? undefined
          : {
              create: Array.from({ length: members }, (_, index) =>
                index === 0
                  ? {
                      name: student.name,
                      relation: "本人",
                      age: 2026 - student.klass.entryYear + 12,
                      workStatus: "在校",
                      inSchool: true,
                      annualIncomeFen: 0,
                      sortOrder: 0,
                    }
                  : {
                      name: adultName(random, index % 2 ? "MALE" : "FEMALE"),
                      relation: random.pick(["父亲", "母亲", "祖父", "祖母", "姐姐"]),
                      age: random.int(35, 70),
                      occupation: random.pick(["务工", "务农", "个体", "无业"]),
                      workStatus: random.pick(["在岗", "灵活就业", "失业", "丧失劳动能力"]),
                      annualIncomeFen: Math.floor(total / members),
                      seriousIllness: random.chance(0.15),
                      disability: random.chance(0.08),
                      sortOrder: index,
                    },
              ),
            },
      suddenEvents:
        random.chance(0.15) && target !== "waived"
          ? {
              create: [
                {
                  kind: "SERIOUS_ILLNESS",
                  amountFen: random.int(500_000, 5_000_000),
                  description: "家庭成员住院治疗",
                },
              ],
            }
          : undefined,
      programmes:
        target === "waived"
          ? undefined
          : { create: programmes.slice(0, 1).map((p) => ({ programmeId: p.id })) },
    },
  });

  const actor = (to: ApplicationState): { userId: string; role: Role; comment: string | null } => {
    switch (to) {
      case "draft":
        return { userId: applicant.userId, role: applicant.role, comment: null };
      case "submitted":
        return { userId: applicant.userId, role: applicant.role, comment: "已签署诚信承诺并提交" };
      case "waived":
        return { userId: applicant.userId, role: applicant.role, comment: "家庭经济条件好转，自愿放弃" };
      case "withdrawn":
        return { userId: applicant.userId, role: applicant.role, comment: "信息填写有误，撤回" };
      case "returned":
        return { userId: teacher, role: "TEACHER", comment: "收入证明不清晰，请重新上传" };
      case "verified":
        return { userId: teacher, role: "TEACHER", comment: "已核对佐证材料，信息属实" };
      case "reviewed":
        return { userId: admin, role: "SCHOOL_ADMIN", comment: "学校审核通过" };
      case "determined":
        return { userId: admin, role: "SCHOOL_ADMIN", comment: "认定完成" };
      case "revoked":
        return { userId: admin, role: "SCHOOL_ADMIN", comment: "经核查提供虚假信息，取消资格" };
    }
  };
  await prisma.applicationTransition.createMany({
    data: path.map((to, index) => {
      const stepActor = actor(to);
      return {
        applicationId: app.id,
        fromState: index === 0 ? null : path[index - 1]!,
        toState: to,
        actorUserId: stepActor.userId,
        actorRole: stepActor.role,
        comment: stepActor.comment,
        at: stepTime(index),
      };
    }),
  });
  if (has("determined")) {
    await prisma.determination.create({
      data: {
        applicationId: app.id,
        scoringModelId: ctx.modelId,
        simulatedScore: LEVEL_SCORE[level],
        simulatedLevel: level,
        explanation: {
          rule: `积分 ${LEVEL_SCORE[level]}，按阈值认定`,
          indicators: [
            { key: "income_vs_minimum", points: 18 },
            { key: "parents_work", points: 6 },
          ],
        },
        finalLevel: level,
        determinedById: admin,
        determinedAt: stepTime(4),
        revokedAt: target === "revoked" ? stepTime(5) : null,
        revokeReason: target === "revoked" ? "FALSE_INFORMATION" : null,
        revokeDetail: target === "revoked" ? "隐瞒家庭拥有商品房和车辆" : null,
        recoveryRequired: target === "revoked",
      },
    });
  }
  return 1;
}
