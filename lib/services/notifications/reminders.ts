/**
 * The daily deadline reminders (pg-boss schedule `reminders`, JOB_REMINDERS_CRON, default 08:00 China time):
 *   - APPLICANT_DEADLINE_NEAR to the applicants (student account, bound parents) of a draft whose school's
 *     application window closes, or a returned application whose deadline to resubmit falls, within the next
 *     2 working days;
 *   - VERIFICATION_DEADLINE_NEAR to each class teacher with submitted applications in their classes whose
 *     school's verification deadline falls within the next 2 working days, with how many wait.
 * "Within 2 working days" is lib/domain/todos.ts `nearDeadlineCutoff` over the national holiday calendar
 * (HolidayCalendarDay) with the school's own days — the same rule as the to-dos. A reminder's day key
 * (`reminderDay`) makes a second run on the same day write nothing: at most one per person, kind and day.
 */
import "server-only";
import { db } from "@/lib/db/client";
import { nationalCalendar } from "@/lib/db/holiday-calendar.repo";
import { applicantsDue, ownDaysOf, schoolsWithOwnDays, teachersDue } from "@/lib/db/reminders.repo";
import { formatBeijingDate, formatBeijingDateTime } from "@/lib/domain/time";
import { nearDeadlineCutoff } from "@/lib/domain/todos";
import { withSchoolDays } from "@/lib/domain/working-days";
import { schoolTemplateBodies } from "@/lib/db/notifications.repo";
import { notify, reminderDay } from "./notify";

export const DEFAULT_REMINDERS_CRON = "0 8 * * *";
export const REMINDERS_TIME_ZONE = "Asia/Shanghai";

/** How many reminders go into one transaction. */
const CHUNK = 200;

/** Each school's near-deadline cutoff: the national one, or its own where it has days of its own. */
async function cutoffs(now: Date) {
  const national = await nationalCalendar();
  const base = nearDeadlineCutoff(now, national);
  const own = await ownDaysOf(await schoolsWithOwnDays(formatBeijingDate(now)));
  const bySchool = new Map<string, Date>();
  for (const [schoolId, days] of own)
    bySchool.set(schoolId, nearDeadlineCutoff(now, withSchoolDays(national, days)));
  const latest = Math.max(base.getTime(), ...[...bySchool.values()].map((date) => date.getTime()));
  return { of: (schoolId: string) => bySchool.get(schoolId) ?? base, latest: new Date(latest) };
}

async function inChunks<T>(rows: T[], write: (tx: Parameters<typeof notify>[0], row: T) => Promise<number>) {
  let written = 0;
  for (let start = 0; start < rows.length; start += CHUNK) {
    const chunk = rows.slice(start, start + CHUNK);
    written += await db().$transaction(async (tx) => {
      let count = 0;
      for (const row of chunk) count += await write(tx, row);
      return count;
    });
  }
  return written;
}

export type ReminderReport = { applicantReminders: number; teacherReminders: number };

export async function runReminders(now: Date = new Date()): Promise<ReminderReport> {
  const { of, latest } = await cutoffs(now);
  const day = reminderDay(now);
  const applicants = (await applicantsDue(now, latest)).filter((row) => row.deadline <= of(row.schoolId));
  const teachers = (await teachersDue(now, latest)).filter((row) => row.deadline <= of(row.schoolId));
  // Each school's wording of the two kinds, read once for the run.
  const [applicantWording, teacherWording] = await Promise.all([
    schoolTemplateBodies(
      "APPLICANT_DEADLINE_NEAR",
      applicants.map((row) => row.schoolId),
    ),
    schoolTemplateBodies(
      "VERIFICATION_DEADLINE_NEAR",
      teachers.map((row) => row.schoolId),
    ),
  ]);
  const applicantReminders = await inChunks(applicants, (tx, row) =>
    notify(tx, {
      wording: applicantWording.get(row.schoolId) ?? null,
      kind: "APPLICANT_DEADLINE_NEAR",
      recipients: { applicantsOf: [row.personId] },
      schoolId: row.schoolId,
      params: { student: row.name, deadline: formatBeijingDateTime(row.deadline) },
      link: `/portal/apply/${row.personId}`,
      dedupeKey: day,
    }),
  );
  const teacherReminders = await inChunks(teachers, (tx, row) =>
    notify(tx, {
      wording: teacherWording.get(row.schoolId) ?? null,
      kind: "VERIFICATION_DEADLINE_NEAR",
      recipients: [row.teacherId],
      schoolId: row.schoolId,
      params: { count: String(row.submitted), deadline: formatBeijingDateTime(row.deadline) },
      link: "/console/teacher/applications?state=submitted",
      dedupeKey: day,
    }),
  );
  return { applicantReminders, teacherReminders };
}
