/**
 * Reads of the aid records (受助情况, migration 510; written only by the trigger on RosterPayment) for the school's
 * 受助情况 page and its national export. School-level: every query is bound to the caller's school.
 */
import "server-only";
import type { AidRecordState } from "@/lib/domain/aid-record";
import type { IdType } from "@/lib/domain/codes";
import { db, type Tx } from "./client";
import type { SchoolScope } from "./national-export.repo";

/** The export's records of the school and term (paid, not reversed), in the file's order. */
export async function aidRecordExportOrder(
  scope: SchoolScope,
  termId: string,
  tx: Tx = db(),
): Promise<string[]> {
  const rows = await tx.$queryRaw<{ id: string }[]>`
    SELECT r.id
    FROM "AidRecord" r
      JOIN "Student" s ON s.id = r."studentId"
      JOIN "AidProgramme" pr ON pr.id = r."programmeId"
    WHERE r."schoolId" = ${scope.schoolId} AND r."termId" = ${termId} AND r.state = 'PAID'
    ORDER BY s."sortGradeName", s."sortClassName", s."sortName", s.id, pr.name, r.period, r.id`;
  return rows.map((row) => row.id);
}

export type AidRecordExportRow = {
  id: string;
  schoolName: string;
  studentNo: string;
  name: string;
  idType: IdType;
  idNumberCipher: string;
  programme: string;
  academicYear: string;
  semester: "AUTUMN" | "SPRING";
  month: number | null;
  amountFen: number;
  paidAt: Date;
};

/** The file's fields of the given records of the school (still paid), in the order of `ids`. */
export async function aidRecordExportRows(
  scope: SchoolScope,
  termId: string,
  ids: readonly string[],
  tx: Tx = db(),
): Promise<AidRecordExportRow[]> {
  if (ids.length === 0) return [];
  const rows = await tx.$queryRaw<AidRecordExportRow[]>`
    SELECT r.id, sc.name AS "schoolName", s."studentNo", p.name, p."idType"::text AS "idType", p."idNumberCipher",
           pr.name AS programme, t."academicYear", t.semester::text AS semester, r.month, r."amountFen", r."paidAt"
    FROM "AidRecord" r
      JOIN "School" sc ON sc.id = r."schoolId"
      JOIN "Student" s ON s.id = r."studentId"
      JOIN "Person" p ON p.id = r."personId"
      JOIN "AidProgramme" pr ON pr.id = r."programmeId"
      JOIN "AidTerm" t ON t.id = r."termId"
    WHERE r.id = ANY(${ids as string[]}::text[]) AND r."schoolId" = ${scope.schoolId} AND r."termId" = ${termId}
      AND r.state = 'PAID'`;
  const byId = new Map(rows.map((row) => [row.id, row]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

export type AidRecordSummaryRow = {
  programme: string;
  period: string;
  state: AidRecordState;
  records: number;
  amountFen: number;
};

/** The school's records of the term by programme, period and state: how many and how much. */
export async function aidRecordSummary(scope: SchoolScope, termId: string): Promise<AidRecordSummaryRow[]> {
  const rows = await db().$queryRaw<(Omit<AidRecordSummaryRow, "amountFen"> & { amountFen: bigint })[]>`
    SELECT pr.name AS programme, r.period, r.state::text AS state, count(*)::int AS records,
           sum(r."amountFen")::bigint AS "amountFen"
    FROM "AidRecord" r JOIN "AidProgramme" pr ON pr.id = r."programmeId"
    WHERE r."schoolId" = ${scope.schoolId} AND r."termId" = ${termId}
    GROUP BY pr.name, r.period, r.state
    ORDER BY pr.name, r.period, r.state`;
  return rows.map((row) => ({ ...row, amountFen: Number(row.amountFen) }));
}
