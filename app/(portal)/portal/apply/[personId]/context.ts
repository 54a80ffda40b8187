import { authorize, requirePageAccess, type Action } from "@/lib/auth/access";
import {
  applicantEditable,
  loadApplicantContext,
  type ApplicantContext,
} from "@/lib/services/application-portal";

type Result = { ctx: ApplicantContext; error?: undefined } | { ctx?: undefined; error: string };

/** For pages: the matrix check for `action` (redirects when refused), then the applicant context or the Chinese reason it cannot be had. */
export async function applicantContext(
  personId: string,
  action: Action = "application.apply",
): Promise<Result> {
  const { user } = await requirePageAccess(action);
  const r = await loadApplicantContext(user, personId);
  return r.ok ? { ctx: r.data } : { error: r.message };
}

/** For server actions: the matrix check for `action` (a Chinese message when refused), then the applicant context. */
export async function applicantActionContext(personId: string, action: Action): Promise<Result> {
  const auth = await authorize(action);
  if (!auth.ok) return { error: auth.message };
  const r = await loadApplicantContext(auth.user, personId);
  return r.ok ? { ctx: r.data } : { error: r.message };
}

/** Why the step pages are read-only for this application (a banner says it), or null while the applicant may edit. */
export function readOnlyReason(ctx: ApplicantContext): string | null {
  if (!ctx.application) return null;
  const e = applicantEditable(ctx);
  if (e.ok) return null;
  return ctx.application.state === "submitted" ? "已提交，如需修改请先撤回。" : e.message;
}
