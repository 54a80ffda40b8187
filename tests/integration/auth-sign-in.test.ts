import { beforeAll, describe, expect, it } from "vitest";
import { authenticate, lockedMessage, WRONG_CREDENTIALS } from "@/lib/auth/authenticate";
import { db } from "@/lib/db/client";
import {
  makeParent,
  makeRegionTree,
  makeSchool,
  makeStaff,
  makeStudent,
  makeStudentAccount,
  PASSWORD,
  type StudentFixture,
} from "../support/fixtures";

let student: StudentFixture;
let teacherName: string;
let parentPhone: string;

beforeAll(async () => {
  const { county } = await makeRegionTree();
  const s = await makeSchool(county.id);
  student = await makeStudent(s);
  await makeStudentAccount(student);
  teacherName = (await makeStaff("TEACHER", { schoolId: s.school.id })).username;
  parentPhone = "13700001111";
  await makeParent(parentPhone);
});

const T0 = new Date("2026-09-25T02:00:00Z");
const minutes = (m: number) => new Date(T0.getTime() + m * 60_000);

describe("sign-in by role", () => {
  it("signs a student in by ID number and by 学籍号", async () => {
    expect(
      await authenticate({ kind: "student", identifier: student.idNumber, password: PASSWORD }, null),
    ).toMatchObject({ ok: true, role: "STUDENT" });
    expect(
      await authenticate(
        { kind: "student", identifier: student.idNumber.toLowerCase(), password: PASSWORD },
        null,
      ),
    ).toMatchObject({ ok: true });
    expect(
      await authenticate({ kind: "student", identifier: student.studentNo, password: PASSWORD }, null),
    ).toMatchObject({ ok: true, role: "STUDENT" });
  });

  it("signs a parent in by mobile number, also written with +86 and spaces", async () => {
    expect(
      await authenticate({ kind: "parent", identifier: "+86 137 0000 1111", password: PASSWORD }, null),
    ).toMatchObject({ ok: true, role: "PARENT" });
  });

  it("signs staff in by username, and not through the student or parent tab", async () => {
    expect(
      await authenticate({ kind: "staff", identifier: teacherName, password: PASSWORD }, null),
    ).toMatchObject({ ok: true, role: "TEACHER" });
    expect(await authenticate({ kind: "parent", identifier: teacherName, password: PASSWORD }, null)).toEqual(
      { ok: false, message: WRONG_CREDENTIALS },
    );
  });

  it("gives the same message for an unknown account and a wrong password", async () => {
    const unknown = await authenticate(
      { kind: "staff", identifier: "nobody_here", password: PASSWORD },
      null,
    );
    const wrong = await authenticate(
      { kind: "parent", identifier: parentPhone, password: "Wrong12345" },
      null,
    );
    expect(unknown).toEqual({ ok: false, message: WRONG_CREDENTIALS });
    expect(wrong).toEqual({ ok: false, message: WRONG_CREDENTIALS });
  });

  it("refuses a disabled account with a message to contact the school", async () => {
    const { county } = await makeRegionTree();
    const s = await makeSchool(county.id);
    const { user, username } = await makeStaff("SCHOOL_ADMIN", { schoolId: s.school.id });
    await db().user.update({ where: { id: user.id }, data: { disabled: true } });
    const r = await authenticate({ kind: "staff", identifier: username, password: PASSWORD }, null);
    expect(r).toEqual({ ok: false, message: "该账号已停用，请联系学校资助管理员。" });
    // The right password never counts towards the lockout, even on a disabled account.
    for (let i = 0; i < 6; i++)
      expect(await authenticate({ kind: "staff", identifier: username, password: PASSWORD }, null)).toEqual(
        r,
      );
  });

  it("audit-logs successes and failures with the address", async () => {
    await authenticate({ kind: "staff", identifier: teacherName, password: "Nope12345" }, "10.1.2.3");
    const entry = await db().auditLog.findFirst({ where: { action: "auth.sign_in_failed", ip: "10.1.2.3" } });
    expect(entry?.detail).toEqual({ reason: "wrong_password" });
  });
});

describe("lockout after 5 wrong passwords", () => {
  it("locks for 15 minutes, says until when (Beijing time), and unlocks after", async () => {
    const { county } = await makeRegionTree();
    const s = await makeSchool(county.id);
    const { username } = await makeStaff("TEACHER", { schoolId: s.school.id });
    const attempt = (password: string, at: Date) =>
      authenticate({ kind: "staff", identifier: username, password }, null, at);

    for (let i = 0; i < 4; i++)
      expect(await attempt("Wrong12345", minutes(i))).toEqual({ ok: false, message: WRONG_CREDENTIALS });
    const fifth = await attempt("Wrong12345", minutes(4));
    const until = minutes(4 + 15);
    expect(fifth).toEqual({ ok: false, message: lockedMessage(until) });
    expect(lockedMessage(until)).toContain("2026-09-25 10:19"); // 02:19Z is 10:19 in Beijing

    // Even the right password is refused while locked.
    expect(await attempt(PASSWORD, minutes(10))).toEqual({ ok: false, message: lockedMessage(until) });
    // After the 15 minutes the right password works and the count starts again.
    expect(await attempt(PASSWORD, minutes(20))).toMatchObject({ ok: true });
    expect(await attempt("Wrong12345", minutes(21))).toEqual({ ok: false, message: WRONG_CREDENTIALS });
  });

  it("resets the count after a successful sign-in", async () => {
    const { county } = await makeRegionTree();
    const s = await makeSchool(county.id);
    const { username } = await makeStaff("TEACHER", { schoolId: s.school.id });
    const attempt = (password: string, at: Date) =>
      authenticate({ kind: "staff", identifier: username, password }, null, at);
    for (let i = 0; i < 4; i++) await attempt("Wrong12345", minutes(i));
    expect(await attempt(PASSWORD, minutes(5))).toMatchObject({ ok: true });
    for (let i = 0; i < 4; i++)
      expect(await attempt("Wrong12345", minutes(6 + i))).toEqual({ ok: false, message: WRONG_CREDENTIALS });
  });

  it("counts concurrent wrong passwords exactly (no lost updates)", async () => {
    const { county } = await makeRegionTree();
    const s = await makeSchool(county.id);
    const { user, username } = await makeStaff("TEACHER", { schoolId: s.school.id });
    await Promise.all(
      [0, 1, 2, 3].map(() =>
        authenticate({ kind: "staff", identifier: username, password: "Wrong12345" }, null, T0),
      ),
    );
    expect((await db().user.findUniqueOrThrow({ where: { id: user.id } })).failedLogins).toBe(4);
  });
});
