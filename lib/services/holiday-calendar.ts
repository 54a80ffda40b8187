/**
 * The national holiday calendar as data (lib/db/holiday-calendar.repo.ts): a province supervisor adds each
 * year's State Council notice (国务院办公厅关于部分节假日安排的通知) — the days off and the make-up working
 * days — so publicity periods and support deadlines count the new year right without a code change.
 */
import "server-only";
import { deleteHolidayDay, listHolidayDays, saveHolidayDays } from "@/lib/db/holiday-calendar.repo";
import { fail, ok, type ActionResult } from "@/lib/domain/result";
import type { SessionUser } from "@/lib/domain/session-user";
import { addDays, parseDay } from "@/lib/domain/working-days";
import { parseInput } from "@/lib/forms/field-errors";
import { holidayDeleteSchema, holidayFormSchema } from "@/lib/schemas/support";
import { audit } from "./audit";
import { regionContext } from "./context";

export const PROVINCE_ONLY_MESSAGE = "节假日安排由省级主管部门维护。";
const MAX_RANGE_DAYS = 31;

/** A province supervisor (the region path has one level). */
function provinceContext(user: SessionUser) {
  const ctx = regionContext(user, "holiday_calendar.edit");
  if (!ctx.ok) return ctx;
  if (ctx.data.regionPath.split("/").filter(Boolean).length !== 1)
    return fail("FORBIDDEN", PROVINCE_ONLY_MESSAGE);
  return ctx;
}

/** The calendar by year, newest year first. */
export async function loadHolidayCalendar(user: SessionUser) {
  const ctx = provinceContext(user);
  if (!ctx.ok) return ctx;
  const days = await listHolidayDays();
  const years = new Map<string, typeof days>();
  for (const day of days) years.set(day.day.slice(0, 4), [...(years.get(day.day.slice(0, 4)) ?? []), day]);
  return ok(
    [...years.entries()]
      .sort((a, b) => b[0].localeCompare(a[0]))
      .map(([year, list]) => ({ year, days: list })),
  );
}

function validDay(day: string, field: string): ActionResult<string> {
  try {
    parseDay(day);
    return ok(day);
  } catch {
    return fail("INVALID", `日期不存在：${day}`, { [field]: `日期不存在：${day}，请检查月份和日` });
  }
}

/** Adds a range of days off, or make-up working days (each must be a Saturday or Sunday). */
export async function addHolidayDays(
  user: SessionUser,
  raw: unknown,
): Promise<ActionResult<{ days: number }>> {
  const ctx = provinceContext(user);
  if (!ctx.ok) return ctx;
  const input = parseInput(holidayFormSchema, raw);
  if (!input.ok) return input;
  const from = validDay(input.data.from, "from");
  if (!from.ok) return from;
  const to = validDay(input.data.to ?? input.data.from, "to");
  if (!to.ok) return to;
  const span = (parseDay(to.data) - parseDay(from.data)) / 86_400_000 + 1;
  if (span < 1) return fail("INVALID", "结束日期不能早于开始日期。", { to: "结束日期不能早于开始日期" });
  if (span > MAX_RANGE_DAYS)
    return fail("INVALID", `一次最多添加${MAX_RANGE_DAYS}天。`, {
      to: `一次最多添加${MAX_RANGE_DAYS}天，请分段添加`,
    });
  const days = Array.from({ length: span }, (_, i) => addDays(from.data, i));
  const working = input.data.kind === "workday";
  if (working) {
    const weekday = days.find((day) => ![0, 6].includes(new Date(parseDay(day)).getUTCDay()));
    if (weekday)
      return fail("INVALID", `${weekday} 不是周末：调休上班日应为周六或周日。`, {
        from: "调休上班日应为周六或周日",
      });
  }
  await saveHolidayDays(
    days.map((day) => ({ day, working })),
    input.data.note,
    user.id,
  );
  await audit(
    ctx.data,
    "holiday_calendar.edit",
    { type: "HolidayCalendarDay", id: from.data },
    { from: from.data, to: to.data, working, note: input.data.note },
  );
  return ok({ days: days.length });
}

export async function removeHolidayDay(user: SessionUser, raw: unknown): Promise<ActionResult<undefined>> {
  const ctx = provinceContext(user);
  if (!ctx.ok) return ctx;
  const input = parseInput(holidayDeleteSchema, raw);
  if (!input.ok) return input;
  if (!(await deleteHolidayDay(input.data.day))) return fail("NOT_FOUND", "日历中没有这一天，可能已删除。");
  await audit(
    ctx.data,
    "holiday_calendar.edit",
    { type: "HolidayCalendarDay", id: input.data.day },
    {
      removed: input.data.day,
    },
  );
  return ok(undefined);
}
