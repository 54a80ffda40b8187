/**
 * The class teacher's call list (families to phone: no application yet, a draft, or a returned one)
 * and one guardian's stored mobile for the teacher's "show the full number". Scoped like every
 * repository: a guardian of a student outside the teacher's classes is not found.
 */
import "server-only";
import type { Scope } from "@/lib/auth/scope";
import { db } from "./client";
import type { Prisma } from "./generated/client";
import { ownClassStudents } from "./teacher.repo";
import { studentWhere } from "./scope";

export type CallListRow = {
  studentId: string;
  name: string;
  state: "not_started" | "draft" | "returned";
  returnDeadline: Date | null;
  guardians: { id: string; name: string; relation: string; phoneMasked: string }[];
};

/** On the call list: in school, and this term's application missing, a draft, or returned. */
const onCallList = (termId: string): Prisma.StudentWhereInput => ({
  status: "IN_SCHOOL",
  OR: [
    { applications: { none: { termId } } },
    { applications: { some: { termId, state: { in: ["draft", "returned"] } } } },
  ],
});

/**
 * In-school students of the class whose application this term is missing, a draft, or returned — one plain
 * statement, the guardians as a JSON array per student (the class teacher opens it all day: bench/README.md
 * §4), ordered by 学籍号 then id. The term's application is looked up per student by index, a draft or
 * returned one first (a NOT EXISTS here was planned as a hash of the whole term's applications).
 */
export async function listCallList(scope: Scope, classId: string, termId: string): Promise<CallListRow[]> {
  const rows = await db().$queryRaw<(Omit<CallListRow, "state"> & { state: CallListRow["state"] | null })[]>`
    SELECT s."id" AS "studentId", p."name", open."state"::text AS "state", open."returnDeadline",
           COALESCE((SELECT json_agg(json_build_object('id', g."id", 'name', g."name", 'relation', g."relation",
                       'phoneMasked', g."phoneMasked") ORDER BY g."sortOrder", g."id")
                     FROM "Guardian" g WHERE g."studentId" = s."id"), '[]'::json) AS "guardians"
      FROM "Student" s
      JOIN "Person" p ON p."id" = s."personId"
      LEFT JOIN LATERAL (SELECT a."state", a."returnDeadline" FROM "Application" a
                          WHERE a."studentId" = s."id" AND a."termId" = ${termId}
                          ORDER BY (a."state" IN ('draft', 'returned')) DESC, a."createdAt" LIMIT 1) open ON true
     WHERE s."classId" = ${classId} AND ${ownClassStudents(scope)} AND s."status" = 'IN_SCHOOL'
       AND (open."state" IS NULL OR open."state" IN ('draft', 'returned'))
     ORDER BY s."studentNo", s."id"`;
  return rows.map((row) => ({ ...row, state: row.state ?? "not_started" }));
}

/**
 * A guardian of a student in scope who is on the call list this term, with the encrypted mobile; null
 * outside the scope or once the family has applied (the full number is for phoning families who have not).
 */
export function findGuardianPhone(scope: Scope, guardianId: string, termId: string) {
  return db().guardian.findFirst({
    where: { id: guardianId, student: { AND: [studentWhere(scope), onCallList(termId)] } },
    select: { id: true, phoneCipher: true, studentId: true, student: { select: { schoolId: true } } },
  });
}
