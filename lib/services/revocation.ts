/** Revoking a determination (false information, left school…): a student already paid is marked for recovery. */
import "server-only";
import { VersionConflict } from "@/lib/db/applications.repo";
import { revokeDetermination as revokeStoredDetermination } from "@/lib/db/revocation.repo";
import { findForScoring } from "@/lib/db/scoring-input.repo";
import { REVOKE_REASON_LABELS } from "@/lib/domain/codes";
import { fail, ok, type ActionResult } from "@/lib/domain/result";
import type { SessionUser } from "@/lib/domain/session-user";
import { parseInput } from "@/lib/forms/field-errors";
import { revokeSchema } from "@/lib/schemas/determination";
import { audit } from "./audit";
import { schoolTermContext } from "./context";
import { CONFLICT_MESSAGE, NOT_FOUND_MESSAGE, transitionActor } from "./determination-failures";

export async function revokeDetermination(
  user: SessionUser,
  raw: unknown,
): Promise<ActionResult<{ recoveryRequired: boolean }>> {
  const ctx = await schoolTermContext(user, "determination.revoke");
  if (!ctx.ok) return ctx;
  const input = parseInput(revokeSchema, raw);
  if (!input.ok) return input;
  const { applicationId, reason } = input.data;
  try {
    const result = await revokeStoredDetermination(ctx.data.scope, {
      applicationId,
      version: input.data.version,
      reason,
      detail: `${REVOKE_REASON_LABELS[reason]}：${input.data.detail}`,
      actor: transitionActor(ctx.data),
    });
    await audit(
      ctx.data,
      "determination.revoke",
      { type: "Application", id: applicationId },
      { reason, recoveryRequired: result.recoveryRequired },
    );
    return ok(result);
  } catch (error) {
    if (!(error instanceof VersionConflict)) throw error;
    const application = await findForScoring(ctx.data.scope, applicationId);
    if (!application) return fail("NOT_FOUND", NOT_FOUND_MESSAGE);
    if (application.state !== "determined") return fail("REFUSED", "只有已认定的结果才能取消资格。");
    return fail("CONFLICT", CONFLICT_MESSAGE);
  }
}
