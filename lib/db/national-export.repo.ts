/**
 * Reads for the national exports (lib/services/national-export.ts), in pages
 * so a 100,000-row export never holds the whole school in memory:
 * - the file's row order (ids only) in one query;
 * - then, per page of those ids, one SQL query with exactly the columns the
 *   file needs (the determination's `explanation->>'levelRule'`, not the
 *   whole JSON) — bench/export.ts showed Prisma's nested select of the whole
 *   school costing more than writing the file;
 * - the registry (学籍) entries only for the 学籍号 being exported (joined
 *   into the page's query for the 家庭经济信息 file; by 学籍号 for a roster).
 * Every query takes a school scope and filters by its school, so it can
 * never read another school's rows (the exports are school-level: the access
 * matrix gives them to the school admin only); pass the same `tx` (a repeatable-read
 * transaction) to every call of one export for a consistent snapshot.
 * {@link inExportSnapshot} opens that transaction on the replica (`readDb()`,
 * docs/decisions/0008-read-replica.md): the export only reads, and the roster
 * it exports was approved (checked on the primary by the service) long before.
 */
import "server-only";
import type { Scope } from "@/lib/auth/scope";
import type { HardshipLevel, SpecialCategory } from "@/lib/domain/codes";
import type { IdType } from "@/lib/domain/codes";
import { db, readDb, type Tx } from "./client";

/** The scope of a school's own staff (the exports are school-level). */
export type SchoolScope = Extract<Scope, { role: "SCHOOL_ADMIN" | "SCHOOL_LEADER" }>;

export function isSchoolScope(scope: Scope): scope is SchoolScope {
  return scope.role === "SCHOOL_ADMIN" || scope.role === "SCHOOL_LEADER";
}

/**
 * Ids of the school's determined applications of the term with a final
 * level, in the file's order: grade, class, name (as the export always
 * sorted; the id breaks ties so pages never overlap).
 */
export async function determinationExportOrder(
  scope: SchoolScope,
  termId: string,
  tx: Tx = db(),
): Promise<string[]> {
  const rows = await tx.$queryRaw<{ id: string }[]>`
    SELECT a.id
    FROM "Application" a
      JOIN "Determination" d ON d."applicationId" = a.id
      JOIN "SchoolClass" c ON c.id = a."classId"
      JOIN "Grade" g ON g.id = c."gradeId"
      JOIN "Person" p ON p.id = a."personId"
    WHERE a."schoolId" = ${scope.schoolId} AND a."termId" = ${termId} AND a.state = 'determined' AND a."ofRecord"
      AND d."finalLevel" IS NOT NULL
    ORDER BY g.name, c.name, p.name, a.id`;
  return rows.map((r) => r.id);
}

export type DeterminationExportRow = {
  id: string;
  studentNo: string;
  name: string;
  idType: IdType;
  idNumberCipher: string;
  categories: SpecialCategory[];
  residence: "URBAN" | "RURAL" | null;
  memberCount: number | null;
  totalAnnualIncomeFen: number | null;
  perCapitaMonthlyIncomeFen: number | null;
  address: string | null;
  finalLevel: HardshipLevel;
  determinedAt: Date | null;
  overrideReason: string | null;
  levelRule: string | null;
  /** The stage's tier setting in the determination's scoring model ("ONE": 不分档次), null when unset. */
  tier: string | null;
  /** The school's registry (学籍) entry for the row's 学籍号 (see {@link registryEntries}); null when there is none. */
  registry: RegistryEntry | null;
};

/**
 * The file's fields for the given applications of the school (still exported:
 * determined with a final level), in the order of `ids`. An id that is no
 * longer exported, or not the school's, is left out.
 */
export async function determinationExportRows(
  scope: SchoolScope,
  termId: string,
  ids: readonly string[],
  tx: Tx = db(),
): Promise<DeterminationExportRow[]> {
  if (ids.length === 0) return [];
  type Raw = Omit<DeterminationExportRow, "registry"> & {
    regStudentNo: string | null;
    regName: string;
    regIdType: IdType;
    regCipher: string;
  };
  const rows = await tx.$queryRaw<Raw[]>`
    SELECT a.id, s."studentNo", p.name, p."idType"::text AS "idType", p."idNumberCipher",
      COALESCE((SELECT array_agg(DISTINCT e.category::text) FROM "SpecialGroupEntry" e WHERE e."personId" = p.id), '{}') AS categories,
      h.residence::text AS residence, h."memberCount", h."totalAnnualIncomeFen", h."perCapitaMonthlyIncomeFen", h.address,
      d."finalLevel"::text AS "finalLevel", d."determinedAt", d."overrideReason", d.explanation->>'levelRule' AS "levelRule",
      (SELECT m.config->'tiers'->>s.stage::text FROM "ScoringModel" m WHERE m.id = d."scoringModelId") AS tier,
      reg."studentNo" AS "regStudentNo", reg.name AS "regName", reg."idType" AS "regIdType", reg."idNumberCipher" AS "regCipher"
    FROM "Application" a
      JOIN "Person" p ON p.id = a."personId"
      JOIN "Student" s ON s.id = a."studentId"
      JOIN "Determination" d ON d."applicationId" = a.id
      LEFT JOIN "Household" h ON h."applicationId" = a.id
      LEFT JOIN LATERAL (
        SELECT rs."studentNo", rp.name, rp."idType"::text AS "idType", rp."idNumberCipher"
        FROM "Student" rs JOIN "Person" rp ON rp.id = rs."personId"
        WHERE rs."schoolId" = ${scope.schoolId} AND rs."studentNo" = s."studentNo"
        ORDER BY (rs.status = 'IN_SCHOOL') DESC, rs.id DESC LIMIT 1
      ) reg ON true
    WHERE a.id = ANY(${ids as string[]}::text[]) AND a."schoolId" = ${scope.schoolId} AND a."termId" = ${termId}
      AND a.state = 'determined' AND d."finalLevel" IS NOT NULL`;
  const byId = new Map(
    rows.map(({ regStudentNo, regName, regIdType, regCipher, ...rest }) => [
      rest.id,
      {
        ...rest,
        registry:
          regStudentNo === null
            ? null
            : { studentNo: regStudentNo, name: regName, idType: regIdType, idNumberCipher: regCipher },
      },
    ]),
  );
  return ids.flatMap((id) => byId.get(id) ?? []);
}

export type RegistryEntry = { studentNo: string; name: string; idType: IdType; idNumberCipher: string };

/**
 * The school's registry (学籍) entries with the given 学籍号, with full ID
 * ciphers (only for export validation). Should a 学籍号 appear twice (a former
 * student's old enrolment), the one in school comes last, so a map keeps it.
 */
export function registryEntries(
  scope: SchoolScope,
  studentNos: readonly string[],
  tx: Tx = db(),
): Promise<RegistryEntry[]> {
  if (studentNos.length === 0) return Promise.resolve([]);
  return tx.$queryRaw<RegistryEntry[]>`
    SELECT s."studentNo", p.name, p."idType"::text AS "idType", p."idNumberCipher"
    FROM "Student" s JOIN "Person" p ON p.id = s."personId"
    WHERE s."schoolId" = ${scope.schoolId} AND s."studentNo" = ANY(${studentNos as string[]}::text[])
    ORDER BY (s.status = 'IN_SCHOOL'), s.id`;
}

/** Full ID ciphers of the given entries of one of the school's rosters (the caller audits the download). */
export async function rosterEntryCiphers(
  scope: SchoolScope,
  rosterId: string,
  entryIds: readonly string[],
  tx: Tx = db(),
): Promise<Map<string, string>> {
  if (entryIds.length === 0) return new Map();
  const rows = await tx.$queryRaw<{ id: string; idNumberCipher: string }[]>`
    SELECT e.id, p."idNumberCipher"
    FROM "RosterEntry" e JOIN "Roster" r ON r.id = e."rosterId" JOIN "Student" s ON s.id = e."studentId" JOIN "Person" p ON p.id = s."personId"
    WHERE e."rosterId" = ${rosterId} AND r."schoolId" = ${scope.schoolId} AND e.id = ANY(${entryIds as string[]}::text[])`;
  return new Map(rows.map((r) => [r.id, r.idNumberCipher]));
}

/** Runs one export's reads in a repeatable-read snapshot (the order and every page see the same data). */
export async function inExportSnapshot<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
  return (await readDb()).$transaction(fn, {
    isolationLevel: "RepeatableRead",
    timeout: 15 * 60_000,
    maxWait: 30_000,
  });
}
