/**
 * Aid programmes per term (amounts, quota, budget), aid rosters (资助名单) and
 * their entries, payments and receipts. Scoped by school (staff) or by the
 * applicant's own students (receipts).
 */
import "server-only";
import type { Scope } from "@/lib/auth/scope";
import { HARDSHIP_LEVEL_LABELS, type HardshipLevel, type SpecialCategory } from "@/lib/domain/codes";
import { db, type Tx } from "./client";
import { Prisma } from "./generated/client";
import { applicationWhere, schoolWhere, studentWhere } from "./scope";

/** The term's programmes for the school's stages; a school's own row overrides the general one. */
export async function listTermProgrammes(scope: Scope & { schoolId: string }, termId: string) {
  const school = await db().school.findFirst({
    where: { AND: [schoolWhere(scope), { id: scope.schoolId }] },
    select: { id: true, stages: true },
  });
  if (!school) return [];
  const rows = await db().termProgramme.findMany({
    where: {
      termId,
      OR: [{ schoolId: null }, { schoolId: school.id }],
      programme: { stage: { in: school.stages }, active: true, kind: { not: "LOAN" } },
    },
    include: { programme: true },
    orderBy: [{ programme: { name: "asc" } }],
  });
  const byProgramme = new Map<string, (typeof rows)[number]>();
  for (const row of rows)
    if (!byProgramme.has(row.programmeId) || row.schoolId) byProgramme.set(row.programmeId, row);
  return [...byProgramme.values()];
}
export type TermProgrammeRow = Awaited<ReturnType<typeof listTermProgrammes>>[number];

export async function saveSchoolTermProgramme(
  scope: Scope & { schoolId: string },
  termId: string,
  programmeId: string,
  data: Omit<Prisma.TermProgrammeUncheckedCreateInput, "termId" | "programmeId" | "schoolId">,
) {
  const available = (await listTermProgrammes(scope, termId)).some((p) => p.programmeId === programmeId);
  if (!available) return null;
  const existing = await db().termProgramme.findFirst({
    where: { termId, programmeId, schoolId: scope.schoolId },
    select: { id: true },
  });
  if (existing) return db().termProgramme.update({ where: { id: existing.id }, data, select: { id: true } });
  return db().termProgramme.create({
    data: { ...data, termId, programmeId, schoolId: scope.schoolId },
    select: { id: true },
  });
}

export type RosterCandidate = {
  studentId: string;
  applicationId: string | null;
  name: string;
  className: string;
  level: HardshipLevel | null;
  categories: SpecialCategory[];
};

/**
 * Candidates of a programme: determined (not revoked) applications whose final
 * level is eligible, plus students flagged in an eligible special group.
 */
export async function rosterCandidates(
  scope: Scope,
  termId: string,
  programme: { stage: string; eligibleLevels: HardshipLevel[]; eligibleCategories: SpecialCategory[] },
): Promise<RosterCandidate[]> {
  const apps = await db().application.findMany({
    where: {
      AND: [
        applicationWhere(scope),
        { termId, state: "determined", student: { stage: programme.stage as never, status: "IN_SCHOOL" } },
      ],
    },
    select: {
      id: true,
      studentId: true,
      personId: true,
      person: { select: { name: true } },
      class: { select: { name: true, grade: { select: { name: true } } } },
      determination: { select: { finalLevel: true } },
    },
  });
  const entries = await db().specialGroupEntry.findMany({
    where: { personId: { in: apps.map((a) => a.personId) } },
    select: { personId: true, category: true },
  });
  const cats = new Map<string, SpecialCategory[]>();
  for (const entry of entries)
    cats.set(entry.personId!, [...new Set([...(cats.get(entry.personId!) ?? []), entry.category])]);
  const out: RosterCandidate[] = [];
  for (const application of apps) {
    const level = application.determination?.finalLevel ?? null;
    const categories = cats.get(application.personId) ?? [];
    const byLevel = level !== null && programme.eligibleLevels.includes(level);
    const byGroup = categories.some((x) => programme.eligibleCategories.includes(x));
    if (byLevel || byGroup)
      out.push({
        studentId: application.studentId,
        applicationId: application.id,
        name: application.person.name,
        className: `${application.class.grade.name}${application.class.name}`,
        level,
        categories: categories,
      });
  }
  return out;
}

/** The roster row as read under its lock. */
export type LockedRoster = {
  id: string;
  state: "DRAFT" | "APPROVED";
  termId: string;
  schoolId: string;
  programmeId: string;
};

/**
 * Takes the roster row's lock (SELECT … FOR UPDATE) inside `tx` and returns it as it is now. Every write
 * to a roster or its entries goes through this first, so approval, unlock, removals, additions, payments
 * and regeneration run one after another per roster: an approval reads exactly the entries it approves.
 */
async function lockRoster(tx: Tx, rosterId: string): Promise<LockedRoster> {
  const [row] = await tx.$queryRaw<LockedRoster[]>`
    SELECT "id", "state"::text AS "state", "termId", "schoolId", "programmeId"
    FROM "Roster" WHERE "id" = ${rosterId} FOR UPDATE`;
  if (!row) throw new Error(`roster ${rosterId} vanished`);
  return row;
}

/** Runs `fn` in a transaction holding the lock of a roster of the scope; "missing" when there is none. */
export async function withLockedRoster<T>(
  scope: Scope,
  rosterId: string,
  fn: (tx: Tx, roster: LockedRoster) => Promise<T>,
): Promise<T | "missing"> {
  return db().$transaction(async (tx) => {
    // A supervised 中职 monthly list (VocationalList, migration 500) changes only through
    // lib/services/vocational-roster.ts: for the semester roster's writes it does not exist.
    const found = await tx.roster.findFirst({
      where: { id: rosterId, school: schoolWhere(scope), month: null, vocationalList: null },
      select: { id: true },
    });
    if (!found) return "missing";
    return fn(tx, await lockRoster(tx, found.id));
  });
}

const ENTRY_LOCKED_SELECT = {
  id: true,
  rosterId: true,
  studentId: true,
  amountFen: true,
  paidAt: true,
  paidAmountFen: true,
} satisfies Prisma.RosterEntrySelect;
type LockedEntry = Prisma.RosterEntryGetPayload<{ select: typeof ENTRY_LOCKED_SELECT }>;

/**
 * Like {@link withLockedRoster} for the roster of an entry; the entry is re-read under the lock. An entry of a
 * 中职 monthly list is "missing" (it changes only through lib/services/vocational-roster*.ts), except for the
 * student's own receipt (`monthly: true`), which changes no list.
 */
async function withLockedEntry<T>(
  scope: Scope,
  entryId: string,
  fn: (tx: Tx, roster: LockedRoster, entry: LockedEntry) => Promise<T>,
  { monthly = false }: { monthly?: boolean } = {},
): Promise<T | "missing"> {
  return db().$transaction(async (tx) => {
    const found = await tx.rosterEntry.findFirst({
      where: {
        id: entryId,
        roster: { school: schoolWhere(scope), ...(monthly ? {} : { month: null, vocationalList: null }) },
      },
      select: { rosterId: true },
    });
    if (!found) return "missing";
    const roster = await lockRoster(tx, found.rosterId);
    const entry = await tx.rosterEntry.findUnique({ where: { id: entryId }, select: ENTRY_LOCKED_SELECT });
    if (!entry) return "missing";
    return fn(tx, roster, entry);
  });
}

/**
 * Creates the draft roster or replaces a draft's entries; null when the roster is approved (locked).
 * Entries with a payment are kept as they are (a paid entry is never removed, only reversed).
 */
export async function replaceDraftRoster(
  scope: Scope & { schoolId: string },
  termId: string,
  programmeId: string,
  entries: {
    studentId: string;
    applicationId: string | null;
    level: HardshipLevel | null;
    amountFen: number;
    note: string | null;
  }[],
): Promise<{ id: string; kept: number } | null> {
  return db().$transaction(async (tx) => {
    let found = await tx.roster.findFirst({
      where: { termId, programmeId, month: null, school: schoolWhere(scope) },
      select: { id: true },
    });
    found ??= await tx.roster.create({
      data: { termId, programmeId, schoolId: scope.schoolId },
      select: { id: true },
    });
    const roster = await lockRoster(tx, found.id);
    if (roster.state === "APPROVED") return null;
    await tx.rosterEntry.deleteMany({ where: { rosterId: roster.id, paidAt: null } });
    const kept = await tx.rosterEntry.count({ where: { rosterId: roster.id } });
    await tx.rosterEntry.createMany({
      data: entries.map((e) => ({ ...e, rosterId: roster.id })),
      skipDuplicates: true,
    });
    return { id: roster.id, kept };
  });
}

/** The entries' amounts as they are under the roster's lock (for the approval's totals). */
export function lockedEntryAmounts(tx: Tx, rosterId: string) {
  return tx.rosterEntry.findMany({ where: { rosterId }, select: { id: true, amountFen: true } });
}

/** Sets the state of a roster whose lock the caller holds. */
export async function updateLockedRoster(
  tx: Tx,
  rosterId: string,
  data: Prisma.RosterUpdateManyMutationInput,
): Promise<void> {
  await tx.roster.update({ where: { id: rosterId }, data });
}

const ROSTER_SELECT = {
  id: true,
  state: true,
  approvedAt: true,
  unlockReason: true,
  termId: true,
  schoolId: true,
  programme: { select: { id: true, name: true, code: true } },
  school: { select: { name: true } },
  term: { select: { academicYear: true, semester: true, name: true } },
  entries: {
    orderBy: [
      { student: { class: { name: "asc" as const } } },
      { student: { person: { name: "asc" as const } } },
      // ties (same class and name) in one fixed order, so a re-run export writes the same file
      { id: "asc" as const },
    ],
    select: {
      id: true,
      level: true,
      amountFen: true,
      note: true,
      paidAt: true,
      paidAmountFen: true,
      receiptConfirmedAt: true,
      exceptionReason: true,
      applicationId: true,
      student: {
        select: {
          id: true,
          studentNo: true,
          person: { select: { id: true, name: true, gender: true, idType: true, idNumberMasked: true } },
          grade: { select: { name: true } },
          class: { select: { name: true } },
        },
      },
    },
  },
} satisfies Prisma.RosterSelect;
export type RosterView = Prisma.RosterGetPayload<{ select: typeof ROSTER_SELECT }>;

/** A semester roster of the scope; a 中职 monthly list has its own page (/console/rosters/vocational). */
export function findRoster(scope: Scope, rosterId: string): Promise<RosterView | null> {
  return db().roster.findFirst({
    where: { id: rosterId, school: schoolWhere(scope), month: null },
    select: ROSTER_SELECT,
  });
}

export function listRosters(scope: Scope, termId: string) {
  return db().roster.findMany({
    // Semester rosters only: the 中职 monthly lists have their own pages (/console/rosters/vocational).
    where: { termId, month: null, school: schoolWhere(scope) },
    select: { id: true, state: true, programmeId: true, _count: { select: { entries: true } } },
  });
}

export async function setRosterState(
  scope: Scope,
  rosterId: string,
  from: "DRAFT" | "APPROVED",
  data: Prisma.RosterUpdateManyMutationInput,
): Promise<boolean> {
  const result = await withLockedRoster(scope, rosterId, async (tx, roster) => {
    if (roster.state !== from) return false;
    await updateLockedRoster(tx, roster.id, data);
    return true;
  });
  return result === true;
}

export async function removeDraftEntry(
  scope: Scope,
  entryId: string,
): Promise<"ok" | "missing" | "locked" | "paid"> {
  return withLockedEntry(scope, entryId, async (tx, roster, entry) => {
    if (roster.state !== "DRAFT") return "locked";
    if (entry.paidAt) return "paid";
    await tx.rosterEntry.delete({ where: { id: entry.id } });
    return "ok";
  });
}

/** Why a student is not covered by the programme's rule (levels / special groups), or null when covered. */
export type Ineligibility = { kind: "ineligible"; why: string };

/**
 * Adds a student of the school by 学籍号 to a draft roster (manual adjustment, 补录). The programme's rule
 * applies as to generated candidates (a final level it lists, or a special group it lists); a student it
 * does not cover is added only as a recorded exception (`exceptionReason`).
 */
export async function addDraftEntry(
  scope: Scope,
  rosterId: string,
  input: { studentNo: string; amountFen: number; note: string; exception: boolean },
): Promise<"ok" | "missing" | "locked" | "student" | "duplicate" | Ineligibility> {
  return withLockedRoster(scope, rosterId, async (tx, roster) => {
    if (roster.state !== "DRAFT") return "locked";
    const student = await tx.student.findFirst({
      where: {
        AND: [
          studentWhere(scope),
          { schoolId: roster.schoolId, studentNo: input.studentNo, status: "IN_SCHOOL" },
        ],
      },
      select: {
        id: true,
        person: { select: { specialGroupEntries: { select: { category: true } } } },
        applications: {
          where: { termId: roster.termId },
          select: { id: true, state: true, determination: { select: { finalLevel: true } } },
        },
      },
    });
    if (!student) return "student";
    if (
      await tx.rosterEntry.findUnique({
        where: { rosterId_studentId: { rosterId, studentId: student.id } },
        select: { id: true },
      })
    )
      return "duplicate";
    const programme = await tx.aidProgramme.findUniqueOrThrow({
      where: { id: roster.programmeId },
      select: { eligibleLevels: true, eligibleCategories: true },
    });
    const app = student.applications[0];
    const level = app?.state === "determined" ? (app.determination?.finalLevel ?? null) : null;
    const why = ineligibility(
      programme,
      level,
      student.person.specialGroupEntries.map((e) => e.category),
    );
    if (why && !input.exception) return { kind: "ineligible", why };
    await tx.rosterEntry.create({
      data: {
        rosterId,
        studentId: student.id,
        applicationId: app?.id ?? null,
        level,
        amountFen: input.amountFen,
        note: input.note,
        exceptionReason: why ? `${why}；例外补录原因：${input.note}` : null,
      },
    });
    return "ok";
  });
}

function ineligibility(
  programme: { eligibleLevels: HardshipLevel[]; eligibleCategories: SpecialCategory[] },
  level: HardshipLevel | null,
  categories: SpecialCategory[],
): string | null {
  if (!programme.eligibleLevels.length) return null; // the programme requires no level
  if (level !== null && programme.eligibleLevels.includes(level)) return null;
  if (categories.some((c) => programme.eligibleCategories.includes(c))) return null;
  const wanted = programme.eligibleLevels.map((l) => HARDSHIP_LEVEL_LABELS[l]).join("、");
  return level === null
    ? `该学生本学期没有认定结果，本项目要求认定为${wanted}`
    : `该学生认定为${HARDSHIP_LEVEL_LABELS[level]}，本项目要求认定为${wanted}`;
}

export type PaymentOutcome =
  | { kind: "ok"; previousAmountFen: number | null; standardFen: number }
  | { kind: "missing" | "draft" | "paid" | "unpaid" | "over" | "same" | "duplicate" };

/** The aid record trigger (migration 510) refused the same programme paid twice to one person in one period. */
export const isDuplicateAid = (error: unknown) =>
  error instanceof Prisma.PrismaClientKnownRequestError &&
  error.code === "P2002" &&
  JSON.stringify(error.meta ?? {}).includes("AidRecord_personId_programmeId_period_key");

/**
 * Records the payment of an approved roster's unpaid entry. Above the entry's standard only with a
 * reason. The payment is also appended to the entry's payment history.
 */
export async function recordPayment(
  scope: Scope,
  entryId: string,
  input: { amountFen: number; reason: string | null; userId: string; onWritten?: PaymentWritten },
): Promise<PaymentOutcome> {
  try {
    return await recordPaymentOnce(scope, entryId, input);
  } catch (error) {
    if (isDuplicateAid(error)) return { kind: "duplicate" };
    throw error;
  }
}

/** More writes of a payment's event in its transaction (its notifications: lib/services/notifications). */
export type PaymentWritten = (tx: Tx, paid: { studentId: string; rosterId: string }) => Promise<unknown>;

async function recordPaymentOnce(
  scope: Scope,
  entryId: string,
  input: { amountFen: number; reason: string | null; userId: string; onWritten?: PaymentWritten },
): Promise<PaymentOutcome> {
  const outcome = await withLockedEntry(
    scope,
    entryId,
    async (tx, roster, entry): Promise<PaymentOutcome> => {
      if (roster.state !== "APPROVED") return { kind: "draft" };
      if (entry.paidAt) return { kind: "paid" };
      if (input.amountFen > entry.amountFen && !input.reason) return { kind: "over" };
      const at = new Date();
      await tx.rosterEntry.update({
        where: { id: entry.id },
        data: {
          paidAt: at,
          paidAmountFen: input.amountFen,
          // above the standard: the reason is kept on the entry (CHECK, migration 512)
          ...(input.amountFen > entry.amountFen ? { overStandardReason: input.reason } : {}),
        },
      });
      await tx.rosterPayment.create({
        data: {
          rosterId: roster.id,
          studentId: entry.studentId,
          kind: "PAYMENT",
          amountFen: input.amountFen,
          reason: input.reason,
          recordedById: input.userId,
          at,
        },
      });
      await input.onWritten?.(tx, { studentId: entry.studentId, rosterId: roster.id });
      return { kind: "ok", previousAmountFen: null, standardFen: entry.amountFen };
    },
  );
  return outcome === "missing" ? { kind: "missing" } : outcome;
}

/**
 * Corrects the amount of a paid entry (new amount and reason) or reverses its payment (nothing paid;
 * the entry may then be removed from a draft roster). The original payment stays in the history.
 */
export async function amendPayment(
  scope: Scope,
  entryId: string,
  input:
    | { kind: "CORRECTION"; amountFen: number; reason: string; userId: string }
    | {
        kind: "REVERSAL";
        reason: string;
        userId: string;
      },
): Promise<PaymentOutcome> {
  const outcome = await withLockedEntry(
    scope,
    entryId,
    async (tx, roster, entry): Promise<PaymentOutcome> => {
      if (!entry.paidAt || entry.paidAmountFen === null) return { kind: "unpaid" };
      const amountFen = input.kind === "CORRECTION" ? input.amountFen : 0;
      if (amountFen === entry.paidAmountFen) return { kind: "same" };
      await tx.rosterEntry.update({
        where: { id: entry.id },
        data:
          input.kind === "CORRECTION"
            ? {
                paidAmountFen: amountFen,
                ...(amountFen > entry.amountFen ? { overStandardReason: input.reason } : {}),
              }
            : { paidAt: null, paidAmountFen: null, receiptConfirmedAt: null, receiptConfirmedById: null },
      });
      await tx.rosterPayment.create({
        data: {
          rosterId: roster.id,
          studentId: entry.studentId,
          kind: input.kind,
          amountFen,
          previousAmountFen: entry.paidAmountFen,
          reason: input.reason,
          recordedById: input.userId,
        },
      });
      return { kind: "ok", previousAmountFen: entry.paidAmountFen, standardFen: entry.amountFen };
    },
  );
  return outcome === "missing" ? { kind: "missing" } : outcome;
}

/** The payment history of a roster's entries (oldest first), for the roster page. */
export function paymentHistory(scope: Scope, rosterId: string) {
  return db().rosterPayment.findMany({
    where: { rosterId, roster: { school: schoolWhere(scope) } },
    orderBy: [{ at: "asc" }, { id: "asc" }],
    select: {
      id: true,
      studentId: true,
      kind: true,
      amountFen: true,
      previousAmountFen: true,
      reason: true,
      at: true,
      recordedBy: { select: { displayName: true } },
    },
  });
}

/** The applicant confirms receipt of a paid entry of their own student. */
export async function confirmReceipt(
  scope: Scope,
  entryId: string,
  userId: string,
): Promise<"ok" | "missing" | "unpaid" | "done"> {
  const found = await db().rosterEntry.findFirst({
    where: { id: entryId, student: studentWhere(scope) },
    select: { id: true },
  });
  if (!found) return "missing";
  // The entry was found through the applicant's own student; its roster is at that student's school.
  const result = await withLockedEntry(scope, found.id, async (tx, _roster, entry) => {
    const full = await tx.rosterEntry.findUniqueOrThrow({
      where: { id: entry.id },
      select: { paidAt: true, receiptConfirmedAt: true },
    });
    if (!full.paidAt) return "unpaid";
    if (full.receiptConfirmedAt) return "done";
    await tx.rosterEntry.update({
      where: { id: entry.id },
      data: { receiptConfirmedAt: new Date(), receiptConfirmedById: userId },
    });
    return "ok" as const;
  });
  return result;
}

// ── special-group follow-up (未资助原因上报) ──

export async function followUpList(scope: Scope & { schoolId: string }, termId: string) {
  const students = await db().student.findMany({
    where: {
      AND: [
        { schoolId: scope.schoolId },
        { school: schoolWhere(scope) },
        { person: { specialGroupEntries: { some: {} } } },
      ],
    },
    select: {
      id: true,
      studentNo: true,
      status: true,
      person: {
        select: {
          name: true,
          idNumberMasked: true,
          specialGroupEntries: { select: { category: true, source: true }, distinct: ["category"] },
        },
      },
      grade: { select: { name: true } },
      class: { select: { name: true } },
      applications: {
        where: { termId },
        select: { id: true, state: true, determination: { select: { finalLevel: true } } },
      },
      rosterEntries: { where: { roster: { termId } }, select: { id: true } },
      noAidRecords: { where: { termId }, select: { reason: true, detail: true, recordedAt: true } },
    },
    orderBy: [{ grade: { name: "asc" } }, { class: { name: "asc" } }, { person: { name: "asc" } }],
  });
  return students;
}
