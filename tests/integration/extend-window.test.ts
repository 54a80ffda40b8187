import { describe, expect, it } from "vitest";
import type { SessionUser } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import { formatBeijingDate, formatBeijingDateTime } from "@/lib/domain/time";
import { startApplication } from "@/lib/services/application-portal";
import { applicantContext } from "@/lib/services/context";
import { extendApplicationWindow, loadWindow } from "@/lib/services/term-window";
import {
  makeCurrentTerm,
  makeRegionTree,
  makeSchool,
  makeStaff,
  makeStudent,
  makeStudentAccount,
} from "../support/fixtures";
import { sessionUser } from "../support/session-user";

const day = (offset: number) => formatBeijingDate(new Date(Date.now() + offset * 86_400_000));

describe("the school admin extends the application window", () => {
  it("per school, audited, refusing a shorter or too late end; the applicants' countdown follows", async () => {
    const { county } = await makeRegionTree();
    const sch = await makeSchool(county.id, "SENIOR");
    const other = await makeSchool(county.id, "SENIOR");
    const s = await makeStudent(sch);
    const o = await makeStudent(other);
    const student = sessionUser(await makeStudentAccount(s));
    const otherStudent = sessionUser(await makeStudentAccount(o));
    // The term's window closed an hour ago.
    await makeCurrentTerm({ opensInHours: -72, closesInHours: -1 });
    const admin = sessionUser({ ...(await makeStaff("SCHOOL_ADMIN", { schoolId: sch.school.id })).user });
    const ctx = async (u: SessionUser, personId: string) => {
      const r = await applicantContext(u, personId);
      if (!r.ok) throw new Error(r.message);
      return r.data;
    };
    expect((await ctx(student, s.person.id)).window.status).toBe("closed");

    const page = await loadWindow(admin);
    if (!page.ok) throw new Error(page.message);
    expect(page.data.extended).toBe(false);

    expect(await extendApplicationWindow(admin, { applyEnd: day(-3), reason: "补录新生" })).toMatchObject({
      ok: false,
      fieldErrors: { applyEnd: expect.stringContaining("只能延长") },
    });
    expect(await extendApplicationWindow(admin, { applyEnd: day(30), reason: "补录新生" })).toMatchObject({
      ok: false,
      fieldErrors: { applyEnd: expect.stringContaining("须早于班主任核实截止时间") },
    });
    expect(await extendApplicationWindow(admin, { applyEnd: day(2), reason: "" })).toMatchObject({
      ok: false,
      fieldErrors: { reason: expect.stringContaining("延长原因") },
    });

    const r = await extendApplicationWindow(admin, { applyEnd: day(2), reason: "插班生入学较晚" });
    if (!r.ok) throw new Error(r.message);
    expect(formatBeijingDateTime(r.data.applyEnd)).toBe(`${day(2)} 23:59`);

    // This school's applicants may apply again, with the countdown to the new end; the other school's not.
    const w = (await ctx(student, s.person.id)).window;
    expect(w).toMatchObject({ status: "open", closesAt: r.data.applyEnd });
    if (w.status === "open") expect(w.message).toContain(`${day(2)} 23:59`);
    expect(await startApplication(await ctx(student, s.person.id))).toMatchObject({ ok: true });
    expect((await ctx(otherStudent, o.person.id)).window.status).toBe("closed");

    const audit = await db().auditLog.findFirstOrThrow({
      where: { action: "term.extend_window", schoolId: sch.school.id },
    });
    expect(audit.actorUserId).toBe(admin.id);
    expect(audit.detail).toMatchObject({ to: `${day(2)} 23:59`, reason: "插班生入学较晚" });
    expect((await loadWindow(admin)).ok && (await loadWindow(admin))).toMatchObject({
      data: { extended: true },
    });

    // The database refuses shortening it below the term's end, whatever writes it.
    const term = await db().aidTerm.findFirstOrThrow({ where: { isCurrent: true } });
    await expect(
      db().schoolTermSetting.update({
        where: { termId_schoolId: { termId: term.id, schoolId: sch.school.id } },
        data: { applyEnd: new Date(term.applyEnd.getTime() - 86_400_000) },
      }),
    ).rejects.toThrow(/can only be extended/);

    // Teachers and leaders cannot extend it.
    const teacher = sessionUser({ ...(await makeStaff("TEACHER", { schoolId: sch.school.id })).user });
    expect((await extendApplicationWindow(teacher, { applyEnd: day(3), reason: "插班生入学较晚" })).ok).toBe(
      false,
    );
  });
});
