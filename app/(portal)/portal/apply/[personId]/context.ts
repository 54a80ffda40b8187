import { requireUser, APPLICANT_ROLES } from "@/lib/auth/session";
import { loadApplicantContext, type ApplicantContext } from "@/lib/services/application-portal";

/** The applicant context for a page or action, or the Chinese reason it cannot be had. */
export async function applicantContext(personId: string): Promise<{ ctx: ApplicantContext; error?: undefined } | { ctx?: undefined; error: string }> {
  const user = await requireUser(APPLICANT_ROLES);
  const r = await loadApplicantContext(user, personId);
  return r.ok ? { ctx: r.data } : { error: r.message };
}
