import type { AccessTable } from "./types";

/** 资助档案: a student's aid file across terms and schools (lib/domain/student-archive.ts says who sees which school). */
export const ARCHIVE_ACCESS = {
  "student_archive.view": {
    description:
      "a student's aid file (资助档案) across terms and schools: the current school's records in full, the schools the student left read-only and masked; a school the student left sees only its own (audited)",
    allow: {
      TEACHER: "own-classes",
      SCHOOL_ADMIN: "school",
      SCHOOL_LEADER: "school",
      SUPERVISOR: "region",
    },
  },
} as const satisfies AccessTable;
