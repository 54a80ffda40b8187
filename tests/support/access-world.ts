/**
 * The world the access-matrix test runs in: two sides, A and B, in different
 * counties, each with a senior-high school (a student who applies
 * themselves, their class teacher, the admin and the leader) and a junior
 * school (a child whose parent applies), plus a supervisor of the county.
 * Callers always come from side A; side A's objects are "own scope", side B's
 * are "other scope".
 */
import type { SessionUser } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import type { Role } from "@/lib/domain/codes";
import {
  makeCurrentTerm,
  makeParent,
  makeRegionTree,
  makeSchool,
  makeStaff,
  makeStudent,
  makeStudentAccount,
  type StudentFixture,
} from "./fixtures";
import { sessionUser } from "./session-user";

type SchoolFixture = Awaited<ReturnType<typeof makeSchool>>;

export type Side = {
  name: "A" | "B";
  countyId: string;
  senior: SchoolFixture;
  junior: SchoolFixture;
  /** Senior-high student with their own account (applies themselves). */
  student: StudentFixture;
  /** Junior-school child bound to `users.PARENT` (the parent applies). */
  child: StudentFixture;
  /** One signed-in user per role. Teacher, admin and leader belong to the senior school. */
  users: Record<Role, SessionUser>;
  /** Staff of the junior school, for actions on the child's objects. */
  juniorStaff: { TEACHER: SessionUser; SCHOOL_ADMIN: SessionUser; SCHOOL_LEADER: SessionUser };
};

export type World = { A: Side; B: Side; termId: string };

let phoneSeq = 0;
async function buildSide(name: "A" | "B"): Promise<Side> {
  const { county } = await makeRegionTree();
  const senior = await makeSchool(county.id, "SENIOR");
  const junior = await makeSchool(county.id, "JUNIOR");
  const student = await makeStudent(senior);
  const parentPhone = `1371000${String(++phoneSeq).padStart(4, "0")}${name === "A" ? 1 : 2}`.slice(0, 11);
  const child = await makeStudent(junior, { guardianPhone: parentPhone });
  const studentUser = await makeStudentAccount(student);
  const parent = await makeParent(parentPhone, [child.person.id]);
  const staff = async (role: "TEACHER" | "SCHOOL_ADMIN" | "SCHOOL_LEADER", s: SchoolFixture) =>
    sessionUser(
      (await makeStaff(role, { schoolId: s.school.id }, { classIds: role === "TEACHER" ? [s.klass.id] : [] }))
        .user,
    );
  const supervisor = (await makeStaff("SUPERVISOR", { regionId: county.id })).user;
  return {
    name,
    countyId: county.id,
    senior,
    junior,
    student,
    child,
    users: {
      STUDENT: sessionUser(studentUser),
      PARENT: sessionUser(parent),
      TEACHER: await staff("TEACHER", senior),
      SCHOOL_ADMIN: await staff("SCHOOL_ADMIN", senior),
      SCHOOL_LEADER: await staff("SCHOOL_LEADER", senior),
      SUPERVISOR: sessionUser(supervisor, { regionPath: county.path }),
    },
    juniorStaff: {
      TEACHER: await staff("TEACHER", junior),
      SCHOOL_ADMIN: await staff("SCHOOL_ADMIN", junior),
      SCHOOL_LEADER: await staff("SCHOOL_LEADER", junior),
    },
  };
}

export async function buildAccessWorld(): Promise<World> {
  const { programme: juniorProgramme } = await makeCurrentTerm({ stage: "JUNIOR" });
  const { term } = await makeCurrentTerm({ stage: "SENIOR" });
  // The second call made a new current term; give it the junior programme too.
  await db().termProgramme.create({
    data: { termId: term.id, programmeId: juniorProgramme.id, amountMode: "FIXED", fixedAmountFen: 62_500 },
  });
  return { A: await buildSide("A"), B: await buildSide("B"), termId: term.id };
}

/** The applicant-side subject a role acts on: the parent's child for parents, the senior student otherwise. */
export function subjectFor(role: Role, side: Side): StudentFixture {
  return role === "PARENT" ? side.child : side.student;
}
