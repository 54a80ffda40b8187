import type { AuditAction } from "@/lib/domain/audit-actions";
import { writeAudit } from "@/lib/db/audit.repo";
import { db } from "@/lib/db/client";
import { searchAuditLog } from "@/lib/services/audit-log";
import { importRoster } from "@/lib/services/student-roster-import";
import { writeRosterExport } from "@/lib/services/student-roster-export";
import { addClass } from "@/lib/services/school-structure";
import { extendApplicationWindow } from "@/lib/services/term-window";
import { termDatesForSchool, findCurrentTerm } from "@/lib/db/terms.repo";
import { formatBeijingDate } from "@/lib/domain/time";
import {
  addSpecialGroupEntry,
  importSpecialGroupList,
  openSpecialGroupEvidence,
  specialGroupStudents,
} from "@/lib/services/special-groups";
import { recordNoAidReason, writeNoAidReasonsExport } from "@/lib/services/no-aid-reasons";
import {
  assignTeacherToClass,
  createStaffAccount,
  listStaffAccounts,
  resetAccountPassword,
  setStaffDisabled,
} from "@/lib/services/staff-accounts";
import type { Side } from "../../support/access-world";
import { makeStaff, makeStudent, makeStudentAccount } from "../../support/fixtures";
import { memoryWriter, writeRosterFile, writeXlsx } from "../../support/student-roster-file";
import type { ProbeTable } from "./types";

let seq = 0;
const unique = () => `${Date.now().toString(36)}${++seq}`;
const JPEG = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46]);

/** Puts the side's senior student on a special-group list of their own school (matched). */
async function makeSpecial(side: Side) {
  const st = side.student;
  const key = {
    schoolId: side.senior.school.id,
    listYear: 2026,
    category: "ORPHAN" as const,
    idNumberHash: st.person.idNumberHash,
  };
  await db().specialGroupEntry.upsert({
    where: { schoolId_listYear_category_idNumberHash: key },
    update: {},
    create: {
      ...key,
      source: "CENTRAL",
      name: st.name,
      idNumberCipher: st.person.idNumberCipher,
      idNumberMasked: st.person.idNumberMasked,
      personId: st.person.id,
      matchedAt: new Date(),
    },
  });
}

/** Probes for the admin actions of lib/auth/access/admin.ts: one per action. */
export const ADMIN_PROBES: ProbeTable = {
  "term.extend_window": async ({ caller, target }) => {
    // Carried out on the target when the target school's window now ends later than before.
    const term = (await findCurrentTerm())!;
    const before = (await termDatesForSchool(term, target.senior.school.id)).applyEnd;
    const end = formatBeijingDate(new Date(before.getTime() + 86_400_000));
    await extendApplicationWindow(caller, { applyEnd: end, reason: "插班生入学较晚" });
    return (await termDatesForSchool(term, target.senior.school.id)).applyEnd > before;
  },
  "audit.search": async ({ caller, target, role }) => {
    const marker = `probe.audit_${target.name}_${role}_${Date.now()}`;
    await writeAudit({ action: marker as AuditAction, schoolId: target.senior.school.id });
    const r = await searchAuditLog(caller, { action: marker });
    return r.ok && r.data.rows.some((row) => row.action === marker);
  },
  "account.list": async ({ caller, target }) => {
    const r = await listStaffAccounts(caller, 1, 1000);
    return r.ok && r.data.rows.some((a) => a.id === target.users.TEACHER.id);
  },
  "account.create": async ({ caller, target }) => {
    const r = await createStaffAccount(caller, {
      role: "TEACHER",
      displayName: "新班主任",
      username: `probe_${unique()}`,
    });
    if (!r.ok) return false;
    const u = await db().user.findUniqueOrThrow({ where: { id: r.data.userId } });
    return u.schoolId === target.senior.school.id && u.mustChangePassword;
  },
  "account.disable": async ({ caller, target }) => {
    const t = await makeStaff("TEACHER", { schoolId: target.senior.school.id });
    const r = await setStaffDisabled(caller, { id: t.user.id, disabled: "true" });
    const after = await db().user.findUniqueOrThrow({ where: { id: t.user.id } });
    return r.ok && after.disabled;
  },
  "account.reset_password": async ({ caller, target }) => {
    const st = await makeStudent(target.senior);
    const account = await makeStudentAccount(st);
    const r = await resetAccountPassword(caller, { id: account.id });
    const after = await db().user.findUniqueOrThrow({ where: { id: account.id } });
    return r.ok && after.passwordHash !== account.passwordHash && after.mustChangePassword;
  },
  "class.assign_teacher": async ({ caller, target }) => {
    const t = await makeStaff("TEACHER", { schoolId: target.senior.school.id });
    const r = await assignTeacherToClass(caller, {
      teacherId: t.user.id,
      classId: target.senior.klass.id,
      assigned: "true",
    });
    return (
      r.ok &&
      (await db().teacherClass.count({
        where: { teacherId: t.user.id, classId: target.senior.klass.id },
      })) === 1
    );
  },
  "structure.edit": async ({ caller, target }) => {
    const r = await addClass(caller, { gradeId: target.senior.grade.id, name: `${unique()}班`.slice(0, 20) });
    return (
      r.ok &&
      (await db().schoolClass.count({ where: { id: r.data.id, schoolId: target.senior.school.id } })) === 1
    );
  },
  "roster.import": async ({ caller, target }) => {
    const st = target.student;
    const file = await writeRosterFile(`probe-${unique()}.xlsx`, [
      {
        name: st.name,
        idNumber: st.idNumber,
        studentNo: st.studentNo,
        grade: target.senior.grade.name,
        className: target.senior.klass.name,
        enrolledOn: "2026-09",
        programmeYears: "3",
      },
    ]);
    const r = await importRoster(caller, {
      filePath: file,
      fileName: "probe.xlsx",
      mode: "ALL_OR_NOTHING",
      removeFile: true,
    });
    return (
      r.ok &&
      r.data.committed &&
      r.data.rejected === 0 &&
      r.data.created + r.data.updated + r.data.unchanged === 1
    );
  },
  "roster.export": async ({ caller, target }) => {
    const w = memoryWriter();
    const r = await writeRosterExport(caller, w);
    return r.ok && w.rows.some((row) => row[3] === target.student.idNumber);
  },
  "special_group.import": async ({ caller, target }) => {
    const file = await writeXlsx(
      `list-${unique()}.xlsx`,
      ["姓名", "身份证件号"],
      [[target.student.name, target.student.idNumber]],
    );
    const r = await importSpecialGroupList(caller, {
      filePath: file,
      fileName: "list.xlsx",
      category: "MINIMUM_LIVING",
      listYear: 2026,
      removeFile: true,
    });
    return r.ok && r.data.matched === 1;
  },
  "special_group.add": async ({ caller, target }) => {
    const r = await addSpecialGroupEntry(
      caller,
      {
        category: "DISABLED_STUDENT",
        name: target.student.name,
        idNumber: target.student.idNumber,
        listYear: "2026",
        note: "残疾证复印件已核验",
      },
      { originalName: "残疾证.jpg", bytes: JPEG },
    );
    return r.ok && r.data.matched;
  },
  "special_group.evidence": async ({ caller, target }) => {
    // A hand-added entry of the target's school with its evidence file, added by the target's own admin.
    const r = await addSpecialGroupEntry(
      target.users.SCHOOL_ADMIN,
      {
        category: "ORPHAN",
        name: `证明${unique()}`,
        idNumber: target.student.idNumber,
        listYear: String(2000 + (++seq % 90)),
        note: "民政孤儿证明",
      },
      { originalName: "证明.jpg", bytes: JPEG },
    );
    if (!r.ok) throw new Error(r.message);
    const entry = await db().specialGroupEntry.findFirstOrThrow({
      where: { schoolId: target.senior.school.id, evidenceId: { not: null } },
      orderBy: { createdAt: "desc" },
    });
    const open = await openSpecialGroupEvidence(caller, entry.evidenceId!);
    return open.ok && open.data.mimeType === "image/jpeg";
  },
  "special_group.view": async ({ caller, target }) => {
    await makeSpecial(target);
    const r = await specialGroupStudents(caller);
    return r.ok && r.data.rows.some((s) => s.studentId === target.student.student.id);
  },
  "no_aid_reason.record": async ({ caller, target }) => {
    await makeSpecial(target);
    const r = await recordNoAidReason(caller, {
      studentId: target.student.student.id,
      reason: "WAIVED",
      detail: "",
    });
    return r.ok;
  },
  "no_aid_reason.export": async ({ caller, target }) => {
    await makeSpecial(target);
    const w = memoryWriter();
    const r = await writeNoAidReasonsExport(caller, w);
    return r.ok && w.rows.some((row) => row[2] === target.student.name);
  },
};
