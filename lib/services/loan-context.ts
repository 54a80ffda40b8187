/**
 * The context of every 国家助学贷款 operation: a supervisor of a PROVINCE (regionContext, then the region's
 * level read from the database), with the duty the operation needs: 业务操作人员 (OPERATOR) imports and
 * edits the cap table, 业务主管领导 (LEADER) reviews; both view. City and county supervisors, and every
 * other role, are refused (FORBIDDEN) before anything is read. The province's region id scopes every
 * query of lib/db/loans.repo.ts.
 */
import "server-only";
import type { Action } from "@/lib/auth/access";
import { supervisorPost } from "@/lib/db/loans.repo";
import type { SupervisorDuty } from "@/lib/domain/codes";
import { fail, ok, type ActionResult } from "@/lib/domain/result";
import type { SessionUser } from "@/lib/domain/session-user";
import { regionContext, type RegionContext } from "./context";

export type LoanContext = RegionContext & { duty: SupervisorDuty };

export const PROVINCE_ONLY_MESSAGE =
  "国家助学贷款信息仅由省级主管部门管理，市级、县级主管部门和学校无权查看或操作。";
export const OPERATOR_ONLY_MESSAGE = "只有省级主管部门的业务操作人员可以导入贷款、还款信息和修改额度标准。";
export const LEADER_ONLY_MESSAGE = "只有省级主管部门的业务主管领导可以审核贷款和还款信息。";

export async function loanContext(
  user: SessionUser | null,
  action: Action,
  duty?: SupervisorDuty,
): Promise<ActionResult<LoanContext>> {
  const ctx = regionContext(user, action);
  if (!ctx.ok) return ctx;
  const post = await supervisorPost(ctx.data.user.id);
  if (!post || post.level !== "PROVINCE" || post.regionId !== ctx.data.regionId || !post.duty)
    return fail("FORBIDDEN", PROVINCE_ONLY_MESSAGE);
  if (duty && post.duty !== duty)
    return fail("FORBIDDEN", duty === "OPERATOR" ? OPERATOR_ONLY_MESSAGE : LEADER_ONLY_MESSAGE);
  return ok({ ...ctx.data, duty: post.duty });
}
