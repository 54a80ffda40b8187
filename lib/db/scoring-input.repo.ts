/**
 * What scoring an application needs: the application with household, members and events, the
 * special groups its person is listed in, and the local 低保 standards. Every query ANDs the caller's Scope.
 */
import "server-only";
import type { Scope } from "@/lib/auth/scope";
import type { ApplicationState, SpecialCategory } from "@/lib/domain/codes";
import { db } from "./client";
import type { Prisma } from "./generated/client";
import { applicationWhere, schoolWhere } from "./scope";

// ── one application, as the scoring and the explanation page need it ──

const SCORING_SELECT = {
  id: true,
  termId: true,
  schoolId: true,
  classId: true,
  personId: true,
  studentId: true,
  state: true,
  version: true,
  kind: true,
  person: { select: { name: true } },
  school: {
    select: {
      region: {
        select: { minimumLivingStandardFen: true, parent: { select: { minimumLivingStandardFen: true } } },
      },
    },
  },
  student: {
    select: {
      stage: true,
      studentNo: true,
      grade: { select: { name: true } },
      class: { select: { name: true } },
    },
  },
  household: true,
  familyMembers: { orderBy: { sortOrder: "asc" as const } },
  suddenEvents: true,
  homeVisit: { select: { visitDate: true, visitors: true, findings: true, scores: true, totalScore: true } },
  rankings: {
    select: { rank: true, evaluation: { select: { report: true, _count: { select: { ranks: true } } } } },
  },
  determination: {
    include: {
      scoringModel: { select: { id: true, name: true, version: true, schoolId: true, config: true } },
    },
  },
  transitions: {
    orderBy: { at: "asc" as const },
    select: { fromState: true, toState: true, actorRole: true, comment: true, at: true },
  },
} satisfies Prisma.ApplicationSelect;

export type ScoringApplication = Prisma.ApplicationGetPayload<{ select: typeof SCORING_SELECT }>;

export function findForScoring(scope: Scope, applicationId: string): Promise<ScoringApplication | null> {
  return db().application.findFirst({
    where: { AND: [applicationWhere(scope), { id: applicationId }] },
    select: SCORING_SELECT,
  });
}

export async function findManyForScoring(
  scope: Scope,
  termId: string,
  classId: string,
  states: ApplicationState[],
): Promise<ScoringApplication[]> {
  return db().application.findMany({
    where: { AND: [applicationWhere(scope), { termId, classId, state: { in: states } }] },
    select: SCORING_SELECT,
    orderBy: { id: "asc" },
  });
}

/** The local 低保 standard of a household's region (fen per person per month), if recorded. */
export async function regionStandard(code: string | null | undefined): Promise<number | null> {
  if (!code) return null;
  const region = await db().region.findUnique({
    where: { code },
    select: { minimumLivingStandardFen: true },
  });
  return region?.minimumLivingStandardFen ?? null;
}

/** Special groups the person is flagged in by matched school / central lists (never what was only declared). */
export async function listedCategories(personIds: string[]): Promise<Map<string, SpecialCategory[]>> {
  const rows = await db().specialGroupEntry.findMany({
    where: { personId: { in: personIds } },
    select: { personId: true, category: true },
    distinct: ["personId", "category"],
  });
  const out = new Map<string, SpecialCategory[]>();
  for (const row of rows) out.set(row.personId!, [...(out.get(row.personId!) ?? []), row.category]);
  return out;
}

/** The recorded local 低保 standards of the given region codes. */
export async function regionStandards(codes: string[]): Promise<Map<string, number>> {
  if (!codes.length) return new Map();
  const rows = await db().region.findMany({
    where: { code: { in: codes }, minimumLivingStandardFen: { not: null } },
    select: { code: true, minimumLivingStandardFen: true },
  });
  return new Map(rows.map((r) => [r.code, r.minimumLivingStandardFen!]));
}

/** The 低保 standard of the school's region, else of its parent region. */
export async function schoolStandard(scope: Scope & { schoolId: string }): Promise<number | null> {
  const school = await db().school.findFirst({
    where: { AND: [schoolWhere(scope), { id: scope.schoolId }] },
    select: {
      region: {
        select: { minimumLivingStandardFen: true, parent: { select: { minimumLivingStandardFen: true } } },
      },
    },
  });
  return school?.region.minimumLivingStandardFen ?? school?.region.parent?.minimumLivingStandardFen ?? null;
}
