/**
 * Payments of the current term at the primary school (admin_pri), so the aid records (受助情况, migration 510:
 * written by the trigger on RosterPayment) and the statistics' 受助人次 / 已发放金额 of this term are not empty:
 * its approved boarding-subsidy roster is paid, one payment then reversed (冲销, kept as a reversed record).
 * Idempotent: a roster with any payment is left as it is.
 */
import "server-only";
import type { PrismaClient } from "../generated/client";

const PAID_AT = new Date("2026-10-20T02:00:00Z");
const REVERSED_AT = new Date("2026-10-23T02:00:00Z");

export async function seedCurrentPayments(
  prisma: PrismaClient,
  input: { currentTermId: string; schoolId: string; adminId: string },
) {
  const roster = await prisma.roster.findFirst({
    where: {
      termId: input.currentTermId,
      schoolId: input.schoolId,
      month: null,
      state: "APPROVED",
      programme: { code: "compulsory_boarding_primary" },
    },
    select: {
      id: true,
      entries: { select: { id: true, studentId: true, amountFen: true }, orderBy: { id: "asc" } },
    },
  });
  if (!roster || roster.entries.length === 0) return;
  if (await prisma.rosterPayment.findFirst({ where: { rosterId: roster.id } })) return;
  await prisma.rosterPayment.createMany({
    data: roster.entries.map((entry) => ({
      rosterId: roster.id,
      studentId: entry.studentId,
      kind: "PAYMENT" as const,
      amountFen: entry.amountFen,
      recordedById: input.adminId,
      at: PAID_AT,
    })),
  });
  for (const entry of roster.entries)
    await prisma.rosterEntry.update({
      where: { id: entry.id },
      data: { paidAt: PAID_AT, paidAmountFen: entry.amountFen },
    });
  const reversed = roster.entries[0]!;
  await prisma.rosterPayment.create({
    data: {
      rosterId: roster.id,
      studentId: reversed.studentId,
      kind: "REVERSAL",
      amountFen: 0,
      previousAmountFen: reversed.amountFen,
      reason: "学生已转学，资金退回（演示数据）",
      recordedById: input.adminId,
      at: REVERSED_AT,
    },
  });
  await prisma.rosterEntry.update({
    where: { id: reversed.id },
    data: { paidAt: null, paidAmountFen: null },
  });
}
