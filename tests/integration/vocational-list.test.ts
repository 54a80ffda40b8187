/**
 * 中职 monthly lists on the real database (lib/services/vocational-roster.ts): building a month's list (overdue
 * students never added, flagged when already there), a full month through every level with history rows, the
 * payment gate, a granted withdrawal zeroing what was paid while keeping the payment history, and scope: a
 * supervisor of another county or of the city above cannot confirm, a school cannot confirm its own list.
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { SessionUser } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { approveRoster } from "@/lib/services/aid-roster";
import { buildMonthlyList, changeMonthlyList } from "@/lib/services/vocational-roster";
import { attachPublicityFile } from "@/lib/services/vocational-roster-attachments";
import { encryptedStorage, setEvidenceStorage } from "@/lib/storage";
import { LocalDiskStorage } from "@/lib/storage/local-disk";
import { makeApplication } from "../support/determination-fixtures";
import { makeCurrentTerm, makeRegionTree, makeSchool, makeStaff } from "../support/fixtures";
import { sessionUser } from "../support/session-user";

const storageDir = fs.mkdtempSync(path.join(os.tmpdir(), "aid-voc-"));
setEvidenceStorage(encryptedStorage(new LocalDiskStorage(storageDir)));
const PDF = new TextEncoder().encode(
  "%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n",
);
const FAKE_PDF = new TextEncoder().encode("<html><script>alert(1)</script></html>");

let school: Awaited<ReturnType<typeof makeSchool>>;
let officer: SessionUser;
let leader: SessionUser;
let county: SessionUser;
let city: SessionUser;
let otherCounty: SessionUser;
let otherOfficer: SessionUser;
let programmeId: string;
let waiverId: string;
let overdueStudentId: string;

async function supervisor(region: { id: string; path: string }) {
  const { user } = await makeStaff("SUPERVISOR", { regionId: region.id });
  return sessionUser(user, { regionPath: region.path });
}

beforeAll(async () => {
  const tree = await makeRegionTree();
  const other = await makeRegionTree();
  school = await makeSchool(tree.county.id, "VOCATIONAL");
  const otherSchool = await makeSchool(other.county.id, "VOCATIONAL");
  const { term } = await makeCurrentTerm({ stage: "VOCATIONAL" });
  await db().aidTerm.update({ where: { id: term.id }, data: { academicYear: "2026-2027" } });
  const programmes = await Promise.all(
    (["SUBSIDY", "FEE_WAIVER"] as const).map((kind) =>
      db().aidProgramme.create({
        data: {
          code: `voc_${kind}_${Date.now()}`,
          name: kind === "SUBSIDY" ? "中职国家助学金" : "中职免学费",
          stage: "VOCATIONAL",
          kind,
          period: "MONTHLY",
          eligibleLevels: ["HARDSHIP"],
          eligibleCategories: ["ORPHAN"],
        },
      }),
    ),
  );
  programmeId = programmes[0]!.id;
  waiverId = programmes[1]!.id;
  for (const id of [programmeId, waiverId])
    await db().termProgramme.create({
      data: { termId: term.id, programmeId: id, amountMode: "FIXED", fixedAmountFen: 20_000 },
    });
  // 中职 is single-tier (困难 / 不困难): three 困难 students, one 不困难 (not eligible), one 不困难 orphan
  // (eligible by the special group).
  for (const level of ["HARDSHIP", "HARDSHIP", "HARDSHIP", "NONE"] as const)
    await makeApplication(school, "determined", { level });
  await makeApplication(school, "determined", { level: "NONE", categories: ["ORPHAN"] });
  // One overdue student: enrolled 2023-09 with 3 years → overdue from 2026-09 (lists of 2026-2027).
  const overdue = await makeApplication(school, "determined", { level: "HARDSHIP" });
  overdueStudentId = overdue.student.student.id;
  await db().student.update({
    where: { id: overdueStudentId },
    data: { enrolledOn: new Date("2023-09-01"), programmeYears: 3 },
  });
  officer = sessionUser((await makeStaff("SCHOOL_ADMIN", { schoolId: school.school.id })).user);
  leader = sessionUser((await makeStaff("SCHOOL_LEADER", { schoolId: school.school.id })).user);
  otherOfficer = sessionUser((await makeStaff("SCHOOL_ADMIN", { schoolId: otherSchool.school.id })).user);
  county = await supervisor(tree.county);
  city = await supervisor(tree.city);
  otherCounty = await supervisor(other.county);
});

const states = (rosterId: string) => db().vocationalList.findUniqueOrThrow({ where: { rosterId } });
const entries = (rosterId: string) =>
  db().rosterEntry.findMany({ where: { rosterId }, orderBy: { studentId: "asc" } });

async function step(user: SessionUser, rosterId: string, command: object, now?: Date) {
  const result = await changeMonthlyList(user, rosterId, command, now);
  if (!result.ok) throw new Error(result.message);
  return result.data.state;
}

describe("building a month's list", () => {
  it("adds the qualifying students, never an overdue one, and flags an overdue student already there", async () => {
    // August 2027: the student enrolled 2023-09 for 3 years (overdue from 2026-09) is not added.
    const august = await buildMonthlyList(officer, { programmeId, month: 8 });
    expect(august.ok).toBe(true);
    if (!august.ok) return;
    expect(august.data.added).toBe(4);
    const rows = await entries(august.data.rosterId);
    expect(rows.map((row) => row.studentId)).not.toContain(overdueStudentId);
    expect(rows.every((row) => row.amountFen === 20_000)).toBe(true);

    // Had the student enrolled a year later (overdue only from 2027-09), September 2026 takes them …
    await db().student.update({
      where: { id: overdueStudentId },
      data: { enrolledOn: new Date("2024-09-01") },
    });
    const september = await buildMonthlyList(officer, { programmeId, month: 9 });
    if (!september.ok) throw new Error(september.message);
    expect(september.data).toMatchObject({ added: 5, flagged: 0 });
    // … and once the enrolment is corrected (overdue from 2026-09), rebuilding flags them instead of removing.
    await db().student.update({
      where: { id: overdueStudentId },
      data: { enrolledOn: new Date("2023-09-01") },
    });
    const again = await buildMonthlyList(officer, { programmeId, month: 9 });
    if (!again.ok) throw new Error(again.message);
    expect(again.data).toMatchObject({ added: 0, flagged: 1 });
    const flagged = await db().rosterEntry.findFirstOrThrow({
      where: { rosterId: again.data.rosterId, studentId: overdueStudentId },
    });
    expect(flagged.overdue).toBe(true);
    const history = await db().vocationalListHistory.findMany({ where: { rosterId: again.data.rosterId } });
    expect(history.map((row) => row.action)).toEqual(["BUILD", "BUILD"]);
  });

  it("cannot be approved or paid through the semester roster's actions, bypassing supervision", async () => {
    const built = await buildMonthlyList(officer, { programmeId, month: 7 });
    if (!built.ok) throw new Error(built.message);
    expect(await approveRoster(officer, built.data.rosterId)).toMatchObject({ ok: false, code: "NOT_FOUND" });
    expect((await db().roster.findUniqueOrThrow({ where: { id: built.data.rosterId } })).state).toBe("DRAFT");
  });

  it("refuses a month outside 1–12 and a programme that is not a 中职 monthly one, naming the field", async () => {
    const bad = await buildMonthlyList(officer, { programmeId, month: 13 });
    expect(bad).toMatchObject({ ok: false, code: "INVALID", fieldErrors: { month: "月份应为 1–12 的整数" } });
    const leaderTry = await buildMonthlyList(leader, { programmeId, month: 3 });
    expect(leaderTry).toMatchObject({ ok: false, code: "FORBIDDEN" });
  });
});

describe("a full month", () => {
  it("runs review, publicity, refusal, confirmation, payment and a granted withdrawal; the paid amounts read 0", async () => {
    const built = await buildMonthlyList(officer, { programmeId: waiverId, month: 3 });
    if (!built.ok) throw new Error(built.message);
    const rosterId = built.data.rosterId;
    const monday = new Date("2027-03-01T02:00:00Z"); // Monday 2027-03-01, 10:00 Beijing

    await step(leader, rosterId, { kind: "SCHOOL_REVIEW", pass: true });
    await step(county, rosterId, { kind: "SUPERVISOR_REVIEW", pass: true });
    await step(officer, rosterId, { kind: "PUBLICISE" }, monday);
    const refused = await step(county, rosterId, { kind: "REFUSE_PUBLICITY", comment: "公示未张贴" });
    expect(refused).toMatchObject({
      publicity: "UNPUBLISHED",
      schoolReview: "PENDING",
      supervisorReview: "PENDING",
    });

    expect((await buildMonthlyList(officer, { programmeId: waiverId, month: 3 })).ok).toBe(true);
    await step(leader, rosterId, { kind: "SCHOOL_REVIEW", pass: true });
    await step(county, rosterId, { kind: "SUPERVISOR_REVIEW", pass: true });
    const published = await step(officer, rosterId, { kind: "PUBLICISE" }, monday);
    expect(published.publicityEnd).toBe("2027-03-05");

    // Scope: the school cannot confirm its own list; another county and the city above cannot either.
    expect(await changeMonthlyList(officer, rosterId, { kind: "CONFIRM" })).toMatchObject({
      code: "FORBIDDEN",
    });
    expect(await changeMonthlyList(leader, rosterId, { kind: "CONFIRM" })).toMatchObject({
      code: "FORBIDDEN",
    });
    expect(await changeMonthlyList(otherCounty, rosterId, { kind: "CONFIRM" })).toMatchObject({
      code: "NOT_FOUND",
    });
    expect(await changeMonthlyList(city, rosterId, { kind: "CONFIRM" })).toMatchObject({
      code: "REFUSED",
      message: "只有学校所属主管部门可以进行“名单公示确认（公示通过）”。",
    });
    expect(await changeMonthlyList(otherOfficer, rosterId, { kind: "RECORD_PAYMENT" })).toMatchObject({
      code: "NOT_FOUND",
    });
    expect((await states(rosterId)).confirmation).toBe("PENDING");

    await step(county, rosterId, { kind: "CONFIRM" });
    const filled = await entries(rosterId);
    expect(filled.every((row) => row.actualAmountFen === row.amountFen)).toBe(true);

    // Payment gate at Beijing midnight after Friday 2027-03-05.
    const early = await changeMonthlyList(
      officer,
      rosterId,
      { kind: "RECORD_PAYMENT" },
      new Date("2027-03-05T15:59:59Z"),
    );
    expect(early).toMatchObject({ ok: false, code: "REFUSED" });
    expect(!early.ok && early.message).toContain("公示期至 2027-03-05（北京时间）结束");
    await step(officer, rosterId, { kind: "RECORD_PAYMENT" }, new Date("2027-03-05T16:00:00Z"));
    const paid = await entries(rosterId);
    expect(paid.filter((row) => row.paidAmountFen === 20_000)).toHaveLength(4);

    await step(officer, rosterId, { kind: "REQUEST_WITHDRAWAL", comment: "有学生已转学" });
    const granted = await step(county, rosterId, { kind: "DECIDE_WITHDRAWAL", grant: true, comment: "同意" });
    expect(granted).toMatchObject({
      confirmation: "REFUSED",
      publicity: "UNPUBLISHED",
      schoolReview: "PENDING",
      supervisorReview: "PENDING",
      withdrawal: "GRANTED",
      payment: "UNPAID",
    });
    const after = await entries(rosterId);
    expect(after.reduce((sum, row) => sum + (row.paidAmountFen ?? 0), 0)).toBe(0);
    const payments = await db().rosterPayment.findMany({ where: { rosterId }, orderBy: { kind: "asc" } });
    expect(payments.filter((row) => row.kind === "PAYMENT").map((row) => row.amountFen)).toEqual([
      20_000, 20_000, 20_000, 20_000,
    ]);
    expect(payments.filter((row) => row.kind === "REVERSAL").map((row) => row.previousAmountFen)).toEqual([
      20_000, 20_000, 20_000, 20_000,
    ]);

    const history = await db().vocationalListHistory.findMany({
      where: { rosterId },
      orderBy: { at: "asc" },
    });
    expect(history.map((row) => row.action)).toEqual([
      "BUILD",
      "SCHOOL_REVIEW",
      "SUPERVISOR_REVIEW",
      "PUBLICISE",
      "REFUSE_PUBLICITY",
      "BUILD",
      "SCHOOL_REVIEW",
      "SUPERVISOR_REVIEW",
      "PUBLICISE",
      "CONFIRM",
      "RECORD_PAYMENT",
      "REQUEST_WITHDRAWAL",
      "DECIDE_WITHDRAWAL",
    ]);
    expect(history[4]).toMatchObject({ comment: "公示未张贴", actorId: county.id });
    const audits = await db().auditLog.count({
      where: { targetId: rosterId, action: "vocational_list.transition" },
    });
    expect(audits).toBe(11);

    // Notifications in the same transactions (lib/services/notifications/staff-events.ts): the county's
    // supervisors hear of each hand-over (school review passed, publicised: twice each) and of the withdrawal
    // request, the school's aid officer of the refused publicity with its reason; nobody else.
    const kinds = async (user: SessionUser) =>
      (
        await db().notification.findMany({
          where: { recipientId: user.id, link: { contains: rosterId } },
          orderBy: { id: "asc" },
        })
      ).map((row) => row.kind);
    const awaiting = "LIST_AWAITING_CONFIRMATION";
    expect(await kinds(county)).toEqual([awaiting, awaiting, awaiting, awaiting, "WITHDRAWAL_REQUESTED"]);
    expect(await kinds(officer)).toEqual(["SUPERVISOR_REFUSED"]);
    for (const user of [city, otherCounty, otherOfficer, leader]) expect(await kinds(user)).toEqual([]);
    const refusal = await db().notification.findFirstOrThrow({ where: { recipientId: officer.id } });
    expect(refusal.body).toContain("公示未张贴");
  });

  it("refuses to publicise a December list without an attachment and writes nothing", async () => {
    const built = await buildMonthlyList(officer, { programmeId, month: 12 });
    if (!built.ok) throw new Error(built.message);
    await step(leader, built.data.rosterId, { kind: "SCHOOL_REVIEW", pass: true });
    await step(county, built.data.rosterId, { kind: "SUPERVISOR_REVIEW", pass: true });
    const refused = await changeMonthlyList(officer, built.data.rosterId, { kind: "PUBLICISE" });
    expect(refused).toMatchObject({
      ok: false,
      code: "REFUSED",
      message: "12月的名单公示必须上传公示附件（PDF 或图片）。",
    });
    expect((await states(built.data.rosterId)).publicity).toBe("UNPUBLISHED");
    expect(await db().vocationalListHistory.count({ where: { rosterId: built.data.rosterId } })).toBe(3);
  });
});

describe("publicity attachments", () => {
  it("takes a PDF checked by content (not by name), refuses another school, and lets December be publicised", async () => {
    const built = await buildMonthlyList(officer, { programmeId: waiverId, month: 12 });
    if (!built.ok) throw new Error(built.message);
    const rosterId = built.data.rosterId;
    const fake = await attachPublicityFile(officer, rosterId, { originalName: "公示.pdf", bytes: FAKE_PDF });
    expect(fake).toMatchObject({ ok: false, code: "INVALID" });
    expect(
      await attachPublicityFile(otherOfficer, rosterId, { originalName: "公示.pdf", bytes: PDF }),
    ).toMatchObject({ ok: false, code: "NOT_FOUND" });
    expect(
      await attachPublicityFile(county, rosterId, { originalName: "公示.pdf", bytes: PDF }),
    ).toMatchObject({
      ok: false,
      code: "FORBIDDEN",
    });
    const attached = await attachPublicityFile(officer, rosterId, {
      originalName: "../公示.pdf",
      bytes: PDF,
    });
    expect(attached.ok).toBe(true);
    const stored = await db().evidenceFile.findFirstOrThrow({
      where: { vocationalListAttachment: { rosterId } },
    });
    expect(stored).toMatchObject({ mimeType: "application/pdf", purpose: "vocational_publicity" });
    expect(stored.originalName).not.toContain("/");
    // Encrypted at rest: the stored bytes are not the PDF.
    const files = fs
      .readdirSync(storageDir, { recursive: true, withFileTypes: true })
      .filter((f) => f.isFile());
    expect(files.length).toBeGreaterThan(0);
    for (const f of files)
      expect(fs.readFileSync(path.join(f.parentPath, f.name)).includes("%PDF")).toBe(false);

    await step(leader, rosterId, { kind: "SCHOOL_REVIEW", pass: true });
    await step(county, rosterId, { kind: "SUPERVISOR_REVIEW", pass: true });
    await step(officer, rosterId, { kind: "PUBLICISE" });
    expect(
      await attachPublicityFile(officer, rosterId, { originalName: "补充.pdf", bytes: PDF }),
    ).toMatchObject({
      ok: false,
      code: "REFUSED",
    });
  });
});
