/**
 * Demo 中职 monthly lists (lib/domain/vocational-roster.ts) so that the school's and the supervisor's list pages
 * and the console home's to-dos have something to show: the vocational schools 广州市天河职业高级中学 (admin_voc,
 * leader_voc; supervisor sup_tianhe) and 广州市海珠区职业技术学校 1144010512 (sup_haizhu) get lists of the
 * current month and the two before it in several states — awaiting publicity, awaiting 公示确认, confirmed and
 * paid, withdrawal requested — with their history rows and payment records. Idempotent: a list that already has
 * its supervised state is left alone. The next month is left free for the README's walk and the e2e test.
 */
import "server-only";
import { listMonthStart, INITIAL_STATE, type MonthlyListState } from "@/lib/domain/vocational-roster";
import { beijingMonth } from "@/lib/domain/vocational-overdue";
import { formatBeijingDate } from "@/lib/domain/time";
import { addDays } from "@/lib/domain/working-days";
import type { Prisma, PrismaClient } from "../generated/client";

type DemoState = "AWAITING_PUBLICITY" | "AWAITING_CONFIRMATION" | "PAID" | "WITHDRAWAL_REQUESTED";
type Step = {
  action: string;
  to: Partial<MonthlyListState>;
  by: "school" | "leader" | "supervisor";
  comment?: string;
};

/** The steps that lead a new list to `target`, with the publicity of `monthDay` (its "YYYY-MM-01"). */
function stepsTo(target: DemoState, monthStart: string, today: string): Step[] {
  const published = target === "AWAITING_CONFIRMATION";
  const start = published ? today : addDays(monthStart, 4);
  const end = published ? addDays(today, 7) : addDays(monthStart, 10);
  const steps: Step[] = [
    { action: "BUILD", to: {}, by: "school", comment: "演示数据：按认定结果生成" },
    { action: "SCHOOL_REVIEW", to: { schoolReview: "PASSED" }, by: "leader" },
    { action: "SUPERVISOR_REVIEW", to: { supervisorReview: "PASSED" }, by: "supervisor" },
  ];
  if (target === "AWAITING_PUBLICITY") return steps;
  steps.push({
    action: "PUBLICISE",
    to: { publicity: "PUBLISHED", publicityStart: start, publicityEnd: end },
    by: "school",
  });
  if (target === "AWAITING_CONFIRMATION") return steps;
  steps.push({ action: "CONFIRM", to: { confirmation: "PASSED" }, by: "supervisor", comment: "公示无异议" });
  steps.push({ action: "RECORD_PAYMENT", to: { payment: "PAID" }, by: "school" });
  if (target === "PAID") return steps;
  steps.push({
    action: "REQUEST_WITHDRAWAL",
    to: { withdrawal: "PENDING" },
    by: "school",
    comment: "演示数据：一名学生已转学，申请退回重报",
  });
  return steps;
}

type Plan = { schoolCode: string; programmeCode: string; monthsBack: number; state: DemoState };

const PLANS: Plan[] = [
  {
    schoolCode: "1144010604",
    programmeCode: "vocational_national_grant",
    monthsBack: 0,
    state: "AWAITING_PUBLICITY",
  },
  {
    schoolCode: "1144010604",
    programmeCode: "vocational_fee_waiver",
    monthsBack: 0,
    state: "AWAITING_CONFIRMATION",
  },
  { schoolCode: "1144010604", programmeCode: "vocational_national_grant", monthsBack: 1, state: "PAID" },
  {
    schoolCode: "1144010604",
    programmeCode: "vocational_fee_waiver",
    monthsBack: 1,
    state: "WITHDRAWAL_REQUESTED",
  },
  { schoolCode: "1144010604", programmeCode: "vocational_national_grant", monthsBack: 2, state: "PAID" },
  {
    schoolCode: "1144010512",
    programmeCode: "vocational_national_grant",
    monthsBack: 0,
    state: "AWAITING_CONFIRMATION",
  },
  { schoolCode: "1144010512", programmeCode: "vocational_national_grant", monthsBack: 1, state: "PAID" },
];

export async function seedVocationalLists(prisma: PrismaClient, opts: { termId: string; now: Date }) {
  const term = await prisma.aidTerm.findUniqueOrThrow({ where: { id: opts.termId } });
  const current = beijingMonth(opts.now); // "YYYY-MM"
  const today = formatBeijingDate(opts.now);
  const users = Object.fromEntries(
    (
      await prisma.user.findMany({
        where: { username: { in: ["admin_voc", "leader_voc", "sup_tianhe", "sup_haizhu"] } },
        select: { id: true, username: true },
      })
    ).map((user) => [user.username, user.id]),
  );
  let created = 0;
  for (const plan of PLANS) {
    const [year, monthNow] = current.split("-").map(Number) as [number, number];
    const index = year * 12 + (monthNow - 1) - plan.monthsBack;
    const calendarYear = Math.floor(index / 12);
    const month = (index % 12) + 1;
    const monthStart = listMonthStart(term.academicYear, month);
    // A month outside the current term's academic year is left out.
    if (!monthStart || Number(monthStart.slice(0, 4)) !== calendarYear) continue;
    const school = await prisma.school.findUnique({ where: { code: plan.schoolCode }, select: { id: true } });
    const programme = await prisma.aidProgramme.findUnique({
      where: { code: plan.programmeCode },
      select: { id: true, kind: true },
    });
    if (!school || !programme) continue;
    const key = { termId: term.id, programmeId: programme.id, schoolId: school.id, month };
    const roster = await prisma.roster.upsert({
      where: { termId_programmeId_schoolId_month: key },
      update: {},
      create: key,
      select: { id: true, vocationalList: { select: { rosterId: true } } },
    });
    if (roster.vocationalList) continue;
    const schoolUser = plan.schoolCode === "1144010604" ? (users.admin_voc ?? null) : null;
    const leaderUser = plan.schoolCode === "1144010604" ? (users.leader_voc ?? null) : null;
    const supervisorUser =
      plan.schoolCode === "1144010604" ? (users.sup_tianhe ?? null) : (users.sup_haizhu ?? null);
    await prisma.$transaction(async (tx) => {
      // Every in-school 中职 student determined in the term at a level the programme lists (the build's rule,
      // lib/db/vocational-list.repo.ts buildEntries), not overdue in the month, at the programme's amount.
      await tx.$executeRaw`
        INSERT INTO "RosterEntry" ("id", "rosterId", "studentId", "applicationId", "level", "amountFen")
        SELECT gen_random_uuid()::text, ${roster.id}, a."studentId", a."id", d."finalLevel", tp."fixedAmountFen"
        FROM "Application" a
        JOIN "Student" s ON s."id" = a."studentId"
        JOIN "Determination" d ON d."applicationId" = a."id"
        JOIN "TermProgramme" tp ON tp."termId" = ${term.id} AND tp."programmeId" = ${programme.id} AND tp."schoolId" IS NULL
        JOIN "AidProgramme" p ON p."id" = tp."programmeId"
        WHERE a."schoolId" = ${school.id} AND a."termId" = ${term.id} AND a."state" = 'determined'
          AND s."stage" = 'VOCATIONAL' AND s."status"::text = 'IN_SCHOOL' AND d."finalLevel" = ANY (p."eligibleLevels")
          AND vocational_overdue_from(s."enrolledOn", s."programmeYears") > ${monthStart}::date
          AND tp."fixedAmountFen" IS NOT NULL
        ON CONFLICT ("rosterId", "studentId") DO NOTHING`;
      let state: MonthlyListState = INITIAL_STATE;
      const steps = stepsTo(plan.state, monthStart, today);
      const history: Prisma.VocationalListHistoryCreateManyInput[] = [];
      for (const [position, step] of steps.entries()) {
        const next = { ...state, ...step.to };
        history.push({
          rosterId: roster.id,
          actorId: step.by === "school" ? schoolUser : step.by === "leader" ? leaderUser : supervisorUser,
          action: step.action,
          fromState: state as unknown as Prisma.InputJsonValue,
          toState: next as unknown as Prisma.InputJsonValue,
          comment: step.comment ?? null,
          at: new Date(
            opts.now.getTime() - (steps.length - position) * 60_000 - plan.monthsBack * 86_400_000 * 30,
          ),
        });
        state = next;
      }
      await tx.vocationalList.create({
        data: {
          rosterId: roster.id,
          month,
          schoolReview: state.schoolReview,
          supervisorReview: state.supervisorReview,
          publicity: state.publicity,
          confirmation: state.confirmation,
          withdrawal: state.withdrawal,
          payment: state.payment,
          publicityStart: state.publicityStart ? new Date(`${state.publicityStart}T00:00:00Z`) : null,
          publicityEnd: state.publicityEnd ? new Date(`${state.publicityEnd}T00:00:00Z`) : null,
        },
      });
      await tx.vocationalListHistory.createMany({ data: history });
      if (state.confirmation === "PASSED" && programme.kind === "FEE_WAIVER")
        await tx.$executeRaw`UPDATE "RosterEntry" SET "actualAmountFen" = "amountFen" WHERE "rosterId" = ${roster.id}`;
      if (state.payment === "PAID") {
        // Paid on the first day after the publicity (Beijing 10:00).
        const paidAt = new Date(`${addDays(state.publicityEnd!, 1)}T02:00:00Z`);
        await tx.$executeRaw`
          INSERT INTO "RosterPayment" ("id", "rosterId", "studentId", "kind", "amountFen", "recordedById", "at")
          SELECT gen_random_uuid()::text, e."rosterId", e."studentId", 'PAYMENT', COALESCE(e."actualAmountFen", e."amountFen"), ${schoolUser}, ${paidAt}
          FROM "RosterEntry" e WHERE e."rosterId" = ${roster.id} AND e."paidAt" IS NULL AND NOT e."overdue"`;
        await tx.$executeRaw`
          UPDATE "RosterEntry" SET "paidAt" = ${paidAt}, "paidAmountFen" = COALESCE("actualAmountFen", "amountFen")
          WHERE "rosterId" = ${roster.id} AND "paidAt" IS NULL AND NOT "overdue"`;
      }
    });
    created++;
  }
  return created;
}
