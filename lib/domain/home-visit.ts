/**
 * The home-visit part of the quantitative scoring sheet (量化认定积分表).
 * Indicators, options and points come from the active scoring model's config
 * (data, not code); the teacher records the chosen option per home-visit
 * indicator and the visit score is their points' sum. The overall score is
 * computed by the determination feature.
 */
import { beijingStartOfDay, formatBeijingDate } from "./time";

export type ScoringOption = { key: string; label: string; points: number };
export type ScoringIndicator = { key: string; label: string; source: string; options: ScoringOption[] };

/** The indicators of a model config scored on the home visit (source "homeVisit"). */
export function homeVisitIndicators(config: unknown): ScoringIndicator[] {
  const list = (config as { indicators?: unknown } | null)?.indicators;
  if (!Array.isArray(list)) return [];
  return list.filter(
    (i): i is ScoringIndicator =>
      typeof i === "object" &&
      i !== null &&
      (i as ScoringIndicator).source === "homeVisit" &&
      Array.isArray((i as ScoringIndicator).options),
  );
}

export type SheetResult =
  | { ok: true; scores: Record<string, string>; total: number }
  | { ok: false; message: string; fieldErrors: Record<string, string> };

/** Checks that every home-visit indicator has one of its options chosen; returns the chosen keys and the visit score. */
export function scoreSheet(
  indicators: ScoringIndicator[],
  chosen: Record<string, string | undefined>,
): SheetResult {
  const fieldErrors: Record<string, string> = {};
  const scores: Record<string, string> = {};
  let total = 0;
  for (const ind of indicators) {
    const opt = ind.options.find((o) => o.key === chosen[ind.key]);
    if (!opt) {
      fieldErrors[`score.${ind.key}`] = `请为“${ind.label}”选择一项`;
      continue;
    }
    scores[ind.key] = opt.key;
    total += opt.points;
  }
  if (Object.keys(fieldErrors).length)
    return { ok: false, message: "积分表还有未选择的指标，请逐项选择。", fieldErrors };
  return { ok: true, scores, total };
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * How many days before the term's application window opens a home visit may
 * already have been made (school starts about three weeks before the default
 * autumn window of 09-22). The database holds the same bound
 * (prisma/migrations/150.do.home-visit-date.sql).
 */
export const VISIT_LEAD_DAYS = 31;

/** The range of Beijing calendar days ("YYYY-MM-DD") a home visit of this term may carry. */
export function visitDateRange(applyStart: Date, now: Date): { earliest: string; latest: string } {
  const earliest = formatBeijingDate(
    new Date(beijingStartOfDay(formatBeijingDate(applyStart)).getTime() - VISIT_LEAD_DAYS * DAY_MS),
  );
  return { earliest, latest: formatBeijingDate(now) };
}

/** Why a visit date ("YYYY-MM-DD") cannot be recorded for this term, or null when it can. */
export function visitDateProblem(day: string, applyStart: Date, now: Date): string | null {
  const parsed = new Date(`${day}T00:00:00Z`);
  if (
    !/^\d{4}-\d{2}-\d{2}$/.test(day) ||
    Number.isNaN(parsed.getTime()) ||
    parsed.toISOString().slice(0, 10) !== day
  )
    return "走访日期无效，请重新选择";
  const { earliest, latest } = visitDateRange(applyStart, now);
  if (day > latest) return "走访日期不能晚于今天";
  if (day < earliest) return `走访日期须在本学期内（${earliest} 至 ${latest}），请核对年份`;
  return null;
}
