/**
 * The national holiday calendar (table HolidayCalendarDay, migration 540): the State Council's days off and
 * make-up working days as data, seeded from lib/domain/holidays-cn.ts and extended by a province supervisor
 * each year. Publicity periods (lib/services/publicity.ts) and support deadlines count working days on it.
 * National data, the same for every caller: no Scope (the service allows only the province to write).
 */
import "server-only";
import { calendarOf, type HolidayCalendar } from "@/lib/domain/working-days";
import { db } from "./client";

const dayText = (d: Date) => d.toISOString().slice(0, 10);
const dayDate = (day: string) => new Date(`${day}T00:00:00.000Z`);

export type HolidayDayRow = { day: string; working: boolean; note: string | null };

export async function listHolidayDays(): Promise<HolidayDayRow[]> {
  const rows = await db().holidayCalendarDay.findMany({
    orderBy: { day: "asc" },
    select: { day: true, working: true, note: true },
  });
  return rows.map((row) => ({ day: dayText(row.day), working: row.working, note: row.note }));
}

/** The national calendar as lib/domain/working-days.ts reads it. */
export async function nationalCalendar(): Promise<HolidayCalendar> {
  return calendarOf(await db().holidayCalendarDay.findMany({ select: { day: true, working: true } }));
}

/** Sets each day (a day already present takes the new kind and note). */
export async function saveHolidayDays(
  days: readonly { day: string; working: boolean }[],
  note: string | null,
  createdById: string,
): Promise<number> {
  await db().$transaction(
    days.map((entry) =>
      db().holidayCalendarDay.upsert({
        where: { day: dayDate(entry.day) },
        create: { day: dayDate(entry.day), working: entry.working, note, createdById },
        update: { working: entry.working, note, createdById },
      }),
    ),
  );
  return days.length;
}

export async function deleteHolidayDay(day: string): Promise<boolean> {
  const deleted = await db().holidayCalendarDay.deleteMany({ where: { day: dayDate(day) } });
  return deleted.count === 1;
}
