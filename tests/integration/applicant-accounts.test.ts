import { beforeAll, describe, expect, it } from "vitest";
import { authenticate } from "@/lib/auth/authenticate";
import { db } from "@/lib/db/client";
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

let senior: StudentFixture;
let junior: StudentFixture;
let juniorSibling: StudentFixture;
const NEW_PASSWORD = "Huaxia2026x";

beforeAll(async () => {
  const { county } = await makeRegionTree();
  senior = await makeStudent(await makeSchool(county.id, "SENIOR"), { name: "陈思远" });
  const juniorSchool = await makeSchool(county.id, "JUNIOR");
  junior = await makeStudent(juniorSchool, { name: "李小雨", guardianPhone: "13611112222" });
  juniorSibling = await makeStudent(juniorSchool, { name: "李小风", guardianPhone: "13611112222" });
});

describe("student activation", () => {
  const good = () => ({
    name: "陈思远",
    idNumber: senior.idNumber,
    studentNo: senior.studentNo,
    password: NEW_PASSWORD,
    confirm: NEW_PASSWORD,
  });

  it("refuses any one mismatching field with the same message, naming no field", async () => {
    const other = await makeStudent(await makeSchool((await makeRegionTree()).county.id, "SENIOR"));
    for (const bad of [{ name: "陈思" }, { idNumber: other.idNumber }, { studentNo: other.studentNo }]) {
      const r = await activateStudent({ ...good(), ...bad }, null);
      expect(r).toEqual({ ok: false, message: NO_MATCH_ACTIVATION });
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
      expect(r.fieldErrors?.idNumber).toMatch(/身份证号/);
      expect(r.fieldErrors?.password).toMatch(/8/);
    }
  });

  it("activates when name, ID number and 学籍号 all match, then the student signs in", async () => {
    const r = await activateStudent({ ...good(), name: " 陈 思远 " }, null);
    expect(r.ok).toBe(true);
    expect(
      await authenticate({ kind: "student", identifier: senior.studentNo, password: NEW_PASSWORD }, null),
    ).toMatchObject({ ok: true, role: "STUDENT" });
  });

  it("does not activate twice", async () => {
    expect(await activateStudent(good(), null)).toEqual({
      ok: false,
      message: "该学生账号已激活，请直接登录。忘记密码请联系班主任。",
    });
  });

  it("sends junior-high students to their parents", async () => {
    const r = await activateStudent(
      {
        name: junior.name,
        idNumber: junior.idNumber,
        studentNo: junior.studentNo,
        password: NEW_PASSWORD,
        confirm: NEW_PASSWORD,
      },
      null,
    );
    expect(r).toMatchObject({ ok: false, message: expect.stringContaining("由家长（监护人）申请") });
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
      await bindChildToParent(parent.id, { childName: "李小雨", childIdNumber: junior.idNumber }, null),
    ).toEqual({ ok: true, data: { name: "李小雨" } });
    expect(
      await bindChildToParent(
        parent.id,
        { childName: "李小风", childIdNumber: juniorSibling.idNumber },
        null,
      ),
    ).toMatchObject({ ok: true });
    expect(await db().parentChild.count({ where: { parentId: parent.id } })).toBe(2);
    // Binding the same child again changes nothing.
    expect(
      await bindChildToParent(parent.id, { childName: "李小雨", childIdNumber: junior.idNumber }, null),
    ).toMatchObject({ ok: true });
    expect(await db().parentChild.count({ where: { parentId: parent.id } })).toBe(2);
  });

  it("refuses a child whose roster has another guardian mobile, and a wrong name, without saying which", async () => {
    const stranger = await makeParent("13599998888");
    expect(
      await bindChildToParent(stranger.id, { childName: "李小雨", childIdNumber: junior.idNumber }, null),
    ).toEqual({ ok: false, message: NO_MATCH_BINDING });
    const parent = await db().user.findFirstOrThrow({ where: { role: "PARENT", displayName: "李建国" } });
    expect(
      await bindChildToParent(parent.id, { childName: "李大雨", childIdNumber: junior.idNumber }, null),
    ).toEqual({ ok: false, message: NO_MATCH_BINDING });
    expect(await db().parentChild.count({ where: { parentId: stranger.id } })).toBe(0);
  });
});
