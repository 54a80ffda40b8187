/**
 * 资助档案 (档案全学段衔接): which schools' records of one person a viewer sees, and how.
 *
 * The person is the same across schools through `Person` (one row per ID number, found by its blind index
 * `Person.idNumberHash`, unique); each school's enrolment is a `Student` row of that person. The archive is
 * opened through one enrolment the viewer may see (lib/db/scope.ts `studentWhere`), and then:
 *
 * - a school whose enrolment is current (在读/休学) sees its own records in full and the records of the schools
 *   the person has left (转出/毕业) read-only, with their personal data masked;
 * - a school the person has left sees its own records only (nothing of the school they went to);
 * - a school never sees the records of a school where the person is also enrolled now (a double enrolment is a
 *   registry error to be fixed, not a reason to show another current school's file);
 * - a supervisor sees every school of the person read-only: the schools of their subtree in full, the others
 *   masked.
 */
import type { EnrolmentStatus } from "./codes";

export type ArchiveViewer = { kind: "school"; schoolId: string } | { kind: "region"; regionPath: string };

export type ArchiveEnrolment = {
  schoolId: string;
  status: EnrolmentStatus;
  enrolledOn: Date;
  regionPath: string;
};

/** How one school's records are shown: `full` (the viewer's own school, or a school of the supervisor's subtree) or `masked`. */
export type SchoolView = "full" | "masked";

export const isCurrentEnrolment = (status: EnrolmentStatus): boolean =>
  status === "IN_SCHOOL" || status === "SUSPENDED";

/**
 * The schools whose records the viewer sees, each with how. `opened` is the enrolment the archive was opened
 * through (already proven to be in the viewer's scope); `enrolments` are all the person's enrolments.
 */
export function archiveSchools(
  viewer: ArchiveViewer,
  opened: ArchiveEnrolment,
  enrolments: readonly ArchiveEnrolment[],
): Map<string, SchoolView> {
  const schools = new Map<string, SchoolView>();
  if (viewer.kind === "region") {
    for (const enrolment of enrolments)
      schools.set(enrolment.schoolId, enrolment.regionPath.startsWith(viewer.regionPath) ? "full" : "masked");
    return schools;
  }
  if (opened.schoolId !== viewer.schoolId) return schools;
  schools.set(opened.schoolId, "full");
  if (!isCurrentEnrolment(opened.status)) return schools;
  for (const enrolment of enrolments) {
    if (enrolment.schoolId === opened.schoolId || isCurrentEnrolment(enrolment.status)) continue;
    schools.set(enrolment.schoolId, "masked");
  }
  return schools;
}

const LONG_DIGITS = /[0-9０-９]{6,}[0-9０-９Xx]?/g;

/**
 * Free text written at another school (a reason, a note) shown masked: a run of six or more digits — an ID
 * number, a mobile, a bank account written into the text — keeps its last four characters when it has eleven
 * or more, and none when shorter.
 */
export function maskFreeText(text: string | null): string | null {
  if (text === null) return null;
  return text.replace(LONG_DIGITS, (run) =>
    run.length >= 11 ? "*".repeat(run.length - 4) + run.slice(-4) : "*".repeat(run.length),
  );
}
