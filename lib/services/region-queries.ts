/**
 * The supervisor's region queries (seed 002 二、三; seed 004 二.1): 困难学生认定结果查看, 重点保障人群信息查询
 * and 本地户籍外地就读学生 (with its converse, 外地户籍本地就读), each with a person's aid history across terms
 * and schools (档案全学段衔接, SPEC §2 and §13), and their .xlsx exports.
 *
 * Privacy (SPEC §2: masked except to roles that need the full value; every full view or export audited):
 * - lists and histories show the masked ID number only;
 * - the full ID number of a special-group student is shown on request on their history page, and the
 *   special-group and hukou exports may carry it: seed 004 二.1 and 三.2 give supervisors the query and
 *   export of these students to check the lists (核准名单, 精准摸排) against the poverty-relief, civil-affairs
 *   and disabled persons' federation lists, which are kept by ID number. The determination results
 *   (seed 002 认定结果查看) need no such matching: their export is masked;
 * - every full view (`region_query.id_revealed`) and every export (`region_query.export`, with the filter
 *   and whether full ID numbers were included, never the data) is audited.
 *
 * Reach: lists cover schools of the supervisor's subtree (and, for 本地户籍外地就读, people registered in it);
 * a school code or person id outside that reach is NOT_FOUND, never an empty list.
 */
import "server-only";
import { reveal } from "@/lib/crypto/keys";
import {
  aidHistoryOf,
  countDeterminations,
  countHukou,
  countSpecialGroup,
  findSubtreeSchoolByCode,
  hukouBreakdown,
  idCiphersOf,
  listDeterminations,
  listHukou,
  listSpecialGroup,
  listTerms,
  outsideReach,
  personInReach,
  specialGroupPersonCipher,
  subtreeReach,
  type DeterminationFilter,
  type DeterminationKey,
  type DeterminationRow,
  type EnrolmentKey,
  type HukouFilter,
  type HukouRow,
  type RegionRef,
  type SpecialGroupFilter,
  type SpecialGroupKey,
  type SpecialGroupRow,
} from "@/lib/db/region-queries.repo";
import type { AuditDetail } from "./audit";
import { parseInput } from "@/lib/forms/field-errors";
import {
  HARDSHIP_LEVEL_LABELS,
  SPECIAL_CATEGORY_LABELS,
  SPECIAL_SOURCE_LABELS,
  STAGE_LABELS,
} from "@/lib/domain/codes";
import {
  EXPORT_PAGE_ROWS,
  foldBreakdown,
  pageWindow,
  QUERY_PAGE_SIZE,
  type Breakdown,
  type PageWindow,
} from "@/lib/domain/region-queries";
import { fail, ok, type ActionResult } from "@/lib/domain/result";
import type { SessionUser } from "@/lib/domain/session-user";
import { formatBeijingDate } from "@/lib/domain/time";
import {
  determinationQuerySchema,
  fullIdSchema,
  hukouQuerySchema,
  specialGroupQuerySchema,
  type DeterminationQuery,
  type HukouDirection,
  type HukouQuery,
  type SpecialGroupQuery,
} from "@/lib/schemas/region-queries";
import { idSchema } from "@/lib/schemas/id";
import type { SheetSpec, SheetWriter } from "@/lib/xlsx";
import { audit } from "./audit";
import { regionContext, type RegionContext } from "./context";

export const SCHOOL_NOT_IN_REGION = "学校不存在，或不在本辖区内，请核对学校标识码。";
export const TERM_NOT_FOUND = "资助学期不存在，请从列表中选择。";
export const PERSON_NOT_FOUND = "未找到该学生，或该学生不在本辖区就读、户籍也不在本辖区。";
export const FULL_ID_SPECIAL_ONLY = "仅可查看重点保障人群学生的完整身份证号。";

type Listed<Row> = { rows: Row[]; window: PageWindow };

async function schoolScope(
  ctx: RegionContext,
  schoolCode: string | undefined,
): Promise<ActionResult<{ schoolIds: string[]; regions: RegionRef[] }>> {
  const reach = await subtreeReach(ctx.scope);
  if (!schoolCode) return ok({ schoolIds: reach.schoolIds, regions: reach.regions });
  const school = await findSubtreeSchoolByCode(ctx.scope, schoolCode);
  if (!school) return fail("NOT_FOUND", SCHOOL_NOT_IN_REGION, { schoolCode: SCHOOL_NOT_IN_REGION });
  return ok({ schoolIds: [school.id], regions: reach.regions });
}

// ───────────── 困难学生认定结果查看 ─────────────

async function determinationFilter(
  ctx: RegionContext,
  input: DeterminationQuery,
): Promise<ActionResult<{ filter: DeterminationFilter | null; terms: { id: string; name: string }[] }>> {
  const terms = await listTerms();
  const term = input.termId ? terms.find((t) => t.id === input.termId) : terms.find((t) => t.isCurrent);
  if (input.termId && !term) return fail("NOT_FOUND", TERM_NOT_FOUND, { termId: TERM_NOT_FOUND });
  const schools = await schoolScope(ctx, input.schoolCode);
  if (!schools.ok) return schools;
  const filter = term
    ? {
        termId: term.id,
        schoolIds: schools.data.schoolIds,
        stage: input.stage,
        level: input.level,
        category: input.category,
      }
    : null;
  return ok({ filter, terms: terms.map(({ id, name }) => ({ id, name })) });
}

export async function viewDeterminations(
  user: SessionUser | null,
  raw: unknown,
): Promise<
  ActionResult<Listed<DeterminationRow> & { termId: string | null; terms: { id: string; name: string }[] }>
> {
  const ctx = regionContext(user, "region_query.determinations");
  if (!ctx.ok) return ctx;
  const input = parseInput(determinationQuerySchema, raw);
  if (!input.ok) return input;
  const resolved = await determinationFilter(ctx.data, input.data);
  if (!resolved.ok) return resolved;
  const { filter, terms } = resolved.data;
  if (!filter) return ok({ rows: [], window: pageWindow(1, 0), termId: null, terms });
  const window = pageWindow(input.data.page, await countDeterminations(filter));
  const rows = await listDeterminations(filter, { limit: QUERY_PAGE_SIZE, offset: window.offset });
  return ok({ rows, window, termId: filter.termId, terms });
}

// ───────────── 重点保障人群信息查询 ─────────────

async function specialGroupFilter(
  ctx: RegionContext,
  input: SpecialGroupQuery,
): Promise<ActionResult<SpecialGroupFilter>> {
  const schools = await schoolScope(ctx, input.schoolCode);
  if (!schools.ok) return schools;
  return ok({
    schoolIds: schools.data.schoolIds,
    category: input.category,
    source: input.source,
    stage: input.stage,
  });
}

export async function viewSpecialGroup(
  user: SessionUser | null,
  raw: unknown,
): Promise<ActionResult<Listed<SpecialGroupRow>>> {
  const ctx = regionContext(user, "region_query.special_groups");
  if (!ctx.ok) return ctx;
  const input = parseInput(specialGroupQuerySchema, raw);
  if (!input.ok) return input;
  const filter = await specialGroupFilter(ctx.data, input.data);
  if (!filter.ok) return filter;
  const window = pageWindow(input.data.page, await countSpecialGroup(filter.data));
  const rows = await listSpecialGroup(filter.data, { limit: QUERY_PAGE_SIZE, offset: window.offset });
  return ok({ rows, window });
}

// ───────────── 本地户籍外地就读 / 外地户籍本地就读 ─────────────

export type LabelledBreakdown = Omit<Breakdown, "regions"> & {
  regions: (Breakdown["regions"][number] & { label: string })[];
};

async function hukouFilter(ctx: RegionContext, input: HukouQuery) {
  const [own, outside] = await Promise.all([subtreeReach(ctx.scope), outsideReach(ctx.scope)]);
  const ownRegionIds = own.regions.map((region) => region.id);
  // Each side as the smaller of the set and its complement (lib/db/region-queries.repo.ts, IdSet).
  const smaller = (set: string[], complement: string[]) =>
    set.length <= complement.length ? { ids: set, negate: false } : { ids: complement, negate: true };
  // Read from the small side: an outward list by the people registered here unless the schools outside
  // are fewer (the province); an inward list by the students here unless the regions outside are fewer.
  let filter: Omit<HukouFilter, "category" | "stage">;
  if (input.direction === "out") {
    const schools = smaller(outside.schoolIds, own.schoolIds);
    filter = {
      hukouRegions: { ids: ownRegionIds, negate: false },
      schools,
      drive: schools.negate ? "person" : "student",
    };
  } else {
    const hukouRegions = smaller(outside.regionIds, ownRegionIds);
    filter = {
      hukouRegions,
      schools: { ids: own.schoolIds, negate: false },
      drive: hukouRegions.negate ? "student" : "person",
    };
  }
  return { filter: { ...filter, category: input.category, stage: input.stage }, regions: own.regions };
}

function labelBreakdown(ctx: RegionContext, breakdown: Breakdown, regions: RegionRef[]): LabelledBreakdown {
  const names = new Map(regions.map((region) => [region.path, region.name]));
  return {
    ...breakdown,
    regions: breakdown.regions.map((row) => ({
      ...row,
      label:
        row.path === ctx.regionPath
          ? `${names.get(row.path) ?? ""}（本级）`
          : (names.get(row.path) ?? "辖区外"),
    })),
  };
}

export async function viewHukou(
  user: SessionUser | null,
  raw: unknown,
): Promise<ActionResult<Listed<HukouRow> & { direction: HukouDirection; breakdown: LabelledBreakdown }>> {
  const ctx = regionContext(user, "region_query.hukou");
  if (!ctx.ok) return ctx;
  const input = parseInput(hukouQuerySchema, raw);
  if (!input.ok) return input;
  const { filter, regions } = await hukouFilter(ctx.data, input.data);
  const [counted, grouped] = await Promise.all([
    countHukou(filter),
    hukouBreakdown(filter, input.data.direction === "out" ? "hukou" : "school"),
  ]);
  const window = pageWindow(input.data.page, counted);
  const rows = await listHukou(filter, { limit: QUERY_PAGE_SIZE, offset: window.offset });
  const breakdown = labelBreakdown(ctx.data, foldBreakdown(ctx.data.regionPath, grouped), regions);
  return ok({ rows, window, direction: input.data.direction, breakdown });
}

// ───────────── 受助情况 (档案全学段衔接) ─────────────

export type AidHistory = NonNullable<Awaited<ReturnType<typeof aidHistoryOf>>> & {
  /** Whether a school lies in the caller's subtree (class names are shown only for those). */
  inRegion: (school: { region: { path: string } }) => boolean;
};

/**
 * One person's aid file across terms and schools: enrolments, applications and determinations, roster
 * entries with amounts and payments, special-group listings. Shown in full, including records at schools
 * outside the subtree (school, region, term, level, programme, amounts — the follow-up the national system's
 * 学生受助情况 gives), since the person is in the caller's reach; class names only for the subtree's schools.
 */
export async function viewAidHistory(
  user: SessionUser | null,
  personId: string,
): Promise<ActionResult<AidHistory>> {
  const ctx = regionContext(user, "region_query.history");
  if (!ctx.ok) return ctx;
  if (!idSchema.safeParse(personId).success) return fail("NOT_FOUND", PERSON_NOT_FOUND);
  if (!(await personInReach(ctx.data.scope, personId))) return fail("NOT_FOUND", PERSON_NOT_FOUND);
  const history = await aidHistoryOf(personId);
  if (!history) return fail("NOT_FOUND", PERSON_NOT_FOUND);
  const regionPath = ctx.data.regionPath;
  return ok({ ...history, inRegion: (school) => school.region.path.startsWith(regionPath) });
}

/** The full ID number of a special-group student in reach, on request; audited (the rule: module header). */
export async function revealPersonIdNumber(
  user: SessionUser | null,
  personId: string,
  ip: string | null = null,
): Promise<ActionResult<{ idNumber: string }>> {
  const ctx = regionContext(user, "region_query.reveal_id");
  if (!ctx.ok) return ctx;
  if (!idSchema.safeParse(personId).success) return fail("NOT_FOUND", PERSON_NOT_FOUND);
  if (!(await personInReach(ctx.data.scope, personId))) return fail("NOT_FOUND", PERSON_NOT_FOUND);
  const cipher = await specialGroupPersonCipher(personId);
  if (!cipher) return fail("REFUSED", FULL_ID_SPECIAL_ONLY);
  const idNumber = reveal(cipher);
  await audit(ctx.data, "region_query.id_revealed", { type: "Person", id: personId }, {}, { ip });
  return ok({ idNumber });
}

// ───────────── exports ─────────────

export const REGION_QUERIES = ["determinations", "special-groups", "hukou"] as const;
export type RegionQuery = (typeof REGION_QUERIES)[number];

const QUERY_TITLES: Record<RegionQuery, string> = {
  determinations: "困难学生认定结果",
  "special-groups": "重点保障人群信息",
  hukou: "本地户籍外地就读学生",
};

const categoriesText = (categories: readonly string[]) =>
  categories.map((c) => SPECIAL_CATEGORY_LABELS[c as keyof typeof SPECIAL_CATEGORY_LABELS] ?? c).join("、");

const SHEETS: Record<RegionQuery, SheetSpec> = {
  determinations: {
    name: "认定结果",
    columns: [
      { header: "姓名", width: 12 },
      { header: "身份证号", width: 22, text: true },
      { header: "学校", width: 28 },
      { header: "年级", width: 10 },
      { header: "班级", width: 10 },
      { header: "学段", width: 10 },
      { header: "认定等级", width: 10 },
      { header: "认定日期", width: 12 },
      { header: "特殊群体类别", width: 24 },
    ],
  },
  "special-groups": {
    name: "重点保障人群",
    columns: [
      { header: "姓名", width: 12 },
      { header: "身份证号", width: 22, text: true },
      { header: "类别", width: 22 },
      { header: "来源", width: 10 },
      { header: "名单年度", width: 10 },
      { header: "就读学校", width: 28 },
      { header: "年级", width: 10 },
      { header: "班级", width: 10 },
      { header: "学段", width: 10 },
      { header: "户籍所在地", width: 12 },
    ],
  },
  hukou: {
    name: "户籍与就读地",
    columns: [
      { header: "姓名", width: 12 },
      { header: "身份证号", width: 22, text: true },
      { header: "户籍所在地", width: 12 },
      { header: "就读学校", width: 28 },
      { header: "学校所在地", width: 12 },
      { header: "学段", width: 10 },
      { header: "特殊群体类别", width: 24 },
    ],
  },
};

export type PreparedExport = {
  filename: string;
  sheet: SheetSpec;
  /** Writes every row of the filtered list, one keyset page at a time; resolves to the row count. */
  fill: (writer: SheetWriter) => Promise<number>;
};

type Filtered = {
  detail: Record<string, string | number | null | undefined>;
  pages: (writer: SheetWriter, idOf: IdText) => Promise<number>;
};
type IdText = (rows: { personId: string; idMasked: string }[]) => Promise<Map<string, string>>;

/** What an audit entry says of a filter: its fields without the page number. */
const filterDetail = (input: Record<string, string | number | undefined>) =>
  Object.fromEntries(Object.entries(input).filter(([key]) => key !== "page"));

/**
 * Reads `page` after `page` (keyset) until a short one, writing each row and waiting for the download to
 * take it before the next page (`ready`); returns the row count.
 */
async function keysetPages<Row, Key>(
  writer: SheetWriter,
  next: (after: Key | undefined) => Promise<Row[]>,
  keyOf: (row: Row) => Key,
  write: (rows: Row[]) => Promise<void>,
): Promise<number> {
  let after: Key | undefined;
  let count = 0;
  for (;;) {
    const rows = await next(after);
    if (rows.length > 0) await write(rows);
    await writer.ready?.();
    count += rows.length;
    if (rows.length < EXPORT_PAGE_ROWS) return count;
    after = keyOf(rows[rows.length - 1]!);
  }
}

async function filteredFor(
  ctx: RegionContext,
  query: RegionQuery,
  raw: Record<string, unknown>,
): Promise<ActionResult<Filtered>> {
  const page = { limit: EXPORT_PAGE_ROWS };
  if (query === "determinations") {
    const input = parseInput(determinationQuerySchema, raw);
    if (!input.ok) return input;
    const resolved = await determinationFilter(ctx, input.data);
    if (!resolved.ok) return resolved;
    const filter = resolved.data.filter;
    const detail = filterDetail(input.data);
    return ok({
      detail: { ...detail, termId: filter?.termId ?? null },
      pages: (writer, idOf) =>
        filter
          ? keysetPages<DeterminationRow, DeterminationKey>(
              writer,
              (after) => listDeterminations(filter, { ...page, after }),
              ({ schoolId, sortClassName, sortName, id }) => ({ schoolId, sortClassName, sortName, id }),
              async (rows) => {
                const ids = await idOf(rows);
                for (const row of rows)
                  writer.addRow([
                    row.name,
                    ids.get(row.personId) ?? row.idMasked,
                    row.schoolName,
                    row.gradeName,
                    row.className,
                    STAGE_LABELS[row.stage],
                    HARDSHIP_LEVEL_LABELS[row.level],
                    row.determinedAt ? formatBeijingDate(row.determinedAt) : "",
                    categoriesText(row.categories),
                  ]);
              },
            )
          : Promise.resolve(0),
    });
  }
  if (query === "special-groups") {
    const input = parseInput(specialGroupQuerySchema, raw);
    if (!input.ok) return input;
    const filter = await specialGroupFilter(ctx, input.data);
    if (!filter.ok) return filter;
    const detail = filterDetail(input.data);
    return ok({
      detail,
      pages: (writer, idOf) =>
        keysetPages<SpecialGroupRow, SpecialGroupKey>(
          writer,
          (after) => listSpecialGroup(filter.data, { ...page, after }),
          (row) => ({ ...enrolmentKey(row), entryId: row.entryId }),
          async (rows) => {
            const ids = await idOf(rows);
            for (const row of rows)
              writer.addRow([
                row.name,
                ids.get(row.personId) ?? row.idMasked,
                SPECIAL_CATEGORY_LABELS[row.category],
                SPECIAL_SOURCE_LABELS[row.source],
                row.listYear,
                row.schoolName,
                row.gradeName,
                row.className,
                STAGE_LABELS[row.stage],
                row.hukouName ?? "",
              ]);
          },
        ),
    });
  }
  const input = parseInput(hukouQuerySchema, raw);
  if (!input.ok) return input;
  const { filter } = await hukouFilter(ctx, input.data);
  const detail = filterDetail(input.data);
  return ok({
    detail,
    pages: (writer, idOf) =>
      keysetPages<HukouRow, EnrolmentKey>(
        writer,
        (after) => listHukou(filter, { ...page, after }),
        enrolmentKey,
        async (rows) => {
          const ids = await idOf(rows);
          for (const row of rows)
            writer.addRow([
              row.name,
              ids.get(row.personId) ?? row.idMasked,
              row.hukouName ?? "",
              row.schoolName,
              row.schoolRegionName,
              STAGE_LABELS[row.stage],
              categoriesText(row.categories),
            ]);
        },
      ),
  });
}

/** Where a keyset page of an enrolment list ends: the list's sort key of its last row. */
const enrolmentKey = (row: EnrolmentKey): EnrolmentKey => ({
  schoolId: row.schoolId,
  sortGradeName: row.sortGradeName,
  sortClassName: row.sortClassName,
  sortName: row.sortName,
  studentId: row.studentId,
});

/**
 * Checks the caller and the filter, writes the audit entry (the filter and whether full ID numbers are
 * included; never the data), and answers how to write the file — so a refused export is a plain answer,
 * not a broken download. The file is the whole filtered list, read in keyset pages of EXPORT_PAGE_ROWS.
 */
export async function prepareRegionQueryExport(
  user: SessionUser | null,
  query: string,
  raw: Record<string, unknown>,
  ip: string | null = null,
): Promise<ActionResult<PreparedExport>> {
  const ctx = regionContext(user, "region_query.export");
  if (!ctx.ok) return ctx;
  if (!(REGION_QUERIES as readonly string[]).includes(query)) return fail("NOT_FOUND", "没有这个查询。");
  const which = query as RegionQuery;
  const { fullId: rawFullId, ...rest } = raw;
  const fullId = parseInput(fullIdSchema, rawFullId);
  if (!fullId.ok) return fail("INVALID", fullId.message, { fullId: fullId.message });
  if (fullId.data && which === "determinations") {
    const message = "认定结果的导出只含脱敏身份证号。";
    return fail("INVALID", message, { fullId: message });
  }
  const filtered = await filteredFor(ctx.data, which, rest);
  if (!filtered.ok) return filtered;
  const detail: AuditDetail = { query: which, fullId: fullId.data };
  for (const [key, value] of Object.entries(filtered.data.detail))
    if (value !== undefined) detail[key] = value;
  await audit(ctx.data, "region_query.export", null, detail, { ip });
  const idOf: IdText = fullId.data
    ? async (rows) => {
        const ciphers = await idCiphersOf(rows.map((row) => row.personId));
        return new Map([...ciphers].map(([personId, cipher]) => [personId, reveal(cipher)]));
      }
    : async () => new Map();
  return ok({
    filename: `${QUERY_TITLES[which]}-${formatBeijingDate(new Date())}.xlsx`,
    sheet: SHEETS[which],
    fill: (writer) => filtered.data.pages(writer, idOf),
  });
}
