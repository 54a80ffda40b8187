/**
 * One application as any role allowed `application.view` sees it (the
 * applicant, the class teacher, the school's admin and leader, the
 * supervisor of the region): the application with its household, programmes,
 * evidence list and timeline. Outside the caller's scope it is "not found",
 * exactly like an id that does not exist.
 */
import "server-only";
import { findApplicationById, type ApplicationView } from "@/lib/db/applications.repo";
import { listEvidence, type EvidenceItem } from "@/lib/db/evidence.repo";
import { fail, ok, type ActionResult } from "@/lib/domain/result";
import type { SessionUser } from "@/lib/domain/session-user";
import { isId } from "@/lib/schemas/id";
import { accessContext } from "./context";

export type { ApplicationView };

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
  const ctx = accessContext(user, "application.view");
  if (!ctx.ok) return ctx;
  if (!isId(applicationId)) return fail("NOT_FOUND", APPLICATION_NOT_FOUND);
  const application = await findApplicationById(ctx.data.scope, applicationId);
  if (!application) return fail("NOT_FOUND", APPLICATION_NOT_FOUND);
  const evidence = await listEvidence(ctx.data.scope, application.id);
  return ok({
    application,
    household: application.household,
    familyMembers: application.familyMembers,
    suddenEvents: application.suddenEvents,
    programmes: application.programmes.map((choice) => choice.programme),
    evidence,
    timeline: application.transitions,
  });
}
