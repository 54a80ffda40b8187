/** Applications of the current term in every state, with households, histories and determinations. */
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
  r: Rng;
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

export async function seedApplications(ctx: Omit<Ctx, "r" | "teacherOf">, students: SeededStudent[]) {
  const { prisma } = ctx;
  const teacherOf = new Map<string, string>();
  for (const tc of await prisma.teacherClass.findMany({
    where: { class: { schoolId: { in: [...new Set(students.map((s) => s.klass.schoolId))] } } },
  })) {
    if (!teacherOf.has(tc.classId)) teacherOf.set(tc.classId, tc.teacherId);
  }
  const full: Ctx = { ...ctx, r: rng(9221), teacherOf };
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
  for (const [i, s] of candidates.entries()) {
    const perClass = s.schoolKey === "sen" ? 3 : 4; // every 3rd senior student applies, every 4th elsewhere
    if (s.name === DEMO.parent.children[0].name || s.name === DEMO.parent3.child.name)
      made += await createApplication(full, s, "submitted");
    else if (i % perClass === 0)
      made += await createApplication(full, s, ORDER[Math.floor(i / perClass) % ORDER.length]!);
  }
  return made;
}

async function applicantFor(ctx: Ctx, s: SeededStudent): Promise<{ userId: string; role: Role }> {
  const { prisma } = ctx;
  const young = ["KINDERGARTEN", "PRIMARY", "JUNIOR"].includes(s.klass.stage);
  if (!young) {
    const u = await prisma.user.upsert({
      where: { personId: s.personId },
      update: {},
      create: { role: "STUDENT", personId: s.personId, displayName: s.name, passwordHash: ctx.passwordHash },
    });
    return { userId: u.id, role: "STUDENT" };
  }
  const g = await prisma.guardian.findFirstOrThrow({
    where: { studentId: s.studentId },
    orderBy: { sortOrder: "asc" },
  });
  const existing = await prisma.user.findUnique({ where: { phoneHash: g.phoneHash } });
  const { reveal } = await import("@/lib/crypto/keys");
  const phone = seal(reveal(g.phoneCipher), "phone");
  const u =
    existing ??
    (await prisma.user.create({
      data: {
        role: "PARENT",
        displayName: g.name,
        phoneCipher: phone.cipher,
        phoneHash: phone.hash,
        phoneMasked: phone.masked,
        passwordHash: ctx.passwordHash,
      },
    }));
  await prisma.parentChild.upsert({
    where: { parentId_personId: { parentId: u.id, personId: s.personId } },
    update: {},
    create: { parentId: u.id, personId: s.personId },
  });
  if ((await prisma.bindingRecord.count({ where: { parentId: u.id, personId: s.personId } })) === 0)
    await prisma.bindingRecord.create({
      data: { parentId: u.id, personId: s.personId, studentId: s.studentId, phoneMasked: g.phoneMasked },
    });
  return { userId: u.id, role: "PARENT" };
}

async function createApplication(ctx: Ctx, s: SeededStudent, target: ApplicationState): Promise<number> {
  const { prisma, r, now, termId } = ctx;
  if (await prisma.application.findUnique({ where: { personId_termId: { personId: s.personId, termId } } }))
    return 0;
  const applicant = await applicantFor(ctx, s);
  const teacher = ctx.teacherOf.get(s.klass.id)!;
  const admin = ctx.staff[s.schoolKey]!.admin;
  const path = PATHS[target];
  const t = (step: number) => new Date(now.getTime() - (path.length - step) * 20 * HOUR);
  const has = (st: ApplicationState) => path.includes(st);
  const members = r.int(3, 5);
  const total = r.int(1_200_000, 6_000_000);
  // A single-tier stage (不分档次) has only 困难 / 不困难 (lib/domain/scoring.ts levelForTier).
  const level: HardshipLevel = levelForTier(
    DEFAULT_SCORING_MODEL.config.tiers[s.klass.stage],
    r.pick(["SPECIAL", "HARDSHIP", "HARDSHIP", "GENERAL", "NONE"]),
  );
  const programmes = await prisma.aidProgramme.findMany({
    where: { stage: s.klass.stage, kind: { not: "LOAN" } },
    select: { id: true },
  });

  const app = await prisma.application.create({
    data: {
      termId,
      personId: s.personId,
      studentId: s.studentId,
      schoolId: s.klass.schoolId,
      classId: s.klass.id,
      applicantUserId: applicant.userId,
      state: target,
      version: path.length - 1,
      enrolmentConfirmedAt: t(0),
      policyAcknowledgedAt: t(0),
      waiverReason: target === "waived" ? "家庭经济条件好转，自愿放弃" : null,
      commitmentSignedAt: has("submitted") ? t(1) : null,
      submittedAt: has("submitted") ? t(1) : null,
      returnReason: target === "returned" ? "收入证明不清晰，请重新上传" : null,
      returnDeadline: target === "returned" ? new Date(now.getTime() + 72 * HOUR) : null,
      verifiedAt: has("verified") ? t(2) : null,
      reviewedAt: has("reviewed") ? t(3) : null,
      draftStep: target === "draft" ? "household" : null,
      household:
        target === "waived"
          ? undefined
          : {
              create: {
                residence: r.chance(0.4) ? "RURAL" : "URBAN",
                regionCode: "440106",
                address:
                  "广州市天河区" + r.pick(["龙洞街", "长兴街", "员村街", "车陂街"]) + r.int(1, 300) + "号",
                totalAnnualIncomeFen: total,
                memberCount: members,
                perCapitaMonthlyIncomeFen: perCapitaMonthlyIncomeFen(total, members),
                housing: r.pick(["租房", "自有住房（老旧）", "与亲属同住"]),
                vehicles: "无",
                stateEmployedParent: false,
                stableIncome: false,
                // Compulsory-stage demo children apply for the 寄宿生生活补助, which asks whether they board.
                boarding: s.klass.stage === "PRIMARY" || s.klass.stage === "JUNIOR" ? true : null,
                notes: r.chance(0.3) ? "母亲长期患病，需定期治疗" : null,
              },
            },
      familyMembers:
        target === "waived"
          ? undefined
          : {
              create: Array.from({ length: members }, (_, i) =>
                i === 0
                  ? {
                      name: s.name,
                      relation: "本人",
                      age: 2026 - s.klass.entryYear + 12,
                      workStatus: "在校",
                      inSchool: true,
                      annualIncomeFen: 0,
                      sortOrder: 0,
                    }
                  : {
                      name: adultName(r, i % 2 ? "MALE" : "FEMALE"),
                      relation: r.pick(["父亲", "母亲", "祖父", "祖母", "姐姐"]),
                      age: r.int(35, 70),
                      occupation: r.pick(["务工", "务农", "个体", "无业"]),
                      workStatus: r.pick(["在岗", "灵活就业", "失业", "丧失劳动能力"]),
                      annualIncomeFen: Math.floor(total / members),
                      seriousIllness: r.chance(0.15),
                      disability: r.chance(0.08),
                      sortOrder: i,
                    },
              ),
            },
      suddenEvents:
        r.chance(0.15) && target !== "waived"
          ? {
              create: [
                {
                  kind: "SERIOUS_ILLNESS",
                  amountFen: r.int(500_000, 5_000_000),
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
    data: path.map((to, i) => {
      const a = actor(to);
      return {
        applicationId: app.id,
        fromState: i === 0 ? null : path[i - 1]!,
        toState: to,
        actorUserId: a.userId,
        actorRole: a.role,
        comment: a.comment,
        at: t(i),
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
        determinedAt: t(4),
        revokedAt: target === "revoked" ? t(5) : null,
        revokeReason: target === "revoked" ? "FALSE_INFORMATION" : null,
        revokeDetail: target === "revoked" ? "隐瞒家庭拥有商品房和车辆" : null,
        recoveryRequired: target === "revoked",
      },
    });
  }
  return 1;
}
