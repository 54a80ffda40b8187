/**
 * 重点保障人群受助情况统计 for supervisors (seed 002): the tables of lib/domain/statistics.ts and the charts
 * drawn from them, for the supervisor's region or a region below it, one term and optionally one stage group.
 * The figures come from the rollup tables (lib/db/rollups/statistics.ts), never from the base tables.
 */
import "server-only";
import { z } from "zod";
import {
  aidProgrammeRows,
  aidStudentRows,
  findRegionInSubtree,
  listAreas,
  listStatProgrammes,
  listStatTerms,
  regionsBetween,
  specialGroupRows,
  statisticsPendingSince,
  trendRows,
  type StatRegion,
} from "@/lib/db/statistics.repo";
import { STAGE_LABELS } from "@/lib/domain/codes";
import { formatAsOf } from "@/lib/domain/work-progress";
import { fail, ok, type ActionResult } from "@/lib/domain/result";
import type { SessionUser } from "@/lib/domain/session-user";
import {
  areaChart,
  levelChart,
  specialGroupChart,
  stageChart,
  trendChart,
  type ChartSpec,
} from "@/lib/domain/statistics-charts";
import {
  areaTable,
  levelTable,
  programmeTable,
  specialGroupTable,
  STAGE_GROUP_KEYS,
  STAGE_GROUPS,
  stagesOf,
  stageTable,
  STATISTIC_KEYS,
  tableAsSheetRows,
  trendTable,
  type StageGroupKey,
  type StatisticKey,
  type StatTable,
} from "@/lib/domain/statistics";
import type { SheetSpec } from "@/lib/xlsx";
import { audit } from "./audit";
import { regionContext } from "./context";

export const STATISTICS_PATH = "/console/supervisor/statistics";
const NOT_FOUND_MESSAGE = "未找到该行政区划，或不在您的管辖范围内。";

const querySchema = z.object({
  region: z.string().trim().max(40).optional(),
  term: z.string().trim().max(40).optional(),
  stage: z.string().trim().max(20).optional(),
});
export type StatisticsQuery = z.input<typeof querySchema>;

export type StatisticsView = {
  region: StatRegion;
  /** From the supervisor's own region down to the region shown, each a link back up. */
  trail: { id: string; name: string }[];
  terms: { id: string; name: string }[];
  term: { id: string; name: string };
  stage: StageGroupKey | null;
  stageChoices: { key: StageGroupKey; label: string }[];
  areaHeader: string;
  /** 数据截至: every change committed before it is in the figures. */
  asOf: Date;
  tables: Record<StatisticKey, StatTable>;
  charts: ChartSpec[];
};

/** The query string of the page (and export) for these filters. */
export function statisticsQueryString(filters: {
  region?: string;
  term?: string;
  stage?: string | null;
  table?: string;
}): string {
  const params = new URLSearchParams();
  for (const key of ["region", "term", "stage", "table"] as const) {
    const value = filters[key];
    if (value) params.set(key, value);
  }
  const text = params.toString();
  return text ? `?${text}` : "";
}

export async function viewStatistics(
  user: SessionUser | null,
  query: StatisticsQuery,
): Promise<ActionResult<StatisticsView>> {
  const ctx = regionContext(user, "statistics.view");
  if (!ctx.ok) return ctx;
  return buildView(ctx.data.regionPath, ctx.data.regionId, query);
}

async function buildView(
  subtreePath: string,
  ownRegionId: string,
  query: StatisticsQuery,
  now = new Date(),
): Promise<ActionResult<StatisticsView>> {
  const parsed = querySchema.safeParse(query);
  if (!parsed.success) return fail("NOT_FOUND", NOT_FOUND_MESSAGE);
  const { region: regionId, term: termId, stage } = parsed.data;
  const region = await findRegionInSubtree(subtreePath, regionId || ownRegionId);
  if (!region) return fail("NOT_FOUND", NOT_FOUND_MESSAGE);
  if (stage && !(STAGE_GROUP_KEYS as string[]).includes(stage))
    return fail("INVALID", "学段应为 学前、义教、普高、中职、本专科、研究生 之一。", { stage: "请选择学段" });
  const stageKey = (stage || null) as StageGroupKey | null;
  const terms = await listStatTerms();
  const term = termId
    ? terms.find((one) => one.id === termId)
    : (terms.find((one) => one.isCurrent) ?? terms.at(-1));
  if (!term) return fail("NOT_FOUND", "未找到该资助学期。");
  const stages = stagesOf(stageKey);
  const [since, trail, areas, programmes, special, students, programmeRows, trend] = await Promise.all([
    statisticsPendingSince(region),
    regionsBetween(subtreePath, region),
    listAreas(region),
    listStatProgrammes(),
    specialGroupRows(region, term.id, stages),
    aidStudentRows(region, term.id, stages),
    aidProgrammeRows(region, term.id, stages),
    trendRows(region, stages),
  ]);
  const areaHeader = region.level === "COUNTY" ? "学校" : "下级行政区划";
  const linkTo = (id: string) =>
    `${STATISTICS_PATH}${statisticsQueryString({ region: id, term: term.id, stage: stageKey })}`;
  const tables: Record<StatisticKey, StatTable> = {
    special: specialGroupTable(special),
    stage: stageTable(students, programmeRows),
    area: areaTable(
      areas.map((area) => ({
        key: area.key,
        label: area.label,
        href: area.regionId ? linkTo(area.regionId) : undefined,
      })),
      students,
      programmeRows,
      areaHeader,
    ),
    programme: programmeTable(
      stages ? programmes.filter((one) => stages.includes(one.stage)) : programmes,
      students,
      programmeRows,
      (one) => STAGE_LABELS[one],
    ),
    level: levelTable(students, programmeRows),
    trend: trendTable(trend),
  };
  return ok({
    region,
    trail: trail.map((one) => ({ id: one.id, name: one.name })),
    terms: terms.map((one) => ({ id: one.id, name: one.name })),
    term: { id: term.id, name: term.name },
    stage: stageKey,
    stageChoices: STAGE_GROUPS.map((group) => ({ key: group.key, label: group.label })),
    areaHeader,
    asOf: since ?? now,
    tables,
    charts: [
      specialGroupChart(tables.special),
      stageChart(tables.stage),
      areaChart(tables.area, areaHeader),
      levelChart(tables.level),
      trendChart(tables.trend),
    ],
  });
}

export type StatisticsExport = { filename: string; sheet: SheetSpec; rows: (string | number)[][] };

/** One statistics table as an .xlsx sheet (the page's table, money in yuan); audited. */
export async function statisticsExport(
  user: SessionUser | null,
  query: StatisticsQuery & { table?: string },
): Promise<ActionResult<StatisticsExport>> {
  const ctx = regionContext(user, "statistics.export");
  if (!ctx.ok) return ctx;
  const key = query.table as StatisticKey;
  if (!STATISTIC_KEYS.includes(key)) return fail("NOT_FOUND", "未找到该统计表。");
  const view = await buildView(ctx.data.regionPath, ctx.data.regionId, query);
  if (!view.ok) return view;
  const { region, term, stage } = view.data;
  const table = view.data.tables[key];
  const stageLabel = stage ? STAGE_GROUPS.find((group) => group.key === stage)!.label : "全部学段";
  const asOf = formatAsOf(view.data.asOf);
  await audit(ctx.data, "statistics.export", null, {
    table: key,
    regionId: region.id,
    region: region.name,
    termId: term.id,
    stage: stage ?? "ALL",
    rows: table.rows.length,
    asOf,
  });
  return ok({
    filename: `${table.title}-${region.name}-${term.name}-${stageLabel}.xlsx`,
    sheet: {
      name: table.title.slice(0, 31),
      columns: table.columns.map((column) => ({
        header: column.header,
        width: column.kind === "text" ? 24 : Math.max(12, column.header.length * 2),
        money: column.kind === "money",
      })),
    },
    rows: [
      ...tableAsSheetRows(table),
      [],
      [`${region.name} ${term.name} ${stageLabel}，数据截至 ${asOf}。${table.note}`],
    ],
  });
}
