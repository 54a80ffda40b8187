import { db } from "@/lib/db/client";
import type { SessionUser } from "@/lib/auth/session";
import { addHolidayDays } from "@/lib/services/holiday-calendar";
import { loadAnswers, saveSupportAnswer } from "@/lib/services/support-answers";
import { loadSupportStatistics } from "@/lib/services/support-statistics";
import {
  convertSignInProblem,
  fileSupportProblem,
  loadSupportProblem,
  takeSupportProblem,
} from "@/lib/services/support-desk";
import type { Side } from "../../support/access-world";
import { makeStaff } from "../../support/fixtures";
import { sessionUser } from "../../support/session-user";
import type { ProbeTable } from "./types";

const problemInput = {
  category: "TECHNICAL",
  subcategory: "BUG",
  description: "探针问题",
  contact: "020-12345678",
};

/** A problem filed by one of the side's staff (the service, so it lands in the right queue). */
async function filedBy(user: SessionUser): Promise<string> {
  const filed = await fileSupportProblem(user, problemInput);
  if (!filed.ok) throw new Error(`probe fixture: ${filed.message}`);
  return filed.data.id;
}

async function countyPath(side: Side): Promise<string> {
  return (await db().region.findUniqueOrThrow({ where: { id: side.countyId } })).path;
}

let provinceSupervisor: SessionUser | null = null;
/** A supervisor of the province above both sides (the world's supervisors are county ones). */
async function provinceUser(): Promise<SessionUser> {
  if (provinceSupervisor) return provinceSupervisor;
  const province = await db().region.findUniqueOrThrow({ where: { code: "440000" } });
  const { user } = await makeStaff("SUPERVISOR", { regionId: province.id });
  provinceSupervisor = sessionUser(user, { regionPath: province.path });
  return provinceSupervisor;
}

let daySeq = 0;
let answerSeq = 0;

/** A province other than the world's (both sides are in 广东省). */
async function otherProvince() {
  return db().region.upsert({
    where: { code: "450000" },
    update: {},
    create: { code: "450000", name: "广西壮族自治区", level: "PROVINCE", path: "/450000/" },
  });
}

/** Probes for the support desk (lib/auth/access/support.ts). */
export const SUPPORT_PROBES: ProbeTable = {
  // Carried out on the target when a problem now exists of the target's school or county.
  "support.file": async ({ caller, target }) => {
    const filed = await fileSupportProblem(caller, problemInput);
    if (!filed.ok) return false;
    const row = await db().supportProblem.findFirst({
      where: {
        id: filed.data.id,
        OR: [{ schoolId: target.senior.school.id }, { regionPath: { startsWith: await countyPath(target) } }],
      },
    });
    return row !== null;
  },
  // The caller opens a problem of the target's user of the same role (the filer's own, on the own side).
  "support.view_own": async ({ caller, role, target }) => {
    const filer = role === "STUDENT" || role === "PARENT" ? target.users.TEACHER : target.users[role];
    const id = await filedBy(filer);
    const seen = await loadSupportProblem(caller, id);
    return seen.ok && seen.data.asFiler;
  },
  // The caller takes what waits in the target's queues: a teacher's problem at the school, a school's at the county.
  "support.handle": async ({ caller, target }) => {
    const teachers = await filedBy(target.users.TEACHER);
    const schools = await filedBy(target.users.SCHOOL_LEADER);
    const [a, b] = [await takeSupportProblem(caller, teachers), await takeSupportProblem(caller, schools)];
    return a.ok || b.ok;
  },
  "support.convert_sign_in_problem": async ({ caller, target }) => {
    const problem = await db().signInProblem.create({
      data: {
        schoolId: target.senior.school.id,
        classId: target.senior.klass.id,
        subjectName: "探针学生",
        subjectRole: "STUDENT",
        description: "无法登录",
        reportedById: target.users.TEACHER.id,
      },
    });
    const converted = await convertSignInProblem(caller, problem.id, { contact: "13800000000" });
    return converted.ok;
  },
  // The calendar is national: "own" is side A's province (a supervisor there may edit), "other" a supervisor
  // below the province (side A's county one), who may not.
  "holiday_calendar.edit": async ({ caller, target }) => {
    const actor = caller.role === "SUPERVISOR" && target.name === "A" ? await provinceUser() : caller;
    const day = `2031-0${1 + (daySeq % 9)}-${String(10 + (daySeq++ % 18)).padStart(2, "0")}`;
    await db().holidayCalendarDay.deleteMany({ where: { day: new Date(`${day}T00:00:00Z`) } });
    await addHolidayDays(actor, { kind: "holiday", from: day, note: "探针" });
    return (
      (await db().holidayCalendarDay.findUnique({ where: { day: new Date(`${day}T00:00:00Z`) } })) !== null
    );
  },
  // Own: an answer of side A's province (广东省); other: one of another province, which never shows.
  "support_answer.view": async ({ caller, target }) => {
    const province =
      target.name === "A"
        ? await db().region.findUniqueOrThrow({ where: { code: "440000" } })
        : await otherProvince();
    const title = `探针常见问题${Date.now().toString(36)}${++answerSeq}`;
    await db().supportAnswer.create({
      data: {
        provinceId: province.id,
        kind: "FAQ",
        title,
        body: "探针解答",
        createdById: target.users.SUPERVISOR.id,
      },
    });
    const found = await loadAnswers(caller, title);
    return found.ok && found.data.answers.some((answer) => answer.title === title);
  },
  // Like the holiday calendar: "own" is side A's province, "other" a supervisor below it, who may not.
  "support_answer.manage": async ({ caller, target }) => {
    const actor = caller.role === "SUPERVISOR" && target.name === "A" ? await provinceUser() : caller;
    const title = `探针新增${Date.now().toString(36)}${++answerSeq}`;
    await saveSupportAnswer(actor, { kind: "FAQ", title, body: "探针解答" });
    return (await db().supportAnswer.findFirst({ where: { title } })) !== null;
  },
  // The caller asks for the statistics of the target's county (a problem was just filed there): a county
  // supervisor sees only their own county's; the other side's county is outside their subtree.
  "support.statistics": async ({ caller, target }) => {
    await filedBy(target.users.TEACHER);
    const stats = await loadSupportStatistics(caller, { region: target.countyId });
    const total = stats.ok ? stats.data.tables.category.rows.find((row) => row.total)?.cells.at(-1) : 0;
    return typeof total === "number" && total > 0;
  },
};
