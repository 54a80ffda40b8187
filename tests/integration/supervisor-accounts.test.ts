/**
 * Accounts down the region tree and account requests (lib/services/supervisor-accounts.ts,
 * lib/services/account-requests.ts): each level creates the accounts of the level directly below; an
 * account at or above one's level is refused with REFUSED, another county's school or account is NOT_FOUND
 * by id tampering; a request is decided by the level above and its outcome seen by the requester.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { authenticate } from "@/lib/auth/authenticate";
import type { SessionUser } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import {
  accountRequestsToDecide,
  approveAccountRequest,
  fileRequest,
  ownAccountRequests,
  refuseAccountRequest,
} from "@/lib/services/account-requests";
import {
  createSupervisorAccount,
  listSupervisorAccounts,
  resetSupervisorAccountPassword,
  setSupervisorAccountDisabled,
} from "@/lib/services/supervisor-accounts";
import { makeRegionTree, makeSchool, makeStaff } from "../support/fixtures";
import { sessionUser } from "../support/session-user";
import { ownerDb } from "../support/owner-db";

type Region = { id: string; path: string };
const supervisorOf = async (region: Region) =>
  sessionUser((await makeStaff("SUPERVISOR", { regionId: region.id })).user, { regionPath: region.path });

let seq = 0;
const unique = (prefix: string) => `${prefix}_${Date.now().toString(36)}${++seq}`;

let province: Region, city: Region, countyA: Region, countyB: Region, otherCity: Region;
let provinceSup: SessionUser, citySup: SessionUser, countyASup: SessionUser, countyBSup: SessionUser;
let schoolA: { id: string }, schoolB: { id: string };
let adminA: SessionUser, adminB: SessionUser;

beforeAll(async () => {
  const treeA = await makeRegionTree();
  const treeB = await makeRegionTree();
  province = treeA.province;
  city = treeA.city;
  countyA = treeA.county;
  countyB = treeB.county;
  otherCity = await db().region.upsert({
    where: { code: "440200" },
    update: {},
    create: { code: "440200", name: "韶关市", level: "CITY", parentId: province.id, path: "/440000/440200/" },
  });
  provinceSup = await supervisorOf(province);
  citySup = await supervisorOf(city);
  countyASup = await supervisorOf(countyA);
  countyBSup = await supervisorOf(countyB);
  schoolA = (await makeSchool(countyA.id)).school;
  schoolB = (await makeSchool(countyB.id)).school;
  adminA = sessionUser((await makeStaff("SCHOOL_ADMIN", { schoolId: schoolA.id })).user);
  adminB = sessionUser((await makeStaff("SCHOOL_ADMIN", { schoolId: schoolB.id })).user);
});

describe("creating accounts down the tree", () => {
  it("a province creates a city account with its duty; the password is shown once and must be changed", async () => {
    const username = unique("city_lead");
    const result = await createSupervisorAccount(provinceSup, {
      unit: `region:${city.id}`,
      displayName: "市级主管领导",
      username,
      duty: "LEADER",
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const row = await db().user.findUniqueOrThrow({ where: { id: result.data.userId } });
    expect(row).toMatchObject({
      role: "SUPERVISOR",
      regionId: city.id,
      supervisorDuty: "LEADER",
      mustChangePassword: true,
    });
    const signIn = await authenticate(
      { kind: "staff", identifier: username, password: result.data.password },
      null,
    );
    expect(signIn).toMatchObject({ ok: true, role: "SUPERVISOR" });
    expect(
      await db().auditLog.count({ where: { action: "supervisor_account.create", targetId: row.id } }),
    ).toBe(1);
  });

  it("a county creates the aid officer's account of its own school", async () => {
    const result = await createSupervisorAccount(countyASup, {
      unit: `school:${schoolA.id}`,
      displayName: "学校资助管理员",
      username: unique("school_admin"),
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const row = await db().user.findUniqueOrThrow({ where: { id: result.data.userId } });
    expect(row).toMatchObject({ role: "SCHOOL_ADMIN", schoolId: schoolA.id, supervisorDuty: null });
    // Filed under the school, so the school's own audit log shows who created its account.
    expect(
      await db().auditLog.count({ where: { action: "supervisor_account.create", schoolId: schoolA.id } }),
    ).toBeGreaterThan(0);
  });

  it.each([
    ["a county, its own county", () => countyASup, () => `region:${countyA.id}`],
    ["a county, its city above", () => countyASup, () => `region:${city.id}`],
    ["a county, the province", () => countyASup, () => `region:${province.id}`],
    ["a city, its own city", () => citySup, () => `region:${city.id}`],
    ["a province, its own province", () => provinceSup, () => `region:${province.id}`],
  ])("refuses an account at or above one's own level: %s", async (_name, caller, unit) => {
    const before = await db().user.count();
    const result = await createSupervisorAccount(caller(), {
      unit: unit(),
      displayName: "越级账号",
      username: unique("above"),
      duty: "OPERATOR",
    });
    expect(result).toMatchObject({ ok: false, code: "REFUSED", fieldErrors: { unit: expect.any(String) } });
    expect(await db().user.count()).toBe(before);
  });

  it("refuses two levels down: a province does not create county or school accounts, a city no school accounts", async () => {
    const county = await createSupervisorAccount(provinceSup, {
      unit: `region:${countyA.id}`,
      displayName: "县级",
      username: unique("skip"),
      duty: "OPERATOR",
    });
    expect(county).toMatchObject({ ok: false, code: "REFUSED" });
    const school = await createSupervisorAccount(citySup, {
      unit: `school:${schoolA.id}`,
      displayName: "学校",
      username: unique("skip"),
    });
    expect(school).toMatchObject({ ok: false, code: "REFUSED" });
  });

  it("another county's school or a region outside the subtree is not found (id tampering)", async () => {
    const school = await createSupervisorAccount(countyASup, {
      unit: `school:${schoolB.id}`,
      displayName: "他县学校",
      username: unique("tamper"),
    });
    expect(school).toMatchObject({ ok: false, code: "NOT_FOUND" });
    const region = await createSupervisorAccount(citySup, {
      unit: `region:${otherCity.id}`,
      displayName: "他市",
      username: unique("tamper"),
      duty: "OPERATOR",
    });
    expect(region).toMatchObject({ ok: false, code: "NOT_FOUND" });
    const sibling = await createSupervisorAccount(countyASup, {
      unit: `region:${countyB.id}`,
      displayName: "他县",
      username: unique("tamper"),
      duty: "OPERATOR",
    });
    expect(sibling).toMatchObject({ ok: false, code: "NOT_FOUND" });
  });

  it("names the missing duty, a bad username and a taken username", async () => {
    const noDuty = await createSupervisorAccount(citySup, {
      unit: `region:${countyA.id}`,
      displayName: "县级",
      username: unique("noduty"),
    });
    expect(noDuty).toMatchObject({ ok: false, code: "INVALID", fieldErrors: { duty: expect.any(String) } });
    const bad = await createSupervisorAccount(citySup, {
      unit: `region:${countyA.id}`,
      displayName: "",
      username: "x",
      duty: "OPERATOR",
    });
    expect(bad).toMatchObject({ ok: false, code: "INVALID" });
    if (!bad.ok) expect(Object.keys(bad.fieldErrors ?? {}).sort()).toEqual(["displayName", "username"]);
    const username = unique("dup");
    await createSupervisorAccount(citySup, {
      unit: `region:${countyA.id}`,
      displayName: "甲",
      username,
      duty: "OPERATOR",
    });
    const dup = await createSupervisorAccount(citySup, {
      unit: `region:${countyA.id}`,
      displayName: "乙",
      username,
      duty: "OPERATOR",
    });
    expect(dup).toMatchObject({ ok: false, code: "CONFLICT", fieldErrors: { username: expect.any(String) } });
  });

  it("the database refuses a duty on a non-supervisor account", async () => {
    await expect(
      ownerDb().user.update({ where: { id: adminA.id }, data: { supervisorDuty: "LEADER" } }),
    ).rejects.toThrow();
  });
});

describe("managing the accounts of the level below", () => {
  it("a county lists its schools' aid officers, never another county's", async () => {
    const result = await listSupervisorAccounts(countyASup);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const ids = result.data.accounts.map((account) => account.id);
    expect(ids).toContain(adminA.id);
    expect(ids).not.toContain(adminB.id);
    expect(result.data.units.map((unit) => unit.value)).toContain(`school:${schoolA.id}`);
    expect(result.data.units.map((unit) => unit.value)).not.toContain(`school:${schoolB.id}`);
  });

  it("disables, re-enables and resets its own, and cannot touch another county's account by id", async () => {
    const { user } = await makeStaff("SCHOOL_ADMIN", { schoolId: schoolA.id });
    expect(await setSupervisorAccountDisabled(countyASup, { id: user.id, disabled: "true" })).toMatchObject({
      ok: true,
    });
    expect((await db().user.findUniqueOrThrow({ where: { id: user.id } })).disabled).toBe(true);
    await setSupervisorAccountDisabled(countyASup, { id: user.id, disabled: "false" });
    expect((await db().user.findUniqueOrThrow({ where: { id: user.id } })).disabled).toBe(false);
    const reset = await resetSupervisorAccountPassword(countyASup, { id: user.id });
    expect(reset.ok).toBe(true);
    expect((await db().user.findUniqueOrThrow({ where: { id: user.id } })).mustChangePassword).toBe(true);

    const before = await db().user.findUniqueOrThrow({ where: { id: adminB.id } });
    expect(await setSupervisorAccountDisabled(countyASup, { id: adminB.id, disabled: "true" })).toMatchObject(
      {
        ok: false,
        code: "NOT_FOUND",
      },
    );
    expect(await resetSupervisorAccountPassword(countyASup, { id: adminB.id })).toMatchObject({
      ok: false,
      code: "NOT_FOUND",
    });
    // Nor its own account, nor its peer's (same level).
    expect(await resetSupervisorAccountPassword(countyASup, { id: countyBSup.id })).toMatchObject({
      code: "NOT_FOUND",
    });
    expect(await resetSupervisorAccountPassword(countyASup, { id: countyASup.id })).toMatchObject({
      code: "NOT_FOUND",
    });
    const after = await db().user.findUniqueOrThrow({ where: { id: adminB.id } });
    expect(after).toMatchObject({ disabled: before.disabled, passwordHash: before.passwordHash });
  });
});

describe("account requests (用户申请)", () => {
  it("a school files, its county refuses with a reason, the school sees it; another county sees nothing", async () => {
    const filed = await fileRequest(adminA, {
      displayName: "王老师",
      username: unique("req"),
      reason: "原资助管理员退休",
    });
    expect(filed.ok).toBe(true);
    if (!filed.ok) return;
    const toDecideA = await accountRequestsToDecide(countyASup);
    expect(toDecideA.ok && toDecideA.data.map((row) => row.id)).toContain(filed.data.id);
    const toDecideB = await accountRequestsToDecide(countyBSup);
    expect(toDecideB.ok && toDecideB.data.map((row) => row.id)).not.toContain(filed.data.id);
    expect(
      await refuseAccountRequest(countyBSup, { id: filed.data.id, refusalReason: "不同意" }),
    ).toMatchObject({
      code: "NOT_FOUND",
    });
    expect(await approveAccountRequest(countyBSup, { id: filed.data.id })).toMatchObject({
      code: "NOT_FOUND",
    });
    expect(await refuseAccountRequest(countyASup, { id: filed.data.id, refusalReason: "  " })).toMatchObject({
      code: "INVALID",
      fieldErrors: { refusalReason: expect.any(String) },
    });
    expect(
      await refuseAccountRequest(countyASup, { id: filed.data.id, refusalReason: "本校已有两名资助管理员" }),
    ).toMatchObject({ ok: true });
    const own = await ownAccountRequests(adminA);
    expect(own.ok && own.data.find((row) => row.id === filed.data.id)).toMatchObject({
      status: "REFUSED",
      refusalReason: "本校已有两名资助管理员",
    });
    const ownB = await ownAccountRequests(adminB);
    expect(ownB.ok && ownB.data.map((row) => row.id)).not.toContain(filed.data.id);
  });

  it("a school files, its county approves: the account exists, the password is shown once, a second decision conflicts", async () => {
    const username = unique("req_ok");
    const filed = await fileRequest(adminA, { displayName: "李老师", username, reason: "增设资助管理员" });
    if (!filed.ok) throw new Error(filed.message);
    const approved = await approveAccountRequest(countyASup, { id: filed.data.id });
    expect(approved.ok).toBe(true);
    if (!approved.ok) return;
    const signIn = await authenticate(
      { kind: "staff", identifier: username, password: approved.data.password },
      null,
    );
    expect(signIn).toMatchObject({ ok: true, role: "SCHOOL_ADMIN" });
    const own = await ownAccountRequests(adminA);
    expect(own.ok && own.data.find((row) => row.id === filed.data.id)).toMatchObject({ status: "APPROVED" });
    expect(await approveAccountRequest(countyASup, { id: filed.data.id })).toMatchObject({
      code: "CONFLICT",
    });
    expect(
      await refuseAccountRequest(countyASup, { id: filed.data.id, refusalReason: "晚了" }),
    ).toMatchObject({
      code: "CONFLICT",
    });
  });

  it("a county files for its own region with a duty, its city approves; the province files nothing", async () => {
    const noDuty = await fileRequest(countyASup, {
      displayName: "赵科长",
      username: unique("c"),
      reason: "增设",
    });
    expect(noDuty).toMatchObject({ code: "INVALID", fieldErrors: { duty: expect.any(String) } });
    const username = unique("county_lead");
    const filed = await fileRequest(countyASup, {
      displayName: "赵科长",
      username,
      reason: "增设业务主管领导",
      duty: "LEADER",
    });
    if (!filed.ok) throw new Error(filed.message);
    expect(await approveAccountRequest(countyBSup, { id: filed.data.id })).toMatchObject({
      code: "NOT_FOUND",
    });
    const approved = await approveAccountRequest(citySup, { id: filed.data.id });
    expect(approved.ok).toBe(true);
    const row = await db().user.findUniqueOrThrow({ where: { username } });
    expect(row).toMatchObject({ role: "SUPERVISOR", regionId: countyA.id, supervisorDuty: "LEADER" });
    expect(
      await fileRequest(provinceSup, {
        displayName: "省",
        username: unique("p"),
        reason: "x",
        duty: "OPERATOR",
      }),
    ).toMatchObject({ code: "REFUSED" });
  });
});
