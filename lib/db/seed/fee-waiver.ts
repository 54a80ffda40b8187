/**
 * Demo 普高 建档立卡等免学杂费 lists of 广州市天河中学 (lib/domain/fee-waiver-list.ts): last term's list passed by
 * 天河区 after one refusal (its 资金发放查看 has rows and 是/否 flags), and this term's list built from the
 * special-group lists and awaiting 学校审核 by leader_sen (README walk-through, tests/e2e/fee-waiver.spec.ts).
 * Idempotent: a list that exists is left as it is.
 */
import "server-only";
import { buildFeeWaiverEntries } from "../fee-waiver-list.repo";
import type { Tx } from "../client";
import type { PrismaClient } from "../generated/client";
import type { SeededSchool } from "./organisation";
import { PROGRAMMES } from "./terms";

const WAIVER_CODE = "senior_fee_waiver";
const PENDING = { schoolReview: "PENDING", supervisorReview: "PENDING" } as const;
const AWAITING_COUNTY = { schoolReview: "PASSED", supervisorReview: "PENDING" } as const;
const COUNTY_REFUSED = { schoolReview: "PASSED", supervisorReview: "REFUSED" } as const;
const PASSED = { schoolReview: "PASSED", supervisorReview: "PASSED" } as const;

export async function seedFeeWaiverLists(
  prisma: PrismaClient,
  terms: { currentId: string; pastId: string },
  schools: SeededSchool[],
) {
  const school = schools.find((one) => one.key === "sen");
  const programme = await prisma.aidProgramme.findUnique({ where: { code: WAIVER_CODE } });
  const users = await prisma.user.findMany({
    where: { username: { in: ["admin_sen", "leader_sen", "sup_tianhe"] } },
    select: { id: true, username: true },
  });
  const id = (username: string) => users.find((user) => user.username === username)?.id ?? null;
  if (!school || !programme || !id("admin_sen") || !id("leader_sen") || !id("sup_tianhe")) return;
  const spec = PROGRAMMES.find((one) => one.code === WAIVER_CODE)!;
  const fixedFen = "fixed" in spec.amount ? spec.amount.fixed : 60_000;

  // Last term: no TermProgramme rows were kept for it; the entries are the special-group students at the
  // programme's amount, as the build would have made them.
  const pastKey = { schoolId: school.id, termId: terms.pastId, programmeId: programme.id };
  if (!(await prisma.feeWaiverList.findUnique({ where: { schoolId_termId_programmeId: pastKey } }))) {
    const past = await prisma.feeWaiverList.create({ data: pastKey });
    await prisma.$executeRaw`
      INSERT INTO "FeeWaiverEntry" ("id", "listId", "studentId", "amountFen", "note")
      SELECT gen_random_uuid()::text, ${past.id}, s."id", ${fixedFen}, '特殊群体'
      FROM "Student" s
      WHERE s."schoolId" = ${school.id} AND s."stage" = 'SENIOR' AND s."status"::text = 'IN_SCHOOL'
        AND EXISTS (SELECT 1 FROM "SpecialGroupEntry" g
                    WHERE g."personId" = s."personId" AND g."category" = ANY (${programme.eligibleCategories}::"SpecialCategory"[]))`;
    // entries first: a passed list's entries are frozen (trigger "FeeWaiverEntry_editable")
    await prisma.feeWaiverList.update({ where: { id: past.id }, data: PASSED });
    const at = (day: string) => new Date(`${day}T02:00:00Z`);
    const steps = [
      {
        action: "BUILD",
        actor: "admin_sen",
        from: PENDING,
        to: PENDING,
        comment: "按特殊群体名单生成",
        day: "2026-03-09",
      },
      {
        action: "SCHOOL_REVIEW",
        actor: "leader_sen",
        from: PENDING,
        to: AWAITING_COUNTY,
        comment: null,
        day: "2026-03-10",
      },
      {
        action: "SUPERVISOR_REVIEW",
        actor: "sup_tianhe",
        from: AWAITING_COUNTY,
        to: COUNTY_REFUSED,
        comment: "请核对特困供养学生的户口性质后重新报送",
        day: "2026-03-12",
      },
      {
        action: "BUILD",
        actor: "admin_sen",
        from: COUNTY_REFUSED,
        to: PENDING,
        comment: "已核对，新增0人",
        day: "2026-03-13",
      },
      {
        action: "SCHOOL_REVIEW",
        actor: "leader_sen",
        from: PENDING,
        to: AWAITING_COUNTY,
        comment: null,
        day: "2026-03-13",
      },
      {
        action: "SUPERVISOR_REVIEW",
        actor: "sup_tianhe",
        from: AWAITING_COUNTY,
        to: PASSED,
        comment: null,
        day: "2026-03-16",
      },
    ] as const;
    for (const step of steps)
      await prisma.feeWaiverListHistory.create({
        data: {
          listId: past.id,
          actorId: id(step.actor),
          action: step.action,
          fromState: step.from,
          toState: step.to,
          comment: step.comment,
          at: at(step.day),
        },
      });
  }

  // This term: built by the real rule, awaiting 学校审核.
  const currentKey = { schoolId: school.id, termId: terms.currentId, programmeId: programme.id };
  if (!(await prisma.feeWaiverList.findUnique({ where: { schoolId_termId_programmeId: currentKey } }))) {
    const current = await prisma.feeWaiverList.create({ data: currentKey });
    const added = await buildFeeWaiverEntries(prisma as unknown as Tx, { listId: current.id, ...currentKey });
    await prisma.feeWaiverListHistory.create({
      data: {
        listId: current.id,
        actorId: id("admin_sen"),
        action: "BUILD",
        fromState: PENDING,
        toState: PENDING,
        comment: `新增${added}人`,
      },
    });
  }
}
