/**
 * 中职 monthly lists (migration 500): the supervised state of a monthly Roster, its entries built set-based from
 * the term's determinations, its history. Every read takes the caller's Scope (lib/db/scope.ts); every write runs
 * inside the caller's transaction after `lockList`, so two transitions of one list run one after another.
 */
import "server-only";
import type { Scope } from "@/lib/auth/scope";
import type { MonthlyListState } from "@/lib/domain/vocational-roster";
import { db, type Tx } from "./client";
import type { Prisma } from "./generated/client";
import { schoolWhere } from "./scope";

const dayText = (value: Date | null) => (value ? value.toISOString().slice(0, 10) : null);
const dayDate = (value: string | null) => (value ? new Date(`${value}T00:00:00Z`) : null);

export type ListRow = {
  rosterId: string;
  month: number;
  schoolId: string;
  schoolRegionId: string;
  programmeKind: "SUBSIDY" | "FEE_WAIVER" | "LOAN";
  state: MonthlyListState;
};

type StateColumns = {
  schoolReview: MonthlyListState["schoolReview"];
  supervisorReview: MonthlyListState["supervisorReview"];
  publicity: MonthlyListState["publicity"];
  confirmation: MonthlyListState["confirmation"];
  withdrawal: MonthlyListState["withdrawal"];
  payment: MonthlyListState["payment"];
  publicityStart: Date | null;
  publicityEnd: Date | null;
};

export const stateOf = (row: StateColumns): MonthlyListState => ({
  schoolReview: row.schoolReview,
  supervisorReview: row.supervisorReview,
  publicity: row.publicity,
  confirmation: row.confirmation,
  withdrawal: row.withdrawal,
  payment: row.payment,
  publicityStart: dayText(row.publicityStart),
  publicityEnd: dayText(row.publicityEnd),
});

/** The list in the caller's scope (its school, or a school of the supervisor's subtree), or null. */
export async function findList(
  scope: Scope,
  rosterId: string,
  tx: Tx | null = null,
): Promise<ListRow | null> {
  const row = await (tx ?? db()).vocationalList.findFirst({
    where: { rosterId, roster: { school: schoolWhere(scope) } },
    include: {
      roster: {
        select: {
          schoolId: true,
          school: { select: { regionId: true } },
          programme: { select: { kind: true } },
        },
      },
    },
  });
  if (!row) return null;
  return {
    rosterId: row.rosterId,
    month: row.month,
    schoolId: row.roster.schoolId,
    schoolRegionId: row.roster.school.regionId,
    programmeKind: row.roster.programme.kind,
    state: stateOf(row),
  };
}

/** Takes the list row's lock inside `tx` (SELECT … FOR UPDATE). */
export async function lockList(tx: Tx, rosterId: string): Promise<void> {
  await tx.$queryRaw`SELECT 1 FROM "VocationalList" WHERE "rosterId" = ${rosterId} FOR UPDATE`;
}

/** The monthly roster of (term, programme, school, month) with its state row, created when missing; locked. */
export async function ensureList(
  tx: Tx,
  key: { termId: string; programmeId: string; schoolId: string; month: number },
): Promise<string> {
  const roster = await tx.roster.upsert({
    where: { termId_programmeId_schoolId_month: key },
    update: {},
    create: key,
    select: { id: true },
  });
  await tx.vocationalList.upsert({
    where: { rosterId: roster.id },
    update: {},
    create: { rosterId: roster.id, month: key.month },
  });
  await lockList(tx, roster.id);
  return roster.id;
}

export async function saveState(tx: Tx, rosterId: string, state: MonthlyListState): Promise<void> {
  await tx.vocationalList.update({
    where: { rosterId },
    data: {
      schoolReview: state.schoolReview,
      supervisorReview: state.supervisorReview,
      publicity: state.publicity,
      confirmation: state.confirmation,
      withdrawal: state.withdrawal,
      payment: state.payment,
      publicityStart: dayDate(state.publicityStart),
      publicityEnd: dayDate(state.publicityEnd),
    },
  });
}

export async function addHistory(
  tx: Tx,
  row: {
    rosterId: string;
    actorId: string;
    action: string;
    from: MonthlyListState;
    to: MonthlyListState;
    comment: string | null;
  },
): Promise<void> {
  await tx.vocationalListHistory.create({
    data: {
      rosterId: row.rosterId,
      actorId: row.actorId,
      action: row.action,
      fromState: row.from as unknown as Prisma.InputJsonValue,
      toState: row.to as unknown as Prisma.InputJsonValue,
      comment: row.comment,
    },
  });
}

export function listHistory(rosterId: string) {
  return db().vocationalListHistory.findMany({
    where: { rosterId },
    orderBy: [{ at: "asc" }, { id: "asc" }],
    select: {
      action: true,
      fromState: true,
      toState: true,
      comment: true,
      at: true,
      actor: { select: { displayName: true } },
    },
  });
}

export const countAttachments = (tx: Tx, rosterId: string) =>
  tx.vocationalListAttachment.count({ where: { rosterId } });

/**
 * Adds to the list, in one INSERT … SELECT, every in-school 中职 student of the school whose determination in the
 * term qualifies for the programme (eligible level or special group) and who is not overdue (逾期) in the list's
 * month (`vocational_overdue_from`, migration 401, the rule of lib/domain/vocational-overdue.ts); the amount is the
 * programme's in the term (`programme_amount_fen`, migration 590; lib/domain/aid-roster.ts `amountFor` is the
 * same rule). Students already on the list keep
 * their entry. Then flags the entries of students who are overdue in that month. Returns both counts.
 */
export async function buildEntries(
  tx: Tx,
  input: { rosterId: string; termId: string; programmeId: string; schoolId: string; monthStart: string },
): Promise<{ added: number; flagged: number }> {
  const { rosterId, termId, programmeId, schoolId, monthStart } = input;
  const added = await tx.$executeRaw`
    INSERT INTO "RosterEntry" ("id", "rosterId", "studentId", "applicationId", "level", "amountFen", "note")
    SELECT gen_random_uuid()::text, ${rosterId}, a."studentId", a."id", d."finalLevel", amount.fen,
           CASE WHEN groups.hit THEN '特殊群体优先' END
    FROM "Application" a
    JOIN "Student" s ON s."id" = a."studentId"
    JOIN "Determination" d ON d."applicationId" = a."id"
    JOIN "AidProgramme" p ON p."id" = ${programmeId}
    JOIN LATERAL (
      SELECT tp.* FROM "TermProgramme" tp
      WHERE tp."termId" = ${termId} AND tp."programmeId" = p."id" AND (tp."schoolId" = ${schoolId} OR tp."schoolId" IS NULL)
      ORDER BY tp."schoolId" NULLS LAST LIMIT 1
    ) tp ON true
    CROSS JOIN LATERAL (
      SELECT EXISTS (
        SELECT 1 FROM "SpecialGroupEntry" g
        WHERE g."personId" = a."personId" AND g."category" = ANY (p."eligibleCategories")
      ) AS hit
    ) groups
    CROSS JOIN LATERAL (
      SELECT programme_amount_fen(tp."amountMode"::text, tp."fixedAmountFen", tp."amountSpecialFen",
        tp."amountHardshipFen", tp."amountGeneralFen", d."finalLevel"::text) AS fen
    ) amount
    WHERE a."schoolId" = ${schoolId} AND a."termId" = ${termId} AND a."state" = 'determined' AND a."ofRecord"
      -- status compared as text: the planner must reach Student by its primary key, never by scanning the
      -- partial index "Student_studentNo_in_school_key" (status = 'IN_SCHOOL') once per application.
      AND s."stage" = 'VOCATIONAL' AND s."status"::text = 'IN_SCHOOL'
      AND vocational_overdue_from(s."enrolledOn", s."programmeYears") > ${monthStart}::date
      AND (d."finalLevel" = ANY (p."eligibleLevels") OR groups.hit)
      AND amount.fen IS NOT NULL
    ON CONFLICT ("rosterId", "studentId") DO NOTHING`;
  const flagged = await tx.$executeRaw`
    UPDATE "RosterEntry" e SET "overdue" = true
    FROM "Student" s
    WHERE e."rosterId" = ${rosterId} AND s."id" = e."studentId" AND NOT e."overdue"
      AND vocational_overdue_from(s."enrolledOn", s."programmeYears") <= ${monthStart}::date`;
  return { added, flagged };
}

/**
 * The standard amount (fen) of `studentId` on the monthly list `rosterId`: the programme's amount in the list's
 * term for the student's determined level there (no determination: no level) — the rule of buildEntries
 * (`programme_amount_fen`, migration 590, the same TermProgramme row: the school's own first). Null when the
 * programme has no amount for that level in the term.
 */
export async function standardAmountFor(
  tx: Tx,
  rosterId: string,
  studentId: string,
): Promise<{ fen: number | null; level: string | null }> {
  const [row] = await tx.$queryRaw<{ fen: number | null; level: string | null }[]>`
    SELECT programme_amount_fen(tp."amountMode"::text, tp."fixedAmountFen", tp."amountSpecialFen",
             tp."amountHardshipFen", tp."amountGeneralFen", det."level") AS fen,
           det."level"
    FROM "Roster" r
    LEFT JOIN LATERAL (
      SELECT t.* FROM "TermProgramme" t
      WHERE t."termId" = r."termId" AND t."programmeId" = r."programmeId"
        AND (t."schoolId" = r."schoolId" OR t."schoolId" IS NULL)
      ORDER BY t."schoolId" NULLS LAST LIMIT 1
    ) tp ON true
    LEFT JOIN LATERAL (
      SELECT d."finalLevel"::text AS "level" FROM "Application" a
      JOIN "Determination" d ON d."applicationId" = a."id"
      WHERE a."studentId" = ${studentId} AND a."termId" = r."termId" AND a."schoolId" = r."schoolId"
        AND a."state" = 'determined' AND a."ofRecord"
      LIMIT 1
    ) det ON true
    WHERE r."id" = ${rosterId}`;
  return { fen: row?.fen ?? null, level: row?.level ?? null };
}

/** 免学费 公示通过: every entry's actual amount becomes its standard amount. */
export async function fillActualAmounts(tx: Tx, rosterId: string): Promise<number> {
  return tx.$executeRaw`UPDATE "RosterEntry" SET "actualAmountFen" = "amountFen" WHERE "rosterId" = ${rosterId}`;
}

/**
 * 资金发放: every unpaid entry is paid its actual amount (else its standard amount), one PAYMENT record each.
 * Returns how many entries were paid.
 */
export async function payUnpaidEntries(tx: Tx, rosterId: string, userId: string, at: Date): Promise<number> {
  await tx.$executeRaw`
    INSERT INTO "RosterPayment" ("id", "rosterId", "studentId", "kind", "amountFen", "recordedById", "at")
    SELECT gen_random_uuid()::text, e."rosterId", e."studentId", 'PAYMENT', COALESCE(e."actualAmountFen", e."amountFen"), ${userId}, ${at}
    FROM "RosterEntry" e WHERE e."rosterId" = ${rosterId} AND e."paidAt" IS NULL AND NOT e."overdue"
      AND COALESCE(e."actualAmountFen", e."amountFen") > 0`;
  return tx.$executeRaw`
    UPDATE "RosterEntry" SET "paidAt" = ${at}, "paidAmountFen" = COALESCE("actualAmountFen", "amountFen")
    WHERE "rosterId" = ${rosterId} AND "paidAt" IS NULL AND NOT "overdue"
      AND COALESCE("actualAmountFen", "amountFen") > 0`;
}

/**
 * Granted 公示退回: every paid amount goes to 0 through a REVERSAL record keeping what was paid; the entries read
 * unpaid again (no paid amount: the sums read 0; the paid and reversed amounts stay in RosterPayment).
 */
export async function reversePaidEntries(
  tx: Tx,
  rosterId: string,
  userId: string,
  reason: string,
): Promise<number> {
  await tx.$executeRaw`
    INSERT INTO "RosterPayment" ("id", "rosterId", "studentId", "kind", "amountFen", "previousAmountFen", "reason", "recordedById")
    SELECT gen_random_uuid()::text, e."rosterId", e."studentId", 'REVERSAL', 0, e."paidAmountFen", ${reason}, ${userId}
    FROM "RosterEntry" e WHERE e."rosterId" = ${rosterId} AND e."paidAt" IS NOT NULL AND e."paidAmountFen" > 0`;
  return tx.$executeRaw`
    UPDATE "RosterEntry" SET "paidAt" = NULL, "paidAmountFen" = NULL, "receiptConfirmedAt" = NULL, "receiptConfirmedById" = NULL
    WHERE "rosterId" = ${rosterId} AND "paidAt" IS NOT NULL`;
}
