/**
 * Special-group lists (特殊群体名单) of the caller's school: entries from the
 * central lists (中央下发) and collected by the school (自采集), matched to
 * the school's students by the ID number's blind index only (大数据比对);
 * the term's special-group students with application and aid state; and the
 * reasons recorded for those without aid (未资助原因上报).
 */
import "server-only";
import type { Scope } from "@/lib/auth/scope";
import type { SpecialCategory } from "@/lib/domain/codes";
import { sameName } from "@/lib/domain/person-name";
import { db, type Tx } from "./client";
import { Prisma } from "./generated/client";
import type { NoAidReason } from "./generated/enums";
import { schoolWhere, studentWhere } from "./scope";

type Sealed = { cipher: string; hash: string; masked: string };
export type EntryInput = {
  category: SpecialCategory;
  name: string;
  id: Sealed;
  listYear: number;
  note?: string | null;
  evidenceId?: string | null;
};
/** `evidenceAttached`: the entry now holds the given evidence (new, or an existing entry that had none). */
export type EntryOutcome = {
  entryId: string;
  created: boolean;
  matched: boolean;
  newlyMatched: boolean;
  evidenceAttached: boolean;
};

/** Persons with an enrolment at the school, by ID hash (exact match; names are never compared). */
async function studentsByHash(tx: Tx, schoolId: string, hashes: string[]): Promise<Map<string, string>> {
  const people = await tx.person.findMany({
    where: { idNumberHash: { in: hashes }, enrolments: { some: { schoolId } } },
    select: { id: true, idNumberHash: true },
  });
  return new Map(people.map((p) => [p.idNumberHash, p.id]));
}

/** Upserts entries (unique per school, year, category and ID) and matches them. */
export async function upsertEntries(
  tx: Tx,
  schoolId: string,
  source: "CENTRAL" | "SCHOOL",
  createdById: string,
  entries: EntryInput[],
): Promise<EntryOutcome[]> {
  const match = await studentsByHash(
    tx,
    schoolId,
    entries.map((e) => e.id.hash),
  );
  const existing = await tx.specialGroupEntry.findMany({
    where: {
      schoolId,
      OR: entries.map((e) => ({ listYear: e.listYear, category: e.category, idNumberHash: e.id.hash })),
    },
    select: {
      id: true,
      listYear: true,
      category: true,
      idNumberHash: true,
      personId: true,
      evidenceId: true,
    },
  });
  const key = (y: number, c: string, h: string) => `${y}|${c}|${h}`;
  const byKey = new Map(existing.map((e) => [key(e.listYear, e.category, e.idNumberHash), e]));
  const out: EntryOutcome[] = [];
  for (const entry of entries) {
    const personId = match.get(entry.id.hash) ?? null;
    const found = byKey.get(key(entry.listYear, entry.category, entry.id.hash));
    if (found) {
      const newly = !found.personId && !!personId;
      const attach = !!entry.evidenceId && !found.evidenceId;
      if (newly || attach) {
        await tx.specialGroupEntry.update({
          where: { id: found.id },
          data: {
            ...(newly ? { personId, matchedAt: new Date() } : {}),
            ...(attach ? { evidenceId: entry.evidenceId, ...(entry.note ? { note: entry.note } : {}) } : {}),
          },
        });
      }
      out.push({
        entryId: found.id,
        created: false,
        matched: !!personId,
        newlyMatched: newly,
        evidenceAttached: attach,
      });
    } else {
      const row = await tx.specialGroupEntry.create({
        data: {
          schoolId,
          source,
          category: entry.category,
          name: entry.name,
          listYear: entry.listYear,
          note: entry.note ?? null,
          createdById,
          evidenceId: entry.evidenceId ?? null,
          idNumberCipher: entry.id.cipher,
          idNumberHash: entry.id.hash,
          idNumberMasked: entry.id.masked,
          personId,
          matchedAt: personId ? new Date() : null,
        },
        select: { id: true },
      });
      out.push({
        entryId: row.id,
        created: true,
        matched: !!personId,
        newlyMatched: !!personId,
        evidenceAttached: !!entry.evidenceId,
      });
    }
  }
  return out;
}

/** Matches the school's still-unmatched entries against its students (after a roster import). Returns how many matched. */
export function rematchSchool(schoolId: string): Promise<number> {
  return db().$executeRaw`
    UPDATE "SpecialGroupEntry" e SET "personId" = p."id", "matchedAt" = now()
    FROM "Person" p
    WHERE e."schoolId" = ${schoolId} AND e."personId" IS NULL AND p."idNumberHash" = e."idNumberHash"
      AND EXISTS (SELECT 1 FROM "Student" s WHERE s."personId" = p."id" AND s."schoolId" = ${schoolId})`;
}

export type SpecialStudent = {
  studentId: string;
  name: string;
  gradeName: string;
  className: string;
  idNumberMasked: string;
  categories: {
    category: SpecialCategory;
    source: "CENTRAL" | "SCHOOL";
    listYear: number;
    evidenceId: string | null;
  }[];
  application: { state: string } | null;
  aided: boolean;
  noAid: { reason: NoAidReason; detail: string | null } | null;
};

/** In-school students of the scope who are on a matched special-group list, with this term's application, aid and no-aid reason. */
export async function listSpecialStudents(
  scope: Scope,
  termId: string | null,
  opts: { skip?: number; take?: number; withoutAidOnly?: boolean } = {},
): Promise<{ total: number; rows: SpecialStudent[] }> {
  // Plain SQL starting from the school's matched list entries (a few hundred) instead of Prisma's nested
  // select, which PostgreSQL planned as a join of the school's 40,000 students with a JSON aggregate per
  // student before the filter: 1.6 s per page on the bench's school (bench/README.md §4, staff pages).
  if (scope.role !== "SCHOOL_ADMIN" && scope.role !== "SCHOOL_LEADER")
    throw new Error("the special-group list is a school's");
  const term = termId ?? "";
  const where = Prisma.sql`WHERE s."schoolId" = ${scope.schoolId} AND s."status" = 'IN_SCHOOL'
      AND EXISTS (SELECT 1 FROM "SpecialGroupEntry" e WHERE e."schoolId" = ${scope.schoolId} AND e."personId" = s."personId")
      ${
        opts.withoutAidOnly
          ? Prisma.sql`AND NOT EXISTS (SELECT 1 FROM "RosterEntry" re JOIN "Roster" ro ON ro."id" = re."rosterId"
              WHERE re."studentId" = s."id" AND ro."termId" = ${term})`
          : Prisma.empty
      }`;
  const [[count], page] = await Promise.all([
    db().$queryRaw<{ n: number }[]>`SELECT count(*)::int AS "n" FROM "Student" s ${where}`,
    db().$queryRaw<
      {
        studentId: string;
        personId: string;
        name: string;
        gradeName: string;
        className: string;
        idNumberMasked: string;
        state: string | null;
        aided: boolean;
        reason: NoAidReason | null;
        detail: string | null;
      }[]
    >`
      SELECT s."id" AS "studentId", s."personId", p."name", g."name" AS "gradeName", c."name" AS "className",
             p."idNumberMasked",
             (SELECT a."state"::text FROM "Application" a WHERE a."studentId" = s."id" AND a."termId" = ${term}
               AND a."ofRecord"
               ORDER BY a."id" LIMIT 1) AS "state",
             EXISTS (SELECT 1 FROM "RosterEntry" re JOIN "Roster" ro ON ro."id" = re."rosterId"
               WHERE re."studentId" = s."id" AND ro."termId" = ${term}) AS "aided",
             na."reason"::text AS "reason", na."detail"
      FROM "Student" s
      JOIN "Person" p ON p."id" = s."personId"
      JOIN "Grade" g ON g."id" = s."gradeId"
      JOIN "SchoolClass" c ON c."id" = s."classId"
      LEFT JOIN "NoAidRecord" na ON na."studentId" = s."id" AND na."termId" = ${term}
      ${where}
      ORDER BY g."name", c."name", p."name", s."id"
      LIMIT ${opts.take ?? 1_000_000} OFFSET ${opts.skip ?? 0}`,
  ]);
  const entries = page.length
    ? await db().specialGroupEntry.findMany({
        where: { schoolId: scope.schoolId, personId: { in: page.map((r) => r.personId) } },
        select: { personId: true, category: true, source: true, listYear: true, evidenceId: true },
        orderBy: { listYear: "desc" },
      })
    : [];
  return {
    total: count?.n ?? 0,
    rows: page.map((student) => ({
      studentId: student.studentId,
      name: student.name,
      gradeName: student.gradeName,
      className: student.className,
      idNumberMasked: student.idNumberMasked,
      categories: entries
        .filter((entry) => entry.personId === student.personId)
        .map((entry) => ({
          category: entry.category,
          source: entry.source,
          listYear: entry.listYear,
          evidenceId: entry.evidenceId,
        })),
      application: student.state === null ? null : { state: student.state },
      aided: student.aided,
      noAid: student.reason === null ? null : { reason: student.reason, detail: student.detail },
    })),
  };
}

/** An in-school special-group student of the scope, or null. */
export function findSpecialStudent(scope: Scope, studentId: string) {
  return db().student.findFirst({
    where: {
      AND: [
        studentWhere(scope),
        {
          id: studentId,
          status: "IN_SCHOOL",
          person: { specialGroupEntries: { some: { school: schoolWhere(scope), personId: { not: null } } } },
        },
      ],
    },
    select: { id: true, schoolId: true, person: { select: { name: true } } },
  });
}

export type NameMismatch = {
  entryId: string;
  listName: string;
  studentName: string;
  gradeName: string;
  className: string;
  idNumberMasked: string;
  category: SpecialCategory;
  source: "CENTRAL" | "SCHOOL";
  listYear: number;
};

/** The columns a listing of special-group entries shows. */
const ENTRY_LISTING = {
  id: true,
  name: true,
  idNumberMasked: true,
  category: true,
  source: true,
  listYear: true,
} as const;

/**
 * Entries matched to a student of the scope (by ID number) whose name on the list is not the
 * student's name: a typo on the list, or a wrong ID number that happens to be a student's, for
 * the aid office to review before relying on the match.
 */
export async function listNameMismatches(scope: Scope): Promise<NameMismatch[]> {
  const entries = await db().specialGroupEntry.findMany({
    where: { school: schoolWhere(scope), personId: { not: null } },
    orderBy: [{ listYear: "desc" }, { createdAt: "desc" }],
    select: {
      ...ENTRY_LISTING,
      person: {
        select: {
          name: true,
          enrolments: {
            where: studentWhere(scope),
            select: { grade: { select: { name: true } }, class: { select: { name: true } } },
            take: 1,
          },
        },
      },
    },
  });
  return entries
    .filter((e) => e.person && e.person.enrolments.length > 0 && !sameName(e.name, e.person.name))
    .map((entry) => ({
      entryId: entry.id,
      listName: entry.name,
      studentName: entry.person!.name,
      gradeName: entry.person!.enrolments[0]!.grade.name,
      className: entry.person!.enrolments[0]!.class.name,
      idNumberMasked: entry.idNumberMasked,
      category: entry.category,
      source: entry.source,
      listYear: entry.listYear,
    }));
}

/** The names written on the list entries matched to a person (for the name check on the determination page). */
export async function listedNamesOf(personId: string): Promise<string[]> {
  const rows = await db().specialGroupEntry.findMany({
    where: { personId },
    select: { name: true },
    distinct: ["name"],
  });
  return rows.map((r) => r.name);
}

export function listUnmatched(scope: Scope, take = 50) {
  return db().specialGroupEntry.findMany({
    where: { school: schoolWhere(scope), personId: null },
    orderBy: { createdAt: "desc" },
    take,
    select: {
      ...ENTRY_LISTING,
      evidenceId: true,
    },
  });
}

export type NewEntryEvidence = {
  originalName: string;
  mimeType: string;
  sizeBytes: number;
  sha256: string;
  storageKey: string;
};
export const SPECIAL_GROUP_EVIDENCE_PURPOSE = "special_group";

/** The evidence file of a hand-added entry (not tied to an application). */
export async function createEntryEvidence(
  tx: Tx,
  uploadedById: string,
  file: NewEntryEvidence,
): Promise<string> {
  const row = await tx.evidenceFile.create({
    data: { applicationId: null, purpose: SPECIAL_GROUP_EVIDENCE_PURPOSE, uploadedById, ...file },
    select: { id: true },
  });
  return row.id;
}

export function deleteEntryEvidence(tx: Tx, evidenceId: string) {
  return tx.evidenceFile.delete({ where: { id: evidenceId } });
}

/**
 * An evidence file of a special-group entry of the scope's school, or null
 * (missing, an application's file, or another school's entry: all alike).
 */
export async function findEntryEvidence(scope: Scope, evidenceId: string) {
  const file = await db().evidenceFile.findFirst({
    where: {
      id: evidenceId,
      applicationId: null,
      specialGroupEntries: { some: { school: schoolWhere(scope) } },
    },
    select: {
      id: true,
      storageKey: true,
      mimeType: true,
      originalName: true,
      specialGroupEntries: {
        where: { school: schoolWhere(scope) },
        select: { id: true, schoolId: true },
        take: 1,
      },
    },
  });
  const entry = file?.specialGroupEntries[0];
  return file && entry
    ? {
        id: file.id,
        storageKey: file.storageKey,
        mimeType: file.mimeType,
        originalName: file.originalName,
        entryId: entry.id,
        schoolId: entry.schoolId,
      }
    : null;
}
