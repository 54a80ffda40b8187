import { requirePageAccess, type Action } from "@/lib/auth/access";
import { applicantEditable } from "@/lib/services/application-portal";
import { applicantContext as loadApplicantContext, type ApplicantContext } from "@/lib/services/context";

type Result = { ctx: ApplicantContext; error?: undefined } | { ctx?: undefined; error: string };

/** For pages: the matrix check for `action` (redirects when refused), then the applicant context or the Chinese reason it cannot be had. */
export async function applicantContext(
  personId: string,
  action: Action = "application.apply",
): Promise<Result> {
  const { user } = await requirePageAccess(action);
  const context = await loadApplicantContext(user, personId, action);
  return context.ok ? { ctx: context.data } : { error: context.message };
}

/** Why the step pages are read-only for this application (a banner says it), or null while the applicant may edit. */
export function readOnlyReason(ctx: ApplicantContext): string | null {
  if (!ctx.application) return null;
  const editable = applicantEditable(ctx);
  if (editable.ok) return null;
  return ctx.application.state === "submitted" ? "已提交，如需修改请先撤回。" : editable.message;
}
