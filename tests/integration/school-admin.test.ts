/**
 * The aid office's accounts, structure and special groups: what an admin can do in their own school, and that nothing of
 * another school can be seen or changed.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { authenticate } from "@/lib/auth/authenticate";
import type { SessionUser } from "@/lib/auth/session";
import { matchedCategories } from "@/lib/db/applications.repo";
import { db } from "@/lib/db/client";
import { createImportJob, findImportJob } from "@/lib/db/import-jobs.repo";
import { writeRejectedRows, writeRosterExport } from "@/lib/services/student-roster-export";
import { importRoster } from "@/lib/services/student-roster-import";
import { addClass, addGrade, removeClass, removeGrade } from "@/lib/services/school-structure";
import {
  addSpecialGroupEntry,
  importSpecialGroupList,
  parseListRow,
  specialGroupStudents,
} from "@/lib/services/special-groups";
import { loadNoAidStudents, recordNoAidReason, writeNoAidReasonsExport } from "@/lib/services/no-aid-reasons";
import { currentAuditAction } from "@/lib/domain/audit-actions";
import {
  assignTeacherToClass,
  createStaffAccount,
  listStaffAccounts,
  resetAccountPassword,
  setStaffDisabled,
  viewStaffAccount,
} from "@/lib/services/staff-accounts";
import { setEvidenceStorage } from "@/lib/storage";
import { LocalDiskStorage } from "@/lib/storage/local-disk";
import {
  makeCurrentTerm,
  makeParent,
  makeRegionTree,
  makeSchool,
  makeStaff,
  makeStudent,
  makeStudentAccount,
  PASSWORD,
} from "../support/fixtures";
import { memoryWriter, uniqueId, validRow, writeRosterFile, writeXlsx } from "../support/student-roster-file";
import { sessionUser } from "../support/session-user";

setEvidenceStorage(
  new LocalDiskStorage(path.join(fs.mkdtempSync(path.join(os.tmpdir(), "aid-school-admin-")), "evidence")),
);
const EVIDENCE = {
  originalName: "证明.jpg",
  bytes: new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46]),
};

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
  await makeCurrentTerm({ stage: "SENIOR" });
});

describe("accounts", () => {
  it("creates a teacher with a one-time initial password that must be changed, audited", async () => {
    const r = await createStaffAccount(adminA, {
      role: "TEACHER",
      displayName: "张老师",
      username: "zhang_t1",
    });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.data.password).toMatch(/^(?=.*[A-Za-z])(?=.*\d)[A-Za-z\d]{10}$/);
    const signIn = await authenticate(
      { kind: "staff", identifier: "zhang_t1", password: r.data.password },
      null,
    );
    expect(signIn).toMatchObject({ ok: true, role: "TEACHER" });
    const u = await db().user.findUniqueOrThrow({ where: { id: r.data.userId } });
    expect(u).toMatchObject({ schoolId: A.school.id, mustChangePassword: true });
    expect(await db().auditLog.count({ where: { action: "account.create", targetId: u.id } })).toBe(1);
    const dup = await createStaffAccount(adminA, {
      role: "TEACHER",
      displayName: "张老师",
      username: "zhang_t1",
    });
    expect(dup).toMatchObject({ ok: false, fieldErrors: { username: "登录名已被使用" } });
  });

  it("a disabled account can no longer sign in; re-enabling restores it", async () => {
    const t = await makeStaff("TEACHER", { schoolId: A.school.id });
    expect((await setStaffDisabled(adminA, { id: t.user.id, disabled: "true" })).ok).toBe(true);
    expect(
      await authenticate({ kind: "staff", identifier: t.username, password: PASSWORD }, null),
    ).toMatchObject({ ok: false });
    expect((await setStaffDisabled(adminA, { id: t.user.id, disabled: "false" })).ok).toBe(true);
    expect(
      await authenticate({ kind: "staff", identifier: t.username, password: PASSWORD }, null),
    ).toMatchObject({ ok: true });
    expect(await setStaffDisabled(adminA, { id: adminA.id, disabled: "true" })).toMatchObject({
      ok: false,
      code: "REFUSED",
    });
  });

  it("resets passwords of staff, students and parents of the school only", async () => {
    const st = await makeStudent(A, { guardianPhone: "13711112222" });
    const studentUser = await makeStudentAccount(st);
    const parent = await makeParent("13711112222", [st.person.id]);
    for (const id of [studentUser.id, parent.id]) {
      const r = await resetAccountPassword(adminA, { id });
      expect(r.ok).toBe(true);
      const u = await db().user.findUniqueOrThrow({ where: { id } });
      expect(u.mustChangePassword).toBe(true);
      expect(u.sessionVersion).toBe(1);
    }
    const r = await resetAccountPassword(adminA, { id: studentUser.id });
    if (!r.ok) throw new Error(r.message);
    expect(
      await authenticate({ kind: "student", identifier: st.idNumber, password: r.data.password }, null),
    ).toMatchObject({ ok: true });

    const other = await makeStudentAccount(await makeStudent(B));
    const teacherB = await makeStaff("TEACHER", { schoolId: B.school.id });
    expect(await resetAccountPassword(adminA, { id: other.id })).toMatchObject({
      ok: false,
      code: "NOT_FOUND",
    });
    expect(await resetAccountPassword(adminA, { id: teacherB.user.id })).toMatchObject({ ok: false });
    expect((await db().user.findUniqueOrThrow({ where: { id: other.id } })).mustChangePassword).toBe(false);
  });

  it("assigns a teacher to a class of the school, never to another school's class", async () => {
    const t = await makeStaff("TEACHER", { schoolId: A.school.id });
    expect(
      (await assignTeacherToClass(adminA, { teacherId: t.user.id, classId: A.klass.id, assigned: "true" }))
        .ok,
    ).toBe(true);
    const list = await listStaffAccounts(adminA, 1, 1000);
    expect(list.ok && list.data.rows.find((a) => a.id === t.user.id)?.classes.map((c) => c.classId)).toEqual([
      A.klass.id,
    ]);
    expect(
      await assignTeacherToClass(adminA, { teacherId: t.user.id, classId: B.klass.id, assigned: "true" }),
    ).toMatchObject({ ok: false, code: "NOT_FOUND" });
    expect(list.ok && list.data.rows.some((a) => a.id === adminB.id)).toBe(false);
  });

  it("opens one staff account of the school with its classes; another school's account is not found", async () => {
    const t = await makeStaff("TEACHER", { schoolId: A.school.id }, { classIds: [A.klass.id] });
    const own = await viewStaffAccount(adminA, t.user.id);
    expect(own.ok && own.data).toMatchObject({
      id: t.user.id,
      role: "TEACHER",
      classes: [{ classId: A.klass.id, className: A.klass.name }],
    });
    const other = await makeStaff("TEACHER", { schoolId: B.school.id }, { classIds: [B.klass.id] });
    expect(await viewStaffAccount(adminA, other.user.id)).toMatchObject({ ok: false, code: "NOT_FOUND" });
    expect(await viewStaffAccount(adminA, "no-such-account")).toMatchObject({ ok: false, code: "NOT_FOUND" });
    const applicant = await makeStudentAccount(await makeStudent(A));
    expect(await viewStaffAccount(adminA, applicant.id)).toMatchObject({ ok: false, code: "NOT_FOUND" });
  });

  it("pages the staff accounts in SQL: role then name order, a total, past the end the last page", async () => {
    await makeStaff("TEACHER", { schoolId: A.school.id }, { classIds: [A.klass.id] });
    const all = await listStaffAccounts(adminA, 1, 1000);
    if (!all.ok) throw new Error(all.message);
    expect(all.data.rows.length).toBeGreaterThanOrEqual(3);
    // The Role enum's order (TEACHER, SCHOOL_ADMIN, SCHOOL_LEADER), then the name, then the id.
    const rank = { TEACHER: 0, SCHOOL_ADMIN: 1, SCHOOL_LEADER: 2 } as Record<string, number>;
    const key = (a: { role: string; displayName: string; id: string }) => [
      rank[a.role]!,
      a.displayName,
      a.id,
    ];
    const before = (x: (string | number)[], y: (string | number)[]) =>
      x[0] !== y[0] ? x[0]! < y[0]! : x[1] !== y[1] ? x[1]! < y[1]! : x[2]! < y[2]!;
    all.data.rows.slice(1).forEach((a, i) => expect(before(key(all.data.rows[i]!), key(a))).toBe(true));
    expect(all.data.total).toBe(all.data.rows.length);
    const pages = [];
    for (let page = 1; page <= all.data.total; page++) {
      const one = await listStaffAccounts(adminA, page, 1);
      if (!one.ok) throw new Error(one.message);
      expect(one.data).toMatchObject({ total: all.data.total, page, pageSize: 1 });
      pages.push(...one.data.rows);
    }
    expect(pages).toEqual(all.data.rows);
    const past = await listStaffAccounts(adminA, all.data.total + 5, 1);
    expect(past.ok && past.data.page).toBe(all.data.total);
    expect(past.ok && past.data.rows.map((a) => a.id)).toEqual([all.data.rows.at(-1)!.id]);
  });
});

describe("structure", () => {
  it("adds grades of the school's stages and classes; refuses deleting a class with students", async () => {
    expect(await addGrade(adminA, { stage: "JUNIOR", name: "初一", entryYear: "2026" })).toMatchObject({
      ok: false,
      fieldErrors: { stage: expect.stringContaining("普通高中") },
    });
    const g = await addGrade(adminA, { stage: "SENIOR", name: "高二", entryYear: "2025" });
    if (!g.ok) throw new Error(g.message);
    const c = await addClass(adminA, { gradeId: g.data.id, name: "3班" });
    expect(c.ok).toBe(true);
    expect(await addClass(adminA, { gradeId: g.data.id, name: "3班" })).toMatchObject({
      ok: false,
      fieldErrors: { name: "班级名称已存在" },
    });
    expect(await removeGrade(adminA, { id: g.data.id })).toMatchObject({
      ok: false,
      code: "REFUSED",
    });

    await makeStudent(A);
    expect(await removeClass(adminA, { id: A.klass.id })).toMatchObject({
      ok: false,
      code: "REFUSED",
    });
    if (c.ok) expect((await removeClass(adminA, { id: c.data.id })).ok).toBe(true);
    expect((await removeGrade(adminA, { id: g.data.id })).ok).toBe(true);
    expect(await addClass(adminA, { gradeId: B.grade.id, name: "9班" })).toMatchObject({
      ok: false,
      code: "NOT_FOUND",
    });
    expect(await removeClass(adminA, { id: B.klass.id })).toMatchObject({
      ok: false,
      code: "NOT_FOUND",
    });
  });
});

describe("roster imports are the school's own", () => {
  it("school B cannot read A's import job, its rejected rows, or A's students in its export", async () => {
    const f = await writeRosterFile("a.xlsx", [
      validRow(91_000, A.grade.name, A.klass.name),
      validRow(91_001, A.grade.name, "不存在的班"),
    ]);
    const r = await importRoster(adminA, { filePath: f, fileName: "a.xlsx", mode: "GOOD_ROWS" });
    if (!r.ok) throw new Error(r.message);
    expect(r.data).toMatchObject({ created: 1, rejected: 1 });
    expect(
      await findImportJob({ role: "SCHOOL_ADMIN", userId: adminB.id, schoolId: B.school.id }, r.data.id),
    ).toBeNull();
    expect(await writeRejectedRows(adminB, r.data.id, memoryWriter())).toMatchObject({
      ok: false,
      code: "NOT_FOUND",
    });
    const w = memoryWriter();
    expect((await writeRosterExport(adminB, w)).ok).toBe(true);
    expect(w.rows.some((row) => row[3] === uniqueId(91_000))).toBe(false);
    // The same file imported by B finds no such grade there: nothing of A's changes.
    const rb = await importRoster(adminB, { filePath: f, fileName: "a.xlsx", mode: "GOOD_ROWS" });
    expect(rb.ok && rb.data).toMatchObject({ created: 0, updated: 0, rejected: 2 });
  });
});

describe("interrupted imports", () => {
  it("a job a worker started and left RUNNING without progress for 10 minutes shows as interrupted", async () => {
    const id = await createImportJob({
      schoolId: A.school.id,
      kind: "ROSTER",
      mode: "GOOD_ROWS",
      fileName: "x.xlsx",
      createdById: adminA.id,
    });
    const scopeA = { role: "SCHOOL_ADMIN" as const, userId: adminA.id, schoolId: A.school.id };
    expect((await findImportJob(scopeA, id))?.state).toBe("RUNNING");
    await db()
      .$executeRaw`UPDATE "ImportJob" SET "attempts" = 1, "updatedAt" = now() - interval '11 minutes' WHERE "id" = ${id}`;
    expect(await findImportJob(scopeA, id)).toMatchObject({
      state: "FAILED",
      message: expect.stringContaining("导入已中断"),
    });
  });

  it("a second roster import of the same school waits for the running one", async () => {
    const id = await createImportJob({
      schoolId: A.school.id,
      kind: "ROSTER",
      mode: "GOOD_ROWS",
      fileName: "running.xlsx",
      createdById: adminA.id,
    });
    const f = await writeRosterFile("second.xlsx", [validRow(92_000, A.grade.name, A.klass.name)]);
    expect(
      await importRoster(adminA, { filePath: f, fileName: "second.xlsx", mode: "GOOD_ROWS" }),
    ).toMatchObject({ ok: false, code: "CONFLICT" });
    expect((await importRoster(adminB, { filePath: f, fileName: "second.xlsx", mode: "GOOD_ROWS" })).ok).toBe(
      true,
    ); // other schools are not blocked
    await db().importJob.update({ where: { id }, data: { state: "DONE" } });
    expect((await importRoster(adminA, { filePath: f, fileName: "second.xlsx", mode: "GOOD_ROWS" })).ok).toBe(
      true,
    );
  });
});

describe("special groups", () => {
  it("matches by ID number only: same name with another ID does not match; counts matched / unmatched / newly matched", async () => {
    const ours = await makeStudent(A, { name: "李同名" });
    const notOurs = await makeStudent(B);
    const sameNameOtherId = uniqueId(90_001);
    const file = await writeXlsx(
      "list.xlsx",
      ["姓名", "身份证件号", "类别"],
      [
        [ours.name, ours.idNumber, "城乡低保家庭"],
        ["李同名", sameNameOtherId, "城乡低保家庭"],
        [notOurs.name, notOurs.idNumber, "孤儿"],
        ["坏号码", "440106200901011230", "孤儿"],
        [ours.name, ours.idNumber, "城乡低保家庭"],
      ],
    );
    const r = await importSpecialGroupList(adminA, {
      filePath: file,
      fileName: "list.xlsx",
      category: null,
      listYear: 2026,
    });
    expect(r.ok && r.data).toMatchObject({
      state: "DONE",
      created: 3,
      matched: 1,
      unmatched: 2,
      newlyMatched: 1,
      rejected: 2,
    });
    const entries = await db().specialGroupEntry.findMany({
      where: { schoolId: A.school.id },
      orderBy: { createdAt: "asc" },
    });
    expect(entries.map((e) => [e.name, e.personId])).toEqual([
      [ours.name, ours.person.id],
      ["李同名", null],
      [notOurs.name, null],
    ]);
    // The flag reaches the applicant's form (portal pre-fill reads the matched entries).
    expect(
      await matchedCategories({ role: "STUDENT", userId: "u", personId: ours.person.id }, ours.person.id),
    ).toEqual(["MINIMUM_LIVING"]);
    expect(
      await matchedCategories(
        { role: "STUDENT", userId: "u", personId: notOurs.person.id },
        notOurs.person.id,
      ),
    ).toEqual([]);

    // Importing again: nothing new; the student of school B is still not matched to school A's list.
    const again = await importSpecialGroupList(adminA, {
      filePath: file,
      fileName: "list.xlsx",
      category: null,
      listYear: 2026,
    });
    expect(again.ok && again.data).toMatchObject({ created: 0, unchanged: 3, matched: 1, newlyMatched: 0 });

    // The student with the same name but another ID enrols here later: the roster import matches them then.
    const f = await writeRosterFile("late.xlsx", [
      validRow(90_001, A.grade.name, A.klass.name, { name: "李同名" }),
    ]);
    expect((await importRoster(adminA, { filePath: f, fileName: "late.xlsx", mode: "GOOD_ROWS" })).ok).toBe(
      true,
    );
    expect(
      (
        await db().specialGroupEntry.findFirstOrThrow({
          where: { schoolId: A.school.id, name: "李同名", NOT: { personId: ours.person.id } },
        })
      ).personId,
    ).not.toBeNull();
  });

  it("hand-collected entries need an evidence note (and file); flags show on the list; reasons for no aid are recorded and exported", async () => {
    const st = await makeStudent(A, { name: "王困难" });
    expect(
      await addSpecialGroupEntry(
        adminA,
        { category: "ORPHAN", name: st.name, idNumber: st.idNumber, listYear: "2026", note: "" },
        EVIDENCE,
      ),
    ).toMatchObject({ ok: false, fieldErrors: { note: "请填写佐证说明" } });
    expect(
      await addSpecialGroupEntry(
        adminA,
        { category: "ORPHAN", name: st.name, idNumber: "123", listYear: "2026", note: "民政证明" },
        EVIDENCE,
      ),
    ).toMatchObject({ ok: false, fieldErrors: { idNumber: expect.any(String) } });
    expect(
      await addSpecialGroupEntry(
        adminA,
        {
          category: "ORPHAN",
          name: st.name,
          idNumber: st.idNumber,
          listYear: "2026",
          note: "民政局孤儿证明，已核验",
        },
        EVIDENCE,
      ),
    ).toMatchObject({ ok: true, data: { matched: true } });

    const list = await specialGroupStudents(adminA, { withoutAidOnly: true });
    const row = list.ok ? list.data.rows.find((s) => s.studentId === st.student.id) : undefined;
    expect(row?.categories.map((c) => [c.category, c.source])).toEqual([["ORPHAN", "SCHOOL"]]);
    expect(row).toMatchObject({ aided: false, noAid: null, application: null });

    expect(
      await recordNoAidReason(adminA, { studentId: st.student.id, reason: "OTHER", detail: "" }),
    ).toMatchObject({ ok: false, fieldErrors: { detail: expect.any(String) } });
    expect(
      (
        await recordNoAidReason(adminA, {
          studentId: st.student.id,
          reason: "WAIVED",
          detail: "本人书面放弃",
        })
      ).ok,
    ).toBe(true);
    const w = memoryWriter();
    expect((await writeNoAidReasonsExport(adminA, w)).ok).toBe(true);
    expect(w.rows.find((x) => x[2] === "王困难")).toEqual([
      A.grade.name,
      A.klass.name,
      "王困难",
      st.person.idNumberMasked,
      "孤儿",
      "未申请",
      "本人（监护人）自愿放弃",
      "本人书面放弃",
    ]);

    // The one page of the feature lists the student with the reason; the leader reads it there, cannot record.
    const leaderA = sessionUser((await makeStaff("SCHOOL_LEADER", { schoolId: A.school.id })).user);
    const page = await loadNoAidStudents(leaderA);
    expect(page.ok && page.data.rows.find((s) => s.studentId === st.student.id)?.noAid).toEqual({
      reason: "WAIVED",
      detail: "本人书面放弃",
    });
    expect(
      await recordNoAidReason(leaderA, { studentId: st.student.id, reason: "WAIVED", detail: "" }),
    ).toMatchObject({ ok: false, code: "FORBIDDEN" });
    // Only a special-group student has a no-aid reason.
    const notListed = await makeStudent(A);
    expect(
      await recordNoAidReason(adminA, { studentId: notListed.student.id, reason: "WAIVED", detail: "" }),
    ).toMatchObject({ ok: false, code: "NOT_FOUND" });
    // The records written before the two features were folded into one read as today's codes.
    expect(currentAuditAction("export.follow_up")).toBe("no_aid_reason.export");

    // School B sees none of it and cannot record for A's student.
    const listB = await specialGroupStudents(adminB);
    expect(listB.ok && listB.data.rows.some((s) => s.studentId === st.student.id)).toBe(false);
    expect(
      await recordNoAidReason(adminB, { studentId: st.student.id, reason: "WAIVED", detail: "" }),
    ).toMatchObject({ ok: false, code: "NOT_FOUND" });
    const wB = memoryWriter();
    await writeNoAidReasonsExport(adminB, wB);
    expect(wB.rows.some((x) => x[2] === "王困难")).toBe(false);
  });

  it("parses list rows strictly", () => {
    const id = uniqueId(90_002);
    expect(
      parseListRow(
        { name: "甲", idNumber: id, category: "脱贫家庭", listYear: "" },
        { category: null, listYear: 2026 },
      ),
    ).toMatchObject({ ok: true, category: "POVERTY_ALLEVIATED", listYear: 2026 });
    expect(
      parseListRow(
        { name: "甲", idNumber: id, category: "", listYear: "" },
        { category: null, listYear: 2026 },
      ),
    ).toMatchObject({ ok: false, reason: expect.stringContaining("类别为空") });
    expect(
      parseListRow(
        { name: "", idNumber: "1", category: "外星人", listYear: "26" },
        { category: "ORPHAN", listYear: 2026 },
      ),
    ).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/姓名为空；身份证件号.*；类别“外星人”.*；年度“26”/),
    });
  });
});
