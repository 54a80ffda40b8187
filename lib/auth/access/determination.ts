import type { AccessTable } from "./types";

/** Determination, publicity, rosters and exports. */
export const DETERMINATION_ACCESS = {
  "determination.queue": {
    description: "list teacher-verified applications with simulated and final levels, and the review steps",
    allow: { SCHOOL_ADMIN: "school", SCHOOL_LEADER: "school" },
  },
  "determination.view": {
    description: "read one applicant's household, home visit, class rank and scoring explanation",
    allow: { SCHOOL_ADMIN: "school", SCHOOL_LEADER: "school" },
  },
  "determination.review": {
    description: "school review (审核) of a verified application, or return it with a reason",
    allow: { SCHOOL_ADMIN: "school" },
  },
  "determination.grade_adjust": {
    description: "record the grade committee's adjusted level of an application (a change needs a reason)",
    allow: { SCHOOL_ADMIN: "school" },
  },
  "determination.set_level": {
    description: "set the final level (a level different from the simulated one needs a reason)",
    allow: { SCHOOL_ADMIN: "school" },
  },
  "determination.bulk_accept": {
    description: "accept the simulated levels of a class, listing the exceptions",
    allow: { SCHOOL_ADMIN: "school" },
  },
  "determination.committee_step": {
    description: "record a grade or school committee step (who, when, members, comment)",
    allow: { SCHOOL_ADMIN: "school" },
  },
  "determination.sign_off": {
    description: "the school leader signs off the determination results",
    allow: { SCHOOL_LEADER: "school" },
  },
  "determination.revoke": {
    description: "revoke a determination with a reason of SPEC §4 (paid aid flagged for recovery)",
    allow: { SCHOOL_ADMIN: "school" },
  },
  "determination.recompute": {
    description:
      "recompute and store the simulated levels of the term's applications without a final level (after a model change)",
    allow: { SCHOOL_ADMIN: "school" },
  },
  "determination.model": {
    description: "save a new version of the school's scoring model",
    allow: { SCHOOL_ADMIN: "school" },
  },
  "publicity.manage": {
    description: "create publicity batches, answer objections, finalise a batch",
    allow: { SCHOOL_ADMIN: "school" },
  },
  "publicity.view": {
    description: "read a publicity page (name, class, level/programme only)",
    allow: {
      STUDENT: "school-community",
      PARENT: "school-community",
      TEACHER: "school-community",
      SCHOOL_ADMIN: "school-community",
      SCHOOL_LEADER: "school-community",
      SUPERVISOR: "region",
    },
  },
  "publicity.object": {
    description: "file an objection (异议) during publicity",
    allow: {
      STUDENT: "school-community",
      PARENT: "school-community",
      TEACHER: "school-community",
      SCHOOL_LEADER: "school-community",
    },
  },
  "result.view": {
    description: "the applicant's own result, aid and receipts",
    allow: { STUDENT: "self", PARENT: "bound-child" },
  },
  "result.review_request": {
    description: "ask for a review (复议) of one's own result during publicity",
    allow: { STUDENT: "self", PARENT: "bound-child" },
  },
  "result.confirm_receipt": {
    description: "confirm receipt (签收) of paid aid",
    allow: { STUDENT: "self", PARENT: "bound-child" },
  },
  "rosters.view": {
    description: "read programmes, rosters and their totals against quota and budget",
    allow: { SCHOOL_ADMIN: "school", SCHOOL_LEADER: "school" },
  },
  "rosters.manage": {
    description:
      "set programme amounts/quota/budget, generate and adjust rosters, approve, unlock with a reason, record payment",
    allow: { SCHOOL_ADMIN: "school" },
  },
  "exports.national": {
    description: "download the national-system exports (full ID numbers; audit-logged)",
    allow: { SCHOOL_ADMIN: "school" },
  },
  "exports.download": {
    description:
      "download the file of a finished national-export task of the school (full ID numbers; audit-logged)",
    allow: { SCHOOL_ADMIN: "school" },
  },
  "special_group.follow_up": {
    description:
      "list special-group students without 特别困难 or aid this term (their 未资助原因 are recorded under no_aid_reason.record)",
    allow: { SCHOOL_ADMIN: "school", SCHOOL_LEADER: "school" },
  },
} as const satisfies AccessTable;
