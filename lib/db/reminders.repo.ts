/**
 * What the daily reminders (lib/services/notifications/reminders.ts) remind of, read across every school:
 * the current term's drafts (the school's application window's end) and returned applications (their own
 * deadline) whose deadline falls in (now, until]; per class teacher, the submitted applications of their
 * classes whose school's verification deadline falls in (now, until]. Dates are the school's own where it set
 * them (SchoolTermSetting).
 */
import "server-only";
import { db } from "./client";

export type ApplicantDue = { personId: string; schoolId: string; name: string; deadline: Date };
export type TeacherDue = { teacherId: string; schoolId: string; submitted: number; deadline: Date };

export function applicantsDue(now: Date, until: Date): Promise<ApplicantDue[]> {
  return db().$queryRaw<ApplicantDue[]>`
    SELECT d."personId", d."schoolId", d."name", d."deadline" FROM (
      SELECT a."personId", a."schoolId", p."name",
             CASE WHEN a."state" = 'draft' THEN COALESCE(st."applyEnd", t."applyEnd") ELSE a."returnDeadline" END
               AS "deadline"
      FROM "Application" a
      JOIN "AidTerm" t ON t."id" = a."termId" AND t."isCurrent"
      JOIN "Person" p ON p."id" = a."personId"
      LEFT JOIN "SchoolTermSetting" st ON st."termId" = a."termId" AND st."schoolId" = a."schoolId"
      WHERE a."state" IN ('draft', 'returned')) d
    WHERE d."deadline" > ${now} AND d."deadline" <= ${until}
    ORDER BY d."deadline", d."personId"`;
}

export function teachersDue(now: Date, until: Date): Promise<TeacherDue[]> {
  return db().$queryRaw<TeacherDue[]>`
    SELECT tc."teacherId", a."schoolId", count(*)::int AS "submitted",
           min(COALESCE(st."verifyDeadline", t."verifyDeadline")) AS "deadline"
    FROM "Application" a
    JOIN "AidTerm" t ON t."id" = a."termId" AND t."isCurrent"
    JOIN "TeacherClass" tc ON tc."classId" = a."classId"
    LEFT JOIN "SchoolTermSetting" st ON st."termId" = a."termId" AND st."schoolId" = a."schoolId"
    WHERE a."state" = 'submitted' AND a."kind" = 'REGULAR'
      AND COALESCE(st."verifyDeadline", t."verifyDeadline") > ${now}
      AND COALESCE(st."verifyDeadline", t."verifyDeadline") <= ${until}
    GROUP BY tc."teacherId", a."schoolId"
    ORDER BY tc."teacherId"`;
}

/** The schools with their own days off or working days from `fromDay` on: their near-deadline cutoff differs. */
export async function schoolsWithOwnDays(fromDay: string): Promise<string[]> {
  const rows = await db().schoolCalendarDay.findMany({
    where: { day: { gte: new Date(`${fromDay}T00:00:00Z`) } },
    distinct: ["schoolId"],
    select: { schoolId: true },
  });
  return rows.map((row) => row.schoolId);
}

/** The own days of the given schools ("YYYY-MM-DD"), per school. */
export async function ownDaysOf(schoolIds: string[]) {
  const rows = await db().schoolCalendarDay.findMany({
    where: { schoolId: { in: schoolIds } },
    select: { schoolId: true, day: true, working: true },
  });
  const bySchool = new Map<string, { day: string; working: boolean }[]>();
  for (const row of rows)
    bySchool.set(row.schoolId, [
      ...(bySchool.get(row.schoolId) ?? []),
      { day: row.day.toISOString().slice(0, 10), working: row.working },
    ]);
  return bySchool;
}
