import { viewStudentArchive } from "@/lib/services/student-archive";
import type { ProbeTable } from "./types";

/** Probes for lib/auth/access/archive.ts: the senior student's aid file, opened through their enrolment. */
export const ARCHIVE_PROBES: ProbeTable = {
  "student_archive.view": async ({ caller, target }) => {
    const result = await viewStudentArchive(caller, target.student.student.id);
    return result.ok && result.data.student.studentId === target.student.student.id;
  },
};
