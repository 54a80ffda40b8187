import { createHash } from "node:crypto";
import { db } from "@/lib/db/client";
import {
  accountRequestsToDecide,
  approveAccountRequest,
  fileRequest,
  ownAccountRequests,
} from "@/lib/services/account-requests";
import {
  createSupervisorAccount,
  listSupervisorAccounts,
  resetSupervisorAccountPassword,
  setSupervisorAccountDisabled,
} from "@/lib/services/supervisor-accounts";
import { readFile } from "node:fs/promises";
import {
  importRegistry,
  saveRegistrySchool,
  viewRegistry,
  writeRegistryExport,
} from "@/lib/services/school-registry";
import { prepareProgressExport, viewProgress } from "@/lib/services/work-progress";
import {
  prepareRegionQueryExport,
  revealPersonIdNumber,
  viewAidHistory,
  viewDeterminations,
  viewHukou,
  viewSpecialGroup,
} from "@/lib/services/region-queries";
import { statisticsExport, viewStatistics } from "@/lib/services/statistics";
import { changeMonthlyList } from "@/lib/services/vocational-roster";
import { openListAttachment, viewList } from "@/lib/services/vocational-list-pages";
import { evidenceStorage } from "@/lib/storage";
import type { Side } from "../../support/access-world";
import { makeApplication } from "../../support/determination-fixtures";
import { memoryWriter, writeXlsx } from "../../support/student-roster-file";
import { makeRegionTree, makeStaff, makeStudent } from "../../support/fixtures";
import type { ProbeTable } from "./types";

let seq = 0;
const unique = () => `sp${Date.now().toString(36)}${++seq}`;

/** A pending request of the side's senior school for another aid officer's account. */
async function schoolRequest(side: Side) {
  return db().accountRequest.create({
    data: {
      requesterId: side.users.SCHOOL_ADMIN.id,
      schoolId: side.senior.school.id,
      role: "SCHOOL_ADMIN",
      displayName: "新资助管理员",
      username: unique(),
      reason: "原资助管理员调岗",
    },
  });
}

/** A monthly 中职-style list of the side's senior school in the given state (a fresh programme each time). */
async function monthlyList(world: { termId: string }, side: Side, state: "NEW" | "PUBLISHED" | "CONFIRMED") {
  const programme = await db().aidProgramme.create({
    data: {
      code: unique(),
      name: "中职国家助学金（探针）",
      stage: "VOCATIONAL",
      kind: "SUBSIDY",
      period: "MONTHLY",
    },
  });
  const roster = await db().roster.create({
    data: { termId: world.termId, programmeId: programme.id, schoolId: side.senior.school.id, month: 3 },
  });
  const published =
    state === "NEW"
      ? {}
      : {
          schoolReview: "PASSED" as const,
          supervisorReview: "PASSED" as const,
          publicity: "PUBLISHED" as const,
          publicityStart: new Date("2027-03-01T00:00:00Z"),
          publicityEnd: new Date("2027-03-05T00:00:00Z"),
          confirmation: state === "CONFIRMED" ? ("PASSED" as const) : ("PENDING" as const),
        };
  await db().vocationalList.create({ data: { rosterId: roster.id, month: 3, ...published } });
  return roster.id;
}

let schoolSeq = 0;
const uniqueSchoolCode = () =>
  `49${String(Date.now() % 1e6).padStart(6, "0")}${String(++schoolSeq % 100).padStart(2, "0")}`;
const countyCode = async (side: Side) =>
  (await db().region.findUniqueOrThrow({ where: { id: side.countyId } })).code;

/** A special-group student of the side's senior school (a fresh one: their person id is the probe's witness). */
const specialGroupStudent = async (side: Side) =>
  (await makeApplication(side.senior, "verified", { categories: ["ORPHAN"] })).student;

/** Probes for the supervisor console of lib/auth/access/supervisor.ts: one per action. */
export const SUPERVISOR_PROBES: ProbeTable = {
  "supervisor_account.list": async ({ caller, target }) => {
    const result = await listSupervisorAccounts(caller);
    return result.ok && result.data.accounts.some((account) => account.id === target.users.SCHOOL_ADMIN.id);
  },
  "supervisor_account.create": async ({ caller, target }) => {
    const result = await createSupervisorAccount(caller, {
      unit: `school:${target.senior.school.id}`,
      displayName: "探针管理员",
      username: unique(),
    });
    return result.ok;
  },
  "supervisor_account.disable": async ({ caller, target }) => {
    const { user } = await makeStaff("SCHOOL_ADMIN", { schoolId: target.senior.school.id });
    await setSupervisorAccountDisabled(caller, { id: user.id, disabled: "true" });
    return (await db().user.findUniqueOrThrow({ where: { id: user.id } })).disabled;
  },
  "supervisor_account.reset_password": async ({ caller, target }) => {
    const { user } = await makeStaff("SCHOOL_ADMIN", { schoolId: target.senior.school.id });
    const result = await resetSupervisorAccountPassword(caller, { id: user.id });
    const after = await db().user.findUniqueOrThrow({ where: { id: user.id } });
    return result.ok && after.passwordHash !== user.passwordHash;
  },
  "account_request.file": async ({ caller, target }) => {
    // Carried out on the target when a request now exists for the target's school or county.
    const username = unique();
    await fileRequest(caller, { displayName: "新账号", username, reason: "工作需要", duty: "OPERATOR" });
    const filed = await db().accountRequest.findFirst({
      where: { username, OR: [{ schoolId: target.senior.school.id }, { regionId: target.countyId }] },
    });
    return filed !== null;
  },
  "account_request.view_own": async ({ caller, target }) => {
    const forSchool = await schoolRequest(target);
    const forCounty = await db().accountRequest.create({
      data: {
        requesterId: target.users.SUPERVISOR.id,
        regionId: target.countyId,
        role: "SUPERVISOR",
        supervisorDuty: "OPERATOR",
        displayName: "新县级账号",
        username: unique(),
        reason: "增设业务操作人员",
      },
    });
    const result = await ownAccountRequests(caller);
    return result.ok && result.data.some((row) => row.id === forSchool.id || row.id === forCounty.id);
  },
  "account_request.decide": async ({ caller, target }) => {
    const request = await schoolRequest(target);
    const listed = await accountRequestsToDecide(caller);
    const approved = await approveAccountRequest(caller, { id: request.id });
    const after = await db().accountRequest.findUniqueOrThrow({ where: { id: request.id } });
    const seen = listed.ok && listed.data.some((row) => row.id === request.id);
    // Refused callers must neither see nor change it.
    if (!approved.ok && (seen || after.status !== "PENDING")) throw new Error("request leaked or changed");
    return approved.ok && seen && after.status === "APPROVED";
  },
  "school_registry.view": async ({ caller, target }) => {
    const result = await viewRegistry(caller);
    return result.ok && result.data.schools.some((school) => school.id === target.senior.school.id);
  },
  "school_registry.edit": async ({ caller, target }) => {
    const code = uniqueSchoolCode();
    await saveRegistrySchool(caller, {
      code,
      name: "探针学校",
      stages: "小学",
      regionCode: await countyCode(target),
    });
    return (await db().school.findUnique({ where: { code } })) !== null;
  },
  "school_registry.import": async ({ caller, target }) => {
    const code = uniqueSchoolCode();
    const file = await writeXlsx(
      `registry-probe-${code}.xlsx`,
      ["学校标识码", "学校名称", "学段", "是否村小", "所在区县代码"],
      [[code, "探针导入学校", "初中", "否", await countyCode(target)]],
    );
    await importRegistry(caller, new Blob([await readFile(file)]));
    return (await db().school.findUnique({ where: { code } })) !== null;
  },
  // The region queries: each filters by the target's school code or names the target's person, so a
  // supervisor of the other county is refused by NOT_FOUND (tampering), never answered an empty list.
  "region_query.determinations": async ({ caller, target }) => {
    const { app } = await makeApplication(target.senior, "determined", { level: "HARDSHIP" });
    // Other probes determine applications in the same school too: look through every page.
    for (let page = 1; ; page++) {
      const result = await viewDeterminations(caller, {
        schoolCode: target.senior.school.code,
        page: String(page),
      });
      if (!result.ok) return false;
      if (result.data.rows.some((row) => row.id === app.id)) return true;
      if (page >= result.data.window.pages) return false;
    }
  },
  "region_query.special_groups": async ({ caller, target }) => {
    const student = await specialGroupStudent(target);
    const result = await viewSpecialGroup(caller, { schoolCode: target.senior.school.code });
    return result.ok && result.data.rows.some((row) => row.personId === student.person.id);
  },
  "region_query.hukou": async ({ caller, target }) => {
    // Studies at the target's school, registered in a county of neither side.
    const student = await makeStudent(target.senior);
    const { county } = await makeRegionTree();
    await db().person.update({ where: { id: student.person.id }, data: { hukouRegionId: county.id } });
    const result = await viewHukou(caller, { direction: "in", category: "ALL" });
    return result.ok && result.data.rows.some((row) => row.personId === student.person.id);
  },
  "region_query.history": async ({ caller, target }) => {
    const result = await viewAidHistory(caller, target.student.person.id);
    return result.ok && result.data.person.id === target.student.person.id;
  },
  "region_query.reveal_id": async ({ caller, target }) => {
    const student = await specialGroupStudent(target);
    const result = await revealPersonIdNumber(caller, student.person.id);
    return result.ok && result.data.idNumber === student.idNumber;
  },
  "region_query.export": async ({ caller, target }) => {
    const student = await specialGroupStudent(target);
    const prepared = await prepareRegionQueryExport(caller, "special-groups", {
      schoolCode: target.senior.school.code,
    });
    if (!prepared.ok) return false;
    const writer = memoryWriter();
    await prepared.data.fill(writer);
    return writer.rows.some((row) => row[0] === student.name);
  },
  "school_registry.export": async ({ caller, target }) => {
    const writer = memoryWriter();
    const result = await writeRegistryExport(caller, writer);
    return result.ok && writer.rows.some((row) => row[0] === target.senior.school.code);
  },
  "work_progress.view": async ({ caller, target }) => {
    // Drilling into the target's county, and into the target's school by id alone.
    const county = await viewProgress(caller, { region: target.countyId });
    const school = await viewProgress(caller, { school: target.senior.school.id });
    const seen = county.ok && county.data.rows.some((row) => row.id === target.senior.school.id);
    if (seen !== (school.ok && school.data.school?.id === target.senior.school.id))
      throw new Error("work_progress.view: the county and the school drill disagree");
    return seen;
  },
  "work_progress.export": async ({ caller, target }) => {
    const prepared = await prepareProgressExport(caller, { region: target.countyId });
    if (!prepared.ok) return false;
    const writer = memoryWriter();
    await prepared.data.write(writer);
    return writer.rows.some((row) => row[0] === target.senior.school.code);
  },
  // Asked for the target's county by id: a county's figures are broken down by its schools.
  "statistics.view": async ({ caller, target }) => {
    const result = await viewStatistics(caller, { region: target.countyId });
    return result.ok && result.data.tables.area.rows.some((row) => row.key === target.senior.school.id);
  },
  "statistics.export": async ({ caller, target }) => {
    const result = await statisticsExport(caller, { region: target.countyId, table: "area" });
    return result.ok && result.data.rows.some((row) => row[0] === target.senior.school.name);
  },
  "vocational_list.edit": async ({ world, caller, target }) => {
    const rosterId = await monthlyList(world, target, "CONFIRMED");
    const asked = await changeMonthlyList(caller, rosterId, { kind: "REQUEST_WITHDRAWAL", comment: "探针" });
    return asked.ok;
  },
  "vocational_list.school_review": async ({ world, caller, target }) => {
    const rosterId = await monthlyList(world, target, "NEW");
    return (await changeMonthlyList(caller, rosterId, { kind: "SCHOOL_REVIEW", pass: true })).ok;
  },
  "vocational_list.supervise": async ({ world, caller, target }) => {
    const rosterId = await monthlyList(world, target, "PUBLISHED");
    return (await changeMonthlyList(caller, rosterId, { kind: "CONFIRM" })).ok;
  },
  "vocational_list.view": async ({ world, caller, target }) => {
    const rosterId = await monthlyList(world, target, "NEW");
    const seen = await viewList(caller, rosterId);
    return seen.ok && seen.data.detail.id === rosterId;
  },
  "vocational_list.attachment": async ({ world, caller, target }) => {
    const rosterId = await monthlyList(world, target, "NEW");
    const bytes = new TextEncoder().encode("%PDF-1.4\n%%EOF\n");
    const file = await db().evidenceFile.create({
      data: {
        purpose: "vocational_publicity",
        originalName: "公示.pdf",
        mimeType: "application/pdf",
        sizeBytes: bytes.length,
        sha256: createHash("sha256").update(bytes).digest("hex"),
        storageKey: await evidenceStorage().put(bytes),
        uploadedById: target.users.SCHOOL_ADMIN.id,
      },
    });
    await db().vocationalListAttachment.create({ data: { rosterId, evidenceFileId: file.id } });
    const opened = await openListAttachment(caller, rosterId, file.id);
    return opened.ok && Buffer.from(opened.data.bytes).equals(Buffer.from(bytes));
  },
};
