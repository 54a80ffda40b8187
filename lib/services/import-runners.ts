/**
 * Every import kind's runner, for the workers that take import jobs from the queue (the import-job
 * runner itself knows no kind, so the services that start imports can use it without a cycle).
 */
import "server-only";
import type { ImportRunners } from "./import-job-runner";
import { specialGroupImportRunner } from "./special-groups";
import { rosterImportRunner } from "./student-roster-import";

export const IMPORT_RUNNERS: ImportRunners = {
  ROSTER: rosterImportRunner,
  SPECIAL_GROUP: specialGroupImportRunner,
};
