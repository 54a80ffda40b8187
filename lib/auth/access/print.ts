import type { AccessTable } from "./types";

/** The printed forms of the aid archive (app/(print)/print/*) and the school's term archive download. */
export const PRINT_ACCESS = {
  "print.class_forms": {
    description:
      "print a student's or a class's 认定申请表, 量化计分表, class evaluation record and 发放签收表 (personal forms audited)",
    allow: { TEACHER: "own-classes", SCHOOL_ADMIN: "school" },
  },
  "print.school_forms": {
    description:
      "print the school's 公示表 of a publicity batch and its determination summary with the leader's line",
    allow: { SCHOOL_ADMIN: "school" },
  },
  "archive.term": {
    description:
      "ask for the school's archive of a term (a zip of the printed forms as PDF and the term's .xlsx lists, built by a job) and download it (audited)",
    allow: { SCHOOL_ADMIN: "school" },
  },
} as const satisfies AccessTable;
