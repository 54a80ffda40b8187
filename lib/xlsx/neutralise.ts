/**
 * CSV / formula injection: a text cell starting with = + - @ (or a tab / CR
 * that a spreadsheet may strip first) is prefixed with ' so Excel and WPS
 * show it as text instead of evaluating it. Numbers, dates and booleans are
 * returned unchanged.
 */
const DANGEROUS_START = /^[=+\-@\t\r]/;

export function neutraliseCell<T>(value: T): T | string {
  if (typeof value !== "string") return value;
  return DANGEROUS_START.test(value) ? `'${value}` : value;
}
