import type { AccessTable } from "./types";

/**
 * The supervisor console (主管部门): accounts down the region tree and account requests (用户申请).
 * Every action is scoped to the supervisor's region subtree; the services add the level rule
 * (lib/domain/supervisor-accounts.ts: each level creates the accounts of the level directly below it).
 */
export const SUPERVISOR_ACCESS = {
  "supervisor_account.list": {
    description:
      "list the accounts of the level directly below (child regions' supervisors, own schools' aid officers)",
    allow: { SUPERVISOR: "region" },
  },
  "supervisor_account.create": {
    description:
      "create a supervisor account of a child region (with its duty) or a school aid officer's account of an own school (initial password shown once)",
    allow: { SUPERVISOR: "region" },
  },
  "supervisor_account.disable": {
    description: "disable or re-enable an account of the level directly below",
    allow: { SUPERVISOR: "region" },
  },
  "supervisor_account.reset_password": {
    description:
      "reset the password of an account of the level directly below (temporary password shown once)",
    allow: { SUPERVISOR: "region" },
  },
  "account_request.file": {
    description: "ask the level above for another account of one's own school or region (用户申请)",
    allow: { SCHOOL_ADMIN: "school", SUPERVISOR: "region" },
  },
  "account_request.view_own": {
    description: "see the account requests of one's own school or region and their outcome",
    allow: { SCHOOL_ADMIN: "school", SUPERVISOR: "region" },
  },
  "account_request.decide": {
    description:
      "approve (creating the account, password shown once) or refuse with a reason the requests of the level directly below",
    allow: { SUPERVISOR: "region" },
  },
  "school_registry.view": {
    description: "see the region tree and the school registry of the own subtree",
    allow: { SUPERVISOR: "region" },
  },
  "school_registry.edit": {
    description:
      "add child regions (city under province, county under city), rename regions below, add or edit schools of the subtree",
    allow: { SUPERVISOR: "region" },
  },
  "school_registry.import": {
    description: "import the school registry of the subtree from .xlsx (every bad row reported)",
    allow: { SUPERVISOR: "region" },
  },
  "school_registry.export": {
    description: "export the school registry of the subtree to .xlsx",
    allow: { SUPERVISOR: "region" },
  },
  "work_progress.view": {
    description:
      "see the current term's work progress (工作进展) of the child regions and schools of the own subtree, drilling down to one school",
    allow: { SUPERVISOR: "region" },
  },
  "work_progress.export": {
    description: "export the shown work-progress table of the own subtree to .xlsx (audited)",
    allow: { SUPERVISOR: "region" },
  },
  "region_query.determinations": {
    description:
      "困难学生认定结果查看: the determinations of the subtree's schools by term, stage, school, level and special group (masked)",
    allow: { SUPERVISOR: "region" },
  },
  "region_query.special_groups": {
    description:
      "重点保障人群信息查询: special-group students studying in the subtree, by category, source, stage and school (masked)",
    allow: { SUPERVISOR: "region" },
  },
  "region_query.hukou": {
    description:
      "本地户籍外地就读: students registered in the subtree studying outside it, and the converse, with counts by child region and stage (masked)",
    allow: { SUPERVISOR: "region" },
  },
  "region_query.history": {
    description:
      "a student's aid history across terms and schools (档案全学段衔接) when studying or registered in the subtree (masked)",
    allow: { SUPERVISOR: "region" },
  },
  "region_query.reveal_id": {
    description: "show a special-group student's full ID number on request, for checking the lists (audited)",
    allow: { SUPERVISOR: "region" },
  },
  "region_query.export": {
    description:
      "export a region query's filtered list to .xlsx (special-group and hukou lists optionally with full ID numbers; audited)",
    allow: { SUPERVISOR: "region" },
  },
  "statistics.view": {
    description:
      "see the aid statistics and charts (special groups, aid by stage, region, programme, level, term) of the own subtree or a region in it",
    allow: { SUPERVISOR: "region" },
  },
  "statistics.export": {
    description: "export one aid statistics table of the own subtree or a region in it to .xlsx (audited)",
    allow: { SUPERVISOR: "region" },
  },
  "vocational_list.edit": {
    description:
      "中职 monthly lists of the own school: build from the term's determinations (资助名单录入), publicise (资助名单公示), record payment after confirmation and the publicity's end (资金发放), ask to withdraw a confirmed list (申请公示退回)",
    allow: { SCHOOL_ADMIN: "school" },
  },
  "vocational_list.school_review": {
    description: "学校审核 of the own school's 中职 monthly lists (pass, or refuse with a reason)",
    allow: { SCHOOL_LEADER: "school" },
  },
  "vocational_list.supervise": {
    description:
      "主管部门审核, 名单公示确认 (公示通过/公示不通过) and 公示退回审核 of the 中职 monthly lists of the schools of the own region (the domain refuses supervisors above it)",
    allow: { SUPERVISOR: "region" },
  },
  "vocational_list.view": {
    description:
      "see the 中职 monthly lists (states, entries, amounts, history) of the own school, or of the schools of the own subtree",
    allow: { SCHOOL_ADMIN: "school", SCHOOL_LEADER: "school", SUPERVISOR: "region" },
  },
  "vocational_list.attachment": {
    description:
      "view or download a 中职 monthly list's publicity attachment (own school, or a school of the own subtree; audited)",
    allow: { SCHOOL_ADMIN: "school", SCHOOL_LEADER: "school", SUPERVISOR: "region" },
  },
} as const satisfies AccessTable;
