import type { Stage } from "./codes";

/**
 * Who applies follows the stage (广东试点细则, docs/policy-sources.md): parents or guardians apply for
 * kindergarten, primary and junior-high children; students apply themselves
 * from senior high up.
 */
export const PARENT_APPLIES_STAGES: readonly Stage[] = ["KINDERGARTEN", "PRIMARY", "JUNIOR"];

export function applicantRoleFor(stage: Stage): "PARENT" | "STUDENT" {
  return PARENT_APPLIES_STAGES.includes(stage) ? "PARENT" : "STUDENT";
}
