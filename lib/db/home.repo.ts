/** What the home pages show, per role, always within the caller's scope. */
import "server-only";
import type { Scope } from "@/lib/auth/scope";
import type { ApplicationState, Stage } from "@/lib/domain/codes";
import { db } from "./client";
import { applicationWhere, classWhere, schoolWhere, studentWhere } from "./scope";

export type ApplicantChild = {
  personId: string;
  name: string;
  schoolId: string;
  schoolName: string;
  gradeName: string;
  className: string;
  stage: Stage;
  idNumberMasked: string;
  application: {
    id: string;
    state: ApplicationState;
    updatedAt: Date;
    returnReason: string | null;
    returnDeadline: Date | null;
  } | null;
};

/** The students the applicant (student themselves, or parent's bound children) applies for. */
export async function listApplicantChildren(scope: Scope, termId: string | null): Promise<ApplicantChild[]> {
  if (scope.role !== "STUDENT" && scope.role !== "PARENT") return [];
  const rows = await db().student.findMany({
    where: { AND: [studentWhere(scope), { status: "IN_SCHOOL" }] },
    orderBy: { person: { name: "asc" } },
    select: {
      stage: true,
      school: { select: { id: true, name: true } },
      grade: { select: { name: true } },
      class: { select: { name: true } },
      person: {
        select: {
          id: true,
          name: true,
          idNumberMasked: true,
          applications: {
            where: { AND: [applicationWhere(scope), { termId: termId ?? "" }] },
            select: { id: true, state: true, updatedAt: true, returnReason: true, returnDeadline: true },
            take: 1,
          },
        },
      },
    },
  });
  return rows.map((row) => ({
    personId: row.person.id,
    name: row.person.name,
    schoolId: row.school.id,
    schoolName: row.school.name,
    gradeName: row.grade.name,
    className: row.class.name,
    stage: row.stage,
    idNumberMasked: row.person.idNumberMasked,
    application: row.person.applications[0] ?? null,
  }));
}

export type ClassSummary = {
  classId: string;
  name: string;
  gradeName: string;
  schoolName: string;
  students: number;
  byState: Partial<Record<ApplicationState, number>>;
};

/** Classes in scope with their student count and the term's applications by state. */
export async function listClassSummaries(
  scope: Scope,
  termId: string | null,
  limit = 200,
): Promise<ClassSummary[]> {
  const classes = await db().schoolClass.findMany({
    where: classWhere(scope),
    orderBy: [{ grade: { sortOrder: "asc" } }, { name: "asc" }],
    take: limit,
    select: {
      id: true,
      name: true,
      grade: { select: { name: true } },
      school: { select: { name: true } },
      _count: { select: { students: { where: { status: "IN_SCHOOL" } } } },
    },
  });
  const counts = termId
    ? await db().application.groupBy({
        by: ["classId", "state"],
        where: {
          AND: [
            applicationWhere(scope),
            { termId, kind: "REGULAR", classId: { in: classes.map((c) => c.id) } },
          ],
        },
        _count: { _all: true },
      })
    : [];
  return classes.map((schoolClass) => {
    const byState: Partial<Record<ApplicationState, number>> = {};
    for (const group of counts.filter((x) => x.classId === schoolClass.id))
      byState[group.state] = group._count._all;
    return {
      classId: schoolClass.id,
      name: schoolClass.name,
      gradeName: schoolClass.grade.name,
      schoolName: schoolClass.school.name,
      students: schoolClass._count.students,
      byState,
    };
  });
}

export type SchoolSummary = {
  schoolId: string;
  name: string;
  code: string;
  students: number;
  byState: Partial<Record<ApplicationState, number>>;
  openSignInProblems: number;
};

/** Schools in scope (one for school staff, the region's for supervisors) with headline counts. */
export async function listSchoolSummaries(scope: Scope, termId: string | null): Promise<SchoolSummary[]> {
  const schools = await db().school.findMany({
    where: schoolWhere(scope),
    orderBy: { code: "asc" },
    take: 500,
    select: {
      id: true,
      name: true,
      code: true,
      _count: {
        select: {
          students: { where: { status: "IN_SCHOOL" } },
          signInProblems: { where: { state: "OPEN" } },
        },
      },
    },
  });
  const counts = termId
    ? await db().application.groupBy({
        by: ["schoolId", "state"],
        where: {
          AND: [
            applicationWhere(scope),
            { termId, kind: "REGULAR", schoolId: { in: schools.map((s) => s.id) } },
          ],
        },
        _count: { _all: true },
      })
    : [];
  return schools.map((school) => {
    const byState: Partial<Record<ApplicationState, number>> = {};
    for (const group of counts.filter((x) => x.schoolId === school.id))
      byState[group.state] = group._count._all;
    return {
      schoolId: school.id,
      name: school.name,
      code: school.code,
      students: school._count.students,
      byState,
      openSignInProblems: school._count.signInProblems,
    };
  });
}
