/**
 * Demo follow-up and recovery at 广州市天河区龙洞小学 (admin_pri, teacher_pri; README walk-through):
 *  - the current term's 满意度调查与回访 sample, drawn with a fixed seed by the one algorithm
 *    (lib/domain/follow-up-sample.ts), every sampled student contacted but one of teacher_pri's class, and one
 *    dissatisfied contact whose re-investigation admin_pri has not answered — so the school publicity is
 *    refused with both named until they are done;
 *  - a determination revoked after the boarding subsidy was paid, its recovery record half recovered.
 * The junior and senior schools are left without a sample: their publicity is walked by the school loop
 * (tests/e2e), which draws it. Idempotent: a school with a sample or a recovery is left as it is.
 */
import "server-only";
import { drawGroup, FOLLOW_UP_GROUPS } from "@/lib/domain/follow-up-sample";
import { followUpPopulations } from "../follow-up.repo";
import type { PrismaClient } from "../generated/client";
import type { SeededSchool } from "./organisation";

const DEMO_SEED = "d3m0f011u9202611";

export async function seedFollowUp(
  prisma: PrismaClient,
  input: { termId: string; now: Date },
  schools: SeededSchool[],
) {
  const school = schools.find((one) => one.key === "pri");
  const users = await prisma.user.findMany({
    where: { username: { in: ["admin_pri", "teacher_pri"] } },
    select: { id: true, username: true, classes: { select: { classId: true } } },
  });
  const admin = users.find((user) => user.username === "admin_pri");
  const teacher = users.find((user) => user.username === "teacher_pri");
  if (!school || !admin || !teacher) return;
  await seedSample(prisma, input, school.id, admin.id, new Set(teacher.classes.map((c) => c.classId)));
  await seedRecovery(prisma, input, school.id, admin.id);
}

async function seedSample(
  prisma: PrismaClient,
  input: { termId: string; now: Date },
  schoolId: string,
  adminId: string,
  teacherClasses: Set<string>,
) {
  const key = { schoolId_termId: { schoolId, termId: input.termId } };
  if (await prisma.followUpSample.findUnique({ where: key })) return;
  const scope = { role: "SCHOOL_ADMIN" as const, userId: adminId, schoolId };
  const populations = await followUpPopulations(scope, input.termId, prisma);
  if (populations.SURVEY.length === 0 && populations.WAIVER.length === 0) return;
  const sample = await prisma.followUpSample.create({
    data: {
      schoolId,
      termId: input.termId,
      seed: DEMO_SEED,
      surveyPopulation: populations.SURVEY.length,
      waiverPopulation: populations.WAIVER.length,
      drawnById: adminId,
      drawnAt: new Date(input.now.getTime() - 3 * 86_400_000),
    },
  });
  for (const group of FOLLOW_UP_GROUPS)
    await prisma.followUpSampleMember.createMany({
      data: drawGroup(DEMO_SEED, group, populations[group]).map((studentId, position) => ({
        sampleId: sample.id,
        group,
        studentId,
        position,
      })),
    });
  const members = await prisma.followUpSampleMember.findMany({
    where: { sampleId: sample.id },
    orderBy: [{ group: "asc" }, { position: "asc" }],
    select: { id: true, group: true, student: { select: { classId: true } } },
  });
  // Left for teacher_pri: a sampled student of their class (or the first one).
  const left = members.find((m) => teacherClasses.has(m.student.classId)) ?? members[0]!;
  const contacted = members.filter((m) => m.id !== left.id);
  const dissatisfied = contacted.find((m) => m.group === "WAIVER") ?? contacted.at(-1);
  const contactedOn = new Date(
    `${new Date(input.now.getTime() - 86_400_000).toISOString().slice(0, 10)}T00:00:00Z`,
  );
  for (const member of contacted) {
    const unhappy = member.id === dissatisfied?.id;
    await prisma.followUpContact.create({
      data: {
        memberId: member.id,
        contactedOn,
        way: member.group === "WAIVER" ? "HOME_VISIT" : "PHONE",
        satisfied: !unhappy,
        notes: unhappy ? "家长表示对结果有疑问" : "已告知认定结果，家长表示理解",
        reinvestigationReason: unhappy ? "家长称家庭近期收入下降，要求重新了解家庭经济情况" : null,
        recordedById: adminId,
      },
    });
  }
}

async function seedRecovery(
  prisma: PrismaClient,
  input: { termId: string; now: Date },
  schoolId: string,
  adminId: string,
) {
  if (await prisma.aidRecovery.findFirst({ where: { schoolId } })) return;
  // A paid entry of this term whose student's application is determined (困难 or above).
  const [paid] = await prisma.$queryRaw<
    { applicationId: string; studentId: string; paidFen: number; version: number }[]
  >`
    SELECT a."id" AS "applicationId", a."studentId", coalesce(re."paidAmountFen", re."amountFen") AS "paidFen",
           a."version"
    FROM "RosterEntry" re
    JOIN "Roster" r ON r."id" = re."rosterId" AND r."termId" = ${input.termId} AND r."schoolId" = ${schoolId}
    JOIN "Application" a ON a."studentId" = re."studentId" AND a."termId" = ${input.termId} AND a."state" = 'determined'
    JOIN "Determination" d ON d."applicationId" = a."id" AND d."finalLevel" IN ('SPECIAL', 'HARDSHIP', 'GENERAL')
    WHERE re."paidAt" IS NOT NULL AND coalesce(re."paidAmountFen", re."amountFen") > 0
    ORDER BY re."id" LIMIT 1`;
  if (!paid) return;
  const revokedAt = new Date(input.now.getTime() - 5 * 86_400_000);
  const detail = "提供虚假信息：经核实，家庭实际收入远高于申报（演示数据）";
  await prisma.$transaction(async (tx) => {
    await tx.application.update({
      where: { id: paid.applicationId },
      data: { state: "revoked", version: { increment: 1 } },
    });
    await tx.applicationTransition.create({
      data: {
        applicationId: paid.applicationId,
        fromState: "determined",
        toState: "revoked",
        actorUserId: adminId,
        actorRole: "SCHOOL_ADMIN",
        comment: detail,
        at: revokedAt,
      },
    });
    await tx.determination.update({
      where: { applicationId: paid.applicationId },
      data: { revokedAt, revokeReason: "FALSE_INFORMATION", revokeDetail: detail, recoveryRequired: true },
    });
    const recovery = await tx.aidRecovery.create({
      data: {
        applicationId: paid.applicationId,
        schoolId,
        termId: input.termId,
        studentId: paid.studentId,
        dueFen: paid.paidFen,
        openedById: adminId,
        openedAt: revokedAt,
      },
    });
    const half = Math.floor(paid.paidFen / 200) * 100;
    if (half > 0)
      await tx.aidRecoveryEntry.create({
        data: {
          recoveryId: recovery.id,
          amountFen: half,
          recoveredOn: new Date(
            `${new Date(input.now.getTime() - 2 * 86_400_000).toISOString().slice(0, 10)}T00:00:00Z`,
          ),
          note: "家长退回第一笔",
          recordedById: adminId,
        },
      });
  });
}
