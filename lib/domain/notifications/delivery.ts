/**
 * When a text message may go out: never 22:00–07:00 Beijing time (held to 07:00), and after a retryable
 * provider failure again after a growing pause, at most SMS_MAX_ATTEMPTS times. Pure.
 */
import { BEIJING_OFFSET_MS } from "@/lib/domain/time";

export const QUIET_START_HOUR = 22;
export const QUIET_END_HOUR = 7;
export const SMS_MAX_ATTEMPTS = 5;

/** The earliest instant at or after `at` outside the quiet hours. */
export function outsideQuietHours(at: Date): Date {
  const beijing = new Date(at.getTime() + BEIJING_OFFSET_MS);
  const hour = beijing.getUTCHours();
  if (hour >= QUIET_END_HOUR && hour < QUIET_START_HOUR) return at;
  const morning = new Date(beijing);
  morning.setUTCHours(QUIET_END_HOUR, 0, 0, 0);
  if (hour >= QUIET_START_HOUR) morning.setUTCDate(morning.getUTCDate() + 1);
  return new Date(morning.getTime() - BEIJING_OFFSET_MS);
}

/** Seconds to wait after failed attempt number `attempts` (1-based): 30 s, 2 min, 8 min, 32 min, capped at 2 h. */
export function retryDelaySeconds(attempts: number): number {
  return Math.min(30 * 4 ** Math.max(0, attempts - 1), 7200);
}

/** The next try after a failure, or null when the message is given up (not retryable, or attempts used up). */
export function nextSmsAttempt(now: Date, attempts: number, retryable: boolean): Date | null {
  if (!retryable || attempts >= SMS_MAX_ATTEMPTS) return null;
  return outsideQuietHours(new Date(now.getTime() + retryDelaySeconds(attempts) * 1000));
}
