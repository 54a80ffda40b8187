/**
 * Public holidays and make-up working days (调休) in mainland China, as
 * published by the General Office of the State Council (国务院办公厅关于
 * 20XX年部分节假日安排的通知). Add each year's notice here when it is published;
 * a school's own days off can be added on top with buildCalendar(...).
 */
import { buildCalendar, type HolidayCalendarData } from "./working-days";

export const CN_HOLIDAYS: Record<number, HolidayCalendarData> = {
  2025: {
    holidays: [
      ["2025-01-01", "2025-01-01"], // 元旦
      ["2025-01-28", "2025-02-04"], // 春节
      ["2025-04-04", "2025-04-06"], // 清明节
      ["2025-05-01", "2025-05-05"], // 劳动节
      ["2025-05-31", "2025-06-02"], // 端午节
      ["2025-10-01", "2025-10-08"], // 国庆节、中秋节
    ],
    workdays: ["2025-01-26", "2025-02-08", "2025-04-27", "2025-09-28", "2025-10-11"],
  },
  2026: {
    holidays: [
      ["2026-01-01", "2026-01-03"], // 元旦
      ["2026-02-15", "2026-02-23"], // 春节
      ["2026-04-04", "2026-04-06"], // 清明节
      ["2026-05-01", "2026-05-05"], // 劳动节
      ["2026-06-19", "2026-06-21"], // 端午节
      ["2026-09-25", "2026-09-27"], // 中秋节
      ["2026-10-01", "2026-10-07"], // 国庆节
    ],
    workdays: ["2026-01-04", "2026-02-14", "2026-02-28", "2026-05-09", "2026-09-20", "2026-10-10"],
  },
};

export const CN_CALENDAR = buildCalendar(...Object.values(CN_HOLIDAYS));
