/**
 * Sensitive-data rules (SECURITY.md) re-checked on the teacher workspace and the determination
 * features: ID numbers (also inside the national 学籍号 "G" + ID number) are
 * masked in what staff see and download, the full value only in the national
 * files for the school admin, and every full-PII view or export is audit-logged.
 */
import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import type { SessionUser } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import { maskIdNumber } from "@/lib/domain/mask";
import { loadApplication } from "@/lib/services/determination-queue";
import { downloadExport } from "@/lib/services/national-export";
import { exportMonitor } from "@/lib/services/teacher-export";
import { ensureDefaultModel, makeApplication, makeRoster } from "../support/determination-fixtures";
import { makeCurrentTerm, makeRegionTree, makeSchool, makeStaff, makeStudent } from "../support/fixtures";
import { readAll } from "../support/streams";
import { sessionUser } from "../support/session-user";

let school: Awaited<ReturnType<typeof makeSchool>>;
let admin: SessionUser, leader: SessionUser, teacher: SessionUser;

async function cellsOf(body: Buffer): Promise<string[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(body as never);
  const out: string[] = [];
  wb.eachSheet((ws) =>
    ws.eachRow((row) =>
      row.eachCell((c) => {
        out.push(String(c.value));
      }),
    ),
  );
  return out;
}

beforeAll(async () => {
  const { county } = await makeRegionTree();
  school = await makeSchool(county.id, "SENIOR");
  await makeCurrentTerm({ stage: "SENIOR" });
  await ensureDefaultModel();
  admin = sessionUser((await makeStaff("SCHOOL_ADMIN", { schoolId: school.school.id })).user);
  leader = sessionUser((await makeStaff("SCHOOL_LEADER", { schoolId: school.school.id })).user);
  teacher = sessionUser(
    (await makeStaff("TEACHER", { schoolId: school.school.id }, { classIds: [school.klass.id] })).user,
  );
});

describe("the determination detail", () => {
  it("is a sensitive-PII view: every opening is audit-logged with who and which application", async () => {
    const { app } = await makeApplication(school, "verified");
    expect((await loadApplication(admin, app.id)).ok).toBe(true);
    expect((await loadApplication(leader, app.id)).ok).toBe(true);
    const entries = await db().auditLog.findMany({
      where: { action: "application.inspect", targetId: app.id },
      select: { actorUserId: true, schoolId: true },
    });
    expect(entries).toHaveLength(2);
    expect(entries.map((e) => e.actorUserId).sort()).toEqual([admin.id, leader.id].sort());
    expect(entries.every((e) => e.schoolId === school.school.id)).toBe(true);
  });
});

describe("the class teacher's export", () => {
  it("holds neither the ID number nor a 学籍号 that embeds it, only masked forms; audit-logged", async () => {
    const s = await makeStudent(school, { name: "导出检查生" });
    expect(s.studentNo).toBe(`G${s.idNumber}`);
    const x = await exportMonitor(teacher, { classId: school.klass.id });
    if (!x.ok) throw new Error(x.message);
    const chunks: Buffer[] = [];
    for await (const c of x.data.stream) chunks.push(c as Buffer);
    const cells = await cellsOf(Buffer.concat(chunks));
    expect(cells.join("\n")).toContain("导出检查生");
    expect(cells.join("\n")).not.toContain(s.idNumber);
    expect(cells).toContain(`G${maskIdNumber(s.idNumber)}`);
    expect(
      await db().auditLog.count({ where: { action: "application.export", actorUserId: teacher.id } }),
    ).toBe(1);
  });
});

describe("the 资助名册 (national roster book)", () => {
  it("carries the full ID number for the school admin only, and each download is audit-logged", async () => {
    const { app, student } = await makeApplication(school, "determined", { name: "名册检查生" });
    const roster = await makeRoster(
      school.school.id,
      [{ studentId: app.studentId, applicationId: app.id }],
      "APPROVED",
    );
    const r = await downloadExport(admin, "roster", roster.id);
    if (!r.ok) throw new Error(r.message);
    expect(r.data.valid, r.data.summary).toBe(true);
    expect(await cellsOf(await readAll(r.data.stream))).toContain(student.idNumber);
    expect(
      await db().auditLog.count({
        where: { action: "export.roster", targetId: roster.id, actorUserId: admin.id },
      }),
    ).toBe(1);
    expect(await downloadExport(leader, "roster", roster.id)).toMatchObject({ ok: false });
    expect(await downloadExport(teacher, "roster", roster.id)).toMatchObject({ ok: false });
    expect(
      await db().auditLog.count({ where: { action: { startsWith: "export.roster" }, targetId: roster.id } }),
    ).toBe(1);
  });
});
