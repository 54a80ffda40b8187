/**
 * 自采集 entries come with an evidence file: the same
 * content check as applicants' evidence, kept in the evidence store, opened
 * only by the school's admin and leader (another school gets 404), and both
 * the upload and every view are audited.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { SessionUser } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import { UNSAFE_MESSAGE, WRONG_TYPE_MESSAGE } from "@/lib/domain/evidence";
import {
  addSpecialGroupEntry,
  EVIDENCE_REQUIRED_MESSAGE,
  openSpecialGroupEvidence,
  specialGroupStudents,
} from "@/lib/services/special-groups";
import { setEvidenceStorage } from "@/lib/storage";
import { LocalDiskStorage } from "@/lib/storage/local-disk";
import { makeCurrentTerm, makeRegionTree, makeSchool, makeStaff, makeStudent } from "../support/fixtures";
import { makeApplication, makeEvidence } from "../support/teacher-fixtures";
import { sessionUser } from "../support/session-user";

const storageDir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "aid-special-evidence-")), "evidence");
setEvidenceStorage(new LocalDiskStorage(storageDir));
const storedFiles = () =>
  fs.existsSync(storageDir)
    ? fs.readdirSync(storageDir, { recursive: true, withFileTypes: true }).filter((d) => d.isFile()).length
    : 0;

const bytes = (...parts: (string | number[])[]) =>
  new Uint8Array(
    Buffer.concat(parts.map((p) => (typeof p === "string" ? Buffer.from(p, "latin1") : Buffer.from(p)))),
  );
const JPEG = bytes([0xff, 0xd8, 0xff, 0xe0, 0, 0x10], "JFIF\0", "x".repeat(2000), [0xff, 0xd9]);
const PDF = bytes("%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n");
const GIF = bytes("GIF89a\x01\x00\x01\x00\x00\x00\x00;");
const POLYGLOT = bytes([0xff, 0xd8, 0xff, 0xe0], "<html><body><script>alert(1)</script></body></html>");

type School = Awaited<ReturnType<typeof makeSchool>>;
let A: School;
let adminA: SessionUser;
let leaderA: SessionUser;
let teacherA: SessionUser;
let adminB: SessionUser;
let leaderB: SessionUser;
let termId: string;

beforeAll(async () => {
  const { county } = await makeRegionTree();
  A = await makeSchool(county.id, "SENIOR");
  const B = await makeSchool(county.id, "SENIOR");
  adminA = sessionUser((await makeStaff("SCHOOL_ADMIN", { schoolId: A.school.id })).user);
  leaderA = sessionUser((await makeStaff("SCHOOL_LEADER", { schoolId: A.school.id })).user);
  teacherA = sessionUser(
    (await makeStaff("TEACHER", { schoolId: A.school.id }, { classIds: [A.klass.id] })).user,
  );
  adminB = sessionUser((await makeStaff("SCHOOL_ADMIN", { schoolId: B.school.id })).user);
  leaderB = sessionUser((await makeStaff("SCHOOL_LEADER", { schoolId: B.school.id })).user);
  termId = (await makeCurrentTerm({ stage: "SENIOR" })).term.id;
});

const entry = (idNumber: string, name: string, category = "ORPHAN") => ({
  category,
  name,
  idNumber,
  listYear: "2026",
  note: "民政部门证明，已核验",
});

describe("evidence of hand-added special-group entries", () => {
  it("accepts a JPEG or a PDF, stores it, links it to the entry and audits the upload", async () => {
    const st = await makeStudent(A, { name: "孤儿甲" });
    const before = storedFiles();
    const r = await addSpecialGroupEntry(adminA, entry(st.idNumber, st.name), {
      originalName: "孤儿证明.jpg",
      bytes: JPEG,
    });
    expect(r).toMatchObject({ ok: true, data: { matched: true, created: true, evidenceAttached: true } });
    const row = await db().specialGroupEntry.findFirstOrThrow({
      where: { schoolId: A.school.id, personId: st.person.id },
      include: { evidence: true },
    });
    expect(row.evidence).toMatchObject({
      mimeType: "image/jpeg",
      sizeBytes: JPEG.length,
      applicationId: null,
      purpose: "special_group",
      originalName: "孤儿证明.jpg",
    });
    expect(storedFiles()).toBe(before + 1);
    expect(
      await db().auditLog.count({
        where: {
          action: "special_group.evidence_uploaded",
          targetId: row.evidenceId!,
          actorUserId: adminA.id,
        },
      }),
    ).toBe(1);

    const st2 = await makeStudent(A, { name: "低保乙" });
    const pdf = await addSpecialGroupEntry(adminA, entry(st2.idNumber, st2.name, "MINIMUM_LIVING"), {
      originalName: "低保证.pdf",
      bytes: PDF,
    });
    expect(pdf).toMatchObject({ ok: true, data: { evidenceAttached: true } });

    // The list shows the entry with its evidence id, for the download link.
    const list = await specialGroupStudents(adminA);
    const shown = list.ok ? list.data.rows.find((s) => s.studentId === st.student.id) : undefined;
    expect(shown?.categories).toEqual([
      { category: "ORPHAN", source: "SCHOOL", listYear: 2026, evidenceId: row.evidenceId },
    ]);
  });

  it("refuses an entry without a file, a GIF or a polyglot, with the evidence messages, storing nothing", async () => {
    const st = await makeStudent(A, { name: "困境丙" });
    const before = storedFiles();
    const entries = await db().specialGroupEntry.count();
    expect(await addSpecialGroupEntry(adminA, entry(st.idNumber, st.name), null)).toMatchObject({
      ok: false,
      message: EVIDENCE_REQUIRED_MESSAGE,
      fieldErrors: { evidence: EVIDENCE_REQUIRED_MESSAGE },
    });
    expect(
      await addSpecialGroupEntry(adminA, entry(st.idNumber, st.name), { originalName: "a.gif", bytes: GIF }),
    ).toMatchObject({ ok: false, fieldErrors: { evidence: WRONG_TYPE_MESSAGE } });
    expect(
      await addSpecialGroupEntry(adminA, entry(st.idNumber, st.name), {
        originalName: "a.jpg",
        bytes: POLYGLOT,
      }),
    ).toMatchObject({ ok: false, fieldErrors: { evidence: UNSAFE_MESSAGE } });
    // Other field errors are reported together with the file's.
    expect(
      await addSpecialGroupEntry(
        adminA,
        { ...entry(st.idNumber, st.name), note: "" },
        { originalName: "a.gif", bytes: GIF },
      ),
    ).toMatchObject({ ok: false, fieldErrors: { note: "请填写佐证说明", evidence: WRONG_TYPE_MESSAGE } });
    expect(storedFiles()).toBe(before);
    expect(await db().specialGroupEntry.count()).toBe(entries);
  });

  it("adding the same entry again keeps the first file and stores no second one", async () => {
    const st = await makeStudent(A, { name: "重复丁" });
    expect(
      (
        await addSpecialGroupEntry(adminA, entry(st.idNumber, st.name), {
          originalName: "1.jpg",
          bytes: JPEG,
        })
      ).ok,
    ).toBe(true);
    const before = storedFiles();
    const files = await db().evidenceFile.count();
    expect(
      await addSpecialGroupEntry(adminA, entry(st.idNumber, st.name), { originalName: "2.pdf", bytes: PDF }),
    ).toMatchObject({ ok: true, data: { created: false, evidenceAttached: false } });
    expect(storedFiles()).toBe(before);
    expect(await db().evidenceFile.count()).toBe(files);
  });

  it("is opened by the school's admin and leader (audited), 404 for another school, refused to a teacher", async () => {
    const st = await makeStudent(A, { name: "查看戊" });
    expect(
      (
        await addSpecialGroupEntry(adminA, entry(st.idNumber, st.name, "DISABLED_STUDENT"), {
          originalName: "残疾证.pdf",
          bytes: PDF,
        })
      ).ok,
    ).toBe(true);
    const { evidenceId } = await db().specialGroupEntry.findFirstOrThrow({
      where: { schoolId: A.school.id, personId: st.person.id },
    });

    const mine = await openSpecialGroupEvidence(adminA, evidenceId!);
    expect(mine.ok && mine.data.mimeType).toBe("application/pdf");
    expect(mine.ok && Buffer.from(mine.data.bytes).equals(Buffer.from(PDF))).toBe(true);
    expect(mine.ok && mine.data.fileName).toBe("残疾证.pdf");
    expect((await openSpecialGroupEvidence(leaderA, evidenceId!)).ok).toBe(true);
    expect(
      await db().auditLog.count({
        where: { action: "special_group.evidence_viewed", targetId: evidenceId! },
      }),
    ).toBe(2);

    for (const other of [adminB, leaderB])
      expect(await openSpecialGroupEvidence(other, evidenceId!)).toEqual({
        ok: false,
        status: 404,
        message: "未找到该文件。",
      });
    expect(await openSpecialGroupEvidence(adminA, "nosuchfile")).toEqual({
      ok: false,
      status: 404,
      message: "未找到该文件。",
    });
    expect(await openSpecialGroupEvidence(adminA, "../../etc/passwd")).toEqual({
      ok: false,
      status: 404,
      message: "未找到该文件。",
    });
    expect(await openSpecialGroupEvidence(teacherA, evidenceId!)).toMatchObject({ ok: false, status: 403 });
    expect(await openSpecialGroupEvidence(null, evidenceId!)).toMatchObject({ ok: false, status: 401 });
    // Refused views leave no "viewed" record.
    expect(
      await db().auditLog.count({
        where: { action: "special_group.evidence_viewed", targetId: evidenceId! },
      }),
    ).toBe(2);
  });

  it("never serves an application's evidence file through this route", async () => {
    const st = await makeStudent(A, { name: "申请己" });
    const app = await makeApplication(st, termId, "submitted");
    const file = await makeEvidence(app.id, adminA.id);
    expect(await openSpecialGroupEvidence(adminA, file.id)).toEqual({
      ok: false,
      status: 404,
      message: "未找到该文件。",
    });
  });
});
