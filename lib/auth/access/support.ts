import type { AccessTable } from "./types";

/**
 * The support desk (技术支持服务, lib/domain/support.ts): every staff role files problems about the system and
 * follows them; a school's aid officers handle their teachers' problems, supervisors those of the level below
 * (the services add the queue rule: a handler takes only what waits in their own school's or region's queue,
 * and sees only problems of their school or region subtree). Students and parents do not file here: their
 * teacher files for them (a sign-in problem can be turned into a ticket).
 */
export const SUPPORT_ACCESS = {
  "support.file": {
    description:
      "file a problem about the system (category, urgency, files, the page it concerns) into the queue of the level that handles the filer's",
    allow: { TEACHER: "own-classes", SCHOOL_ADMIN: "school", SCHOOL_LEADER: "school", SUPERVISOR: "region" },
  },
  "support.view_own": {
    description:
      "follow one's own problems: every step, the replies (never the internal notes), confirm or reopen an answer and rate it",
    allow: { TEACHER: "own-classes", SCHOOL_ADMIN: "school", SCHOOL_LEADER: "school", SUPERVISOR: "region" },
  },
  "support.handle": {
    description:
      "handle the problems of the own school (aid officer: its teachers') or region subtree: queue and progress list, take (first taker owns it), reply, internal notes, pass up, answer and close",
    allow: { SCHOOL_ADMIN: "school", SUPERVISOR: "region" },
  },
  "support.convert_sign_in_problem": {
    description: "turn a sign-in problem of the own school into a support ticket (filed by the aid officer)",
    allow: { SCHOOL_ADMIN: "school" },
  },
  "holiday_calendar.edit": {
    description:
      "add a year's State Council days off and make-up working days to the national holiday calendar (province supervisors only)",
    allow: { SUPERVISOR: "region" },
  },
  "support_answer.view": {
    description:
      "search the province's 常见问题 (trained topics, known issues), also as suggestions while filing a problem",
    allow: { TEACHER: "own-classes", SCHOOL_ADMIN: "school", SCHOOL_LEADER: "school", SUPERVISOR: "region" },
  },
  "support_answer.manage": {
    description:
      "keep the province's 常见问题: add and remove answers, turn a resolved problem into an answer (province supervisors only)",
    allow: { SUPERVISOR: "region" },
  },
  "support.statistics": {
    description:
      "support-desk statistics of the own region subtree (problems per category and level, median times to answer and close, share answered in time, per month) and their .xlsx export",
    allow: { SUPERVISOR: "region" },
  },
  "support_contact.view": {
    description:
      "see the support contact (受理电话, 受理邮箱, 专人) the own city filed, on the support pages (seed 001 第七条)",
    allow: { TEACHER: "own-classes", SCHOOL_ADMIN: "school", SCHOOL_LEADER: "school", SUPERVISOR: "region" },
  },
  "support_contact.file": {
    description:
      "record or correct the own city's support contact of this year (备案, due in September; city supervisors only)",
    allow: { SUPERVISOR: "region" },
  },
  "support_contact.overview": {
    description:
      "see which cities of the subtree filed this year's support contact and which are missing or overdue",
    allow: { SUPERVISOR: "region" },
  },
  "training.record": {
    description:
      "record a training session of a region of the subtree and who attended (county and school users of the subtree)",
    allow: { SUPERVISOR: "region" },
  },
  "training.untrained": {
    description:
      "list the county and school users of the subtree without a training this calendar or academic year",
    allow: { SUPERVISOR: "region" },
  },
  "training.view_own": {
    description: "see one's own training history",
    allow: { TEACHER: "own-classes", SCHOOL_ADMIN: "school", SCHOOL_LEADER: "school", SUPERVISOR: "region" },
  },
} as const satisfies AccessTable;
