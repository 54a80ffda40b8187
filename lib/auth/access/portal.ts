import type { AccessTable } from "./types";

/** Students and parents applying. */
export const PORTAL_ACCESS = {
  "application.apply": {
    description: "start, fill in, submit, withdraw or waive an application",
    allow: { STUDENT: "self", PARENT: "bound-child" },
  },
  "application.view": {
    description: "read an application and its timeline",
    allow: {
      STUDENT: "self",
      PARENT: "bound-child",
      TEACHER: "own-classes",
      SCHOOL_ADMIN: "school",
      SCHOOL_LEADER: "school",
      SUPERVISOR: "region",
    },
  },
  "enrolment.report_error": {
    description: "report wrong enrolment data to the class teacher",
    allow: { STUDENT: "self", PARENT: "bound-child" },
  },
  "child.bind": { description: "bind a child to a parent account", allow: { PARENT: "bound-child" } },
  "evidence.upload": {
    description: "upload or delete evidence files of an application while it is editable",
    allow: { STUDENT: "self", PARENT: "bound-child" },
  },
  "evidence.download": {
    description: "open an evidence file of an application",
    allow: {
      STUDENT: "self",
      PARENT: "bound-child",
      TEACHER: "own-classes",
      SCHOOL_ADMIN: "school",
      SCHOOL_LEADER: "school",
    },
  },
} as const satisfies AccessTable;
