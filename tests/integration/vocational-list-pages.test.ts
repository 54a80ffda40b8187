/**
 * What the 中职 monthly list pages read and the school's hand edits, on the real database
 * (lib/services/vocational-list-pages.ts, lib/services/vocational-roster-entries.ts): the school's and the
 * supervisor's lists filtered by month "YYYY-MM", programme, stage and to-do (the SQL agrees with the domain's
 * `listStage` / `matchesTodo`), scope (another county sees nothing, the city above sees without acting),
 * attachments opened only in scope and audited, edits as the EDIT transition with history, and the semester
 * roster overview not showing the monthly lists.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { SessionUser } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import { listStage, matchesTodo, SCHOOL_TODOS, SUPERVISOR_TODOS } from "@/lib/domain/vocational-list-view";
import { loadProgrammes } from "@/lib/services/aid-roster";
import { buildMonthlyList, changeMonthlyList } from "@/lib/services/vocational-roster";
import { attachPublicityFile } from "@/lib/services/vocational-roster-attachments";
import {
  openListAttachment,
  viewList,
  viewRegionLists,
  viewSchoolLists,
} from "@/lib/services/vocational-list-pages";
import { addListEntry, removeListEntry, setListEntryAmount } from "@/lib/services/vocational-roster-entries";
import { encryptedStorage, setEvidenceStorage } from "@/lib/storage";
import { LocalDiskStorage } from "@/lib/storage/local-disk";
import { makeApplication } from "../support/determination-fixtures";
import { makeCurrentTerm, makeRegionTree, makeSchool, makeStaff } from "../support/fixtures";
import { sessionUser } from "../support/session-user";

setEvidenceStorage(
  encryptedStorage(new LocalDiskStorage(fs.mkdtempSync(path.join(os.tmpdir(), "aid-vocp-")))),
);
const PDF = new TextEncoder().encode(
  "%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n",
);

let school: Awaited<ReturnType<typeof makeSchool>>;
let officer: SessionUser;
let leader: SessionUser;
let county: SessionUser;
let city: SessionUser;
let otherCounty: SessionUser;
let otherOfficer: SessionUser;
let subsidyId: string;
let waiverId: string;
let semesterProgrammeId: string;
let extraStudentNo: string;

async function supervisor(region: { id: string; path: string }) {
  const { user } = await makeStaff("SUPERVISOR", { regionId: region.id });
  return sessionUser(user, { regionPath: region.path });
}

async function step(user: SessionUser, rosterId: string, command: object, now?: Date) {
  const result = await changeMonthlyList(user, rosterId, command, now);
  if (!result.ok) throw new Error(result.message);
  return result.data.state;
}

async function build(programmeId: string, month: number) {
  const built = await buildMonthlyList(officer, { programmeId, month });
  if (!built.ok) throw new Error(built.message);
  return built.data.rosterId;
}

beforeAll(async () => {
  const tree = await makeRegionTree();
  const other = await makeRegionTree();
  school = await makeSchool(tree.county.id, "VOCATIONAL");
  const otherSchool = await makeSchool(other.county.id, "VOCATIONAL");
  const { term } = await makeCurrentTerm({ stage: "VOCATIONAL" });
  await db().aidTerm.update({ where: { id: term.id }, data: { academicYear: "2026-2027" } });
  const make = (kind: "SUBSIDY" | "FEE_WAIVER", period: "MONTHLY" | "SEMESTER") =>
    db().aidProgramme.create({
      data: {
        code: `vocp_${kind}_${period}_${Date.now()}`,
        name: kind === "SUBSIDY" ? "中职国家助学金" : "中职免学费",
        // The semester roster: another stage's programme, so it is not offered for a monthly list.
        stage: period === "MONTHLY" ? "VOCATIONAL" : "SENIOR",
        kind,
        period,
        eligibleLevels: ["HARDSHIP"],
      },
    });
  subsidyId = (await make("SUBSIDY", "MONTHLY")).id;
  waiverId = (await make("FEE_WAIVER", "MONTHLY")).id;
  semesterProgrammeId = (await make("SUBSIDY", "SEMESTER")).id;
  for (const id of [subsidyId, waiverId, semesterProgrammeId])
    await db().termProgramme.create({
      data: { termId: term.id, programmeId: id, amountMode: "FIXED", fixedAmountFen: 20_000 },
    });
  for (let index = 0; index < 2; index++) await makeApplication(school, "determined", { level: "HARDSHIP" });
  // A 不困难 student: not built into the list, added by hand.
  const extra = await makeApplication(school, "determined", { level: "NONE" });
  extraStudentNo = (await db().student.findUniqueOrThrow({ where: { id: extra.student.student.id } }))
    .studentNo;
  await db().roster.create({
    data: { termId: term.id, programmeId: semesterProgrammeId, schoolId: school.school.id },
  });
  officer = sessionUser((await makeStaff("SCHOOL_ADMIN", { schoolId: school.school.id })).user);
  leader = sessionUser((await makeStaff("SCHOOL_LEADER", { schoolId: school.school.id })).user);
  otherOfficer = sessionUser((await makeStaff("SCHOOL_ADMIN", { schoolId: otherSchool.school.id })).user);
  county = await supervisor(tree.county);
  city = await supervisor(tree.city);
  otherCounty = await supervisor(other.county);
});

describe("the semester roster overview", () => {
  it("does not show the monthly lists, only the semester roster", async () => {
    await build(subsidyId, 10);
    const overview = await loadProgrammes(officer);
    if (!overview.ok) throw new Error(overview.message);
    expect(overview.data.rosters.map((roster) => roster.programmeId)).toEqual([semesterProgrammeId]);
  });
});

describe("the school's and the supervisor's lists", () => {
  let october: string;
  let mayWaiver: string;
  let decemberSubsidy: string;
  let confirmed: string;

  beforeAll(async () => {
    october = await build(subsidyId, 10);
    mayWaiver = await build(waiverId, 5); // awaiting publicity, attachment missing
    await step(leader, mayWaiver, { kind: "SCHOOL_REVIEW", pass: true });
    await step(county, mayWaiver, { kind: "SUPERVISOR_REVIEW", pass: true });
    decemberSubsidy = await build(subsidyId, 12); // published (with attachment), awaiting confirmation
    await attachPublicityFile(officer, decemberSubsidy, { originalName: "公示.pdf", bytes: PDF });
    await step(leader, decemberSubsidy, { kind: "SCHOOL_REVIEW", pass: true });
    await step(county, decemberSubsidy, { kind: "SUPERVISOR_REVIEW", pass: true });
    await step(officer, decemberSubsidy, { kind: "PUBLICISE" }, new Date("2026-12-01T02:00:00Z"));
    confirmed = await build(subsidyId, 3); // confirmed, withdrawal requested
    await step(leader, confirmed, { kind: "SCHOOL_REVIEW", pass: true });
    await step(county, confirmed, { kind: "SUPERVISOR_REVIEW", pass: true });
    await step(officer, confirmed, { kind: "PUBLICISE" }, new Date("2027-03-01T02:00:00Z"));
    await step(county, confirmed, { kind: "CONFIRM" });
    await step(officer, confirmed, { kind: "RECORD_PAYMENT" }, new Date("2027-03-08T02:00:00Z"));
    await step(officer, confirmed, { kind: "REQUEST_WITHDRAWAL", comment: "名单有误" });
  });

  it("filters the school's lists by calendar month, programme and to-do, newest month first", async () => {
    const all = await viewSchoolLists(officer, {});
    if (!all.ok) throw new Error(all.message);
    expect(all.data.rows.map((row) => `${row.year}-${row.month}`)).toEqual([
      "2027-5",
      "2027-3",
      "2026-12",
      "2026-10",
    ]);
    const offered = all.data.programmes.map((programme) => programme.id);
    expect(offered).toEqual(expect.arrayContaining([subsidyId, waiverId]));
    expect(offered).not.toContain(semesterProgrammeId);
    const december = await viewSchoolLists(officer, { month: "2026-12" });
    expect(december.ok && december.data.rows.map((row) => row.rosterId)).toEqual([decemberSubsidy]);
    // December 2027 is another academic year: nothing.
    const later = await viewSchoolLists(officer, { month: "2027-12" });
    expect(later.ok && later.data.rows).toEqual([]);
    const waiver = await viewSchoolLists(officer, { programme: "FEE_WAIVER" });
    expect(waiver.ok && waiver.data.rows.map((row) => row.rosterId)).toEqual([mayWaiver]);
    const publicity = await viewSchoolLists(leader, { todo: "awaiting_publicity" });
    expect(publicity.ok && publicity.data.rows.map((row) => row.rosterId)).toEqual([mayWaiver]);
    const missing = await viewSchoolLists(officer, { month: "2027-05", todo: "attachment_missing" });
    expect(missing.ok && missing.data.rows.map((row) => row.rosterId)).toEqual([mayWaiver]);
    expect(missing.ok && missing.data.counts.byTodo).toMatchObject({
      awaiting_publicity: 1,
      attachment_missing: 1,
    });
    const paidRow = all.data.rows.find((row) => row.rosterId === confirmed)!;
    expect(paidRow).toMatchObject({ entries: 2, paidFen: 40_000, standardFen: 40_000 });
  });

  it("answers a malformed filter with the field named, and a supervisor's to-do is not the school's", async () => {
    expect(await viewSchoolLists(officer, { month: "2026/12" })).toMatchObject({
      ok: false,
      code: "INVALID",
      fieldErrors: { month: "月份格式应为 年-月，例如 2026-09" },
    });
    expect(await viewSchoolLists(officer, { todo: "awaiting_confirmation" })).toMatchObject({
      ok: false,
      fieldErrors: { todo: "待办类型无效" },
    });
    expect(await viewSchoolLists(county, {})).toMatchObject({ ok: false, code: "FORBIDDEN" });
  });

  it("shows the supervisor every list of the subtree with counts, and nothing of another county", async () => {
    const mine = await viewRegionLists(county, { todo: "awaiting_confirmation" });
    if (!mine.ok) throw new Error(mine.message);
    expect(mine.data.rows.map((row) => row.rosterId)).toEqual([decemberSubsidy]);
    expect(mine.data.rows[0]).toMatchObject({ schoolName: school.school.name, attachments: 1 });
    expect(mine.data.counts.byTodo).toMatchObject({ awaiting_confirmation: 1, withdrawal_pending: 1 });
    expect(mine.data.window.total).toBe(1);
    const withdrawal = await viewRegionLists(city, { month: "2027-03", todo: "withdrawal_pending" });
    expect(withdrawal.ok && withdrawal.data.rows.map((row) => row.rosterId)).toEqual([confirmed]);
    const stage = await viewRegionLists(county, { stage: "SCHOOL_REVIEW" });
    expect(stage.ok && stage.data.rows.map((row) => row.rosterId)).toEqual([october]);
    const others = await viewRegionLists(otherCounty, {});
    expect(others.ok && others.data.rows).toEqual([]);
    expect(await viewRegionLists(officer, {})).toMatchObject({ ok: false, code: "FORBIDDEN" });
  });

  it("agrees with the domain's stage and to-do rules for every list", async () => {
    const all = await viewRegionLists(county, {});
    if (!all.ok) throw new Error(all.message);
    const idsOf = (result: Awaited<ReturnType<typeof viewRegionLists>>) =>
      result.ok ? result.data.rows.map((row) => row.rosterId).sort() : null;
    for (const todo of [...SCHOOL_TODOS, ...SUPERVISOR_TODOS]) {
      const viaSql = (SCHOOL_TODOS as readonly string[]).includes(todo)
        ? idsOf(await viewSchoolLists(officer, { todo }))
        : idsOf(await viewRegionLists(county, { todo }));
      const viaDomain = all.data.rows
        .filter((row) => matchesTodo(todo, row.state, row.month, row.attachments))
        .map((row) => row.rosterId)
        .sort();
      expect(viaSql, todo).toEqual(viaDomain);
    }
    for (const row of all.data.rows) {
      const filtered = await viewRegionLists(county, { stage: listStage(row.state) });
      expect(filtered.ok && filtered.data.rows.map((other) => other.rosterId)).toContain(row.rosterId);
    }
  });

  it("opens a list in scope only: another county gets NOT_FOUND, the city above sees it without acting", async () => {
    const own = await viewList(county, decemberSubsidy);
    expect(own.ok && own.data.direct).toBe(true);
    const above = await viewList(city, decemberSubsidy);
    expect(above.ok && above.data.direct).toBe(false);
    expect(await viewList(otherCounty, decemberSubsidy)).toMatchObject({ ok: false, code: "NOT_FOUND" });
    expect(await viewList(otherOfficer, decemberSubsidy)).toMatchObject({ ok: false, code: "NOT_FOUND" });
    const withHistory = await viewList(officer, confirmed);
    if (!withHistory.ok) throw new Error(withHistory.message);
    expect(withHistory.data.detail.vocationalHistory.map((row) => row.action)).toEqual([
      "BUILD",
      "SCHOOL_REVIEW",
      "SUPERVISOR_REVIEW",
      "PUBLICISE",
      "CONFIRM",
      "RECORD_PAYMENT",
      "REQUEST_WITHDRAWAL",
    ]);
    expect(withHistory.data.paymentBlocked).toContain("公示退回申请正在审核中");
  });

  it("serves an attachment to the county (audited) and to nobody outside the school's subtree", async () => {
    const own = await viewList(county, decemberSubsidy);
    if (!own.ok) throw new Error(own.message);
    const evidenceId = own.data.detail.vocationalList!.attachments[0]!.evidenceFile.id;
    const opened = await openListAttachment(county, decemberSubsidy, evidenceId, "203.0.113.9");
    expect(opened.ok && Buffer.from(opened.data.bytes).equals(Buffer.from(PDF))).toBe(true);
    const audited = await db().auditLog.findFirst({
      where: { action: "vocational_list.attachment_viewed", targetId: evidenceId, actorUserId: county.id },
    });
    expect(audited).toMatchObject({ schoolId: school.school.id, ip: "203.0.113.9" });
    expect(await openListAttachment(otherCounty, decemberSubsidy, evidenceId)).toMatchObject({ status: 404 });
    expect(await openListAttachment(otherOfficer, decemberSubsidy, evidenceId)).toMatchObject({
      status: 404,
    });
    // The file of one list cannot be opened through another list of the same school.
    expect(await openListAttachment(officer, october, evidenceId)).toMatchObject({ status: 404 });
  });
});

describe("资助名单录入 by hand", () => {
  it("removes, adds and changes amounts as EDIT steps with history, and refuses once published", async () => {
    const rosterId = await build(subsidyId, 11);
    await step(leader, rosterId, { kind: "SCHOOL_REVIEW", pass: false, comment: "缺少一名学生" });
    // The typed amount is the actual amount, never the standard: above the standard only with a reason.
    expect(await addListEntry(officer, rosterId, { studentNo: extraStudentNo, amount: "250" })).toMatchObject(
      {
        ok: false,
        code: "INVALID",
        fieldErrors: { reason: "实发金额250.00元高于资助标准200.00元，请在“超标准发放原因”中写明原因。" },
      },
    );
    const added = await addListEntry(officer, rosterId, { studentNo: extraStudentNo, amount: "150" });
    expect(added.ok).toBe(true);
    const afterAdd = await db().vocationalList.findUniqueOrThrow({ where: { rosterId } });
    expect(afterAdd.schoolReview).toBe("PENDING");
    expect(await addListEntry(officer, rosterId, { studentNo: extraStudentNo, amount: "150" })).toMatchObject(
      {
        ok: false,
        code: "CONFLICT",
      },
    );
    expect(await addListEntry(officer, rosterId, { studentNo: "NOPE", amount: "150" })).toMatchObject({
      ok: false,
      fieldErrors: { studentNo: "本校没有该学籍号的中职在读学生" },
    });
    expect(
      await addListEntry(officer, rosterId, { studentNo: extraStudentNo, amount: "1.234" }),
    ).toMatchObject({ ok: false, fieldErrors: { amount: "实发金额请填写金额（元，最多两位小数），如 200" } });
    const entries = await db().rosterEntry.findMany({
      where: { rosterId },
      orderBy: [{ actualAmountFen: { sort: "asc", nulls: "last" } }, { id: "asc" }],
    });
    // The hand-added student's standard is the programme's in the term, as for the built ones.
    expect(entries.map((entry) => [entry.amountFen, entry.actualAmountFen])).toEqual([
      [20_000, 15_000],
      [20_000, null],
      [20_000, null],
    ]);
    const [handAdded, built] = [entries[0]!, entries[1]!];
    expect(await setListEntryAmount(officer, rosterId, { entryId: built.id, amount: "250" })).toMatchObject({
      ok: false,
      code: "INVALID",
      fieldErrors: { reason: "实发金额250.00元高于资助标准200.00元，请在“超标准发放原因”中写明原因。" },
    });
    expect((await setListEntryAmount(officer, rosterId, { entryId: built.id, amount: "120.5" })).ok).toBe(
      true,
    );
    expect((await db().rosterEntry.findUniqueOrThrow({ where: { id: built.id } })).actualAmountFen).toBe(
      12_050,
    );
    expect((await removeListEntry(officer, rosterId, handAdded.id)).ok).toBe(true);
    expect(await removeListEntry(leader, rosterId, built.id)).toMatchObject({ ok: false, code: "FORBIDDEN" });
    expect(await removeListEntry(otherOfficer, rosterId, built.id)).toMatchObject({
      ok: false,
      code: "NOT_FOUND",
    });

    await step(leader, rosterId, { kind: "SCHOOL_REVIEW", pass: true });
    expect(await removeListEntry(officer, rosterId, built.id)).toMatchObject({
      ok: false,
      code: "REFUSED",
      message: "名单已通过学校审核，正等待主管部门审核，不能修改。",
    });
    const history = await db().vocationalListHistory.findMany({
      where: { rosterId },
      orderBy: [{ at: "asc" }, { id: "asc" }],
    });
    expect(history.map((row) => row.action)).toEqual([
      "BUILD",
      "SCHOOL_REVIEW",
      "EDIT",
      "EDIT",
      "EDIT",
      "SCHOOL_REVIEW",
    ]);
    expect(history[4]!.comment).toContain("移出");
    expect(await db().rosterEntry.count({ where: { rosterId } })).toBe(2);
  });

  it("does not let a 免学费 list's amounts be changed by hand", async () => {
    const rosterId = await build(waiverId, 11);
    const entry = await db().rosterEntry.findFirstOrThrow({ where: { rosterId } });
    expect(await setListEntryAmount(officer, rosterId, { entryId: entry.id, amount: "100" })).toMatchObject({
      ok: false,
      code: "REFUSED",
    });
  });
});

describe("the standard amount of a hand-added student", () => {
  it("is the programme's amount for the student's level in the term, whatever amount is typed", async () => {
    const byLevel = await db().aidProgramme.create({
      data: {
        code: `vocp_level_${Date.now()}`,
        name: "中职国家助学金（分档）",
        stage: "VOCATIONAL",
        kind: "SUBSIDY",
        period: "MONTHLY",
        eligibleLevels: ["HARDSHIP"],
      },
    });
    const { termId } = await db().termProgramme.findFirstOrThrow({ where: { programmeId: subsidyId } });
    await db().termProgramme.create({
      data: {
        termId,
        programmeId: byLevel.id,
        amountMode: "BY_LEVEL",
        amountSpecialFen: 25_000,
        amountHardshipFen: 20_000,
        amountGeneralFen: 10_000,
      },
    });
    const rosterId = await build(byLevel.id, 12);
    // A 困难 student taken off and added back by hand: the 困难 amount, not the typed one.
    const removed = await db().rosterEntry.findFirstOrThrow({
      where: { rosterId },
      select: { id: true, studentId: true, student: { select: { studentNo: true } } },
    });
    expect((await removeListEntry(officer, rosterId, removed.id)).ok).toBe(true);
    expect(
      await addListEntry(officer, rosterId, {
        studentNo: removed.student.studentNo,
        amount: "260",
        reason: "含上月补发",
      }),
    ).toMatchObject({ ok: true });
    expect(
      await db().rosterEntry.findFirstOrThrow({ where: { rosterId, studentId: removed.studentId } }),
    ).toMatchObject({
      level: "HARDSHIP",
      amountFen: 20_000,
      actualAmountFen: 26_000,
      overStandardReason: "含上月补发",
    });
    // No amount typed: the standard is paid; a 不困难 level has no amount of its own (the build's rule).
    expect((await addListEntry(officer, rosterId, { studentNo: extraStudentNo, amount: "" })).ok).toBe(true);
    expect(
      await db().rosterEntry.findFirstOrThrow({
        where: { rosterId, student: { studentNo: extraStudentNo } },
      }),
    ).toMatchObject({ amountFen: 25_000, actualAmountFen: null });
  });
});

describe("a 中职 programme paid by semester", () => {
  it("is not offered for a monthly list, and building one is refused in Chinese", async () => {
    const semester = await db().aidProgramme.create({
      data: {
        code: `vocp_semester_${Date.now()}`,
        name: "中职学期资助",
        stage: "VOCATIONAL",
        kind: "SUBSIDY",
        period: "SEMESTER",
        eligibleLevels: ["HARDSHIP"],
      },
    });
    const { termId } = await db().termProgramme.findFirstOrThrow({ where: { programmeId: subsidyId } });
    await db().termProgramme.create({
      data: { termId, programmeId: semester.id, amountMode: "FIXED", fixedAmountFen: 20_000 },
    });
    const all = await viewSchoolLists(officer, {});
    expect(all.ok && all.data.programmes.map((programme) => programme.id)).not.toContain(semester.id);
    expect(await buildMonthlyList(officer, { programmeId: semester.id, month: 1 })).toMatchObject({
      ok: false,
      code: "REFUSED",
      message: "“中职学期资助”按学期发放，不能生成月度名单；请在“资助名单”页面按学期生成名单。",
    });
    expect(await db().roster.count({ where: { programmeId: semester.id } })).toBe(0);
  });
});
