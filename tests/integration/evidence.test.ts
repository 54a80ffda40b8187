import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { SessionUser } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import {
  EVIDENCE_MAX_BYTES,
  TOO_LARGE_MESSAGE,
  tooManyMessage,
  UNSAFE_MESSAGE,
  WRONG_TYPE_MESSAGE,
} from "@/lib/domain/evidence";
import { startApplication, submitApplication } from "@/lib/services/application-portal";
import { applicantContext } from "@/lib/services/context";
import { loadApplicationView } from "@/lib/services/application-view";
import { deleteEvidence, openEvidence, uploadEvidence } from "@/lib/services/evidence";
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
  type StudentFixture,
} from "../support/fixtures";
import { sessionUser } from "../support/session-user";

const root = fs.mkdtempSync(path.join(os.tmpdir(), "aid-evidence-"));
const storageDir = path.join(root, "evidence");
setEvidenceStorage(new LocalDiskStorage(storageDir));
/** Every stored file, wherever it sits in the fan-out folders. */
const storedFiles = () =>
  fs.existsSync(storageDir)
    ? fs
        .readdirSync(storageDir, { recursive: true, withFileTypes: true })
        .filter((d) => d.isFile())
        .map((d) => path.join(d.parentPath, d.name))
    : [];

const bytes = (...parts: (string | number[])[]) =>
  Buffer.concat(parts.map((p) => (typeof p === "string" ? Buffer.from(p, "latin1") : Buffer.from(p))));
const JPEG = new Uint8Array(
  bytes([0xff, 0xd8, 0xff, 0xe0, 0, 0x10], "JFIF\0", "x".repeat(3000), [0xff, 0xd9]),
);
const PDF = new Uint8Array(
  bytes("%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"),
);
const GIF = new Uint8Array(bytes("GIF89a\x01\x00\x01\x00\x00\x00\x00;"));
const POLYGLOT = new Uint8Array(
  bytes("%PDF-1.4\n<html><body><script>document.location='//evil'</script></body></html>\n%%EOF\n"),
);

let alice: StudentFixture, bob: StudentFixture, child: StudentFixture, strangerChild: StudentFixture;
let aliceUser: SessionUser, bobUser: SessionUser, parentUser: SessionUser;
let teacher: SessionUser,
  otherClassTeacher: SessionUser,
  admin: SessionUser,
  otherAdmin: SessionUser,
  supervisor: SessionUser;

beforeAll(async () => {
  const { county } = await makeRegionTree();
  const sen = await makeSchool(county.id, "SENIOR");
  const jun = await makeSchool(county.id, "JUNIOR");
  const elsewhere = await makeSchool(county.id, "SENIOR");
  alice = await makeStudent(sen);
  bob = await makeStudent(sen);
  child = await makeStudent(jun, { guardianPhone: "13755556666" });
  strangerChild = await makeStudent(jun);
  aliceUser = sessionUser(await makeStudentAccount(alice));
  bobUser = sessionUser(await makeStudentAccount(bob));
  parentUser = sessionUser(await makeParent("13755556666", [child.person.id]));
  const otherClass = await db().schoolClass.create({
    data: { schoolId: sen.school.id, gradeId: sen.grade.id, name: "2班" },
  });
  teacher = sessionUser(
    (await makeStaff("TEACHER", { schoolId: sen.school.id }, { classIds: [sen.klass.id] })).user,
  );
  otherClassTeacher = sessionUser(
    (await makeStaff("TEACHER", { schoolId: sen.school.id }, { classIds: [otherClass.id] })).user,
  );
  admin = sessionUser((await makeStaff("SCHOOL_ADMIN", { schoolId: sen.school.id })).user);
  otherAdmin = sessionUser((await makeStaff("SCHOOL_ADMIN", { schoolId: elsewhere.school.id })).user);
  supervisor = sessionUser((await makeStaff("SUPERVISOR", { regionId: county.id })).user, {
    regionPath: county.path,
  });
  const { programme } = await makeCurrentTerm({ stage: "JUNIOR" });
  const { term } = await makeCurrentTerm({ stage: "SENIOR" });
  await db().termProgramme.create({
    data: { termId: term.id, programmeId: programme.id, amountMode: "FIXED", fixedAmountFen: 62_500 },
  });
  for (const [u, p] of [
    [aliceUser, alice],
    [bobUser, bob],
    [parentUser, child],
  ] as const) {
    const ctx = await applicantContext(u, p.person.id);
    if (!ctx.ok) throw new Error(ctx.message);
    await startApplication(ctx.data);
  }
});

const upload = (
  user: SessionUser,
  personId: string,
  data: Uint8Array,
  name = "收入证明.jpg",
  purpose = "income",
) => uploadEvidence(user, { personId, purpose, originalName: name, bytes: data });
const appIdOf = async (p: StudentFixture) =>
  (await db().application.findFirstOrThrow({ where: { personId: p.person.id } })).id;

describe("uploading", () => {
  it("stores a JPEG and a PDF under random names outside the app, with the verified type and what each proves", async () => {
    const before = storedFiles().length;
    const a = await upload(aliceUser, alice.person.id, JPEG, "../../收入证明.JPG.html");
    const b = await upload(aliceUser, alice.person.id, PDF, "诊断证明.pdf", "illness");
    expect(a).toMatchObject({ ok: true, data: { mimeType: "image/jpeg" } });
    expect(b).toMatchObject({ ok: true, data: { mimeType: "application/pdf" } });
    const rows = await db().evidenceFile.findMany({
      where: { applicationId: await appIdOf(alice) },
      orderBy: { createdAt: "asc" },
    });
    expect(rows.map((r) => [r.purpose, r.mimeType, r.originalName])).toEqual([
      ["income", "image/jpeg", "收入证明.JPG.jpg"],
      ["illness", "application/pdf", "诊断证明.pdf"],
    ]);
    const files = storedFiles();
    expect(files.length).toBe(before + 2);
    for (const f of files) expect(path.basename(f)).toMatch(/^[a-f0-9]{64}$/);
    expect(rows[0]!.sha256).toMatch(/^[a-f0-9]{64}$/);
    const audit = await db().auditLog.findMany({
      where: { action: "evidence.uploaded", actorUserId: aliceUser.id },
    });
    expect(audit).toHaveLength(2);
  });

  it.each([
    ["a GIF", GIF, WRONG_TYPE_MESSAGE],
    [
      "an SVG named .png",
      new Uint8Array(bytes("<svg xmlns='http://www.w3.org/2000/svg' onload='alert(1)'/>")),
      WRONG_TYPE_MESSAGE,
    ],
    ["a PDF header followed by HTML and script", POLYGLOT, UNSAFE_MESSAGE],
  ])("refuses %s by its content and stores nothing", async (_, data, message) => {
    const before = storedFiles().length;
    const rows = await db().evidenceFile.count();
    expect(await upload(aliceUser, alice.person.id, data, "photo.jpg")).toMatchObject({ ok: false, message });
    expect(storedFiles().length).toBe(before);
    expect(await db().evidenceFile.count()).toBe(rows);
  });

  it("refuses a file over 10 MB", async () => {
    const big = new Uint8Array(EVIDENCE_MAX_BYTES + 1);
    big.set(JPEG.subarray(0, 12));
    expect(await upload(aliceUser, alice.person.id, big)).toMatchObject({
      ok: false,
      message: TOO_LARGE_MESSAGE,
    });
  });

  it("refuses a purpose that is not on the list", async () => {
    expect(await upload(aliceUser, alice.person.id, JPEG, "a.jpg", "anything")).toMatchObject({
      ok: false,
      fieldErrors: { purpose: "请选择材料用途" },
    });
  });

  it("refuses a parent uploading for a child not bound to them, and a student for another student, storing nothing", async () => {
    const before = storedFiles().length;
    expect(await upload(parentUser, strangerChild.person.id, JPEG)).toMatchObject({
      ok: false,
      code: "NOT_FOUND",
    });
    expect(await upload(bobUser, alice.person.id, JPEG)).toMatchObject({ ok: false, code: "NOT_FOUND" });
    expect(await upload(teacher, alice.person.id, JPEG)).toMatchObject({ ok: false });
    expect(storedFiles().length).toBe(before);
  });

  it("lets the parent upload for the bound child", async () => {
    expect(await upload(parentUser, child.person.id, PDF, "低保证.pdf", "special_group")).toMatchObject({
      ok: true,
    });
  });

  it("accepts the 20th file and refuses the 21st, also when uploads race", async () => {
    const appId = await appIdOf(bob);
    for (let i = 0; i < 18; i++)
      expect((await upload(bobUser, bob.person.id, JPEG, `照片${i}.jpg`)).ok).toBe(true);
    const before = storedFiles().length;
    // Five uploads at once with room for two: exactly two succeed, and the refused ones leave no file behind.
    const raced = await Promise.all(
      [0, 1, 2, 3, 4].map((i) => upload(bobUser, bob.person.id, JPEG, `并发${i}.jpg`)),
    );
    expect(raced.filter((r) => r.ok)).toHaveLength(2);
    for (const r of raced.filter((x) => !x.ok)) expect(r).toMatchObject({ message: tooManyMessage() });
    expect(await db().evidenceFile.count({ where: { applicationId: appId } })).toBe(20);
    expect(storedFiles().length).toBe(before + 2);
    expect(await upload(bobUser, bob.person.id, JPEG, "第21份.jpg")).toMatchObject({
      ok: false,
      message: tooManyMessage(),
    });
  });
});

describe("downloading", () => {
  const firstFileOf = async (p: StudentFixture) =>
    (
      await db().evidenceFile.findFirstOrThrow({
        where: { applicationId: await appIdOf(p) },
        orderBy: { createdAt: "asc" },
      })
    ).id;

  it("serves the file to the student, the class teacher and the school's admin, with its verified type", async () => {
    const id = await firstFileOf(alice);
    for (const u of [aliceUser, teacher, admin]) {
      const r = await openEvidence(u, id);
      expect(r.ok, u.role).toBe(true);
      if (r.ok) {
        expect(Buffer.from(r.data.bytes).equals(Buffer.from(JPEG))).toBe(true);
        expect(r.data).toMatchObject({ mimeType: "image/jpeg", fileName: "收入证明.JPG.jpg" });
      }
    }
    const views = await db().auditLog.findMany({ where: { action: "evidence.viewed", targetId: id } });
    expect(views.map((v) => v.actorRole).sort()).toEqual(["SCHOOL_ADMIN", "TEACHER"]);
  });

  it("answers another student's URL exactly like a missing file, and leaks nothing", async () => {
    const id = await firstFileOf(alice);
    const other = await openEvidence(bobUser, id);
    const missing = await openEvidence(bobUser, "doesnotexist0000000000000");
    expect(other).toEqual({ ok: false, status: 404, message: "未找到该文件。" });
    expect(missing).toEqual(other);
    expect(JSON.stringify(other)).not.toContain("收入证明");
  });

  it("refuses a parent for an unbound child's file, a teacher of another class, another school's admin, and the supervisor", async () => {
    const aliceFile = await firstFileOf(alice);
    const childFile = await firstFileOf(child);
    expect(await openEvidence(parentUser, aliceFile)).toMatchObject({ ok: false, status: 404 });
    expect((await openEvidence(parentUser, childFile)).ok).toBe(true);
    expect(await openEvidence(otherClassTeacher, aliceFile)).toMatchObject({ ok: false, status: 404 });
    expect(await openEvidence(otherAdmin, aliceFile)).toMatchObject({ ok: false, status: 404 });
    expect(await openEvidence(supervisor, aliceFile)).toMatchObject({ ok: false, status: 403 });
    expect(await openEvidence(null, aliceFile)).toMatchObject({ ok: false, status: 401 });
  });
});

describe("the application view for every allowed role", () => {
  it("gives the class teacher, admin and supervisor the application with its evidence and timeline; others get not found", async () => {
    const appId = await appIdOf(alice);
    for (const u of [aliceUser, teacher, admin, supervisor]) {
      const r = await loadApplicationView(u, appId);
      expect(r.ok, u.role).toBe(true);
      if (r.ok) {
        expect(r.data.evidence.map((e) => e.purpose)).toEqual(["income", "illness"]);
        expect(r.data.timeline[0]).toMatchObject({ toState: "draft" });
      }
    }
    for (const u of [bobUser, parentUser, otherClassTeacher, otherAdmin])
      expect(await loadApplicationView(u, appId)).toMatchObject({ ok: false, code: "NOT_FOUND" });
  });
});

describe("deleting", () => {
  it("removes the record and the stored file while the application is editable, and audits it", async () => {
    const r = await upload(aliceUser, alice.person.id, JPEG, "多余.jpg", "other");
    if (!r.ok) throw new Error(r.message);
    const before = storedFiles().length;
    expect(await deleteEvidence(bobUser, alice.person.id, r.data.id)).toMatchObject({
      ok: false,
      code: "NOT_FOUND",
    });
    expect(await deleteEvidence(bobUser, bob.person.id, r.data.id)).toMatchObject({ ok: false });
    expect(await deleteEvidence(aliceUser, alice.person.id, r.data.id)).toEqual({
      ok: true,
      data: undefined,
    });
    expect(await db().evidenceFile.count({ where: { id: r.data.id } })).toBe(0);
    expect(storedFiles().length).toBe(before - 1);
    expect(await db().auditLog.count({ where: { action: "evidence.deleted", targetId: r.data.id } })).toBe(1);
  });

  it("refuses uploads and deletions once the application is submitted", async () => {
    const ctx = await applicantContext(aliceUser, alice.person.id);
    if (!ctx.ok) throw new Error(ctx.message);
    const app = ctx.data.application!;
    // Fill in what submission needs, directly, then submit through the service.
    await db().application.update({
      where: { id: app.id },
      data: { enrolmentConfirmedAt: new Date(), policyAcknowledgedAt: new Date() },
    });
    const programme = await db().termProgramme.findFirstOrThrow({
      where: { termId: ctx.data.term.id, programme: { stage: "SENIOR" } },
    });
    await db().applicationProgramme.create({
      data: { applicationId: app.id, programmeId: programme.programmeId },
    });
    await db().household.create({
      data: {
        applicationId: app.id,
        residence: "RURAL",
        totalAnnualIncomeFen: 3_600_000,
        memberCount: 3,
        stateEmployedParent: false,
        stableIncome: false,
      },
    });
    await db().familyMember.create({ data: { applicationId: app.id, name: "父亲", relation: "父亲" } });
    const fresh = await applicantContext(aliceUser, alice.person.id);
    if (!fresh.ok) throw new Error(fresh.message);
    expect(await submitApplication(fresh.data, true)).toMatchObject({ ok: true });

    expect(await upload(aliceUser, alice.person.id, JPEG)).toMatchObject({
      ok: false,
      code: "REFUSED",
    });
    const id = (await db().evidenceFile.findFirstOrThrow({ where: { applicationId: app.id } })).id;
    expect(await deleteEvidence(aliceUser, alice.person.id, id)).toMatchObject({
      ok: false,
      code: "REFUSED",
    });
    expect(await db().evidenceFile.count({ where: { id } })).toBe(1);
    // Still readable by the applicant and the teacher after submission.
    expect((await openEvidence(aliceUser, id)).ok).toBe(true);
    expect((await openEvidence(teacher, id)).ok).toBe(true);
  });
});
