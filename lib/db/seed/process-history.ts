/**
 * The determination process so far, for the demo: in every school, each grade with verified
 * applicants had its grade committee, and its grade publicity (≥ 2 working days) has ended — so
 * the school committee may review today (the order lib/domain/process-order.ts enforces).
 * Idempotent: a grade that already has a grade publicity this term is left alone.
 */
import "server-only";
import type { PrismaClient } from "../generated/client";
import type { SeededSchool } from "./organisation";

const DAY = 86_400_000;
const beijingDay = (d: Date) =>
  new Date(`${new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 10)}T00:00:00Z`);

export async function seedProcessHistory(
  prisma: PrismaClient,
  ctx: { now: Date; termId: string; termName: string; admins: Record<string, string> },
  schools: SeededSchool[],
): Promise<void> {
  const { now, termId } = ctx;
  for (const school of schools) {
    const adminId = ctx.admins[school.key];
    if (!adminId) continue;
    const grades = await prisma.grade.findMany({
      where: {
        schoolId: school.id,
        classes: {
          some: { applications: { some: { termId, state: { in: ["verified", "reviewed", "determined"] } } } },
        },
      },
      select: { id: true, name: true },
      orderBy: { name: "asc" },
    });
    for (const grade of grades) {
      const done = await prisma.publicityBatch.findFirst({
        where: { schoolId: school.id, termId, gradeId: grade.id, scope: "GRADE", kind: "DETERMINATION" },
        select: { id: true },
      });
      if (done) continue;
      await prisma.reviewStep.create({
        data: {
          termId,
          schoolId: school.id,
          gradeId: grade.id,
          kind: "GRADE_COMMITTEE",
          actorId: adminId,
          members: [{ name: "年级组长" }, { name: "班主任代表" }, { name: "资助专干" }],
          comment: "年级认定小组审核通过",
          at: new Date(now.getTime() - 13 * DAY),
        },
      });
      await prisma.publicityBatch.create({
        data: {
          schoolId: school.id,
          termId,
          kind: "DETERMINATION",
          scope: "GRADE",
          gradeId: grade.id,
          title: `${ctx.termName}${grade.name}家庭经济困难学生认定结果公示`,
          startDate: beijingDay(new Date(now.getTime() - 12 * DAY)),
          endDate: beijingDay(new Date(now.getTime() - 10 * DAY)),
          workingDays: 2,
          createdById: adminId,
          state: "FINAL",
        },
      });
    }
  }
}
