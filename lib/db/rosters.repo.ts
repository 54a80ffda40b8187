/**
 * Aid programmes per term (amounts, quota, budget), rosters and their
 * entries, payments and receipts. Scoped by school (staff) or by the
 * applicant's own students (receipts).
 */
import type { Scope } from "@/lib/auth/scope";
import type { HardshipLevel, SpecialCategory } from "@/lib/domain/codes";
import { db } from "./client";
import type { Prisma } from "./generated/client";
import type { NoAidReason } from "./generated/enums";
import { upsertNoAid } from "./no-aid.repo";
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
  for (const r of rows) if (!byProgramme.has(r.programmeId) || r.schoolId) byProgramme.set(r.programmeId, r);
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
  for (const e of entries)
    cats.set(e.personId!, [...new Set([...(cats.get(e.personId!) ?? []), e.category])]);
  const out: RosterCandidate[] = [];
  for (const a of apps) {
    const level = a.determination?.finalLevel ?? null;
    const c = cats.get(a.personId) ?? [];
    const byLevel = level !== null && programme.eligibleLevels.includes(level);
    const byGroup = c.some((x) => programme.eligibleCategories.includes(x));
    if (byLevel || byGroup)
      out.push({
        studentId: a.studentId,
        applicationId: a.id,
        name: a.person.name,
        className: `${a.class.grade.name}${a.class.name}`,
        level,
        categories: c,
      });
  }
  return out;
}

/** Creates the draft roster or replaces a draft's entries; null when the roster is approved (locked). */
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
) {
  return db().$transaction(async (tx) => {
    let roster = await tx.roster.findFirst({
      where: { termId, programmeId, month: null, school: schoolWhere(scope) },
      select: { id: true, state: true },
    });
    if (roster?.state === "APPROVED") return null;
    roster ??= await tx.roster.create({
      data: { termId, programmeId, schoolId: scope.schoolId },
      select: { id: true, state: true },
    });
    await tx.rosterEntry.deleteMany({ where: { rosterId: roster.id } });
    await tx.rosterEntry.createMany({ data: entries.map((e) => ({ ...e, rosterId: roster.id })) });
    return roster;
  });
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
    ],
    select: {
      id: true,
      level: true,
      amountFen: true,
      note: true,
      paidAt: true,
      paidAmountFen: true,
      receiptConfirmedAt: true,
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

export function findRoster(scope: Scope, rosterId: string): Promise<RosterView | null> {
  return db().roster.findFirst({
    where: { id: rosterId, school: schoolWhere(scope) },
    select: ROSTER_SELECT,
  });
}

export function listRosters(scope: Scope, termId: string) {
  return db().roster.findMany({
    where: { termId, school: schoolWhere(scope) },
    select: { id: true, state: true, programmeId: true, _count: { select: { entries: true } } },
  });
}

export async function setRosterState(
  scope: Scope,
  rosterId: string,
  from: "DRAFT" | "APPROVED",
  data: Prisma.RosterUpdateManyMutationInput,
): Promise<boolean> {
  const n = await db().roster.updateMany({
    where: { id: rosterId, state: from, school: schoolWhere(scope) },
    data,
  });
  return n.count === 1;
}

export async function removeDraftEntry(scope: Scope, entryId: string): Promise<"ok" | "missing" | "locked"> {
  const e = await db().rosterEntry.findFirst({
    where: { id: entryId, roster: { school: schoolWhere(scope) } },
    select: { id: true, roster: { select: { state: true } } },
  });
  if (!e) return "missing";
  if (e.roster.state !== "DRAFT") return "locked";
  await db().rosterEntry.delete({ where: { id: e.id } });
  return "ok";
}

/** Adds a student of the school by 学籍号 to a draft roster (manual adjustment). */
export async function addDraftEntry(
  scope: Scope,
  rosterId: string,
  studentNo: string,
  amountFen: number,
  note: string,
): Promise<"ok" | "missing" | "locked" | "student" | "duplicate"> {
  const roster = await db().roster.findFirst({
    where: { id: rosterId, school: schoolWhere(scope) },
    select: { id: true, state: true, termId: true, schoolId: true },
  });
  if (!roster) return "missing";
  if (roster.state !== "DRAFT") return "locked";
  const student = await db().student.findFirst({
    where: { AND: [studentWhere(scope), { schoolId: roster.schoolId, studentNo, status: "IN_SCHOOL" }] },
    select: {
      id: true,
      applications: {
        where: { termId: roster.termId },
        select: { id: true, determination: { select: { finalLevel: true } } },
      },
    },
  });
  if (!student) return "student";
  if (
    await db().rosterEntry.findUnique({
      where: { rosterId_studentId: { rosterId, studentId: student.id } },
      select: { id: true },
    })
  )
    return "duplicate";
  const app = student.applications[0];
  await db().rosterEntry.create({
    data: {
      rosterId,
      studentId: student.id,
      applicationId: app?.id ?? null,
      level: app?.determination?.finalLevel ?? null,
      amountFen,
      note,
    },
  });
  return "ok";
}

export async function recordPayment(
  scope: Scope,
  entryId: string,
  amountFen: number,
): Promise<"ok" | "missing" | "draft"> {
  const e = await db().rosterEntry.findFirst({
    where: { id: entryId, roster: { school: schoolWhere(scope) } },
    select: { id: true, roster: { select: { state: true } } },
  });
  if (!e) return "missing";
  if (e.roster.state !== "APPROVED") return "draft";
  await db().rosterEntry.update({
    where: { id: e.id },
    data: { paidAt: new Date(), paidAmountFen: amountFen },
  });
  return "ok";
}

/** The applicant confirms receipt of a paid entry of their own student. */
export async function confirmReceipt(
  scope: Scope,
  entryId: string,
  userId: string,
): Promise<"ok" | "missing" | "unpaid" | "done"> {
  const e = await db().rosterEntry.findFirst({
    where: { id: entryId, student: studentWhere(scope) },
    select: { id: true, paidAt: true, receiptConfirmedAt: true, roster: { select: { schoolId: true } } },
  });
  if (!e) return "missing";
  if (!e.paidAt) return "unpaid";
  if (e.receiptConfirmedAt) return "done";
  await db().rosterEntry.update({
    where: { id: e.id },
    data: { receiptConfirmedAt: new Date(), receiptConfirmedById: userId },
  });
  return "ok";
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

/** Records the reason for a student of the scope; null when the student is not the scope's. */
export async function saveNoAidRecord(
  scope: Scope & { schoolId: string },
  termId: string,
  studentId: string,
  reason: NoAidReason,
  detail: string | null,
  recordedById: string,
) {
  const st = await db().student.findFirst({
    where: { AND: [studentWhere(scope), { id: studentId }] },
    select: { id: true, schoolId: true },
  });
  if (!st) return null;
  await upsertNoAid({ termId, schoolId: st.schoolId, studentId, reason, detail, recordedById });
  return { id: st.id };
}
