import type { AccessTable } from "./types";

/** The school aid office's groundwork: accounts, grades and classes, the student roster, special groups. Rows are added with the features. */
export const ADMIN_ACCESS = {
  "account.list": {
    description: "list the school's staff accounts and their classes",
    allow: { SCHOOL_ADMIN: "school" },
  },
  "account.create": {
    description: "create a teacher or school-leader account (initial password shown once)",
    allow: { SCHOOL_ADMIN: "school" },
  },
  "account.disable": {
    description: "disable or re-enable a staff account of the school",
    allow: { SCHOOL_ADMIN: "school" },
  },
  "account.reset_password": {
    description:
      "reset the password of a staff member, student or parent of the school (temporary password shown once)",
    allow: { SCHOOL_ADMIN: "school" },
  },
  "class.assign_teacher": {
    description: "assign a teacher to a class or remove the assignment",
    allow: { SCHOOL_ADMIN: "school" },
  },
  "structure.edit": {
    description: "add, rename and delete grades and classes (no deleting a class with students)",
    allow: { SCHOOL_ADMIN: "school" },
  },
  "roster.import": {
    description: "import the student roster from .xlsx, follow its progress, download rejected rows",
    allow: { SCHOOL_ADMIN: "school" },
  },
  "roster.export": {
    description: "export the school's student roster to .xlsx (full ID numbers, audited)",
    allow: { SCHOOL_ADMIN: "school" },
  },
  "special_group.import": {
    description: "import a special-group list issued from above (中央下发) and match it by ID number",
    allow: { SCHOOL_ADMIN: "school" },
  },
  "special_group.add": {
    description: "add a special-group entry collected by the school (自采集) with evidence",
    allow: { SCHOOL_ADMIN: "school" },
  },
  "special_group.evidence": {
    description: "open the evidence file of a special-group entry collected by the school (audited)",
    allow: { SCHOOL_ADMIN: "school", SCHOOL_LEADER: "school" },
  },
  "special_group.view": {
    description: "list this term's special-group students with application and aid state",
    allow: { SCHOOL_ADMIN: "school", SCHOOL_LEADER: "school" },
  },
  "no_aid_reason.record": {
    description: "record why a special-group student has no aid this term (未资助原因上报)",
    allow: { SCHOOL_ADMIN: "school" },
  },
  "no_aid_reason.export": {
    description: "export the special-group students without aid and their reasons",
    allow: { SCHOOL_ADMIN: "school", SCHOOL_LEADER: "school" },
  },
  "term.extend_window": {
    description:
      "extend the school's own application window of the current term (audited; applicants' countdown follows)",
    allow: { SCHOOL_ADMIN: "school" },
  },
  "audit.search": {
    description: "search the audit log of the admin's own school",
    allow: { SCHOOL_ADMIN: "school" },
  },
} as const satisfies AccessTable;
