/**
 * Support-desk statistics for supervisors (issue 21 item 8): the caller's region subtree or a region below it,
 * one calendar year (Beijing time). Tables and their charts (lib/domain/support-statistics.ts) and the
 * tables as .xlsx (audited).
 */
import "server-only";
import { regionInSubtree, supportFacts } from "@/lib/db/support-statistics.repo";
import { fail, ok, type ActionResult } from "@/lib/domain/result";
import type { SessionUser } from "@/lib/domain/session-user";
import { tableAsSheetRows, type StatTable } from "@/lib/domain/statistics";
import { beijingDay } from "@/lib/domain/support";
import {
  categoryChart,
  categoryTable,
  medianChart,
  monthChart,
  monthTable,
} from "@/lib/domain/support-statistics";
import { audit } from "./audit";
import { regionContext } from "./context";

export const SUPPORT_STATISTICS_PATH = "/console/support/statistics";
const FIRST_YEAR = 2024;

export type SupportStatisticsQuery = { region?: string; year?: string };

async function build(user: SessionUser | null, query: SupportStatisticsQuery, now: Date) {
  const ctx = regionContext(user, "support.statistics");
  if (!ctx.ok) return ctx;
  const today = beijingDay(now);
  const thisYear = Number(today.slice(0, 4));
  const year = query.year && /^\d{4}$/.test(query.year) ? Number(query.year) : thisYear;
  if (year < FIRST_YEAR || year > thisYear)
    return fail("INVALID", `年份应在 ${FIRST_YEAR}–${thisYear} 之间。`);
  const region = await regionInSubtree(ctx.data.regionPath, query.region || ctx.data.regionId);
  if (!region) return fail("NOT_FOUND", "未找到该地区，或不在您的管辖范围内。");
  const from = new Date(`${year}-01-01T00:00:00+08:00`);
  const to = new Date(`${year + 1}-01-01T00:00:00+08:00`);
  const facts = await supportFacts(region.path, from, to);
  const months = year === thisYear ? Number(today.slice(5, 7)) : 12;
  const tables = { category: categoryTable(facts), month: monthTable(facts, months, today) };
  return ok({
    ctx: ctx.data,
    region,
    year,
    years: Array.from({ length: thisYear - FIRST_YEAR + 1 }, (_, i) => thisYear - i),
    today,
    tables,
  });
}

export async function loadSupportStatistics(
  user: SessionUser | null,
  query: SupportStatisticsQuery,
  now = new Date(),
) {
  const built = await build(user, query, now);
  if (!built.ok) return built;
  const { region, year, years, today, tables } = built.data;
  return ok({
    region,
    year,
    years,
    today,
    tables,
    charts: {
      category: categoryChart(tables.category),
      month: monthChart(tables.month),
      median: medianChart(tables.month),
    },
  });
}

export type SupportStatisticsExport = {
  filename: string;
  sheet: { name: string; columns: { header: string; width: number }[] };
  rows: (string | number)[][];
};

/** One table of the page as .xlsx rows, audited. */
export async function supportStatisticsExport(
  user: SessionUser | null,
  query: SupportStatisticsQuery & { table?: string },
  now = new Date(),
): Promise<ActionResult<SupportStatisticsExport>> {
  if (query.table !== "category" && query.table !== "month") return fail("NOT_FOUND", "未找到该统计表。");
  const built = await build(user, query, now);
  if (!built.ok) return built;
  const { ctx, region, year, tables } = built.data;
  const table = tables[query.table];
  await audit(ctx, "support.statistics_export", null, {
    table: table.key,
    regionId: region.id,
    region: region.name,
    year,
    rows: table.rows.length,
  });
  return ok({
    filename: `${table.title}-${region.name}-${year}年.xlsx`,
    sheet: {
      name: table.title.slice(0, 31),
      columns: table.columns.map((column) => ({
        header: column.header,
        width: column.kind === "text" ? 24 : Math.max(12, column.header.length * 2),
      })),
    },
    rows: [
      ...tableAsSheetRows(table as unknown as StatTable),
      [],
      [`${region.name} ${year}年，统计日 ${built.data.today}。${table.note}`],
    ],
  });
}
