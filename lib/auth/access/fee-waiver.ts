import type { AccessTable } from "./types";

/**
 * 普高 建档立卡等免学杂费 lists (lib/domain/fee-waiver-list.ts): entry by the school's aid officer, 学校审核 by its
 * leader, 主管部门审核 by the supervisors (the domain lets only the school's own region act), and 资金发放查看.
 */
export const FEE_WAIVER_ACCESS = {
  "fee_waiver_list.view": {
    description:
      "see the 普高 fee-waiver lists (by 学年学期) of the own school or of the schools of the own subtree, their entries and history",
    allow: { SCHOOL_ADMIN: "school", SCHOOL_LEADER: "school", SUPERVISOR: "region" },
  },
  "fee_waiver_list.edit": {
    description:
      "资助名单录入 of the own school's 普高 fee-waiver list: build it from the term's determinations and special groups, remove a student (not while under review or passed)",
    allow: { SCHOOL_ADMIN: "school" },
  },
  "fee_waiver_list.school_review": {
    description: "学校审核 of the own school's 普高 fee-waiver list (pass, or refuse with a reason)",
    allow: { SCHOOL_LEADER: "school" },
  },
  "fee_waiver_list.supervise": {
    description:
      "主管部门审核 of the 普高 fee-waiver lists of the schools of the own region (pass, or refuse with a reason: back to the school)",
    allow: { SUPERVISOR: "region" },
  },
  "fee_waiver_payments.view": {
    description:
      "资金发放查看: the students of the passed 普高 fee-waiver lists of the own school or subtree, with the five special-group flags and filters (masked)",
    allow: { SCHOOL_ADMIN: "school", SCHOOL_LEADER: "school", SUPERVISOR: "region" },
  },
  "fee_waiver_payments.export": {
    description:
      "export the filtered 资金发放查看 list of the own school or subtree to .xlsx (masked; audited)",
    allow: { SCHOOL_ADMIN: "school", SCHOOL_LEADER: "school", SUPERVISOR: "region" },
  },
} as const satisfies AccessTable;
