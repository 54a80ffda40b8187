/**
 * The school-issued code (printed on the 致学生家长的一封信), the school's
 * record of bindings, the release of a squatted guardian mobile, and the
 * one-time SMS code against a local stand-in for Aliyun's SendSms.
 */
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { authenticate } from "@/lib/auth/authenticate";
import { scopeOf } from "@/lib/auth/scope";
import type { SessionUser } from "@/lib/auth/session";
import { listClassLetterStudents } from "@/lib/db/access-codes.repo";
import { db } from "@/lib/db/client";
import {
  loadBindingView,
  printClassLetters,
  reissueAccessCode,
  releaseSquattedMobile,
} from "@/lib/services/access-codes";
import {
  activateStudent,
  bindChildToParent,
  NO_MATCH_BINDING,
  registerParent,
  sendActivationCode,
  sendBindCode,
} from "@/lib/services/applicant-accounts";
import {
  makeParent,
  makeRegionTree,
  makeSchool,
  makeStaff,
  makeStudent,
  PASSWORD,
} from "../support/fixtures";
import { correctGuardian } from "@/lib/services/class-roster";
import { issueCode, WRONG_CODE } from "../support/access-code-fixtures";
import { ownerDb } from "../support/owner-db";
import { useFakeAliyunSms } from "../support/fake-sms";
import { sessionUser } from "../support/session-user";

type School = Awaited<ReturnType<typeof makeSchool>>;
let school: School;
let teacher: SessionUser;
let admin: SessionUser;

beforeAll(async () => {
  const { county } = await makeRegionTree();
  school = await makeSchool(county.id, "JUNIOR");
  teacher = sessionUser(
    (await makeStaff("TEACHER", { schoolId: school.school.id }, { classIds: [school.klass.id] })).user,
  );
  admin = sessionUser((await makeStaff("SCHOOL_ADMIN", { schoolId: school.school.id })).user);
});

describe("printing the class's letters", () => {
  it("issues a code to every student without one, shows it once, keeps only a keyed hash, and the code binds", async () => {
    const child = await makeStudent(school, { name: "郑小语", guardianPhone: "13811110001" });
    const first = await printClassLetters(teacher, school.klass.id);
    expect(first.ok).toBe(true);
    if (!first.ok) return;
    const letter = first.data.find((l) => l.studentId === child.student.id)!;
    expect(letter).toMatchObject({
      name: "郑小语",
      applicant: "PARENT",
      guardianPhonesMasked: ["138****0001"],
    });
    expect(letter.code).toMatch(/^[A-HJKMNP-Z2-9]{4}-[A-HJKMNP-Z2-9]{4}$/);

    const stored = await db().studentAccessCode.findUniqueOrThrow({ where: { studentId: child.student.id } });
    expect(stored.codeHash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(stored)).not.toContain(letter.code.replace("-", ""));

    // Printing again issues nothing new: the codes exist only as hashes now.
    const again = await printClassLetters(teacher, school.klass.id);
    expect(again.ok && again.data.some((l) => l.studentId === child.student.id)).toBe(false);
    expect(
      await db().auditLog.count({
        where: { action: "access_code.print", actorUserId: teacher.id, targetId: school.klass.id },
      }),
    ).toBe(2);

    const parent = await makeParent("13811110001");
    expect(
      await bindChildToParent(
        parent.id,
        { childName: "郑小语", childIdNumber: child.idNumber, accessCode: letter.code },
        null,
      ),
    ).toEqual({ ok: true, data: { name: "郑小语" } });
  });

  it("reissuing a student's code (teacher or admin) stops the old one at once and is audited", async () => {
    const child = await makeStudent(school, { name: "冯小舟", guardianPhone: "13811110002" });
    const old = await issueCode(child);
    const r = await reissueAccessCode(admin, child.student.id);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.data.code).not.toBe(old);
    expect(r.data.issueCount).toBe(2);
    const parent = await makeParent("13811110002");
    const bind = (accessCode: string) =>
      bindChildToParent(parent.id, { childName: "冯小舟", childIdNumber: child.idNumber, accessCode }, null);
    expect(await bind(old)).toEqual({ ok: false, code: "INVALID", message: NO_MATCH_BINDING });
    expect(await bind(r.data.code)).toMatchObject({ ok: true });
    expect(
      await db().auditLog.findFirst({
        where: { action: "access_code.reissue", targetId: child.student.id },
        select: { actorUserId: true, schoolId: true, detail: true },
      }),
    ).toEqual({ actorUserId: admin.id, schoolId: school.school.id, detail: { issueCount: 2 } });
  });

  it("reissuing the whole class is all or nothing: a failure midway leaves every old code working", async () => {
    const klass = await makeSchool((await makeRegionTree()).county.id, "JUNIOR");
    const classAdmin = sessionUser((await makeStaff("SCHOOL_ADMIN", { schoolId: klass.school.id })).user);
    const kids = [await makeStudent(klass), await makeStudent(klass), await makeStudent(klass)];
    for (const k of kids) await issueCode(k);
    const before = await db().studentAccessCode.findMany({
      where: { studentId: { in: kids.map((k) => k.student.id) } },
      orderBy: { studentId: "asc" },
    });
    const letters = await listClassLetterStudents(scopeOf(classAdmin), klass.klass.id);
    const last = letters!.at(-1)!.studentId;
    // The database refuses the last student's new code (as a lost connection or a constraint would).
    const owner = ownerDb();
    await owner.$executeRawUnsafe(`
      CREATE FUNCTION f1_refuse_code() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN IF NEW."studentId" = '${last}' THEN RAISE EXCEPTION 'refused'; END IF; RETURN NEW; END $$`);
    await owner.$executeRawUnsafe(
      `CREATE TRIGGER f1_refuse_code BEFORE UPDATE ON "StudentAccessCode" FOR EACH ROW EXECUTE FUNCTION f1_refuse_code()`,
    );
    try {
      await expect(printClassLetters(classAdmin, klass.klass.id, { reissueAll: true })).rejects.toThrow();
    } finally {
      await owner.$executeRawUnsafe(`DROP TRIGGER f1_refuse_code ON "StudentAccessCode"`);
      await owner.$executeRawUnsafe(`DROP FUNCTION f1_refuse_code()`);
    }
    expect(
      await db().studentAccessCode.findMany({
        where: { studentId: { in: kids.map((k) => k.student.id) } },
        orderBy: { studentId: "asc" },
      }),
    ).toEqual(before);
    // Without the failure every student gets a new code, each printed once.
    const r = await printClassLetters(classAdmin, klass.klass.id, { reissueAll: true });
    if (!r.ok) throw new Error(r.message);
    expect(r.data).toHaveLength(3);
    const after = await db().studentAccessCode.findMany({
      where: { studentId: { in: kids.map((k) => k.student.id) } },
      orderBy: { studentId: "asc" },
    });
    expect(after.map((c) => c.issueCount)).toEqual([2, 2, 2]);
    expect(after.every((c, i) => c.codeHash !== before[i]!.codeHash)).toBe(true);
  });

  it("a teacher cannot print or reissue for a class that is not theirs (same answer as a missing one)", async () => {
    const other = await makeSchool((await makeRegionTree()).county.id, "JUNIOR");
    const st = await makeStudent(other);
    expect(await printClassLetters(teacher, other.klass.id)).toMatchObject({ ok: false, code: "NOT_FOUND" });
    expect(await printClassLetters(teacher, "nonexistent")).toMatchObject({ ok: false, code: "NOT_FOUND" });
    expect((await reissueAccessCode(teacher, st.student.id)).ok).toBe(false);
    expect(await db().studentAccessCode.count({ where: { studentId: st.student.id } })).toBe(0);
  });
});

describe("a squatted guardian mobile", () => {
  it("the school releases it: the squatter is unbound, disabled and flagged, the real guardian registers and binds; the record shows both", async () => {
    const child = await makeStudent(school, { name: "秦小岚", guardianPhone: "13811110003" });
    const code = await issueCode(child);
    // Someone who got hold of the letter registered the guardian's mobile first and bound the child.
    const reg = await registerParent(
      { name: "冒名者", phone: "13811110003", password: "Maoming2026", confirm: "Maoming2026" },
      "203.0.113.9",
    );
    expect(reg.ok).toBe(true);
    const squatter = await db().user.findFirstOrThrow({ where: { displayName: "冒名者" } });
    expect(
      await bindChildToParent(
        squatter.id,
        { childName: "秦小岚", childIdNumber: child.idNumber, accessCode: code },
        null,
      ),
    ).toMatchObject({ ok: true });

    // The real guardian cannot register: the number is taken (however the registration form words it).
    await registerParent(
      { name: "秦母", phone: "13811110003", password: "Qinmu2026x", confirm: "Qinmu2026x" },
      null,
    );
    expect(await db().user.count({ where: { displayName: "秦母" } })).toBe(0);

    // The teacher sees who registered the number and bound the child.
    const view = await loadBindingView(teacher, child.student.id);
    expect(view.ok).toBe(true);
    if (!view.ok) return;
    expect(view.data.guardians[0]?.account).toMatchObject({ displayName: "冒名者" });
    expect(view.data.bindingRecords).toMatchObject([{ phoneMasked: "138****0003", releasedAt: null }]);

    const g = await db().guardian.findFirstOrThrow({ where: { studentId: child.student.id } });
    // Releasing is the school admin's: the class teacher is refused and nothing changes.
    expect(
      (await releaseSquattedMobile(teacher, child.student.id, g.id, { reason: "监护人持本人身份证到校核实" }))
        .ok,
    ).toBe(false);
    expect(await db().parentChild.count({ where: { parentId: squatter.id } })).toBe(1);
    expect(await releaseSquattedMobile(admin, child.student.id, g.id, { reason: "" })).toMatchObject({
      ok: false,
      code: "INVALID",
      fieldErrors: { reason: expect.any(String) },
    });
    const released = await releaseSquattedMobile(admin, child.student.id, g.id, {
      reason: "监护人持本人身份证及手机到校核实",
    });
    expect(released).toEqual({
      ok: true,
      data: { unbound: true, phoneMasked: "138****0003", accountReleased: true },
    });

    const flagged = await db().user.findUniqueOrThrow({ where: { id: squatter.id } });
    expect(flagged).toMatchObject({ disabled: true, phoneHash: null, phoneCipher: null });
    expect(flagged.flaggedAt).not.toBeNull();
    expect(flagged.flagReason).toContain("138****0003");
    expect(await db().parentChild.count({ where: { parentId: squatter.id } })).toBe(0);
    expect(
      (await authenticate({ kind: "parent", identifier: "13811110003", password: "Maoming2026" }, null)).ok,
    ).toBe(false);
    expect(
      await db().auditLog.count({
        where: { action: "binding.release", targetId: squatter.id, schoolId: school.school.id },
      }),
    ).toBe(1);

    // The real guardian registers with the number, gets a reissued letter and binds.
    await registerParent(
      { name: "秦母", phone: "13811110003", password: "Qinmu2026x", confirm: "Qinmu2026x" },
      null,
    );
    const mother = await db().user.findFirstOrThrow({ where: { displayName: "秦母" } });
    const fresh = await reissueAccessCode(teacher, child.student.id);
    if (!fresh.ok) throw new Error(fresh.message);
    expect(
      await bindChildToParent(
        mother.id,
        { childName: "秦小岚", childIdNumber: child.idNumber, accessCode: fresh.data.code },
        null,
      ),
    ).toMatchObject({ ok: true });
    const after = await loadBindingView(teacher, child.student.id);
    if (!after.ok) throw new Error(after.message);
    expect(after.data.bindingRecords.map((b) => [b.parent.displayName, b.releasedAt !== null])).toEqual([
      ["秦母", false],
      ["冒名者", true],
    ]);
    expect(after.data.bindingRecords[1]).toMatchObject({ releaseReason: "监护人持本人身份证及手机到校核实" });
  });

  it("a teacher who sets a guardian mobile to any number learns only that it is taken, and cannot release it", async () => {
    // A parent account at another school, its child enrolled there.
    const other = await makeSchool((await makeRegionTree()).county.id, "JUNIOR");
    const far = await makeStudent(other, { guardianPhone: "13811110021" });
    const victim = await makeParent("13811110021", [far.person.id]);
    // The teacher sets their own student's guardian mobile to that number.
    const mine = await makeStudent(school, { guardianPhone: "13811110022" });
    const g = await db().guardian.findFirstOrThrow({ where: { studentId: mine.student.id } });
    const corrected = await correctGuardian(teacher, g.id, {
      name: "某监护人",
      relation: "母亲",
      mobile: "13811110021",
      idNumber: "",
    });
    expect(corrected.ok).toBe(true);
    const view = await loadBindingView(teacher, mine.student.id);
    if (!view.ok) throw new Error(view.message);
    expect(view.data.guardians[0]).toMatchObject({ registered: true, account: null });
    const shown = JSON.stringify(view.data);
    expect(shown).not.toContain(victim.displayName);
    expect(shown).not.toContain(victim.createdAt.toISOString());
    expect(shown).not.toContain("disabled");
    expect(
      (await releaseSquattedMobile(teacher, mine.student.id, g.id, { reason: "监护人到校核实" })).ok,
    ).toBe(false);
    // Even the admin only unbinds this child (there is none here): the account keeps its number and stays enabled.
    const byAdmin = await releaseSquattedMobile(admin, mine.student.id, g.id, { reason: "监护人到校核实" });
    expect(byAdmin).toMatchObject({ ok: true, data: { accountReleased: false, unbound: false } });
    expect(await db().user.findUniqueOrThrow({ where: { id: victim.id } })).toMatchObject({
      disabled: false,
      flaggedAt: null,
      phoneHash: victim.phoneHash,
    });
    expect(await db().parentChild.count({ where: { parentId: victim.id } })).toBe(1);
    // The correction of the mobile is audited with both masked numbers.
    const audit = await db().auditLog.findFirstOrThrow({
      where: { action: "guardian.correct", targetId: g.id },
    });
    expect(audit.detail).toMatchObject({
      mobileChanged: true,
      mobileFrom: "138****0022",
      mobileTo: "138****0021",
    });
  });

  it("a squatter who also has a child enrolled at another school is only unbound from this child", async () => {
    const other = await makeSchool((await makeRegionTree()).county.id, "JUNIOR");
    const far = await makeStudent(other, { guardianPhone: "13811110031" });
    const child = await makeStudent(school, { guardianPhone: "13811110031" });
    const squatter = await makeParent("13811110031", [far.person.id, child.person.id]);
    const g = await db().guardian.findFirstOrThrow({ where: { studentId: child.student.id } });
    const r = await releaseSquattedMobile(admin, child.student.id, g.id, {
      reason: "监护人持身份证到校核实",
    });
    expect(r).toEqual({
      ok: true,
      data: { unbound: true, phoneMasked: "138****0031", accountReleased: false },
    });
    expect(await db().user.findUniqueOrThrow({ where: { id: squatter.id } })).toMatchObject({
      disabled: false,
      flaggedAt: null,
      phoneHash: squatter.phoneHash,
    });
    expect(
      (await db().parentChild.findMany({ where: { parentId: squatter.id } })).map((c) => c.personId),
    ).toEqual([far.person.id]);
    // Once that child has left the other school (转出), the school may release the account.
    await db().student.update({ where: { id: far.student.id }, data: { status: "TRANSFERRED_OUT" } });
    await db().parentChild.create({ data: { parentId: squatter.id, personId: child.person.id } });
    const again = await releaseSquattedMobile(admin, child.student.id, g.id, {
      reason: "监护人持身份证到校核实",
    });
    expect(again).toMatchObject({ ok: true, data: { accountReleased: true } });
    expect(await db().user.findUniqueOrThrow({ where: { id: squatter.id } })).toMatchObject({
      disabled: true,
    });
  });

  it("guardian corrections are limited per teacher (30 an hour)", async () => {
    const t = sessionUser(
      (await makeStaff("TEACHER", { schoolId: school.school.id }, { classIds: [school.klass.id] })).user,
    );
    const st = await makeStudent(school, { guardianPhone: "13811110041" });
    const g = await db().guardian.findFirstOrThrow({ where: { studentId: st.student.id } });
    const input = { name: "某监护人", relation: "父亲", mobile: "13811110041", idNumber: "" };
    for (let i = 0; i < 30; i++) expect((await correctGuardian(t, g.id, input)).ok).toBe(true);
    const refused = await correctGuardian(t, g.id, { ...input, mobile: "13811110042" });
    expect(refused).toMatchObject({ ok: false, code: "LIMIT" });
    expect((await db().guardian.findUniqueOrThrow({ where: { id: g.id } })).phoneMasked).toBe("138****0041");
  });

  it("says so when nobody registered the number, and cannot reach another school's student", async () => {
    const child = await makeStudent(school, { guardianPhone: "13811110004" });
    const g = await db().guardian.findFirstOrThrow({ where: { studentId: child.student.id } });
    expect(
      await releaseSquattedMobile(admin, child.student.id, g.id, { reason: "监护人到校核实" }),
    ).toMatchObject({ ok: false, code: "REFUSED" });
    const other = await makeSchool((await makeRegionTree()).county.id, "JUNIOR");
    const far = await makeStudent(other, { guardianPhone: "13811110005" });
    const squatter = await makeParent("13811110005", [far.person.id]);
    const fg = await db().guardian.findFirstOrThrow({ where: { studentId: far.student.id } });
    expect((await releaseSquattedMobile(admin, far.student.id, fg.id, { reason: "监护人到校核实" })).ok).toBe(
      false,
    );
    expect(await db().user.findUniqueOrThrow({ where: { id: squatter.id } })).toMatchObject({
      disabled: false,
    });
  });
});

describe("one-time SMS code (Aliyun SendSms stand-in)", () => {
  const sent = useFakeAliyunSms();

  afterEach(async () => {
    // Let the next test send at once (the resend throttle is per subject and minute).
    await db().oneTimeCode.updateMany({ data: { createdAt: new Date(Date.now() - 120_000) } });
  });

  it("binding needs the code sent to the parent's own mobile; the message carries the code only; wrong codes are limited", async () => {
    const child = await makeStudent(school, { name: "蒋小溪", guardianPhone: "13811110006" });
    const accessCode = await issueCode(child);
    const parentRow = await makeParent("13811110006");
    const parent = sessionUser({ ...parentRow, schoolId: null });
    const form = (smsCode?: string) => ({
      childName: "蒋小溪",
      childIdNumber: child.idNumber,
      accessCode,
      smsCode,
    });

    const none = await bindChildToParent(parent.id, form(), null);
    expect(none).toMatchObject({ ok: false, fieldErrors: { smsCode: "请填写短信收到的6位验证码。" } });

    expect(await sendBindCode(parent, null)).toEqual({ ok: true, data: { phoneMasked: "138****0006" } });
    const msg = sent.at(-1)!;
    expect(msg).toMatchObject({ phone: "13811110006", template: "SMS_OTP_1" });
    expect(Object.keys(msg.params)).toEqual(["code"]);
    expect(msg.params.code).toMatch(/^\d{6}$/);
    expect(JSON.stringify(msg)).not.toContain(child.idNumber);
    expect(await db().oneTimeCode.count({ where: { codeHash: msg.params.code } })).toBe(0);

    // Resend is throttled.
    expect(await sendBindCode(parent, null)).toMatchObject({
      ok: false,
      message: expect.stringMatching(/秒后再重新获取/),
    });

    const wrong = msg.params.code === "000000" ? "111111" : "000000";
    expect(await bindChildToParent(parent.id, form(wrong), null)).toMatchObject({
      ok: false,
      message: "短信验证码不正确或已过期，请重新获取。",
    });
    expect(await bindChildToParent(parent.id, form(msg.params.code), null)).toEqual({
      ok: true,
      data: { name: "蒋小溪" },
    });
    // Used up.
    const sibling = await makeStudent(school, { name: "蒋小河", guardianPhone: "13811110006" });
    const siblingCode = await issueCode(sibling);
    expect(
      await bindChildToParent(
        parent.id,
        {
          childName: "蒋小河",
          childIdNumber: sibling.idNumber,
          accessCode: siblingCode,
          smsCode: msg.params.code,
        },
        null,
      ),
    ).toMatchObject({ ok: false, message: "短信验证码不正确或已过期，请重新获取。" });

    // Five wrong entries use a code up, even the right one after them.
    await db().oneTimeCode.updateMany({ data: { createdAt: new Date(Date.now() - 120_000) } });
    expect((await sendBindCode(parent, null)).ok).toBe(true);
    const code2 = sent.at(-1)!.params.code!;
    const bad = code2 === "000000" ? "111111" : "000000";
    for (let i = 0; i < 5; i++)
      await bindChildToParent(parent.id, { ...form(bad), childName: "蒋小河" }, null);
    expect(
      await bindChildToParent(
        parent.id,
        { childName: "蒋小河", childIdNumber: sibling.idNumber, accessCode: siblingCode, smsCode: code2 },
        null,
      ),
    ).toMatchObject({ ok: false, message: "验证码输错次数过多，已失效，请重新获取。" });
  });

  it("an expired code is refused", async () => {
    const child = await makeStudent(school, { name: "韩小月", guardianPhone: "13811110007" });
    const accessCode = await issueCode(child);
    const parentRow = await makeParent("13811110007");
    await sendBindCode(sessionUser({ ...parentRow, schoolId: null }), null);
    const code = sent.at(-1)!.params.code!;
    await db().oneTimeCode.updateMany({ data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(
      await bindChildToParent(
        parentRow.id,
        { childName: "韩小月", childIdNumber: child.idNumber, accessCode, smsCode: code },
        null,
      ),
    ).toMatchObject({ ok: false, message: "短信验证码不正确或已过期，请重新获取。" });
  });

  it("activation sends the code to the guardian mobile on the roster, only after name, ID number and school code match", async () => {
    const senior = await makeSchool((await makeRegionTree()).county.id, "SENIOR");
    const st = await makeStudent(senior, { name: "许一帆", guardianPhone: "13811110008" });
    const accessCode = await issueCode(st);
    const identity = { name: "许一帆", idNumber: st.idNumber, accessCode };
    const before = sent.length;
    expect((await sendActivationCode({ ...identity, accessCode: WRONG_CODE }, null)).ok).toBe(false);
    expect(sent.length).toBe(before);
    expect(await sendActivationCode(identity, null)).toEqual({
      ok: true,
      data: { phoneMasked: "138****0008" },
    });
    const code = sent.at(-1)!;
    expect(code.phone).toBe("13811110008");
    const form = { ...identity, password: PASSWORD, confirm: PASSWORD };
    expect(await activateStudent({ ...form, smsCode: "" }, null)).toMatchObject({ ok: false });
    expect(await activateStudent({ ...form, smsCode: code.params.code }, null)).toMatchObject({ ok: true });
  });
});

describe("one SMS code, concurrent requests", () => {
  const sent = useFakeAliyunSms();

  it("two bindings sent at once with the same code: only one succeeds", async () => {
    const first = await makeStudent(school, { name: "冯小一", guardianPhone: "13811110031" });
    const second = await makeStudent(school, { name: "冯小二", guardianPhone: "13811110031" });
    const firstCode = await issueCode(first);
    const secondCode = await issueCode(second);
    const parentRow = await makeParent("13811110031");
    expect((await sendBindCode(sessionUser({ ...parentRow, schoolId: null }), null)).ok).toBe(true);
    const smsCode = sent.at(-1)!.params.code!;
    const results = await Promise.all([
      bindChildToParent(
        parentRow.id,
        { childName: "冯小一", childIdNumber: first.idNumber, accessCode: firstCode, smsCode },
        null,
      ),
      bindChildToParent(
        parentRow.id,
        { childName: "冯小二", childIdNumber: second.idNumber, accessCode: secondCode, smsCode },
        null,
      ),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.find((r) => !r.ok)).toMatchObject({ message: "短信验证码不正确或已过期，请重新获取。" });
    expect(await db().parentChild.count({ where: { parentId: parentRow.id } })).toBe(1);
  });
});
