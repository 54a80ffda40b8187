/** A school's own days off and make-up working days (publicity periods). */
import "server-only";
import type { Scope } from "@/lib/auth/scope";
import { db } from "./client";
import { schoolWhere } from "./scope";

/**
 * The national calendar's days (HolidayCalendarDay) and the school's own (SchoolCalendarDay) in one
 * statement, for counting the school's working days (lib/services/publicity.ts `schoolCalendar`).
 */
export async function calendarDaysOfSchool(
  scope: Scope & { schoolId: string },
): Promise<{ national: { day: Date; working: boolean }[]; school: { day: Date; working: boolean }[] }> {
  const rows = await db().$queryRaw<{ own: boolean; day: Date; working: boolean }[]>`
    SELECT false AS "own", h."day", h."working" FROM "HolidayCalendarDay" h
    UNION ALL
    SELECT true, c."day", c."working" FROM "SchoolCalendarDay" c WHERE c."schoolId" = ${scope.schoolId}`;
  return {
    national: rows.filter((row) => !row.own),
    school: rows.filter((row) => row.own),
  };
}

export async function listSchoolDays(scope: Scope & { schoolId: string }) {
  return db().schoolCalendarDay.findMany({
    where: { schoolId: scope.schoolId },
    orderBy: { day: "asc" },
    select: { id: true, day: true, working: true, note: true },
  });
}

export async function saveSchoolDay(
  scope: Scope & { schoolId: string },
  input: { day: Date; working: boolean; note: string | null; createdById: string },
) {
  const school = await db().school.findFirst({
    where: { AND: [schoolWhere(scope), { id: scope.schoolId }] },
    select: { id: true },
  });
  if (!school) return null;
  return db().schoolCalendarDay.upsert({
    where: { schoolId_day: { schoolId: school.id, day: input.day } },
    create: { schoolId: school.id, ...input },
    update: { working: input.working, note: input.note, createdById: input.createdById },
    select: { id: true },
  });
}

export async function deleteSchoolDay(scope: Scope & { schoolId: string }, id: string): Promise<boolean> {
  const deleted = await db().schoolCalendarDay.deleteMany({ where: { id, schoolId: scope.schoolId } });
  return deleted.count === 1;
}
