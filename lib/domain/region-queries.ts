/**
 * Pure rules of the supervisor's region queries (困难学生认定结果查看, 重点保障人群信息查询,
 * 本地户籍外地就读学生; lib/services/region-queries.ts): page arithmetic with a bounded count, and the
 * breakdown of a list by the supervisor's child regions and by stage.
 */
import { STAGES, type Stage } from "./codes";

/** Rows per page of every query page. */
export const QUERY_PAGE_SIZE = 50;
/**
 * Counts stop here ("10000+"): a province's list can hold hundreds of thousands of rows, and counting them
 * all on every page view would read them all. Pages go as far as the count (OFFSET ≤ COUNT_CAP); beyond it
 * the user narrows the filter or exports the list (the export reads every row, in keyset pages).
 */
export const QUERY_COUNT_CAP = 10_000;
/** Rows per keyset page of an export: each page is one indexed query; the file is streamed out as it grows. */
export const EXPORT_PAGE_ROWS = 1_000;

export type PageWindow = { page: number; pages: number; offset: number; total: number; capped: boolean };

/**
 * The page to show of a list whose bounded count is `counted` (at most COUNT_CAP + 1 rows were counted):
 * `capped` when there are more than COUNT_CAP; the page is clamped into 1…pages.
 */
export function pageWindow(requested: number, counted: number, pageSize = QUERY_PAGE_SIZE): PageWindow {
  const capped = counted > QUERY_COUNT_CAP;
  const total = Math.min(counted, QUERY_COUNT_CAP);
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const page = Math.min(Math.max(1, Math.trunc(requested) || 1), pages);
  return { page, pages, offset: (page - 1) * pageSize, total, capped };
}

/** "共 123 条" or "超过 10000 条" for a bounded count. */
export const countText = (window: Pick<PageWindow, "total" | "capped">): string =>
  window.capped ? `超过 ${QUERY_COUNT_CAP} 条` : `共 ${window.total} 条`;

/**
 * The region directly below `ownPath` that contains `regionPath` (its path), `ownPath` itself when the
 * region is the own one, or null when it lies outside the subtree. Paths are materialised code paths:
 * "/440000/440100/440106/".
 */
export function childRegionPath(ownPath: string, regionPath: string): string | null {
  if (!regionPath.startsWith(ownPath)) return null;
  if (regionPath === ownPath) return ownPath;
  const next = regionPath.slice(ownPath.length).split("/")[0];
  return next ? `${ownPath}${next}/` : ownPath;
}

export type BreakdownInput = { regionPath: string; stage: Stage; count: number };
export type Breakdown = {
  /** Per child region (its path; the own region's path for rows of the own region itself), by stage. */
  regions: { path: string; total: number; byStage: Record<Stage, number> }[];
  byStage: Record<Stage, number>;
  total: number;
};

const zeroStages = (): Record<Stage, number> =>
  Object.fromEntries(STAGES.map((stage) => [stage, 0])) as Record<Stage, number>;

/**
 * Folds counts per (region, stage) into counts per child region of `ownPath` and per stage; rows outside
 * the subtree are folded under "" (the caller labels them, e.g. 辖区外). Child regions in path order.
 */
export function foldBreakdown(ownPath: string, rows: readonly BreakdownInput[]): Breakdown {
  const byRegion = new Map<string, { total: number; byStage: Record<Stage, number> }>();
  const byStage = zeroStages();
  let total = 0;
  for (const row of rows) {
    const key = childRegionPath(ownPath, row.regionPath) ?? "";
    const bucket = byRegion.get(key) ?? { total: 0, byStage: zeroStages() };
    bucket.total += row.count;
    bucket.byStage[row.stage] += row.count;
    byRegion.set(key, bucket);
    byStage[row.stage] += row.count;
    total += row.count;
  }
  const regions = [...byRegion.entries()]
    .sort(([a], [b]) => (a === "" ? 1 : b === "" ? -1 : a.localeCompare(b)))
    .map(([path, bucket]) => ({ path, ...bucket }));
  return { regions, byStage, total };
}
