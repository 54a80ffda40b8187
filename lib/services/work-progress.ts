/**
 * 工作进展查看 (work progress) for the current term: a supervisor sees one row per child region of the region
 * they look at (province → cities, city → counties), one row per school at county level, and one school's
 * figures when drilling into it; a totals row; the schools behind schedule marked and counted
 * (lib/domain/work-progress.ts); how fresh the figures are. Everything is read from the progress rollup
 * (lib/db/progress.repo.ts), limited to the caller's region subtree: a region or school outside it, by URL or
 * id, is NOT_FOUND. The .xlsx export writes the same table and is audited.
 */
import "server-only";
import { z } from "zod";
import { findCurrentTerm } from "@/lib/db/terms.repo";
import {
  childRegions,
  findProgressRegion,
  listSchoolProgress,
  pendingSince,
  regionsOnPath,
  listRegionProgress,
  type ProgressRegion,
  type RegionProgress,
  type SchoolProgress,
} from "@/lib/db/progress.repo";
import { fail, ok, type ActionResult } from "@/lib/domain/result";
import type { SessionUser } from "@/lib/domain/session-user";
import { formatBeijingDate } from "@/lib/domain/time";
import { beijingMonth } from "@/lib/domain/vocational-overdue";
import {
  addFigures,
  behindSchedule,
  collectionPercent,
  emptyFigures,
  PROGRESS_FIGURES,
  type ProgressFigures,
} from "@/lib/domain/work-progress";
import { idSchema } from "@/lib/schemas/id";
import type { SheetSpec, SheetWriter } from "@/lib/xlsx";
import { audit } from "./audit";
import { NO_TERM_MESSAGE, regionContext } from "./context";

export const PROGRESS_NOT_FOUND = "未找到该行政区划或学校，或不在本辖区内。";

export type ProgressRow = {
  kind: "region" | "school";
  id: string;
  code: string;
  name: string;
  /** Schools counted in the row (1 for a school). */
  schools: number;
  /** Schools of the row behind schedule. */
  behindSchools: number;
  /** For a school: why it is behind (empty when on schedule). */
  behindReasons: string[];
  /** Schools not computed by the rollup yet (figures missing). */
  uncomputed: number;
  /** Whether the row has 中职 students (its 在校/逾期/当期 are shown). */
  vocational: boolean;
  figures: ProgressFigures;
  collectionPercent: number | null;
};

export type ProgressView = {
  term: { id: string; name: string };
  region: ProgressRegion;
  /** From the caller's own region down to the one shown. */
  breadcrumbs: ProgressRegion[];
  /** The one school drilled into, when `school` was asked for. */
  school: (ProgressRow & { verifyDeadline: Date; reviewDeadline: Date; stages: string[] }) | null;
  /** What the rows are: child regions, or schools (county level, or a region without child regions). */
  rowKind: "region" | "school";
  rows: ProgressRow[];
  totals: ProgressRow;
  /** Every change committed before this instant is in the figures. */
  asOf: Date;
};

const querySchema = z.object({
  region: idSchema.optional(),
  school: idSchema.optional(),
});

function rowOf(
  kind: ProgressRow["kind"],
  ident: { id: string; code: string; name: string },
  schools: SchoolProgress[],
  now: Date,
): ProgressRow {
  const figures = emptyFigures();
  let behindSchools = 0;
  let behindReasons: string[] = [];
  let uncomputed = 0;
  let vocational = false;
  for (const school of schools) {
    addFigures(figures, pick(school));
    const reasons = behindSchedule(school, school, now);
    if (reasons.length > 0) behindSchools++;
    if (kind === "school") behindReasons = reasons;
    if (!school.computed) uncomputed++;
    if (school.stages.includes("VOCATIONAL") || school.vocationalInSchool > 0) vocational = true;
  }
  return {
    kind,
    ...ident,
    schools: schools.length,
    behindSchools,
    behindReasons,
    uncomputed,
    vocational,
    figures,
    collectionPercent: collectionPercent(figures),
  };
}

const pick = (source: ProgressFigures): ProgressFigures =>
  Object.fromEntries(PROGRESS_FIGURES.map((f) => [f, source[f]])) as ProgressFigures;

export async function viewProgress(
  user: SessionUser | null,
  raw: unknown,
  now = new Date(),
): Promise<ActionResult<ProgressView>> {
  const ctx = regionContext(user, "work_progress.view");
  if (!ctx.ok) return ctx;
  const query = querySchema.safeParse(raw ?? {});
  if (!query.success) return fail("NOT_FOUND", PROGRESS_NOT_FOUND);
  const term = await findCurrentTerm();
  if (!term) return fail("NOT_FOUND", NO_TERM_MESSAGE);
  const scope = ctx.data.scope;
  const region = await findProgressRegion(scope, query.data.region ?? null);
  if (!region) return fail("NOT_FOUND", PROGRESS_NOT_FOUND);
  const month = beijingMonth(now);

  // Freshness first: a change committed after this read may or may not be in the figures read next.
  const since = await pendingSince(scope, region.path, term.id);
  const asOf = since ?? now;
  const breadcrumbs = await regionsOnPath(scope, region.path);
  const base = { term: { id: term.id, name: term.name }, region, breadcrumbs, asOf };

  if (query.data.school) {
    const [found] = await listSchoolProgress(scope, region.path, term.id, month, query.data.school);
    if (!found) return fail("NOT_FOUND", PROGRESS_NOT_FOUND);
    const row = rowOf("school", { id: found.schoolId, code: found.code, name: found.name }, [found], now);
    return ok({
      ...base,
      school: {
        ...row,
        verifyDeadline: found.verifyDeadline,
        reviewDeadline: found.reviewDeadline,
        stages: found.stages,
      },
      rowKind: "school",
      rows: [row],
      totals: row,
    });
  }

  const children = region.level === "COUNTY" ? [] : await childRegions(scope, region);
  if (children.length === 0) {
    const schoolRows = await listSchoolProgress(scope, region.path, term.id, month);
    const rows = schoolRows.map((s) =>
      rowOf("school", { id: s.schoolId, code: s.code, name: s.name }, [s], now),
    );
    const totals = rowOf("region", { id: region.id, code: region.code, name: "合计" }, schoolRows, now);
    return ok({ ...base, school: null, rowKind: "school", rows, totals });
  }
  // A province or city: sums per child region come from the database (a province has 5,000 schools).
  const groups = await listRegionProgress(scope, region.path, term.id, month, now);
  const byPath = new Map(groups.map((group) => [group.groupPath, group]));
  const rows = children.map((child) => regionRow(child, byPath.get(child.path) ?? null));
  // The totals are over every school of the region, including any attached to the region itself.
  const totals = groups.reduce(
    (sum, group) => ({
      ...sum,
      schools: sum.schools + group.schools,
      behindSchools: sum.behindSchools + group.behindSchools,
      uncomputed: sum.uncomputed + group.uncomputed,
      vocational: sum.vocational || group.vocational,
      figures: addFigures(sum.figures, pick(group)),
    }),
    regionRow({ id: region.id, code: region.code, name: "合计" }, null),
  );
  totals.collectionPercent = collectionPercent(totals.figures);
  return ok({ ...base, school: null, rowKind: "region", rows, totals });
}

function regionRow(
  ident: { id: string; code: string; name: string },
  group: RegionProgress | null,
): ProgressRow {
  const figures = group ? pick(group) : emptyFigures();
  return {
    kind: "region",
    ...ident,
    schools: group?.schools ?? 0,
    behindSchools: group?.behindSchools ?? 0,
    behindReasons: [],
    uncomputed: group?.uncomputed ?? 0,
    vocational: group?.vocational ?? false,
    figures,
    collectionPercent: collectionPercent(figures),
  };
}

// ───────────── export ─────────────

const COLUMNS: { header: string; width: number; value: (row: ProgressRow) => string | number }[] = [
  { header: "代码", width: 14, value: (r) => r.code },
  { header: "名称", width: 24, value: (r) => r.name },
  { header: "学校数", width: 8, value: (r) => r.schools },
  { header: "滞后学校数", width: 10, value: (r) => r.behindSchools },
  { header: "在校学生", width: 10, value: (r) => r.figures.studentsInSchool },
  { header: "已申请", width: 9, value: (r) => r.figures.applied },
  { header: "放弃申请", width: 9, value: (r) => r.figures.waived },
  { header: "填报中", width: 9, value: (r) => r.figures.inProgress },
  { header: "未申请", width: 9, value: (r) => r.figures.notStarted },
  { header: "回收率(%)", width: 9, value: (r) => r.collectionPercent ?? "" },
  { header: "待核实", width: 9, value: (r) => r.figures.awaitingVerification },
  { header: "已核实", width: 9, value: (r) => r.figures.verified },
  { header: "待认定", width: 9, value: (r) => r.figures.awaitingDetermination },
  { header: "特别困难", width: 9, value: (r) => r.figures.determinedSpecial },
  { header: "困难", width: 9, value: (r) => r.figures.determinedHardship },
  { header: "一般困难", width: 9, value: (r) => r.figures.determinedGeneral },
  { header: "不困难", width: 9, value: (r) => r.figures.determinedNone },
  { header: "已公示", width: 9, value: (r) => r.figures.publicised },
  { header: "名单已审批", width: 10, value: (r) => r.figures.rosterApproved },
  { header: "已发放", width: 9, value: (r) => r.figures.paid },
  { header: "重点保障人群", width: 12, value: (r) => r.figures.specialGroup },
  { header: "重点保障已资助", width: 12, value: (r) => r.figures.specialAided },
  { header: "未资助已报原因", width: 12, value: (r) => r.figures.specialNoAidWithReason },
  { header: "未资助未报原因", width: 12, value: (r) => r.figures.specialNoAidWithoutReason },
  { header: "中职在校", width: 9, value: (r) => (r.vocational ? r.figures.vocationalInSchool : "") },
  { header: "中职逾期", width: 9, value: (r) => (r.vocational ? r.figures.vocationalOverdue : "") },
  {
    header: "中职当期",
    width: 9,
    value: (r) => (r.vocational ? r.figures.vocationalInSchool - r.figures.vocationalOverdue : ""),
  },
  { header: "进度滞后", width: 40, value: (r) => progressMarker(r) },
];

/** The text marker of a row behind schedule (the page shows the same, not colour alone). */
export function progressMarker(row: ProgressRow): string {
  if (row.kind === "school")
    return row.behindReasons.length > 0 ? `滞后：${row.behindReasons.join("；")}` : "";
  return row.behindSchools > 0 ? `滞后学校${row.behindSchools}所` : "";
}

export const PROGRESS_SHEET: SheetSpec = {
  name: "工作进展",
  columns: COLUMNS.map((c) => ({ header: c.header, width: c.width })),
};

/**
 * The export of the table the page shows (rows, then the totals row) for the same region or school: checked
 * and read first, so a refusal or a region outside the subtree is an answer, not a broken download; the
 * audit entry is written when the rows are.
 */
export async function prepareProgressExport(
  user: SessionUser | null,
  raw: unknown,
  now = new Date(),
): Promise<
  ActionResult<{ filename: string; view: ProgressView; write: (writer: SheetWriter) => Promise<number> }>
> {
  const ctx = regionContext(user, "work_progress.export");
  if (!ctx.ok) return ctx;
  const view = await viewProgress(user, raw, now);
  if (!view.ok) return view;
  const { rows, totals, school, region, term } = view.data;
  const filename = `工作进展-${school?.name ?? region.name}-${formatBeijingDate(now)}.xlsx`;
  return ok({
    filename,
    view: view.data,
    write: async (writer) => {
      for (const row of rows) writer.addRow(COLUMNS.map((c) => c.value(row)));
      if (!school) writer.addRow(COLUMNS.map((c) => c.value(totals)));
      await audit(ctx.data, "work_progress.export", null, {
        term: term.name,
        region: region.code,
        school: school?.code ?? null,
        rows: rows.length,
      });
      return rows.length;
    },
  });
}
