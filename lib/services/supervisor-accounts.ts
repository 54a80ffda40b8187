/**
 * Accounts down the region tree (主管部门账号管理): a supervisor creates, lists, disables and resets the accounts
 * of the level directly below — a province its cities' supervisors, a city its counties', a county the aid
 * officers of its schools (lib/domain/supervisor-accounts.ts). The initial or reset password is shown once and
 * must be changed at first sign-in. Every change is audited.
 */
import "server-only";
import { randomInt } from "node:crypto";
import { hashPassword } from "@/lib/auth/password";
import { isUniqueViolation } from "@/lib/db/accounts.repo";
import {
  createManagedAccount,
  findManagedAccount,
  findOwnRegion,
  findRegionOnLine,
  findSchoolInSubtree,
  listManagedAccounts,
  listManagedUnits,
  setManagedDisabled,
  setManagedTemporaryPassword,
  type ManagedAccount,
  type ManagedUnit,
  type NewAccount,
  type OwnRegion,
} from "@/lib/db/supervisor-accounts.repo";
import { parseInput } from "@/lib/forms/field-errors";
import { fail, ok, type ActionResult } from "@/lib/domain/result";
import type { SessionUser } from "@/lib/domain/session-user";
import type { SupervisorDuty } from "@/lib/domain/codes";
import { unitVerdict } from "@/lib/domain/supervisor-accounts";
import { temporaryPassword } from "@/lib/domain/temp-password";
import {
  accountDisableSchema,
  accountIdSchema,
  createSupervisorAccountSchema,
} from "@/lib/schemas/supervisor-accounts";
import { audit } from "./audit";
import { regionContext, type RegionContext } from "./context";

const UNIT_NOT_FOUND = "所属单位不存在，或不在本辖区内。";
const ACCOUNT_NOT_FOUND = "账号不存在，或不由本级管理。";
export const AT_OR_ABOVE_MESSAGE = "不能创建本级或上级单位的账号：账号由上一级主管部门创建。";
export const NOT_DIRECTLY_BELOW_MESSAGE =
  "只能创建直接下一级的账号：省级创建市级、市级创建县级、县级创建本县学校资助管理员账号。";
const NO_REGION = "您的账号未关联有效的行政区划，请联系上级主管部门。";

export const newPassword = () => temporaryPassword((n) => randomInt(n));

/** The caller's region context and own region (its level decides what it may create). */
export async function supervisorRegion(
  user: SessionUser | null,
  action: Parameters<typeof regionContext>[1],
): Promise<ActionResult<RegionContext & { region: OwnRegion }>> {
  const ctx = regionContext(user, action);
  if (!ctx.ok) return ctx;
  const region = await findOwnRegion(ctx.data.scope);
  if (!region) return fail("FORBIDDEN", NO_REGION);
  return ok({ ...ctx.data, region });
}

export type UnitTarget =
  | { kind: "region"; regionId: string; schoolId: null; name: string }
  | { kind: "school"; regionId: null; schoolId: string; name: string };

/**
 * The unit an account of the caller's level is created for: REFUSED at or above the caller's level or more
 * than one level down, NOT_FOUND outside the caller's subtree (never told apart from absent).
 */
export async function resolveUnit(
  ctx: RegionContext & { region: OwnRegion },
  unit: { kind: "region" | "school"; id: string },
): Promise<ActionResult<UnitTarget>> {
  if (unit.kind === "region") {
    const region = await findRegionOnLine(ctx.scope, unit.id);
    if (!region) return fail("NOT_FOUND", UNIT_NOT_FOUND, { unit: UNIT_NOT_FOUND });
    const verdict = unitVerdict(ctx.regionPath, ctx.region.level, { kind: "region", path: region.path });
    if (verdict !== "ALLOWED") return refusal(verdict);
    return ok({ kind: "region", regionId: region.id, schoolId: null, name: region.name });
  }
  const school = await findSchoolInSubtree(ctx.scope, unit.id);
  if (!school) return fail("NOT_FOUND", UNIT_NOT_FOUND, { unit: UNIT_NOT_FOUND });
  const verdict = unitVerdict(ctx.regionPath, ctx.region.level, {
    kind: "school",
    regionPath: school.region.path,
  });
  if (verdict !== "ALLOWED") return refusal(verdict);
  return ok({ kind: "school", regionId: null, schoolId: school.id, name: school.name });
}

function refusal(verdict: "AT_OR_ABOVE" | "NOT_DIRECTLY_BELOW" | "OUTSIDE") {
  if (verdict === "OUTSIDE") return fail("NOT_FOUND", UNIT_NOT_FOUND, { unit: UNIT_NOT_FOUND });
  const message = verdict === "AT_OR_ABOVE" ? AT_OR_ABOVE_MESSAGE : NOT_DIRECTLY_BELOW_MESSAGE;
  return fail("REFUSED", message, { unit: message });
}

/** The account row for a unit: a supervisor of the region (with its duty) or the school's aid officer. */
export function accountFor(
  target: UnitTarget,
  input: { username: string; displayName: string; duty?: SupervisorDuty | null },
  passwordHash: string,
): NewAccount {
  return {
    role: target.kind === "region" ? "SUPERVISOR" : "SCHOOL_ADMIN",
    username: input.username,
    displayName: input.displayName,
    passwordHash,
    regionId: target.regionId,
    schoolId: target.schoolId,
    supervisorDuty: target.kind === "region" ? (input.duty ?? null) : null,
  };
}

export const DUTY_REQUIRED = "请选择岗位（业务操作人员或业务主管领导）";
export const USERNAME_TAKEN = "该登录名已被使用，请换一个。";

export async function listSupervisorAccounts(
  user: SessionUser | null,
): Promise<ActionResult<{ region: OwnRegion; accounts: ManagedAccount[]; units: ManagedUnit[] }>> {
  const ctx = await supervisorRegion(user, "supervisor_account.list");
  if (!ctx.ok) return ctx;
  const [accounts, units] = await Promise.all([
    listManagedAccounts(ctx.data.scope),
    listManagedUnits(ctx.data.scope),
  ]);
  return ok({ region: ctx.data.region, accounts, units });
}

export async function createSupervisorAccount(
  user: SessionUser | null,
  raw: unknown,
): Promise<ActionResult<{ userId: string; username: string; password: string; unitName: string }>> {
  const ctx = await supervisorRegion(user, "supervisor_account.create");
  if (!ctx.ok) return ctx;
  const input = parseInput(createSupervisorAccountSchema, raw);
  if (!input.ok) return input;
  const target = await resolveUnit(ctx.data, input.data.unit);
  if (!target.ok) return target;
  if (target.data.kind === "region" && !input.data.duty)
    return fail("INVALID", "请按提示修改后再提交。", { duty: DUTY_REQUIRED });
  const password = newPassword();
  try {
    const userId = await createManagedAccount(
      accountFor(target.data, input.data, await hashPassword(password)),
    );
    await audit(
      { user: ctx.data.user, schoolId: target.data.schoolId },
      "supervisor_account.create",
      { type: "User", id: userId },
      {
        role: target.data.kind === "region" ? "SUPERVISOR" : "SCHOOL_ADMIN",
        username: input.data.username,
        duty: target.data.kind === "region" ? (input.data.duty ?? null) : null,
      },
    );
    return ok({ userId, username: input.data.username, password, unitName: target.data.name });
  } catch (error) {
    if (isUniqueViolation(error)) return fail("CONFLICT", USERNAME_TAKEN, { username: USERNAME_TAKEN });
    throw error;
  }
}

export async function setSupervisorAccountDisabled(
  user: SessionUser | null,
  raw: unknown,
): Promise<ActionResult<{ displayName: string; disabled: boolean }>> {
  const ctx = await supervisorRegion(user, "supervisor_account.disable");
  if (!ctx.ok) return ctx;
  const input = parseInput(accountDisableSchema, raw);
  if (!input.ok) return input;
  const target = await findManagedAccount(ctx.data.scope, input.data.id);
  if (!target) return fail("NOT_FOUND", ACCOUNT_NOT_FOUND);
  if (!(await setManagedDisabled(ctx.data.scope, target.id, input.data.disabled)))
    return fail("NOT_FOUND", ACCOUNT_NOT_FOUND);
  await audit(
    ctx.data,
    input.data.disabled ? "supervisor_account.disable" : "supervisor_account.enable",
    { type: "User", id: target.id },
    { role: target.role, username: target.username },
  );
  return ok({ displayName: target.displayName, disabled: input.data.disabled });
}

export async function resetSupervisorAccountPassword(
  user: SessionUser | null,
  raw: unknown,
): Promise<ActionResult<{ displayName: string; password: string }>> {
  const ctx = await supervisorRegion(user, "supervisor_account.reset_password");
  if (!ctx.ok) return ctx;
  const input = parseInput(accountIdSchema, raw);
  if (!input.ok) return input;
  const target = await findManagedAccount(ctx.data.scope, input.data.id);
  if (!target) return fail("NOT_FOUND", ACCOUNT_NOT_FOUND);
  const password = newPassword();
  if (!(await setManagedTemporaryPassword(ctx.data.scope, target.id, await hashPassword(password))))
    return fail("NOT_FOUND", ACCOUNT_NOT_FOUND);
  await audit(
    ctx.data,
    "supervisor_account.reset_password",
    { type: "User", id: target.id },
    {
      role: target.role,
      username: target.username,
    },
  );
  return ok({ displayName: target.displayName, password });
}
