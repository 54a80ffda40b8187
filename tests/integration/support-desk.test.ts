/**
 * The support desk on the real database (lib/services/support-desk.ts): filing from the account into the right
 * queue, first-taker ownership under two concurrent takers, passing up level by level with the filer following
 * every step, a county never seeing another county's problems, internal notes never reaching the filer, closing
 * and the filer's confirmation, deadlines and the progress list, the holiday calendar as data.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SessionUser } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import { takeProblem } from "@/lib/db/support.repo";
import { isWorkingDay } from "@/lib/domain/working-days";
import { addHolidayDays } from "@/lib/services/holiday-calendar";
import { runHousekeeping } from "@/lib/services/housekeeping";
import { schoolCalendar } from "@/lib/services/publicity";
import {
  confirmSupportProblem,
  convertSignInProblem,
  fileSupportProblem,
  loadOwnSupportProblems,
  loadSupportCounts,
  loadSupportProblem,
  loadSupportProgress,
  loadSupportQueue,
  openSupportFile,
  passUpSupportProblem,
  postSupportMessage,
  reopenSupportProblem,
  resolveSupportProblem,
  takeSupportProblem,
} from "@/lib/services/support-desk";
import { makeRegionTree, makeSchool, makeStaff } from "../support/fixtures";
import { sessionUser } from "../support/session-user";

const bytes = (...parts: (string | number[])[]) =>
  new Uint8Array(
    Buffer.concat(parts.map((p) => (typeof p === "string" ? Buffer.from(p, "latin1") : Buffer.from(p)))),
  );
const JPEG = bytes([0xff, 0xd8, 0xff, 0xe0, 0, 0x10], "JFIF\0", "x".repeat(2000), [0xff, 0xd9]);
const POLYGLOT = bytes(
  "%PDF-1.4\n<html><body><script>document.location='//evil'</script></body></html>\n%%EOF\n",
);

/** Friday 2026-11-20, 10:00 in Beijing. */
const FRIDAY = new Date("2026-11-20T02:00:00Z");
const at = (day: string) => new Date(`${day}T02:00:00Z`);

type Region = { id: string; path: string };
const supervisorOf = async (region: Region) =>
  sessionUser((await makeStaff("SUPERVISOR", { regionId: region.id })).user, { regionPath: region.path });
const staffOf = async (role: "TEACHER" | "SCHOOL_ADMIN" | "SCHOOL_LEADER", schoolId: string) =>
  sessionUser((await makeStaff(role, { schoolId })).user);

let province: Region, city: Region, countyA: Region, countyB: Region;
let schoolA: Awaited<ReturnType<typeof makeSchool>>, schoolB: Awaited<ReturnType<typeof makeSchool>>;
let teacherA: SessionUser, adminA1: SessionUser, adminA2: SessionUser, leaderA: SessionUser;
let adminB: SessionUser;
let countyASup1: SessionUser, countyASup2: SessionUser, countyBSup: SessionUser;
let citySup: SessionUser, provinceSup: SessionUser;

const technical = {
  category: "TECHNICAL",
  subcategory: "BUG",
  description: "点击“提交核实”后页面报错，无法核实。",
  contact: "020-87654321",
};

async function fileAs(user: SessionUser, input: Record<string, string> = technical, now = FRIDAY) {
  const filed = await fileSupportProblem(user, input, [], now);
  if (!filed.ok) throw new Error(filed.message);
  return filed.data.id;
}

beforeAll(async () => {
  const a = await makeRegionTree();
  const b = await makeRegionTree();
  province = a.province;
  city = a.city;
  countyA = a.county;
  countyB = b.county;
  schoolA = await makeSchool(countyA.id, "SENIOR");
  schoolB = await makeSchool(countyB.id, "SENIOR");
  teacherA = await staffOf("TEACHER", schoolA.school.id);
  adminA1 = await staffOf("SCHOOL_ADMIN", schoolA.school.id);
  adminA2 = await staffOf("SCHOOL_ADMIN", schoolA.school.id);
  leaderA = await staffOf("SCHOOL_LEADER", schoolA.school.id);
  adminB = await staffOf("SCHOOL_ADMIN", schoolB.school.id);
  countyASup1 = await supervisorOf(countyA);
  countyASup2 = await supervisorOf(countyA);
  countyBSup = await supervisorOf(countyB);
  citySup = await supervisorOf(city);
  provinceSup = await supervisorOf(province);
});

describe("filing (issue 21 item 1)", () => {
  it("files a teacher's problem from the account into the school's queue, with the subject of seed 001 and a screenshot", async () => {
    const filed = await fileSupportProblem(
      teacherA,
      { ...technical, urgent: "on", pagePath: "/console/teacher/applications" },
      [{ originalName: "截图.jpg", bytes: JPEG }],
      FRIDAY,
    );
    expect(filed.ok).toBe(true);
    if (!filed.ok) return;
    const row = await db().supportProblem.findUniqueOrThrow({ where: { id: filed.data.id } });
    expect(row).toMatchObject({
      subject: "广州市-普通高中-技术类问题",
      category: "TECHNICAL",
      subcategory: "BUG",
      stage: "SENIOR",
      urgent: true,
      pagePath: "/console/teacher/applications",
      filerRole: "TEACHER",
      filerName: teacherA.displayName === "x" ? row.filerName : teacherA.displayName,
      filerUnit: (await db().school.findUniqueOrThrow({ where: { id: schoolA.school.id } })).name,
      filerContact: "020-87654321",
      level: "SCHOOL",
      queueSchoolId: schoolA.school.id,
      queueRegionId: null,
      ownerId: null,
      state: "QUEUED",
    });
    // 技术类: 3 working days after Friday 2026-11-20 → Wednesday 25
    expect(row.deadline.toISOString().slice(0, 10)).toBe("2026-11-25");
    const view = await loadSupportProblem(teacherA, filed.data.id, FRIDAY);
    expect(view.ok).toBe(true);
    if (!view.ok) return;
    expect(view.data.events.map((e) => e.action)).toEqual(["FILE"]);
    expect(view.data.files).toHaveLength(1);
    const opened = await openSupportFile(teacherA, view.data.files[0]!.id);
    expect(opened.ok).toBe(true);
    if (opened.ok) {
      expect(opened.data.mimeType).toBe("image/jpeg");
      expect(Buffer.from(opened.data.bytes).equals(Buffer.from(JPEG))).toBe(true);
    }
    // Encrypted at rest: the stored object is not the plain bytes.
    const evidence = await db().evidenceFile.findUniqueOrThrow({ where: { id: view.data.files[0]!.id } });
    expect(await db().storedFileKey.findUnique({ where: { objectKey: evidence.storageKey } })).not.toBeNull();
  });

  it("refuses a file carrying script by its content, and writes nothing", async () => {
    const before = await db().supportProblem.count({ where: { filerId: teacherA.id } });
    const filed = await fileSupportProblem(teacherA, technical, [
      { originalName: "截图.pdf", bytes: POLYGLOT },
    ]);
    expect(filed.ok).toBe(false);
    if (filed.ok) return;
    expect(filed.code).toBe("INVALID");
    expect(Object.keys(filed.fieldErrors ?? {})).toEqual(["files"]);
    expect(await db().supportProblem.count({ where: { filerId: teacherA.id } })).toBe(before);
  });

  it("names the field when the kind does not fit the category", async () => {
    const filed = await fileSupportProblem(teacherA, { ...technical, category: "SUGGESTION" });
    expect(filed.ok).toBe(false);
    if (!filed.ok) expect(Object.keys(filed.fieldErrors ?? {})).toEqual(["subcategory"]);
  });

  it("sends a school's problem to its county and a county's to its city", async () => {
    const fromLeader = await fileAs(leaderA, { ...technical, category: "USER_REQUEST", subcategory: "" });
    expect(await db().supportProblem.findUniqueOrThrow({ where: { id: fromLeader } })).toMatchObject({
      level: "COUNTY",
      queueRegionId: countyA.id,
      subject: "广州市-普通高中-用户申请",
    });
    const fromCounty = await fileAs(countyASup1, { ...technical, category: "SUGGESTION", subcategory: "" });
    expect(await db().supportProblem.findUniqueOrThrow({ where: { id: fromCounty } })).toMatchObject({
      level: "CITY",
      queueRegionId: city.id,
      subject: "广州市-全学段-需求建议",
      stage: null,
    });
  });

  it("lets the school admin turn a sign-in problem into a ticket, once", async () => {
    const signIn = await db().signInProblem.create({
      data: {
        schoolId: schoolA.school.id,
        classId: schoolA.klass.id,
        subjectName: "李小明",
        subjectRole: "STUDENT",
        description: "激活时提示身份证号不匹配",
        reportedById: teacherA.id,
      },
    });
    expect((await convertSignInProblem(adminB, signIn.id, { contact: "13800000000" })).ok).toBe(false);
    const converted = await convertSignInProblem(adminA1, signIn.id, {
      contact: "13800000000",
      note: "已核对学籍",
    });
    expect(converted.ok).toBe(true);
    if (!converted.ok) return;
    const ticket = await db().supportProblem.findUniqueOrThrow({ where: { id: converted.data.id } });
    expect(ticket).toMatchObject({
      category: "APPLICATION",
      subcategory: "SIGN_IN",
      signInProblemId: signIn.id,
      level: "COUNTY",
      filerId: adminA1.id,
    });
    expect(ticket.description).toContain("李小明");
    const again = await convertSignInProblem(adminA1, signIn.id, { contact: "13800000000" });
    expect(again.ok ? null : again.code).toBe("NOT_FOUND");
  });
});

describe("first-taker ownership (首接负责制)", () => {
  it("of two concurrent transactions taking the same problem exactly one wins; the other is told who owns it", async () => {
    const id = await fileAs(teacherA);
    let entered!: () => void;
    let release!: () => void;
    const inside = new Promise<void>((resolve) => (entered = resolve));
    const held = new Promise<void>((resolve) => (release = resolve));
    // Transaction 1 takes the problem and keeps its transaction open…
    const first = db().$transaction(
      async (tx) => {
        const taken = await takeProblem(tx, id, adminA1.id, { schoolId: schoolA.school.id });
        entered();
        await held;
        return taken;
      },
      { timeout: 20_000 },
    );
    await inside;
    // …while transaction 2 (the service) tries to take it: its UPDATE waits for the row lock.
    const second = takeSupportProblem(adminA2, id);
    await new Promise((resolve) => setTimeout(resolve, 300));
    release();
    const [won, lost] = await Promise.all([first, second]);
    expect(won).not.toBeNull();
    expect(lost.ok).toBe(false);
    if (!lost.ok) {
      expect(lost.code).toBe("CONFLICT");
      expect(lost.message).toContain("首接负责制");
    }
    expect(await db().supportProblem.findUniqueOrThrow({ where: { id } })).toMatchObject({
      ownerId: adminA1.id,
      state: "TAKEN",
    });
  });

  it("two handlers taking at once through the service: one owner, one TAKE step", async () => {
    for (let round = 0; round < 3; round++) {
      const id = await fileAs(teacherA);
      const results = await Promise.all([takeSupportProblem(adminA1, id), takeSupportProblem(adminA2, id)]);
      expect(results.filter((r) => r.ok)).toHaveLength(1);
      expect(results.find((r) => !r.ok)).toMatchObject({ ok: false, code: "CONFLICT" });
      expect(await db().supportEvent.count({ where: { problemId: id, action: "TAKE" } })).toBe(1);
    }
  });
});

describe("passing up level by level, and the filer's view (issue 21 item 2)", () => {
  let id: string;
  beforeAll(async () => {
    id = await fileAs(teacherA);
  });

  it("passes up only by the owner, with what was tried", async () => {
    expect((await takeSupportProblem(adminA1, id)).ok).toBe(true);
    const notOwner = await passUpSupportProblem(adminA2, id, { tried: "重启浏览器" });
    expect(notOwner.ok ? null : notOwner.code).toBe("REFUSED");
    const noTried = await passUpSupportProblem(adminA1, id, { tried: " " });
    expect(noTried.ok ? null : Object.keys(noTried.fieldErrors ?? {})).toEqual(["tried"]);
    const passed = await passUpSupportProblem(adminA1, id, { tried: "已清除缓存、换用其他浏览器，仍报错" });
    expect(passed.ok).toBe(true);
    expect(await db().supportProblem.findUniqueOrThrow({ where: { id } })).toMatchObject({
      level: "COUNTY",
      queueSchoolId: null,
      queueRegionId: countyA.id,
      ownerId: null,
      state: "QUEUED",
    });
  });

  it("another county never sees, takes or opens it", async () => {
    const take = await takeSupportProblem(countyBSup, id);
    expect(take.ok ? null : take.code).toBe("NOT_FOUND");
    const view = await loadSupportProblem(countyBSup, id);
    expect(view.ok ? null : view.code).toBe("NOT_FOUND");
    const progress = await loadSupportProgress(countyBSup, {});
    expect(progress.ok && progress.data.rows.some((row) => row.id === id)).toBe(false);
    const otherSchool = await loadSupportProblem(adminB, id);
    expect(otherSchool.ok ? null : otherSchool.code).toBe("NOT_FOUND");
    // The county's own progress list has it, waiting in its queue.
    const own = await loadSupportProgress(countyASup1, {});
    expect(own.ok && own.data.rows.find((row) => row.id === id)?.inMyQueue).toBe(true);
  });

  it("the city takes it only after the county passed it up; the filer follows every step", async () => {
    const tooEarly = await takeSupportProblem(citySup, id);
    expect(tooEarly.ok ? null : tooEarly.code).toBe("REFUSED");
    expect((await takeSupportProblem(countyASup1, id)).ok).toBe(true);
    expect((await passUpSupportProblem(countyASup1, id, { tried: "县级无法复现，需市级查看日志" })).ok).toBe(
      true,
    );
    expect((await takeSupportProblem(citySup, id)).ok).toBe(true);
    const view = await loadSupportProblem(teacherA, id);
    expect(view.ok).toBe(true);
    if (!view.ok) return;
    expect(view.data.events.map((e) => [e.action, e.level, e.toLevel])).toEqual([
      ["FILE", "SCHOOL", null],
      ["TAKE", "SCHOOL", null],
      ["PASS_UP", "SCHOOL", "COUNTY"],
      ["TAKE", "COUNTY", null],
      ["PASS_UP", "COUNTY", "CITY"],
      ["TAKE", "CITY", null],
    ]);
    expect(view.data.events[2]!.comment).toBe("已清除缓存、换用其他浏览器，仍报错");
    expect(view.data.problem.owner?.displayName).toBeDefined();
    const own = await loadOwnSupportProblems(teacherA);
    expect(own.ok && own.data.find((row) => row.id === id)?.level).toBe("CITY");
  });

  it("the province cannot pass further up", async () => {
    const top = await fileAs(citySup, { ...technical, category: "SUGGESTION", subcategory: "" });
    expect((await takeSupportProblem(provinceSup, top)).ok).toBe(true);
    const up = await passUpSupportProblem(provinceSup, top, { tried: "无" });
    expect(up.ok ? null : up.code).toBe("REFUSED");
  });
});

describe("conversation: replies, internal notes, closing and confirming (issue 21 item 4)", () => {
  let id: string;
  let noteFileId: string;
  beforeAll(async () => {
    id = await fileAs(leaderA);
    const taken = await takeSupportProblem(countyASup1, id);
    if (!taken.ok) throw new Error(taken.message);
  });

  it("shows the filer the replies but never an internal note or its file", async () => {
    expect((await postSupportMessage(countyASup1, id, { body: "请提供出错时的截图。" })).ok).toBe(true);
    const note = await postSupportMessage(
      countyASup2,
      id,
      { body: "疑似权限配置问题，先不要告诉学校。", internal: "on" },
      [{ originalName: "日志.jpg", bytes: JPEG }],
    );
    expect(note.ok).toBe(true);
    const notOwnerReply = await postSupportMessage(countyASup2, id, { body: "我来回复" });
    expect(notOwnerReply.ok ? null : notOwnerReply.code).toBe("REFUSED");
    const filerNote = await postSupportMessage(leaderA, id, { body: "内部？", internal: "on" });
    expect(filerNote.ok ? null : filerNote.code).toBe("FORBIDDEN");
    expect(
      (
        await postSupportMessage(leaderA, id, { body: "截图见附件。" }, [
          { originalName: "a.jpg", bytes: JPEG },
        ])
      ).ok,
    ).toBe(true);

    const handlerView = await loadSupportProblem(countyASup2, id);
    expect(handlerView.ok).toBe(true);
    if (!handlerView.ok) return;
    const internal = handlerView.data.messages.find((m) => m.internal)!;
    expect(internal.body).toContain("权限配置");
    noteFileId = internal.attachments[0]!.evidenceFile.id;

    const filerView = await loadSupportProblem(leaderA, id);
    expect(filerView.ok).toBe(true);
    if (!filerView.ok) return;
    expect(filerView.data.messages.map((m) => m.body)).toEqual(["请提供出错时的截图。", "截图见附件。"]);
    expect(JSON.stringify(filerView.data)).not.toContain("权限配置");
    expect((await openSupportFile(leaderA, noteFileId)).ok).toBe(false);
    expect(await openSupportFile(leaderA, noteFileId)).toMatchObject({ status: 404 });
    expect((await openSupportFile(countyASup1, noteFileId)).ok).toBe(true);
    expect(await openSupportFile(countyBSup, noteFileId)).toMatchObject({ status: 404 });
  });

  it("closes with a resolution; the filer reopens within 5 working days, then confirms and rates", async () => {
    const empty = await resolveSupportProblem(countyASup1, id, { resolution: "" });
    expect(empty.ok ? null : Object.keys(empty.fieldErrors ?? {})).toEqual(["resolution"]);
    const notOwner = await resolveSupportProblem(countyASup2, id, { resolution: "已处理" });
    expect(notOwner.ok ? null : notOwner.code).toBe("REFUSED");
    expect(
      (await resolveSupportProblem(countyASup1, id, { resolution: "已调整角色权限。" }, FRIDAY)).ok,
    ).toBe(true);
    expect(await db().supportProblem.findUniqueOrThrow({ where: { id } })).toMatchObject({
      state: "RESOLVED",
    });
    // Confirm by: 5 working days after Friday 2026-11-20 → Friday 27.
    const row = await db().supportProblem.findUniqueOrThrow({ where: { id } });
    expect(row.confirmBy?.toISOString().slice(0, 10)).toBe("2026-11-27");

    const reopened = await reopenSupportProblem(leaderA, id, { reason: "仍然无法提交" }, at("2026-11-23"));
    expect(reopened.ok).toBe(true);
    expect(await db().supportProblem.findUniqueOrThrow({ where: { id } })).toMatchObject({
      state: "TAKEN",
      ownerId: countyASup1.id,
      resolution: null,
    });
    expect(
      (await resolveSupportProblem(countyASup1, id, { resolution: "已修复。" }, at("2026-11-23"))).ok,
    ).toBe(true);
    const badRating = await confirmSupportProblem(leaderA, id, { rating: "6" });
    expect(badRating.ok ? null : Object.keys(badRating.fieldErrors ?? {})).toEqual(["rating"]);
    const notFiler = await confirmSupportProblem(adminA1, id, { rating: "5" });
    expect(notFiler.ok ? null : notFiler.code).toBe("NOT_FOUND");
    expect((await confirmSupportProblem(leaderA, id, { rating: "4" })).ok).toBe(true);
    expect(await db().supportProblem.findUniqueOrThrow({ where: { id } })).toMatchObject({
      state: "CLOSED",
      rating: 4,
    });
    const afterClose = await reopenSupportProblem(leaderA, id, { reason: "又坏了" });
    expect(afterClose.ok ? null : afterClose.code).toBe("REFUSED");
    const view = await loadSupportProblem(leaderA, id);
    expect(view.ok && view.data.events.map((e) => e.action).slice(-4)).toEqual([
      "RESOLVE",
      "REOPEN",
      "RESOLVE",
      "CONFIRM",
    ]);
  });

  it("refuses to reopen after the 5 working days", async () => {
    const late = await fileAs(leaderA);
    expect((await takeSupportProblem(countyASup1, late)).ok).toBe(true);
    expect((await resolveSupportProblem(countyASup1, late, { resolution: "已答复" }, FRIDAY)).ok).toBe(true);
    const reopened = await reopenSupportProblem(leaderA, late, { reason: "没解决" }, at("2026-11-30"));
    expect(reopened.ok ? null : reopened.code).toBe("REFUSED");
  });

  it("closes an answer the filer left unconfirmed once the 5 working days passed (housekeeping job)", async () => {
    const lapsed = await fileAs(leaderA);
    expect((await takeSupportProblem(countyASup1, lapsed)).ok).toBe(true);
    // Answered Friday 20 November: the filer may confirm or reopen until Friday 27 November.
    expect((await resolveSupportProblem(countyASup1, lapsed, { resolution: "已答复" }, FRIDAY)).ok).toBe(
      true,
    );
    const state = async () => (await db().supportProblem.findUniqueOrThrow({ where: { id: lapsed } })).state;
    await runHousekeeping(at("2026-11-27"));
    expect(await state()).toBe("RESOLVED");
    const report = await runHousekeeping(at("2026-11-28"));
    expect(report.supportAutoClosed).toBeGreaterThanOrEqual(1);
    expect(await state()).toBe("CLOSED");
    const view = await loadSupportProblem(leaderA, lapsed, at("2026-11-30"));
    expect(view.ok && view.data.events.map((e) => e.action).slice(-2)).toEqual(["RESOLVE", "AUTO_CLOSE"]);
    expect(view.ok && view.data.can.confirm).toBe(false);
    const confirmed = await confirmSupportProblem(leaderA, lapsed, { rating: 5 });
    expect(confirmed.ok).toBe(false);
  });
});

describe("deadlines and the progress list (issue 21 item 3)", () => {
  let school: Awaited<ReturnType<typeof makeSchool>>;
  let teacher: SessionUser, admin: SessionUser;
  let old: string, recent: string;
  beforeAll(async () => {
    school = await makeSchool(countyA.id, "SENIOR");
    teacher = await staffOf("TEACHER", school.school.id);
    admin = await staffOf("SCHOOL_ADMIN", school.school.id);
    // 应用类 filed Monday 2026-11-02: due Wednesday 4.
    old = await fileAs(
      teacher,
      { ...technical, category: "APPLICATION", subcategory: "OPERATION" },
      at("2026-11-02"),
    );
    recent = await fileAs(teacher, technical, FRIDAY);
  });

  it("lists overdue problems first, saying so in words", async () => {
    const progress = await loadSupportProgress(admin, {}, at("2026-11-24"));
    expect(progress.ok).toBe(true);
    if (!progress.ok) return;
    expect(progress.data.rows.map((row) => row.id)).toEqual([old, recent]);
    const [first, second] = progress.data.rows;
    expect(first!.status).toMatchObject({ overdue: true, text: "已超期 14 个工作日" });
    expect(second!.status).toMatchObject({ overdue: false, text: "剩余 1 个工作日" });
    expect(first!.deadlineDay).toBe("2026-11-04");
  });

  it("filters by category, owner, level and state", async () => {
    const byCategory = await loadSupportProgress(admin, { category: "APPLICATION" }, at("2026-11-24"));
    expect(byCategory.ok && byCategory.data.rows.map((row) => row.id)).toEqual([old]);
    expect((await takeSupportProblem(admin, recent)).ok).toBe(true);
    const mine = await loadSupportProgress(admin, { owner: "me" }, at("2026-11-24"));
    expect(mine.ok && mine.data.rows.map((row) => row.id)).toEqual([recent]);
    const nobody = await loadSupportProgress(admin, { owner: "none" }, at("2026-11-24"));
    expect(nobody.ok && nobody.data.rows.map((row) => row.id)).toEqual([old]);
    const county = await loadSupportProgress(admin, { level: "COUNTY" }, at("2026-11-24"));
    expect(county.ok && county.data.rows).toEqual([]);
    const closed = await loadSupportProgress(admin, { state: "CLOSED" }, at("2026-11-24"));
    expect(closed.ok && closed.data.rows).toEqual([]);
    const nonsense = await loadSupportProgress(admin, { state: "'; DROP TABLE" }, at("2026-11-24"));
    expect(nonsense.ok && nonsense.data.rows.length).toBe(2);
  });

  it("counts open and overdue problems per level for the console home", async () => {
    expect(await loadSupportCounts(admin, at("2026-11-24"))).toEqual([
      { level: "SCHOOL", open: 2, overdue: 1 },
    ]);
    expect(await loadSupportCounts(teacher, at("2026-11-24"))).toBeNull();
  });

  it("is refused to a teacher", async () => {
    const refused = await loadSupportProgress(teacher, {});
    expect(refused.ok ? null : refused.code).toBe("FORBIDDEN");
  });
});

describe("the holiday calendar as data (issue 21 item 3)", () => {
  const days2027 = ["2027-01-01", "2027-01-02", "2027-01-03"].map((day) => new Date(`${day}T00:00:00Z`));
  afterAll(async () => {
    await db().holidayCalendarDay.deleteMany({ where: { day: { in: days2027 } } });
  });

  it("a province supervisor adds a new year's holidays; support deadlines and publicity count them", async () => {
    // Thursday 2026-12-31, 应用类 2 working days: without the holiday Mon 4 Jan; with 1–3 Jan off, Tue 5 Jan.
    const before = await fileAs(
      teacherA,
      { ...technical, category: "APPLICATION", subcategory: "TRAINING" },
      at("2026-12-31"),
    );
    expect(
      (await db().supportProblem.findUniqueOrThrow({ where: { id: before } })).deadline.toISOString(),
    ).toMatch(/^2027-01-04/);
    const added = await addHolidayDays(provinceSup, {
      kind: "holiday",
      from: "2027-01-01",
      to: "2027-01-03",
      note: "2027年元旦",
    });
    expect(added).toEqual({ ok: true, data: { days: 3 } });
    const after = await fileAs(
      teacherA,
      { ...technical, category: "APPLICATION", subcategory: "TRAINING" },
      at("2026-12-31"),
    );
    expect(
      (await db().supportProblem.findUniqueOrThrow({ where: { id: after } })).deadline.toISOString(),
    ).toMatch(/^2027-01-05/);
    const calendar = await schoolCalendar({
      role: "SCHOOL_ADMIN",
      userId: adminA1.id,
      schoolId: schoolA.school.id,
    });
    expect(isWorkingDay("2027-01-01", calendar)).toBe(false);
    expect(isWorkingDay("2026-10-10", calendar)).toBe(true); // a seeded make-up Saturday
  });

  it("refuses a county supervisor, an impossible date and a weekday as a make-up working day", async () => {
    const county = await addHolidayDays(countyASup1, { kind: "holiday", from: "2027-01-01", note: "x" });
    expect(county.ok ? null : county.code).toBe("FORBIDDEN");
    const impossible = await addHolidayDays(provinceSup, { kind: "holiday", from: "2027-02-30", note: "x" });
    expect(impossible.ok ? null : Object.keys(impossible.fieldErrors ?? {})).toEqual(["from"]);
    const weekday = await addHolidayDays(provinceSup, { kind: "workday", from: "2027-01-04", note: "x" });
    expect(weekday.ok ? null : weekday.code).toBe("INVALID");
  });
});

describe("passing up by 学段 (issue 21 item 2)", () => {
  let junior: string, senior: string;
  const passToCity = async (stage: "JUNIOR" | "SENIOR") => {
    const school = await makeSchool(countyA.id, stage);
    const teacher = await staffOf("TEACHER", school.school.id);
    const admin = await staffOf("SCHOOL_ADMIN", school.school.id);
    const id = await fileAs(teacher);
    expect((await takeSupportProblem(admin, id)).ok).toBe(true);
    expect((await passUpSupportProblem(admin, id, { tried: "校内无法解决" })).ok).toBe(true);
    expect((await takeSupportProblem(countyASup2, id)).ok).toBe(true);
    expect((await passUpSupportProblem(countyASup2, id, { tried: "县级无法解决" })).ok).toBe(true);
    return id;
  };
  beforeAll(async () => {
    junior = await passToCity("JUNIOR");
    senior = await passToCity("SENIOR");
  });

  it("groups the city's queue by 学段 with counts", async () => {
    const queue = await loadSupportQueue(citySup);
    if (!queue.ok) throw new Error(queue.message);
    const groups = queue.data.groups!;
    const group = (label: string) => groups.find((g) => g.label === label)!;
    expect(group("初中").rows.map((row) => row.id)).toContain(junior);
    expect(group("初中").rows.map((row) => row.id)).not.toContain(senior);
    expect(group("普通高中").rows.map((row) => row.id)).toContain(senior);
    expect(groups.reduce((sum, g) => sum + g.rows.length, 0)).toBe(queue.data.rows.length);
    // A county's queue is one list.
    const county = await loadSupportQueue(countyASup1);
    expect(county.ok && county.data.groups).toBeNull();
  });

  it("filters the queue and the progress list by 学段", async () => {
    const queue = await loadSupportQueue(citySup, { stage: "JUNIOR" });
    const ids = queue.ok ? queue.data.rows.map((row) => row.id) : [];
    expect(ids).toContain(junior);
    expect(ids).not.toContain(senior);
    expect(queue.ok && queue.data.rows.every((row) => row.stage === "JUNIOR")).toBe(true);
    const progress = await loadSupportProgress(citySup, { stage: "SENIOR" });
    const listed = progress.ok ? progress.data.rows.map((row) => row.id) : [];
    expect(listed).toContain(senior);
    expect(listed).not.toContain(junior);
    // An unknown value is no filter, not an error.
    const all = await loadSupportProgress(citySup, { stage: "NONSENSE" });
    expect(all.ok && all.data.rows.map((row) => row.id)).toEqual(expect.arrayContaining([junior, senior]));
  });
});
