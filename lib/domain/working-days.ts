/**
 * Working days for publicity periods (招远细则, docs/policy-sources.md: grade publicity ≥ 2 working
 * days, school publicity ≥ 5). A working day is Monday–Friday that is not a
 * public holiday, plus the make-up working days (调休) on weekends. Days are
 * calendar dates "YYYY-MM-DD" in Beijing time; no time zone arithmetic here.
 */
import { PUBLICITY_SCOPE_LABELS } from "./codes";

export type DayString = string;

export interface HolidayCalendar {
  /** Days off that would otherwise be working days (and weekend days inside a holiday, harmlessly). */
  readonly holidays: ReadonlySet<DayString>;
  /** Weekend days that are working days (调休上班). */
  readonly workdays: ReadonlySet<DayString>;
}

/** Data form of a calendar, e.g. as published by the State Council each year. */
export interface HolidayCalendarData {
  /** Inclusive ranges [from, to] of days off. */
  holidays: readonly (readonly [DayString, DayString])[];
  /** Make-up working days. */
  workdays: readonly DayString[];
}

export const MIN_PUBLICITY_WORKING_DAYS = { GRADE: 2, SCHOOL: 5 } as const;

const DAY_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

/** Parses "YYYY-MM-DD" to a UTC-midnight epoch; throws for impossible dates such as 2026-02-30. */
export function parseDay(day: DayString): number {
  const m = DAY_RE.exec(day);
  if (!m) throw new RangeError(`日期格式应为 YYYY-MM-DD：${day}`);
  const t = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  if (formatDay(t) !== day) throw new RangeError(`日期不存在：${day}`);
  return t;
}

export function formatDay(t: number): DayString {
  const d = new Date(t);
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, "0")}-${String(d.getUTCDate()).padStart(2, "0")}`;
}

export function addDays(day: DayString, n: number): DayString {
  return formatDay(parseDay(day) + n * DAY_MS);
}

/** Builds a calendar from data; refuses a day that is both a holiday and a make-up working day. */
export function buildCalendar(...data: HolidayCalendarData[]): HolidayCalendar {
  const holidays = new Set<DayString>();
  const workdays = new Set<DayString>();
  for (const d of data) {
    for (const [from, to] of d.holidays) {
      const a = parseDay(from);
      const b = parseDay(to);
      if (b < a) throw new RangeError(`假期起止日期颠倒：${from} 至 ${to}`);
      for (let t = a; t <= b; t += DAY_MS) holidays.add(formatDay(t));
    }
    for (const w of d.workdays) {
      parseDay(w);
      workdays.add(w);
    }
  }
  for (const w of workdays) if (holidays.has(w)) throw new RangeError(`${w} 不能既是假日又是调休上班日`);
  return { holidays, workdays };
}

/**
 * A school's own days on top of a base calendar: its days off win over the
 * base's make-up working days, its working days over the base's holidays.
 */
export function withSchoolDays(
  base: HolidayCalendar,
  days: readonly { day: DayString; working: boolean }[],
): HolidayCalendar {
  if (days.length === 0) return base;
  const holidays = new Set(base.holidays);
  const workdays = new Set(base.workdays);
  for (const d of days) {
    parseDay(d.day);
    if (d.working) {
      holidays.delete(d.day);
      workdays.add(d.day);
    } else {
      workdays.delete(d.day);
      holidays.add(d.day);
    }
  }
  return { holidays, workdays };
}

export const NO_HOLIDAYS: HolidayCalendar = { holidays: new Set(), workdays: new Set() };

export function isWorkingDay(day: DayString, cal: HolidayCalendar): boolean {
  if (cal.workdays.has(day)) return true;
  if (cal.holidays.has(day)) return false;
  const wd = new Date(parseDay(day)).getUTCDay();
  return wd !== 0 && wd !== 6;
}

/**
 * The last day of a publicity that lasts `workingDays` working days from
 * `start` (counted inclusive when `start` is a working day; otherwise counting
 * begins on the next working day).
 */
export function publicityEndDate(start: DayString, workingDays: number, cal: HolidayCalendar): DayString {
  if (!Number.isInteger(workingDays) || workingDays < 1) throw new RangeError("公示工作日数必须是正整数");
  let t = parseDay(start);
  let left = workingDays;
  for (let guard = 0; guard < 3_660; guard++, t += DAY_MS) {
    const day = formatDay(t);
    if (isWorkingDay(day, cal) && --left === 0) return day;
  }
  throw new RangeError("日历中找不到足够的工作日");
}

/** The `n`-th working day after `day` (`day` itself not counted): n = 1 is the next working day. */
export function nthWorkingDayAfter(day: DayString, n: number, cal: HolidayCalendar): DayString {
  if (!Number.isInteger(n) || n < 1) throw new RangeError("工作日数必须是正整数");
  return publicityEndDate(addDays(day, 1), n, cal);
}

/** Working days in [from, to], both inclusive; 0 when to < from. */
export function countWorkingDays(from: DayString, to: DayString, cal: HolidayCalendar): number {
  let n = 0;
  for (let t = parseDay(from), end = parseDay(to); t <= end; t += DAY_MS)
    if (isWorkingDay(formatDay(t), cal)) n++;
  return n;
}

/**
 * Checks a publicity period chosen by the admin against the minimum for its
 * scope; returns a Chinese message naming the earliest allowed end date, or null.
 */
export function checkPublicityPeriod(
  scope: keyof typeof MIN_PUBLICITY_WORKING_DAYS,
  start: DayString,
  end: DayString,
  cal: HolidayCalendar,
): string | null {
  const min = MIN_PUBLICITY_WORKING_DAYS[scope];
  if (parseDay(end) < parseDay(start)) return "公示结束日期不能早于开始日期";
  const n = countWorkingDays(start, end, cal);
  if (n >= min) return null;
  return `${PUBLICITY_SCOPE_LABELS[scope]}不少于${min}个工作日（不含周末和法定节假日），当前只有${n}个工作日；结束日期最早为 ${publicityEndDate(start, min, cal)}`;
}

/** Days off and make-up working days (rows of a calendar table, dates at UTC midnight) as the calendar's two sets. */
export function calendarOf(rows: readonly { day: Date; working: boolean }[]): HolidayCalendar {
  const holidays = new Set<string>();
  const workdays = new Set<string>();
  for (const row of rows) (row.working ? workdays : holidays).add(row.day.toISOString().slice(0, 10));
  return { holidays, workdays };
}
