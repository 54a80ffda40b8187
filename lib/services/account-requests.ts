/**
 * 用户申请: a school (for another aid officer's account) or a city/county supervisor (for another account of
 * its own region) asks the level directly above; that level approves — the account is created, its initial
 * password shown once to the approver — or refuses with a reason. The requester sees the outcome. Audited.
 */
import "server-only";
import { hashPassword } from "@/lib/auth/password";
import { isUniqueViolation } from "@/lib/db/accounts.repo";
import {
  approveRequest,
  fileAccountRequest,
  findOwnRegion,
  findRequestToDecide,
  listOwnRequests,
  listRequestsToDecide,
  refuseRequest,
  type AccountRequestView,
} from "@/lib/db/supervisor-accounts.repo";
import { parseInput } from "@/lib/forms/field-errors";
import { fail, ok, type ActionResult } from "@/lib/domain/result";
import type { SessionUser } from "@/lib/domain/session-user";
import { canFileRequest } from "@/lib/domain/supervisor-accounts";
import {
  accountIdSchema,
  fileAccountRequestSchema,
  refuseAccountRequestSchema,
} from "@/lib/schemas/supervisor-accounts";
import { audit } from "./audit";
import { accessContext } from "./context";
import {
  accountFor,
  DUTY_REQUIRED,
  newPassword,
  resolveUnit,
  supervisorRegion,
  USERNAME_TAKEN,
} from "./supervisor-accounts";

const REQUEST_NOT_FOUND = "用户申请不存在，或不由本级审批。";
const ALREADY_DECIDED = "该申请已被处理，请刷新页面查看结果。";
const PROVINCE_CANNOT_FILE = "省级账号由系统管理员开设，无需向上级提交用户申请。";
const NO_UNIT = "您的账号未关联学校或行政区划，请联系上级主管部门。";

/** The requester files a request for another account of their own school or region. */
export async function fileRequest(
  user: SessionUser | null,
  raw: unknown,
): Promise<ActionResult<{ id: string }>> {
  const ctx = accessContext(user, "account_request.file");
  if (!ctx.ok) return ctx;
  const input = parseInput(fileAccountRequestSchema, raw);
  if (!input.ok) return input;
  const { scope } = ctx.data;
  let unit: { schoolId: string | null; regionId: string | null; role: "SCHOOL_ADMIN" | "SUPERVISOR" };
  if (scope.role === "SCHOOL_ADMIN") {
    unit = { schoolId: scope.schoolId, regionId: null, role: "SCHOOL_ADMIN" };
  } else if (scope.role === "SUPERVISOR") {
    const region = await findOwnRegion(scope);
    if (!region) return fail("FORBIDDEN", NO_UNIT);
    if (!canFileRequest({ role: "SUPERVISOR", level: region.level }))
      return fail("REFUSED", PROVINCE_CANNOT_FILE);
    if (!input.data.duty) return fail("INVALID", "请按提示修改后再提交。", { duty: DUTY_REQUIRED });
    unit = { schoolId: null, regionId: region.id, role: "SUPERVISOR" };
  } else {
    return fail("FORBIDDEN", NO_UNIT);
  }
  const id = await fileAccountRequest({
    requesterId: ctx.data.user.id,
    ...unit,
    supervisorDuty: unit.role === "SUPERVISOR" ? (input.data.duty ?? null) : null,
    displayName: input.data.displayName,
    username: input.data.username,
    reason: input.data.reason,
  });
  await audit(
    ctx.data,
    "account_request.file",
    { type: "AccountRequest", id },
    {
      username: input.data.username,
    },
  );
  return ok({ id });
}

/** The requests of the caller's own school or region, newest first, with their outcome. */
export async function ownAccountRequests(
  user: SessionUser | null,
): Promise<ActionResult<AccountRequestView[]>> {
  const ctx = accessContext(user, "account_request.view_own");
  if (!ctx.ok) return ctx;
  return ok(await listOwnRequests(ctx.data.scope));
}

/** Pending requests of the level directly below the caller. */
export async function accountRequestsToDecide(
  user: SessionUser | null,
): Promise<ActionResult<AccountRequestView[]>> {
  const ctx = await supervisorRegion(user, "account_request.decide");
  if (!ctx.ok) return ctx;
  return ok(await listRequestsToDecide(ctx.data.scope));
}

/** Approves a request: the account is created (password shown once to the approver). */
export async function approveAccountRequest(
  user: SessionUser | null,
  raw: unknown,
): Promise<ActionResult<{ username: string; password: string; unitName: string }>> {
  const ctx = await supervisorRegion(user, "account_request.decide");
  if (!ctx.ok) return ctx;
  const input = parseInput(accountIdSchema, raw);
  if (!input.ok) return input;
  const request = await findRequestToDecide(ctx.data.scope, input.data.id);
  if (!request) return fail("NOT_FOUND", REQUEST_NOT_FOUND);
  if (request.status !== "PENDING") return fail("CONFLICT", ALREADY_DECIDED);
  const unit = request.schoolId
    ? { kind: "school" as const, id: request.schoolId }
    : { kind: "region" as const, id: request.regionId ?? "" };
  const target = await resolveUnit(ctx.data, unit);
  if (!target.ok) return target;
  const password = newPassword();
  const account = accountFor(
    target.data,
    { username: request.username, displayName: request.displayName, duty: request.supervisorDuty },
    await hashPassword(password),
  );
  try {
    const userId = await approveRequest(
      ctx.data.scope,
      request.id,
      ctx.data.user.id,
      account,
      (tx, created) =>
        audit(
          { user: ctx.data.user, schoolId: target.data.schoolId },
          "account_request.approve",
          { type: "AccountRequest", id: request.id },
          { createdUserId: created, username: request.username },
          { tx },
        ),
    );
    if (!userId) return fail("CONFLICT", ALREADY_DECIDED);
    return ok({ username: request.username, password, unitName: target.data.name });
  } catch (error) {
    if (isUniqueViolation(error))
      return fail("CONFLICT", `${USERNAME_TAKEN}请不同意该申请并说明理由，由申请单位换一个登录名重新申请。`);
    throw error;
  }
}

/** Refuses a request with the reason the requester will read. */
export async function refuseAccountRequest(
  user: SessionUser | null,
  raw: unknown,
): Promise<ActionResult<undefined>> {
  const ctx = await supervisorRegion(user, "account_request.decide");
  if (!ctx.ok) return ctx;
  const input = parseInput(refuseAccountRequestSchema, raw);
  if (!input.ok) return input;
  const request = await findRequestToDecide(ctx.data.scope, input.data.id);
  if (!request) return fail("NOT_FOUND", REQUEST_NOT_FOUND);
  if (!(await refuseRequest(ctx.data.scope, request.id, ctx.data.user.id, input.data.refusalReason)))
    return fail("CONFLICT", ALREADY_DECIDED);
  await audit(
    ctx.data,
    "account_request.refuse",
    { type: "AccountRequest", id: request.id },
    {
      reason: input.data.refusalReason,
    },
  );
  return ok(undefined);
}
