/** Grades and classes of the caller's school (School → Grade → Class). */
import "server-only";
import type { Scope } from "@/lib/auth/scope";
import type { Stage } from "@/lib/domain/codes";
import { db } from "./client";
import type { Prisma } from "./generated/client";
import { classWhere, schoolWhere } from "./scope";

export function findOwnSchool(scope: Scope) {
  return db().school.findFirst({
    where: schoolWhere(scope),
    select: { id: true, name: true, code: true, stages: true },
  });
}

export async function listStructure(scope: Scope) {
  return db().grade.findMany({
    where: { school: schoolWhere(scope) },
    orderBy: [{ stage: "asc" }, { sortOrder: "asc" }, { entryYear: "desc" }, { name: "asc" }],
    select: {
      id: true,
      stage: true,
      name: true,
      entryYear: true,
      classes: {
        orderBy: { name: "asc" },
        select: {
          id: true,
          name: true,
          _count: { select: { students: true } },
          teachers: { select: { teacher: { select: { id: true, displayName: true } } } },
        },
      },
    },
  });
}

export function findGrade(scope: Scope, gradeId: string) {
  return db().grade.findFirst({
    where: { id: gradeId, school: schoolWhere(scope) },
    select: { id: true, schoolId: true, name: true, _count: { select: { classes: true, students: true } } },
  });
}

export async function createGrade(
  schoolId: string,
  input: { stage: Stage; name: string; entryYear: number },
): Promise<string> {
  return (await db().grade.create({ data: { schoolId, ...input }, select: { id: true } })).id;
}

export async function updateGrade(
  scope: Scope,
  gradeId: string,
  input: { name: string; entryYear: number },
): Promise<void> {
  await db().grade.updateMany({ where: { id: gradeId, school: schoolWhere(scope) }, data: input });
}

/** Deletes a grade of the scope's school that has no classes and no students (checked by the DELETE itself); false otherwise. */
export async function deleteGrade(scope: Scope, gradeId: string): Promise<boolean> {
  const deleted = await db().grade.deleteMany({
    where: { id: gradeId, school: schoolWhere(scope), classes: { none: {} }, students: { none: {} } },
  });
  return deleted.count === 1;
}

export function findClassInScope(scope: Scope, classId: string) {
  return db().schoolClass.findFirst({
    where: { AND: [{ id: classId }, classWhere(scope)] },
    select: {
      id: true,
      name: true,
      gradeId: true,
      _count: { select: { students: true, applications: true } },
    },
  });
}

export async function createClass(schoolId: string, gradeId: string, name: string): Promise<string> {
  return (await db().schoolClass.create({ data: { schoolId, gradeId, name }, select: { id: true } })).id;
}

export async function renameClass(scope: Scope, classId: string, name: string): Promise<void> {
  await db().schoolClass.updateMany({ where: { AND: [{ id: classId }, classWhere(scope)] }, data: { name } });
}

/** Deletes a class of the scope with no students and no applications (checked by the DELETE itself) and its teacher links; false otherwise. */
export async function deleteClass(scope: Scope, classId: string): Promise<boolean> {
  return db().$transaction(async (tx) => {
    const empty: Prisma.SchoolClassWhereInput = {
      AND: [{ id: classId }, classWhere(scope), { students: { none: {} } }, { applications: { none: {} } }],
    };
    await tx.teacherClass.deleteMany({ where: { class: empty } });
    const deleted = await tx.schoolClass.deleteMany({ where: empty });
    return deleted.count === 1;
  });
}
