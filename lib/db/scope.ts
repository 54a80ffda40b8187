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

export function studentWhere(scope: Scope): Prisma.StudentWhereInput {
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

export function applicationWhere(scope: Scope): Prisma.ApplicationWhereInput {
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
