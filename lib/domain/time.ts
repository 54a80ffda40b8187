/** Users are in China: dates and times are shown and reasoned about in Beijing time (UTC+8, no DST). */
export const BEIJING_OFFSET_MS = 8 * 60 * 60 * 1000;

function parts(d: Date) {
  const b = new Date(d.getTime() + BEIJING_OFFSET_MS);
  const p = (n: number) => String(n).padStart(2, "0");
  return {
    y: b.getUTCFullYear(),
    mo: p(b.getUTCMonth() + 1),
    d: p(b.getUTCDate()),
    h: p(b.getUTCHours()),
    mi: p(b.getUTCMinutes()),
  };
}

/** "2026-09-22 08:05" in Beijing time. */
export function formatBeijingDateTime(d: Date): string {
  const x = parts(d);
  return `${x.y}-${x.mo}-${x.d} ${x.h}:${x.mi}`;
}

/** "09-22 08:05" in Beijing time: a deadline within the current term, short enough for a phone card. */
export function formatBeijingShort(d: Date): string {
  const x = parts(d);
  return `${x.mo}-${x.d} ${x.h}:${x.mi}`;
}

/** "2026-09-22" in Beijing time. */
export function formatBeijingDate(d: Date): string {
  const x = parts(d);
  return `${x.y}-${x.mo}-${x.d}`;
}

/** "21:15" in Beijing time. */
export function formatBeijingTime(d: Date): string {
  const x = parts(d);
  return `${x.h}:${x.mi}`;
}

/** The instant of Beijing midnight starting the given calendar day "YYYY-MM-DD". */
export function beijingStartOfDay(day: string): Date {
  return new Date(new Date(`${day}T00:00:00.000Z`).getTime() - BEIJING_OFFSET_MS);
}

/** The last millisecond of the given Beijing calendar day. */
export function beijingEndOfDay(day: string): Date {
  return new Date(beijingStartOfDay(day).getTime() + 24 * 60 * 60 * 1000 - 1);
}
