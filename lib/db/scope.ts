/**
 * Prisma filters for a caller's scope. Every repository query on students,
 * applications and schools ANDs one of these in.
 */
import "server-only";
import type { Scope } from "@/lib/auth/scope";
import type { Prisma } from "./generated/client";

export function schoolWhere(scope: Scope): Prisma.SchoolWhereInput {
  switch (scope.role) {
    case "STUDENT":
      return { students: { some: { personId: scope.personId } } };
    case "PARENT":
      return { students: { some: { person: { parents: { some: { parentId: scope.userId } } } } } };
    case "TEACHER":
    case "SCHOOL_ADMIN":
    case "SCHOOL_LEADER":
      return { id: scope.schoolId };
    case "SUPERVISOR":
      return { region: { path: { startsWith: scope.regionPath } } };
  }
}

/** The filter shared by students and applications: both rows carry personId, schoolId, class and school. */
function personInSchoolWhere(scope: Scope): Prisma.StudentWhereInput & Prisma.ApplicationWhereInput {
  switch (scope.role) {
    case "STUDENT":
      return { personId: scope.personId };
    case "PARENT":
      return { person: { parents: { some: { parentId: scope.userId } } } };
    case "TEACHER":
      return { schoolId: scope.schoolId, class: { teachers: { some: { teacherId: scope.userId } } } };
    case "SCHOOL_ADMIN":
    case "SCHOOL_LEADER":
      return { schoolId: scope.schoolId };
    case "SUPERVISOR":
      return { school: { region: { path: { startsWith: scope.regionPath } } } };
  }
}

export function studentWhere(scope: Scope): Prisma.StudentWhereInput {
  return personInSchoolWhere(scope);
}

/**
 * The applications the caller may see: the same rule as their students (an application carries the
 * student's person, school and class), so one body serves both.
 */
export function applicationWhere(scope: Scope): Prisma.ApplicationWhereInput {
  return personInSchoolWhere(scope);
}

export function classWhere(scope: Scope): Prisma.SchoolClassWhereInput {
  switch (scope.role) {
    case "TEACHER":
      return { schoolId: scope.schoolId, teachers: { some: { teacherId: scope.userId } } };
    case "SCHOOL_ADMIN":
    case "SCHOOL_LEADER":
      return { schoolId: scope.schoolId };
    case "SUPERVISOR":
      return { school: { region: { path: { startsWith: scope.regionPath } } } };
    case "STUDENT":
    case "PARENT":
      return { students: { some: studentWhere(scope) } };
  }
}
