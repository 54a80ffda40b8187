import { authorize, requirePageAccess, type Action } from "@/lib/auth/access";
import { loadApplicantContext, type ApplicantContext } from "@/lib/services/application-portal";

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
