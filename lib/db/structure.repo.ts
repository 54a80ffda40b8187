/** Grades and classes of the caller's school (SPEC §1: School → Grade → Class). */
import type { Scope } from "@/lib/auth/scope";
import type { Stage } from "@/lib/domain/codes";
import { db } from "./client";
import { classWhere, schoolWhere } from "./scope";

export function findOwnSchool(scope: Scope) {
  return db().school.findFirst({ where: schoolWhere(scope), select: { id: true, name: true, code: true, stages: true } });
}

export async function listStructure(scope: Scope) {
  return db().grade.findMany({
    where: { school: schoolWhere(scope) },
    orderBy: [{ stage: "asc" }, { sortOrder: "asc" }, { entryYear: "desc" }, { name: "asc" }],
    select: {
      id: true, stage: true, name: true, entryYear: true,
      classes: {
        orderBy: { name: "asc" },
        select: { id: true, name: true, _count: { select: { students: true } }, teachers: { select: { teacher: { select: { id: true, displayName: true } } } } },
      },
    },
  });
}

export function findGrade(scope: Scope, gradeId: string) {
  return db().grade.findFirst({ where: { id: gradeId, school: schoolWhere(scope) }, select: { id: true, schoolId: true, name: true, _count: { select: { classes: true, students: true } } } });
}

export async function createGrade(schoolId: string, input: { stage: Stage; name: string; entryYear: number }): Promise<string> {
  return (await db().grade.create({ data: { schoolId, ...input }, select: { id: true } })).id;
}

export async function updateGrade(gradeId: string, input: { name: string; entryYear: number }): Promise<void> {
  await db().grade.update({ where: { id: gradeId }, data: input });
}

export async function deleteGrade(gradeId: string): Promise<void> {
  await db().grade.delete({ where: { id: gradeId } });
}

export function findClassInScope(scope: Scope, classId: string) {
  return db().schoolClass.findFirst({ where: { AND: [{ id: classId }, classWhere(scope)] }, select: { id: true, name: true, gradeId: true, _count: { select: { students: true, applications: true } } } });
}

export async function createClass(schoolId: string, gradeId: string, name: string): Promise<string> {
  return (await db().schoolClass.create({ data: { schoolId, gradeId, name }, select: { id: true } })).id;
}

export async function renameClass(classId: string, name: string): Promise<void> {
  await db().schoolClass.update({ where: { id: classId }, data: { name } });
}

export async function deleteClass(classId: string): Promise<void> {
  await db().$transaction([db().teacherClass.deleteMany({ where: { classId } }), db().schoolClass.delete({ where: { id: classId } })]);
}
