/**
 * Demo data of an adjustment within the year (动态调整, lib/services/adjustments.ts): one determined student of
 * the senior high school (一般困难 where the seed has one) whose mother fell seriously ill; the adjustment was
 * verified, determined one level harder, publicised on its own and took effect four days ago. Both determinations stay (the earlier one no longer
 * of record). Idempotent: nothing is written when the term already has an adjustment.
 */
import "server-only";
import { HARDSHIP_LEVEL_LABELS } from "@/lib/domain/codes";
import type { PrismaClient } from "../generated/client";

const DAY = 86_400_000;
const REASON = "母亲突发重大疾病住院治疗，家庭主要收入中断，医疗支出较大";
/** The level one step harder than the earlier one. */
const NEXT_LEVEL = { NONE: "GENERAL", GENERAL: "HARDSHIP", HARDSHIP: "SPECIAL", SPECIAL: "SPECIAL" } as const;

export async function seedAdjustment(
  prisma: PrismaClient,
  ctx: { now: Date; termId: string; schoolId: string; adminId: string; modelId: string },
): Promise<number> {
  const { now, termId, schoolId, adminId } = ctx;
  if (await prisma.adjustment.findFirst({ where: { termId }, select: { applicationId: true } })) return 0;
  const find = (level: "GENERAL" | "HARDSHIP" | "NONE") =>
    prisma.application.findFirst({
      where: {
        termId,
        schoolId,
        kind: "REGULAR",
        ofRecord: true,
        state: "determined",
        determination: { is: { finalLevel: level, revokedAt: null } },
        rosterEntries: { none: {} },
      },
      orderBy: [{ sortClassName: "asc" }, { sortName: "asc" }, { id: "asc" }],
      select: {
        id: true,
        personId: true,
        studentId: true,
        classId: true,
        applicantUserId: true,
        commitmentSignedAt: true,
        enrolmentConfirmedAt: true,
        policyAcknowledgedAt: true,
        person: { select: { name: true } },
        class: { select: { name: true, grade: { select: { name: true } } } },
        determination: { select: { simulatedScore: true, finalLevel: true } },
        household: { omit: { applicationId: true, updatedAt: true } },
        familyMembers: { omit: { id: true, applicationId: true } },
        programmes: { select: { programmeId: true } },
      },
    });
  // The seed's levels are drawn at random: the first 一般困难 student, else 困难, else 不困难.
  const earlier = (await find("GENERAL")) ?? (await find("HARDSHIP")) ?? (await find("NONE"));
  if (!earlier) return 0;
  const teacher = await prisma.teacherClass.findFirst({
    where: { classId: earlier.classId },
    select: { teacherId: true },
  });
  const at = (daysAgo: number) => new Date(now.getTime() - daysAgo * DAY);
  const day = (daysAgo: number) => new Date(`${at(daysAgo).toISOString().slice(0, 10)}T00:00:00Z`);
  const openerId = teacher?.teacherId ?? adminId;
  const from = earlier.determination?.finalLevel ?? "GENERAL";
  const to = NEXT_LEVEL[from];
  await prisma.$transaction(async (tx) => {
    const adjustment = await tx.application.create({
      data: {
        kind: "ADJUSTMENT",
        adjustsId: earlier.id,
        ofRecord: false,
        termId,
        personId: earlier.personId,
        studentId: earlier.studentId,
        schoolId,
        classId: earlier.classId,
        applicantUserId: earlier.applicantUserId,
        state: "determined",
        version: 4,
        enrolmentConfirmedAt: earlier.enrolmentConfirmedAt,
        policyAcknowledgedAt: earlier.policyAcknowledgedAt,
        commitmentSignedAt: earlier.commitmentSignedAt ?? at(20),
        submittedAt: at(20),
        verifiedAt: at(18),
        reviewedAt: at(16),
        household: earlier.household ? { create: earlier.household } : undefined,
        familyMembers: { create: earlier.familyMembers },
        suddenEvents: {
          create: { kind: "SERIOUS_ILLNESS", amountFen: 8_000_000, occurredOn: day(25), description: REASON },
        },
        programmes: { create: earlier.programmes },
        transitions: {
          create: [
            {
              fromState: null,
              toState: "submitted",
              actorUserId: openerId,
              actorRole: teacher ? "TEACHER" : "SCHOOL_ADMIN",
              comment: `发起动态调整（突发重大疾病）：${REASON}`,
              at: at(20),
            },
            {
              fromState: "submitted",
              toState: "verified",
              actorUserId: openerId,
              actorRole: teacher ? "TEACHER" : "SCHOOL_ADMIN",
              comment: "班主任已核对医院诊断证明和住院费用清单，核实通过",
              at: at(18),
            },
            {
              fromState: "verified",
              toState: "reviewed",
              actorUserId: adminId,
              actorRole: "SCHOOL_ADMIN",
              comment: "学校审核通过",
              at: at(16),
            },
            {
              fromState: "reviewed",
              toState: "determined",
              actorUserId: adminId,
              actorRole: "SCHOOL_ADMIN",
              comment: `动态调整认定为${HARDSHIP_LEVEL_LABELS[to]}（原认定${HARDSHIP_LEVEL_LABELS[from]}）`,
              at: at(16),
            },
          ],
        },
        determination: {
          create: {
            scoringModelId: ctx.modelId,
            simulatedScore: (earlier.determination?.simulatedScore ?? 40) + 15,
            simulatedLevel: to,
            explanation: { levelRule: "动态调整：家庭成员突发重大疾病" },
            finalLevel: to,
            determinedById: adminId,
            determinedAt: at(16),
          },
        },
      },
      select: { id: true },
    });
    const batch = await tx.publicityBatch.create({
      data: {
        schoolId,
        termId,
        kind: "ADJUSTMENT",
        scope: "SCHOOL",
        title: "家庭经济困难学生认定动态调整结果公示",
        startDate: day(14),
        endDate: day(6),
        workingDays: 5,
        state: "FINAL",
        createdById: adminId,
        items: {
          create: {
            applicationId: adjustment.id,
            studentName: earlier.person.name,
            className: `${earlier.class.grade.name}${earlier.class.name}`,
            result: HARDSHIP_LEVEL_LABELS[to],
          },
        },
      },
      select: { id: true },
    });
    await tx.adjustment.create({
      data: {
        applicationId: adjustment.id,
        personId: earlier.personId,
        termId,
        schoolId,
        event: "SERIOUS_ILLNESS",
        reason: REASON,
        state: "EFFECTIVE",
        openedById: openerId,
        openedAt: at(20),
        publicityBatchId: batch.id,
        effectiveFrom: day(4),
        closedAt: at(4),
      },
    });
    await tx.application.update({ where: { id: earlier.id }, data: { ofRecord: false } });
    await tx.application.update({ where: { id: adjustment.id }, data: { ofRecord: true } });
  });
  return 1;
}
