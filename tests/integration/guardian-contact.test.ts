/**
 * The class teacher phones the families who have not applied: the call list names the students with no
 * application, a draft or a returned one (not those already submitted), with masked mobiles; the full
 * number comes only on request, for the teacher's own class, and every request is audited.
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { SessionUser } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import { loadCallList, revealGuardianPhone } from "@/lib/services/guardian-contact";
import { makeCurrentTerm, makeRegionTree, makeSchool, makeStaff, makeStudent } from "../support/fixtures";
import { makeApplication } from "../support/teacher-fixtures";
import { sessionUser } from "../support/session-user";

let teacher: SessionUser, otherTeacher: SessionUser, admin: SessionUser;
let school: Awaited<ReturnType<typeof makeSchool>>;
let students: Record<string, Awaited<ReturnType<typeof makeStudent>>>;

beforeAll(async () => {
  const { county } = await makeRegionTree();
  school = await makeSchool(county.id, "SENIOR");
  const { term } = await makeCurrentTerm({ stage: "SENIOR" });
  teacher = sessionUser({
    ...(await makeStaff("TEACHER", { schoolId: school.school.id }, { classIds: [school.klass.id] })).user,
  });
  otherTeacher = sessionUser({
    ...(await makeStaff("TEACHER", { schoolId: school.school.id }, { classIds: [] })).user,
  });
  admin = sessionUser({ ...(await makeStaff("SCHOOL_ADMIN", { schoolId: school.school.id })).user });
  students = {};
  for (const [name, state] of [
    ["未申请生", null],
    ["草稿生", "draft"],
    ["退回生", "returned"],
    ["已提交生", "submitted"],
    ["已核实生", "verified"],
  ] as const) {
    const st = await makeStudent(school, { name });
    students[name] = st;
    if (state) await makeApplication(st, term.id, state);
  }
});

describe("call list", () => {
  it("lists 未开始 / 草稿 / 已退回 families with masked mobiles only", async () => {
    const r = await loadCallList(teacher, school.klass.id);
    if (!r.ok) throw new Error(r.message);
    expect(r.data.rows.map((x) => [x.name, x.state]).sort()).toEqual(
      [
        ["未申请生", "not_started"],
        ["草稿生", "draft"],
        ["退回生", "returned"],
      ].sort(),
    );
    const phone = students["未申请生"]!.guardianPhone;
    expect(JSON.stringify(r.data)).not.toContain(phone);
    expect(r.data.rows.find((x) => x.name === "未申请生")!.guardians[0]!.phoneMasked).toMatch(/\*{4}/);
  });

  it("shows the full mobile on request to the class teacher and audits it", async () => {
    const st = students["退回生"]!;
    const g = await db().guardian.findFirstOrThrow({ where: { studentId: st.student.id } });
    const r = await revealGuardianPhone(teacher, g.id, "10.1.1.1");
    expect(r).toEqual({ ok: true, data: { phone: st.guardianPhone } });
    const audit = await db().auditLog.findFirstOrThrow({
      where: { action: "guardian.phone_viewed", targetId: g.id },
    });
    expect(audit).toMatchObject({ actorUserId: teacher.id, ip: "10.1.1.1", schoolId: school.school.id });
  });

  it("refuses the number of a family who already applied (submitted or verified): they are not on the call list", async () => {
    for (const name of ["已提交生", "已核实生"]) {
      const g = await db().guardian.findFirstOrThrow({ where: { studentId: students[name]!.student.id } });
      const r = await revealGuardianPhone(teacher, g.id);
      expect(r).toMatchObject({ ok: false });
      expect(JSON.stringify(r)).not.toContain(students[name]!.guardianPhone);
      expect(await db().auditLog.count({ where: { action: "guardian.phone_viewed", targetId: g.id } })).toBe(
        0,
      );
    }
  });

  it("limits a teacher to 60 full numbers an hour", async () => {
    const t = sessionUser({
      ...(await makeStaff("TEACHER", { schoolId: school.school.id }, { classIds: [school.klass.id] })).user,
    });
    const g = await db().guardian.findFirstOrThrow({
      where: { studentId: students["未申请生"]!.student.id },
    });
    for (let i = 0; i < 60; i++) expect((await revealGuardianPhone(t, g.id)).ok).toBe(true);
    const refused = await revealGuardianPhone(t, g.id);
    expect(refused).toMatchObject({ ok: false, code: "LIMIT" });
    expect(JSON.stringify(refused)).not.toContain(students["未申请生"]!.guardianPhone);
  });

  it("refuses the number to a teacher of another class and to the admin, revealing nothing", async () => {
    const g = await db().guardian.findFirstOrThrow({ where: { studentId: students["草稿生"]!.student.id } });
    const other = await revealGuardianPhone(otherTeacher, g.id);
    expect(other).toMatchObject({ ok: false });
    expect(JSON.stringify(other)).not.toContain(students["草稿生"]!.guardianPhone);
    expect(await revealGuardianPhone(admin, g.id)).toMatchObject({ ok: false });
    expect(await db().auditLog.count({ where: { action: "guardian.phone_viewed", targetId: g.id } })).toBe(0);
  });
});
