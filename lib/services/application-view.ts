/**
 * One application as any role allowed `application.view` sees it (the
 * applicant, the class teacher, the school's admin and leader, the
 * supervisor of the region): the application with its household, programmes,
 * evidence list and timeline. Outside the caller's scope it is "not found",
 * exactly like an id that does not exist.
 */
import "server-only";
import { decide } from "@/lib/auth/access";
import type { SessionUser } from "@/lib/auth/session";
import { findApplicationById, type ApplicationView } from "@/lib/db/applications.repo";
import { listEvidence, type EvidenceItem } from "@/lib/db/evidence.repo";
import { fail, ok, type ActionResult } from "./result";
import { isId } from "@/lib/schemas/id";

export const APPLICATION_NOT_FOUND = "未找到该申请，或您无权查看。";

export type ApplicationFullView = {
  application: ApplicationView;
  household: ApplicationView["household"];
  familyMembers: ApplicationView["familyMembers"];
  suddenEvents: ApplicationView["suddenEvents"];
  programmes: ApplicationView["programmes"][number]["programme"][];
  evidence: EvidenceItem[];
  timeline: ApplicationView["transitions"];
};

export async function loadApplicationView(
  user: SessionUser,
  applicationId: string,
): Promise<ActionResult<ApplicationFullView>> {
  const d = decide(user, "application.view");
  if (!d.ok) return fail(d.message);
  if (!isId(applicationId)) return fail(APPLICATION_NOT_FOUND);
  const app = await findApplicationById(d.scope, applicationId);
  if (!app) return fail(APPLICATION_NOT_FOUND);
  const evidence = await listEvidence(d.scope, app.id);
  return ok({
    application: app,
    household: app.household,
    familyMembers: app.familyMembers,
    suddenEvents: app.suddenEvents,
    programmes: app.programmes.map((p) => p.programme),
    evidence,
    timeline: app.transitions,
  });
}
