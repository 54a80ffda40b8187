import { beforeAll, describe, expect, it } from "vitest";
import { authenticate } from "@/lib/auth/authenticate";
import { db } from "@/lib/db/client";
import { buildResidentId } from "@/lib/domain/id-number";
import {
  activateStudent,
  bindChildToParent,
  NO_MATCH_ACTIVATION,
  NO_MATCH_BINDING,
  registerParent,
} from "@/lib/services/applicant-accounts";
import {
  makeParent,
  makeRegionTree,
  makeSchool,
  makeStudent,
  type StudentFixture,
} from "../support/fixtures";
import { issueCode, WRONG_CODE } from "../support/access-code-fixtures";

let senior: StudentFixture;
let seniorCode: string;
let juniorCode: string;
let siblingCode: string;
let junior: StudentFixture;
let juniorSibling: StudentFixture;
const NEW_PASSWORD = "Huaxia2026x";

beforeAll(async () => {
  const { county } = await makeRegionTree();
  senior = await makeStudent(await makeSchool(county.id, "SENIOR"), { name: "陈思远" });
  const juniorSchool = await makeSchool(county.id, "JUNIOR");
  junior = await makeStudent(juniorSchool, { name: "李小雨", guardianPhone: "13611112222" });
  juniorSibling = await makeStudent(juniorSchool, { name: "李小风", guardianPhone: "13611112222" });
  seniorCode = await issueCode(senior);
  juniorCode = await issueCode(junior);
  siblingCode = await issueCode(juniorSibling);
});

describe("student activation", () => {
  const good = () => ({
    name: "陈思远",
    idNumber: senior.idNumber,
    accessCode: seniorCode,
    password: NEW_PASSWORD,
    confirm: NEW_PASSWORD,
  });

  it("refuses any one mismatching field — name, ID number or the school's code — with the same message, naming no field", async () => {
    const other = await makeStudent(await makeSchool((await makeRegionTree()).county.id, "SENIOR"));
    const otherCode = await issueCode(other);
    for (const bad of [
      { name: "陈思" },
      { idNumber: other.idNumber },
      { accessCode: WRONG_CODE },
      // another student's valid code does not open this account
      { accessCode: otherCode },
    ]) {
      const r = await activateStudent({ ...good(), ...bad }, null);
      expect(r).toEqual({ ok: false, code: "INVALID", message: NO_MATCH_ACTIVATION });
    }
    expect(await db().user.count({ where: { personId: senior.person.id } })).toBe(0);
  });

  it("explains invalid input per field in Chinese", async () => {
    const r = await activateStudent(
      { ...good(), idNumber: "44010620090101123", password: "abc", confirm: "abc" },
      null,
    );
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r).toMatchObject({ code: "INVALID", fieldErrors: { idNumber: expect.any(String) } });
      expect(r.fieldErrors?.password).toMatch(/8/);
    }
  });

  it("no longer activates with name, ID number and 学籍号 alone (the 学籍号 is G + the ID number)", async () => {
    const r = await activateStudent({ ...good(), accessCode: undefined, studentNo: senior.studentNo }, null);
    expect(r).toMatchObject({ ok: false, code: "INVALID", fieldErrors: { accessCode: expect.any(String) } });
    expect(await db().user.count({ where: { personId: senior.person.id } })).toBe(0);
  });

  it("refuses a student to whom no code was issued, with the same message", async () => {
    const fresh = await makeStudent(await makeSchool((await makeRegionTree()).county.id, "SENIOR"));
    expect(
      await activateStudent(
        { ...good(), name: fresh.name, idNumber: fresh.idNumber, accessCode: WRONG_CODE },
        null,
      ),
    ).toEqual({ ok: false, code: "INVALID", message: NO_MATCH_ACTIVATION });
  });

  it("activates when name, ID number and the school's code match (typed loosely), then the student signs in", async () => {
    const r = await activateStudent(
      { ...good(), name: " 陈 思远 ", accessCode: seniorCode.toLowerCase().replace("-", " ") },
      null,
    );
    expect(r.ok).toBe(true);
    expect(
      await authenticate({ kind: "student", identifier: senior.studentNo, password: NEW_PASSWORD }, null),
    ).toMatchObject({ ok: true, role: "STUDENT" });
  });

  it("does not activate twice", async () => {
    expect(await activateStudent(good(), null)).toMatchObject({ ok: false, code: "CONFLICT" });
  });

  it("sends junior-high students to their parents", async () => {
    const r = await activateStudent(
      {
        name: junior.name,
        idNumber: junior.idNumber,
        accessCode: juniorCode,
        password: NEW_PASSWORD,
        confirm: NEW_PASSWORD,
      },
      null,
    );
    expect(r).toMatchObject({ ok: false, code: "REFUSED" });
  });
});

describe("parent registration and binding", () => {
  it("registers a parent once per mobile number", async () => {
    const r = await registerParent(
      { name: "李建国", phone: "136 1111 2222", password: NEW_PASSWORD, confirm: NEW_PASSWORD },
      null,
    );
    expect(r.ok).toBe(true);
    const again = await registerParent(
      { name: "李建国", phone: "13611112222", password: NEW_PASSWORD, confirm: NEW_PASSWORD },
      null,
    );
    // The same answer as a new registration (no oracle of who is registered), and no second account.
    expect(again).toEqual(r);
    expect(await db().user.count({ where: { role: "PARENT", displayName: "李建国" } })).toBe(1);
  });

  it("binds several children whose roster lists the parent's mobile", async () => {
    const parent = await db().user.findFirstOrThrow({ where: { role: "PARENT", displayName: "李建国" } });
    expect(
      await bindChildToParent(
        parent.id,
        { childName: "李小雨", childIdNumber: junior.idNumber, accessCode: juniorCode },
        null,
      ),
    ).toEqual({ ok: true, data: { name: "李小雨" } });
    expect(
      await bindChildToParent(
        parent.id,
        { childName: "李小风", childIdNumber: juniorSibling.idNumber, accessCode: siblingCode },
        null,
      ),
    ).toMatchObject({ ok: true });
    expect(await db().parentChild.count({ where: { parentId: parent.id } })).toBe(2);
    // Binding the same child again changes nothing.
    expect(
      await bindChildToParent(
        parent.id,
        { childName: "李小雨", childIdNumber: junior.idNumber, accessCode: juniorCode },
        null,
      ),
    ).toMatchObject({ ok: true });
    // The school's record: one binding per child, with the parent's masked mobile; the school's audit sees it.
    const records = await db().bindingRecord.findMany({ where: { parentId: parent.id } });
    expect(records.map((b) => b.studentId).sort()).toEqual(
      [junior.student.id, juniorSibling.student.id].sort(),
    );
    expect(records.every((b) => b.phoneMasked === "136****2222" && b.releasedAt === null)).toBe(true);
    expect(
      await db().auditLog.count({
        where: { action: "account.child_bound", actorUserId: parent.id, schoolId: junior.student.schoolId },
      }),
    ).toBe(2);
    expect(await db().parentChild.count({ where: { parentId: parent.id } })).toBe(2);
  });

  it("refuses a child whose roster has another guardian mobile, and a wrong name, without saying which", async () => {
    const stranger = await makeParent("13599998888");
    expect(
      await bindChildToParent(
        stranger.id,
        { childName: "李小雨", childIdNumber: junior.idNumber, accessCode: juniorCode },
        null,
      ),
    ).toEqual({ ok: false, code: "INVALID", message: NO_MATCH_BINDING });
    const parent = await db().user.findFirstOrThrow({ where: { role: "PARENT", displayName: "李建国" } });
    expect(
      await bindChildToParent(
        parent.id,
        { childName: "李大雨", childIdNumber: junior.idNumber, accessCode: juniorCode },
        null,
      ),
    ).toEqual({ ok: false, code: "INVALID", message: NO_MATCH_BINDING });
    expect(await db().parentChild.count({ where: { parentId: stranger.id } })).toBe(0);
  });
});

describe("the school's code is needed to bind (knowing name, ID number and the guardian mobile is not enough)", () => {
  it("a squatter with the guardian's mobile, the child's name and ID number but a wrong code is refused like a wrong name", async () => {
    const school = await makeSchool((await makeRegionTree()).county.id, "PRIMARY");
    const child = await makeStudent(school, { name: "周小舟", guardianPhone: "13733334444" });
    const code = await issueCode(child);
    const squatter = await makeParent("13733334444");
    for (const accessCode of [WRONG_CODE, (await issueCode(await makeStudent(school))).toString()]) {
      expect(
        await bindChildToParent(
          squatter.id,
          { childName: "周小舟", childIdNumber: child.idNumber, accessCode },
          null,
        ),
      ).toEqual({ ok: false, code: "INVALID", message: NO_MATCH_BINDING });
    }
    expect(await db().parentChild.count({ where: { parentId: squatter.id } })).toBe(0);
    // The wrong codes are in the school's audit log, aimed at the student.
    expect(
      await db().auditLog.count({
        where: {
          action: "account.bind_child_failed",
          schoolId: child.student.schoolId,
          targetId: child.student.id,
        },
      }),
    ).toBe(2);
    // A reissued code replaces the old one: the old code stops working.
    const fresh = await issueCode(child);
    expect(
      await bindChildToParent(
        squatter.id,
        { childName: "周小舟", childIdNumber: child.idNumber, accessCode: code },
        null,
      ),
    ).toEqual({ ok: false, code: "INVALID", message: NO_MATCH_BINDING });
    expect(
      await bindChildToParent(
        squatter.id,
        { childName: "周小舟", childIdNumber: child.idNumber, accessCode: fresh },
        null,
      ),
    ).toMatchObject({ ok: true });
  });

  it("limits wrong codes per child across parent accounts, so a code cannot be guessed by rotating accounts", async () => {
    const school = await makeSchool((await makeRegionTree()).county.id, "JUNIOR");
    const child = await makeStudent(school, { name: "吴小河", guardianPhone: "13744445555" });
    const code = await issueCode(child);
    const attackers = await Promise.all(
      ["13744445555", "13744445556", "13744445557", "13744445558", "13744445559", "13744445560"].map((p) =>
        makeParent(p),
      ),
    );
    for (const a of attackers.slice(0, 5))
      expect(
        await bindChildToParent(
          a.id,
          { childName: "吴小河", childIdNumber: child.idNumber, accessCode: WRONG_CODE },
          null,
        ),
      ).toEqual({ ok: false, code: "INVALID", message: NO_MATCH_BINDING });
    const r = await bindChildToParent(
      attackers[0]!.id,
      { childName: "吴小河", childIdNumber: child.idNumber, accessCode: code },
      null,
    );
    expect(r).toMatchObject({ ok: false, message: expect.stringMatching(/^绑定该孩子的尝试过于频繁/) });
    // The same limit answers for an ID number nobody has, so it tells nothing about who is enrolled.
    const nobody = buildResidentId("440106", "2010-01-01", 923, "MALE");
    for (let i = 0; i < 5; i++)
      await bindChildToParent(
        attackers[5]!.id,
        { childName: "某某", childIdNumber: nobody, accessCode: WRONG_CODE },
        null,
      );
    expect(
      await bindChildToParent(
        attackers[1]!.id,
        { childName: "某某", childIdNumber: nobody, accessCode: WRONG_CODE },
        null,
      ),
    ).toMatchObject({ ok: false, message: expect.stringMatching(/^绑定该孩子的尝试过于频繁/) });
  });
});

describe("a minority name written with another middle dot", () => {
  it("activates and binds, as special-group matching accepts it (lib/domain/person-name.ts)", async () => {
    const { county } = await makeRegionTree();
    const student = await makeStudent(await makeSchool(county.id, "SENIOR"), { name: "阿依古丽·买买提" });
    const child = await makeStudent(await makeSchool(county.id, "PRIMARY"), {
      name: "阿依古丽·艾力",
      guardianPhone: "13633334444",
    });
    const studentCode = await issueCode(student);
    const childCode = await issueCode(child);
    expect(
      await activateStudent(
        {
          name: "阿依古丽.买买提",
          idNumber: student.idNumber,
          accessCode: studentCode,
          password: NEW_PASSWORD,
          confirm: NEW_PASSWORD,
        },
        null,
      ),
    ).toMatchObject({ ok: true });
    const reg = await registerParent(
      { name: "艾力", phone: "13633334444", password: NEW_PASSWORD, confirm: NEW_PASSWORD },
      null,
    );
    expect(reg.ok).toBe(true);
    const parent = await db().user.findFirstOrThrow({ where: { role: "PARENT", displayName: "艾力" } });
    expect(
      await bindChildToParent(
        parent.id,
        { childName: "阿依古丽．艾力", childIdNumber: child.idNumber, accessCode: childCode },
        null,
      ),
    ).toEqual({ ok: true, data: { name: "阿依古丽·艾力" } });
  });
});
