/**
 * The class teacher's call list (families to phone: no application yet, a draft, or a returned one)
 * and one guardian's stored mobile for the teacher's "show the full number". Scoped like every
 * repository: a guardian of a student outside the teacher's classes is not found.
 */
import "server-only";
import type { Scope } from "@/lib/auth/scope";
import { db } from "./client";
import type { Prisma } from "./generated/client";
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

/** In-school students of the class whose application this term is missing, a draft, or returned. */
export async function listCallList(scope: Scope, classId: string, termId: string): Promise<CallListRow[]> {
  const where: Prisma.StudentWhereInput = {
    AND: [studentWhere(scope), { classId }, onCallList(termId)],
  };
  const rows = await db().student.findMany({
    where,
    orderBy: [{ studentNo: "asc" }, { id: "asc" }],
    select: {
      id: true,
      person: { select: { name: true } },
      applications: { where: { termId }, select: { state: true, returnDeadline: true } },
      guardians: {
        orderBy: { sortOrder: "asc" },
        select: { id: true, name: true, relation: true, phoneMasked: true },
      },
    },
  });
  return rows.map((student) => {
    const application = student.applications[0];
    return {
      studentId: student.id,
      name: student.person.name,
      state: !application ? "not_started" : (application.state as "draft" | "returned"),
      returnDeadline: application?.returnDeadline ?? null,
      guardians: student.guardians,
    };
  });
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
