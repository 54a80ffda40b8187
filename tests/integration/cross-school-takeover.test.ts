/**
 * One school's admin must never take over another school's student: a roster
 * import cannot rename or enrol a person still enrolled (在读/休学) elsewhere,
 * whatever status the row claims; password resets only reach accounts whose
 * current enrolment (students) or every bound child (parents) is at the
 * admin's school; every reset shows in the audit log of every school the
 * account belongs to.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { authenticate } from "@/lib/auth/authenticate";
import type { SessionUser } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import { writeRejectedRows } from "@/lib/services/student-roster-export";
import { seal } from "@/lib/crypto/keys";
import { ENROLLED_ELSEWHERE_REASON, upsertRosterBatch, type PreparedRow } from "@/lib/db/student-roster.repo";
import { importRoster } from "@/lib/services/student-roster-import";
import { resetAccountPassword } from "@/lib/services/staff-accounts";
import { searchAuditLog } from "@/lib/services/audit-log";
import {
  makeParent,
  makeRegionTree,
  makeSchool,
  makeStaff,
  makeStudent,
  makeStudentAccount,
  PASSWORD,
} from "../support/fixtures";
import { memoryWriter, uniqueId, writeRosterFile } from "../support/student-roster-file";
import { sessionUser } from "../support/session-user";

type School = Awaited<ReturnType<typeof makeSchool>>;
let A: School;
let B: School;
let adminA: SessionUser;
let adminB: SessionUser;

beforeAll(async () => {
  const { county } = await makeRegionTree();
  A = await makeSchool(county.id, "SENIOR");
  B = await makeSchool(county.id, "SENIOR");
  adminA = sessionUser((await makeStaff("SCHOOL_ADMIN", { schoolId: A.school.id })).user);
  adminB = sessionUser((await makeStaff("SCHOOL_ADMIN", { schoolId: B.school.id })).user);
});

async function rejectedReasons(user: SessionUser, jobId: string): Promise<string[]> {
  const w = memoryWriter();
  await writeRejectedRows(user, jobId, w);
  return w.rows.map((r) => String(r[1]));
}

/** An enrolment of the person at B that ended (转出), as if the student had once been there. */
async function pastEnrolmentAtB(personId: string, studentNo: string) {
  await db().student.create({
    data: {
      personId,
      schoolId: B.school.id,
      gradeId: B.grade.id,
      classId: B.klass.id,
      stage: "SENIOR",
      studentNo,
      enrolledOn: new Date("2025-09-01"),
      programmeYears: 3,
      status: "TRANSFERRED_OUT",
    },
  });
}

describe("a roster import never changes a person enrolled at another school", () => {
  for (const status of ["毕业", "休学", "转出", "在读"]) {
    it(`a row with status ${status} for a student 在读 at school A is rejected; the person is untouched`, async () => {
      const st = await makeStudent(A, { name: "原名学生" });
      const f = await writeRosterFile(`takeover-${status}.xlsx`, [
        {
          name: "新名字",
          idNumber: st.idNumber,
          studentNo: st.studentNo,
          grade: B.grade.name,
          className: B.klass.name,
          enrolledOn: "2026-09",
          status,
        },
      ]);
      const r = await importRoster(adminB, { filePath: f, fileName: "t.xlsx", mode: "GOOD_ROWS" });
      if (!r.ok) throw new Error(r.message);
      expect(r.data).toMatchObject({ created: 0, updated: 0, rejected: 1 });
      const [reason] = await rejectedReasons(adminB, r.data.id);
      expect(reason).toBe(ENROLLED_ELSEWHERE_REASON);
      expect(reason).toMatch(/其他学校.*原学校.*转出/);

      const person = await db().person.findUniqueOrThrow({
        where: { id: st.person.id },
        include: { enrolments: true },
      });
      expect(person.name).toBe("原名学生");
      expect(person.enrolments.map((e) => [e.schoolId, e.status])).toEqual([[A.school.id, "IN_SCHOOL"]]);
    });
  }

  it("a student 休学 at school A cannot be imported as 在读 at school B", async () => {
    const st = await makeStudent(A);
    await db().student.update({ where: { id: st.student.id }, data: { status: "SUSPENDED" } });
    const f = await writeRosterFile("suspended.xlsx", [
      {
        name: st.name,
        idNumber: st.idNumber,
        studentNo: st.studentNo,
        grade: B.grade.name,
        className: B.klass.name,
        enrolledOn: "2026-09",
      },
    ]);
    const r = await importRoster(adminB, { filePath: f, fileName: "s.xlsx", mode: "GOOD_ROWS" });
    if (!r.ok) throw new Error(r.message);
    expect(r.data).toMatchObject({ created: 0, rejected: 1 });
    // The same neutral reason as for 在读: school B learns nothing about the status at school A.
    const [reason] = await rejectedReasons(adminB, r.data.id);
    expect(reason).toBe(ENROLLED_ELSEWHERE_REASON);
    expect(reason).not.toMatch(/休学|在读/);
    // School A sees that another school tried to import its student.
    const log = await searchAuditLog(adminA, { action: "roster.import_enrolled_elsewhere" });
    if (!log.ok) throw new Error(log.message);
    expect(log.data.rows.filter((row) => row.targetId === st.student.id)).toHaveLength(1);
    const logB = await searchAuditLog(adminB, { action: "roster.import_enrolled_elsewhere" });
    if (!logB.ok) throw new Error(logB.message);
    expect(logB.data.rows.filter((row) => row.targetId === st.student.id)).toHaveLength(0);
    expect(await db().student.count({ where: { personId: st.person.id, schoolId: B.school.id } })).toBe(0);
  });

  it("school B may still import a student who left school A (转出), taking over the person record", async () => {
    const st = await makeStudent(A);
    await db().student.update({ where: { id: st.student.id }, data: { status: "TRANSFERRED_OUT" } });
    const f = await writeRosterFile("arrived.xlsx", [
      {
        name: `${st.name}改`,
        idNumber: st.idNumber,
        studentNo: st.studentNo,
        grade: B.grade.name,
        className: B.klass.name,
        enrolledOn: "2026-09",
      },
    ]);
    const r = await importRoster(adminB, { filePath: f, fileName: "a.xlsx", mode: "GOOD_ROWS" });
    expect(r.ok && r.data).toMatchObject({ created: 1, rejected: 0 });
    expect((await db().person.findUniqueOrThrow({ where: { id: st.person.id } })).name).toBe(`${st.name}改`);
  });
});

describe("two schools importing the same person at the same time", () => {
  const rowFor = (school: School, idNumber: string, status: string, name: string) => ({
    name,
    idNumber,
    studentNo: `G${idNumber}`,
    grade: school.grade.name,
    className: school.klass.name,
    enrolledOn: "2026-09",
    status,
  });

  const importBoth = async (idNumber: string, tag: string) => {
    const fa = await writeRosterFile(`race-a-${tag}.xlsx`, [rowFor(A, idNumber, "在读", "甲校名字")]);
    const fb = await writeRosterFile(`race-b-${tag}.xlsx`, [rowFor(B, idNumber, "休学", "乙校名字")]);
    const [ra, rb] = await Promise.all([
      importRoster(adminA, { filePath: fa, fileName: "a.xlsx", mode: "GOOD_ROWS" }),
      importRoster(adminB, { filePath: fb, fileName: "b.xlsx", mode: "GOOD_ROWS" }),
    ]);
    if (!ra.ok) throw new Error(ra.message);
    if (!rb.ok) throw new Error(rb.message);
    return [ra.data, rb.data] as const;
  };

  const expectOneWinner = async (
    idNumber: string,
    jobs: readonly { state: string; created: number; rejected: number; id: string }[],
  ) => {
    expect(jobs.map((j) => j.state)).toEqual(["DONE", "DONE"]);
    expect(jobs.map((j) => j.created).sort()).toEqual([0, 1]);
    expect(jobs.map((j) => j.rejected).sort()).toEqual([0, 1]);
    const loser = jobs[0]!.rejected ? 0 : 1;
    expect(await rejectedReasons([adminA, adminB][loser]!, jobs[loser]!.id)).toEqual([
      ENROLLED_ELSEWHERE_REASON,
    ]);
    const enrolled = await db().student.findMany({
      where: { studentNo: `G${idNumber}`, status: { in: ["IN_SCHOOL", "SUSPENDED"] } },
      select: { schoolId: true, person: { select: { name: true } } },
    });
    expect(enrolled).toHaveLength(1);
    // The winner's name stands: the loser did not rename the shared person.
    expect(enrolled[0]!.person.name).toBe(enrolled[0]!.schoolId === A.school.id ? "甲校名字" : "乙校名字");
  };

  it("a person new to the system: exactly one school enrols them, the other gets a row rejection", async () => {
    const idNumber = uniqueId(97_001);
    await expectOneWinner(idNumber, await importBoth(idNumber, "new"));
  });

  it("a person who left a third school: exactly one school enrols them (one of the rows says 休学)", async () => {
    const C = await makeSchool((await makeRegionTree()).county.id, "SENIOR");
    const st = await makeStudent(C);
    await db().student.update({ where: { id: st.student.id }, data: { status: "TRANSFERRED_OUT" } });
    await expectOneWinner(st.idNumber, await importBoth(st.idNumber, "known"));
  });

  it("a school's batch waits for another school's open batch on the same person, then rejects the row", async () => {
    const C = await makeSchool((await makeRegionTree()).county.id, "SENIOR");
    const st = await makeStudent(C);
    await db().student.update({ where: { id: st.student.id }, data: { status: "TRANSFERRED_OUT" } });
    const prepared = (school: School, status: "IN_SCHOOL" | "SUSPENDED"): PreparedRow => ({
      name: st.name,
      gender: st.person.gender,
      idType: "RESIDENT_ID",
      idNumber: st.idNumber,
      birthDate: null,
      studentNo: st.studentNo,
      stage: "SENIOR",
      gradeId: school.grade.id,
      classId: school.klass.id,
      enrolledOn: "2026-09-01",
      programmeYears: 3,
      status,
      hukouCode: null,
      guardian: null,
      rowNumber: 2,
      id: seal(st.idNumber, "idNumber"),
      guardianPhone: null,
      guardianId: null,
    });
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let firstDone!: () => void;
    const firstWritten = new Promise<void>((r) => (firstDone = r));
    const first = db().$transaction(
      async (tx) => {
        const out = await upsertRosterBatch(tx, A.school.id, [prepared(A, "IN_SCHOOL")]);
        firstDone();
        await held; // school A's batch is still open while school B's starts
        return out;
      },
      { timeout: 30_000 },
    );
    await firstWritten;
    const second = db()
      .$transaction((tx) => upsertRosterBatch(tx, B.school.id, [prepared(B, "SUSPENDED")]), {
        timeout: 30_000,
      })
      .then(
        (out) => ({ out }),
        (error: unknown) => ({ error }),
      );
    await new Promise((r) => setTimeout(r, 500));
    release();
    expect(await first).toEqual(["created"]);
    const result = await second;
    expect(result).toEqual({
      out: [
        {
          rejected: ENROLLED_ELSEWHERE_REASON,
          elsewhere: { schoolId: A.school.id, studentId: expect.any(String) },
        },
      ],
    });
    expect(await db().student.count({ where: { personId: st.person.id, schoolId: B.school.id } })).toBe(0);
  });

  it("the database refuses a second 在读/休学 enrolment of one person whatever the import does", async () => {
    const st = await makeStudent(A);
    await db().student.update({ where: { id: st.student.id }, data: { status: "SUSPENDED" } });
    await expect(
      db().student.create({
        data: {
          personId: st.person.id,
          schoolId: B.school.id,
          gradeId: B.grade.id,
          classId: B.klass.id,
          stage: "SENIOR",
          studentNo: st.studentNo,
          enrolledOn: new Date("2026-09-01"),
          programmeYears: 3,
          status: "IN_SCHOOL",
        },
      }),
    ).rejects.toThrow();
  });
});

describe("password resets across schools", () => {
  it("school B cannot reset a student who once was at B but is now 在读 at school A", async () => {
    const st = await makeStudent(A);
    await pastEnrolmentAtB(st.person.id, `${st.studentNo}B`);
    const account = await makeStudentAccount(st);
    const r = await resetAccountPassword(adminB, { id: account.id });
    expect(r).toMatchObject({ ok: false, code: "REFUSED" });
    expect(
      await authenticate({ kind: "student", identifier: st.idNumber, password: PASSWORD }, null),
    ).toMatchObject({ ok: true });
  });

  it("a parent with a child at another school can be reset by neither school", async () => {
    const atA = await makeStudent(A);
    const atB = await makeStudent(B);
    const parent = await makeParent("13766660001", [atA.person.id, atB.person.id]);
    for (const admin of [adminA, adminB])
      expect(await resetAccountPassword(admin, { id: parent.id })).toMatchObject({
        ok: false,
        code: "REFUSED",
      });
    const u = await db().user.findUniqueOrThrow({ where: { id: parent.id } });
    expect(u).toMatchObject({ mustChangePassword: false, sessionVersion: 0 });
  });

  it("a parent whose children are all at school B is reset by B", async () => {
    const one = await makeStudent(B);
    const two = await makeStudent(B);
    const parent = await makeParent("13766660002", [one.person.id, two.person.id]);
    expect((await resetAccountPassword(adminB, { id: parent.id })).ok).toBe(true);
  });

  it("every reset is in the audit log of every school the account belongs to", async () => {
    const st = await makeStudent(B);
    // once at school A, which it left for B
    await db().student.create({
      data: {
        personId: st.person.id,
        schoolId: A.school.id,
        gradeId: A.grade.id,
        classId: A.klass.id,
        stage: "SENIOR",
        studentNo: `${st.studentNo}A`,
        enrolledOn: new Date("2025-09-01"),
        programmeYears: 3,
        status: "TRANSFERRED_OUT",
      },
    });
    const account = await makeStudentAccount(st);
    expect((await resetAccountPassword(adminB, { id: account.id })).ok).toBe(true);
    for (const admin of [adminA, adminB]) {
      const log = await searchAuditLog(admin, { action: "account.reset_password" });
      if (!log.ok) throw new Error(log.message);
      expect(log.data.rows.filter((row) => row.targetId === account.id)).toHaveLength(1);
    }
  });
});
