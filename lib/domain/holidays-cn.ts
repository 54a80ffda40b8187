/**
 * Public holidays and make-up working days (调休) in mainland China, as
 * published by the General Office of the State Council (国务院办公厅关于
 * 20XX年部分节假日安排的通知). Add each year's notice here when it is published;
 * a school's own days off can be added on top with buildCalendar(...).
 *
 * Checked day by day against the notices' text (as republished by 新华社 /
 * 光明网) on 2026-11-23:
 *   2025: 国务院办公厅关于2025年部分节假日安排的通知（国办发明电〔2024〕12号），
 *         2024年11月12日. First year under the 2024 revision of 《全国年节及纪念日
 *         放假办法》: 除夕 and 5月2日 became holidays (春节 8 days from 除夕,
 *         劳动节 5 days).
 *   2026: 国务院办公厅关于2026年部分节假日安排的通知，2025年11月4日.
 *   2027: the notice was NOT found in the sources available when this was
 *         checked, so 2027 has no entry: days in 2027 count as working days
 *         Monday–Friday only (元旦/春节 2027 not excluded) until it is added.
 * Years without an entry are treated the same way.
 */
import { buildCalendar, type HolidayCalendarData } from "./working-days";

export const CN_HOLIDAYS: Record<number, HolidayCalendarData> = {
  // 国办发明电〔2024〕12号, 2024-11-12
  2025: {
    holidays: [
      ["2025-01-01", "2025-01-01"], // 元旦：1月1日（周三）放假1天，不调休
      ["2025-01-28", "2025-02-04"], // 春节：1月28日（除夕、周二）至2月4日（正月初七、周二），共8天
      ["2025-04-04", "2025-04-06"], // 清明节：4月4日（周五）至6日（周日），共3天
      ["2025-05-01", "2025-05-05"], // 劳动节：5月1日（周四）至5日（周一），共5天
      ["2025-05-31", "2025-06-02"], // 端午节：5月31日（周六）至6月2日（周一），共3天
      ["2025-10-01", "2025-10-08"], // 国庆节、中秋节：10月1日（周三）至8日（周三），共8天
    ],
    // 春节 1月26日（周日）、2月8日（周六）；劳动节 4月27日（周日）；国庆 9月28日（周日）、10月11日（周六）上班
    workdays: ["2025-01-26", "2025-02-08", "2025-04-27", "2025-09-28", "2025-10-11"],
  },
  // 国务院办公厅关于2026年部分节假日安排的通知, 2025-11-04
  2026: {
    holidays: [
      ["2026-01-01", "2026-01-03"], // 元旦：1月1日（周四）至3日（周六），共3天
      ["2026-02-15", "2026-02-23"], // 春节：2月15日（腊月二十八、周日）至23日（正月初七、周一），共9天
      ["2026-04-04", "2026-04-06"], // 清明节：4月4日（周六）至6日（周一），共3天
      ["2026-05-01", "2026-05-05"], // 劳动节：5月1日（周五）至5日（周二），共5天
      ["2026-06-19", "2026-06-21"], // 端午节：6月19日（周五）至21日（周日），共3天
      ["2026-09-25", "2026-09-27"], // 中秋节：9月25日（周五）至27日（周日），共3天
      ["2026-10-01", "2026-10-07"], // 国庆节：10月1日（周四）至7日（周三），共7天
    ],
    // 元旦 1月4日（周日）；春节 2月14日（周六）、2月28日（周六）；劳动节 5月9日（周六）；国庆 9月20日（周日）、10月10日（周六）上班
    workdays: ["2026-01-04", "2026-02-14", "2026-02-28", "2026-05-09", "2026-09-20", "2026-10-10"],
  },
};

export const CN_CALENDAR = buildCalendar(...Object.values(CN_HOLIDAYS));
