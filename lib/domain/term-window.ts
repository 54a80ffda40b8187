/**
 * Application windows and deadlines of an aid term. A school may
 * extend its own window; outside the window the applicant gets a clear
 * message with the dates, never a silent failure.
 */
import { formatBeijingDateTime } from "./time";

export type TermDates = { applyStart: Date; applyEnd: Date; verifyDeadline: Date; reviewDeadline: Date };
export type SchoolOverride = Partial<{ [K in keyof TermDates]: Date | null }>;

/** The term's dates as they apply to one school (its own settings win). */
export function effectiveDates(term: TermDates, override?: SchoolOverride | null): TermDates {
  return {
    applyStart: override?.applyStart ?? term.applyStart,
    applyEnd: override?.applyEnd ?? term.applyEnd,
    verifyDeadline: override?.verifyDeadline ?? term.verifyDeadline,
    reviewDeadline: override?.reviewDeadline ?? term.reviewDeadline,
  };
}

export type WindowStatus =
  | { status: "before"; message: string; opensAt: Date }
  | { status: "open"; message: string; closesAt: Date; remaining: string }
  | { status: "closed"; message: string; closedAt: Date };

/** Whether applying is possible at `now`, with the message to show. */
export function applicationWindow(
  dates: Pick<TermDates, "applyStart" | "applyEnd">,
  now: Date,
): WindowStatus {
  const range = `${formatBeijingDateTime(dates.applyStart)} 至 ${formatBeijingDateTime(dates.applyEnd)}`;
  if (now < dates.applyStart)
    return {
      status: "before",
      opensAt: dates.applyStart,
      message: `申请尚未开始。本学期申请时间为 ${range}（北京时间）。`,
    };
  if (now > dates.applyEnd)
    return {
      status: "closed",
      closedAt: dates.applyEnd,
      message: `申请已截止（申请时间为 ${range}）。如有特殊情况，请联系班主任。`,
    };
  const remaining = countdown(now, dates.applyEnd);
  return {
    status: "open",
    closesAt: dates.applyEnd,
    remaining,
    message: `申请进行中，截止时间 ${formatBeijingDateTime(dates.applyEnd)}，剩余 ${remaining}。`,
  };
}

/** "3天5小时", "5小时12分钟", "12分钟" until `deadline` ("已截止" when past). */
export function countdown(now: Date, deadline: Date): string {
  const ms = deadline.getTime() - now.getTime();
  if (ms <= 0) return "已截止";
  const minutes = Math.floor(ms / 60_000);
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const mins = minutes % 60;
  if (days > 0) return `${days}天${hours}小时`;
  if (hours > 0) return `${hours}小时${mins}分钟`;
  return `${Math.max(mins, 1)}分钟`;
}

/**
 * Why the school's application window cannot be extended to `newEnd`, or null:
 * only later than the current end, in the future, and before the teachers'
 * verification deadline (they must still verify what comes in).
 */
export function extensionProblem(dates: TermDates, newEnd: Date, now: Date): string | null {
  if (newEnd <= dates.applyEnd)
    return `只能延长：新的截止时间须晚于当前截止时间 ${formatBeijingDateTime(dates.applyEnd)}。`;
  if (newEnd <= now) return "新的截止时间须晚于现在。";
  if (newEnd >= dates.verifyDeadline)
    return `新的截止时间须早于班主任核实截止时间 ${formatBeijingDateTime(dates.verifyDeadline)}，否则班主任来不及核实。`;
  return null;
}
