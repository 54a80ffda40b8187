import type { AccessTable } from "./types";

/**
 * The follow-up before the school's publicity (满意度调查 and 回访, lib/domain/follow-up-sample.ts) and the
 * recovery of revoked aid that was already paid (lib/domain/aid-recovery.ts).
 */
export const FOLLOW_UP_ACCESS = {
  "follow_up.view": {
    description:
      "see the term's satisfaction-survey and waiver follow-up sample of the own school (a teacher: the sampled students of the own classes), contacts and re-investigations",
    allow: { TEACHER: "own-classes", SCHOOL_ADMIN: "school", SCHOOL_LEADER: "school" },
  },
  "follow_up.draw": {
    description:
      "draw the own school's follow-up sample of the term (≥ 30% of each group, seed recorded); refused once a contact is recorded",
    allow: { SCHOOL_ADMIN: "school" },
  },
  "follow_up.contact": {
    description:
      "record a contact with a sampled student's family (date, way, satisfied or not, notes; dissatisfied: the re-investigation reason)",
    allow: { TEACHER: "own-classes", SCHOOL_ADMIN: "school" },
  },
  "follow_up.answer": {
    description: "answer a re-investigation opened by a dissatisfied contact of the own school's sample",
    allow: { SCHOOL_ADMIN: "school" },
  },
  "aid_recovery.view": {
    description:
      "see the recoveries of revoked aid of the own school or of the schools of the own subtree (amount due, recoveries, closed)",
    allow: { SCHOOL_ADMIN: "school", SCHOOL_LEADER: "school", SUPERVISOR: "region" },
  },
  "aid_recovery.record": {
    description: "record an amount recovered (date, amount, note) on a recovery of the own school",
    allow: { SCHOOL_ADMIN: "school" },
  },
} as const satisfies AccessTable;
