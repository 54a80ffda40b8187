/**
 * Moving an application from one state to another for a service that has already decided the move
 * (lib/domain/application-state.ts): written only if nobody changed the application since it was read.
 */
import "server-only";
import { transitionApplication, VersionConflict } from "@/lib/db/applications.repo";
import { fail, ok, type ActionResult } from "@/lib/domain/result";

type Transition = Parameters<typeof transitionApplication>[1];

/** Writes the move; a concurrent change answers CONFLICT with `conflictMessage`. */
export async function moveApplication(
  scope: Parameters<typeof transitionApplication>[0],
  app: { id: string; version: number; state: Transition["from"] },
  change: Omit<Transition, "applicationId" | "version" | "from">,
  conflictMessage: string,
): Promise<ActionResult<undefined>> {
  try {
    await transitionApplication(scope, {
      applicationId: app.id,
      version: app.version,
      from: app.state,
      ...change,
    });
    return ok(undefined);
  } catch (error) {
    if (error instanceof VersionConflict) return fail("CONFLICT", conflictMessage);
    throw error;
  }
}
