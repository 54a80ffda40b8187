/**
 * 学校与行政区划维护: supervisors maintain the region tree (adding cities under a province, counties under a
 * city, renaming below their own level) and the school registry (学校标识码, name, stages, village-school
 * flag, county) within their subtree, by form or by .xlsx import (every bad row reported with its number and
 * reason; good rows saved), and export it. Audited.
 */
import "server-only";
import { randomUUID } from "node:crypto";
import { rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { z } from "zod";
import { isUniqueViolation } from "@/lib/db/accounts.repo";
import {
  countiesByCode,
  createChildRegion,
  findRegionInSubtree,
  listRegionTree,
  listRegistrySchools,
  renameRegion,
  saveSchool,
  type RegionNode,
  type RegistrySchool,
} from "@/lib/db/school-registry.repo";
import { parseInput } from "@/lib/forms/field-errors";
import { fail, ok, type ActionResult } from "@/lib/domain/result";
import {
  childLevel,
  childRegionCodeProblem,
  parseSchoolRow,
  SCHOOL_REGISTRY_HEADERS,
  stagesText,
  type SchoolRow,
} from "@/lib/domain/school-registry";
import type { SessionUser } from "@/lib/domain/session-user";
import { idSchema } from "@/lib/schemas/id";
import { isPrintable } from "@/lib/schemas/text";
import {
  DEFAULT_MAX_XLSX_BYTES,
  readTable,
  XlsxInputError,
  type SheetSpec,
  type SheetWriter,
} from "@/lib/xlsx";
import { audit } from "./audit";
import { regionContext } from "./context";

const REGION_NOT_FOUND = "行政区划不存在，或不在本辖区内。";
const SCHOOL_ELSEWHERE = "该学校标识码已属于本辖区以外的学校，请核对；如学校划转辖区，请联系上级主管部门。";
/** An import larger than this is refused before any row is saved (a province's registry is ~5,000 schools). */
export const MAX_REGISTRY_ROWS = 20_000;

const nameSchema = (label: string) =>
  z
    .string({ message: `请填写${label}` })
    .max(200, `${label}不能超过40个字`)
    .refine(isPrintable, `${label}不能含控制字符`)
    .transform((s) => s.trim())
    .pipe(z.string().min(1, `请填写${label}`).max(40, `${label}不能超过40个字`));
const addRegionSchema = z.object({
  parentId: idSchema,
  code: z
    .string({ message: "请填写行政区划代码" })
    .max(20, "行政区划代码应为6位数字")
    .transform((s) => s.trim()),
  name: nameSchema("名称"),
});
const renameRegionSchema = z.object({ id: idSchema, name: nameSchema("名称") });
const schoolFormSchema = z.object({
  code: z.string().max(40).default(""),
  name: z.string().max(200).default(""),
  stages: z.string().max(200).default(""),
  isVillage: z.string().max(10).default(""),
  regionCode: z.string().max(20).default(""),
});

export async function viewRegistry(
  user: SessionUser | null,
): Promise<ActionResult<{ regions: RegionNode[]; schools: RegistrySchool[] }>> {
  const ctx = regionContext(user, "school_registry.view");
  if (!ctx.ok) return ctx;
  const [regions, schools] = await Promise.all([
    listRegionTree(ctx.data.scope),
    listRegistrySchools(ctx.data.scope),
  ]);
  return ok({ regions, schools });
}

/** Adds a city under a province or a county under a city, within the caller's subtree. */
export async function addRegion(
  user: SessionUser | null,
  raw: unknown,
): Promise<ActionResult<{ id: string }>> {
  const ctx = regionContext(user, "school_registry.edit");
  if (!ctx.ok) return ctx;
  const input = parseInput(addRegionSchema, raw);
  if (!input.ok) return input;
  const parent = await findRegionInSubtree(ctx.data.scope, input.data.parentId);
  if (!parent) return fail("NOT_FOUND", REGION_NOT_FOUND, { parentId: REGION_NOT_FOUND });
  const level = childLevel(parent.level);
  const problem = childRegionCodeProblem(parent, input.data.code);
  if (problem || !level)
    return fail(level ? "INVALID" : "REFUSED", problem ?? "区县以下不再设行政区划", { code: problem ?? "" });
  try {
    const id = await createChildRegion(parent, input.data.code, input.data.name, level);
    await audit(ctx.data, "school_registry.add_region", null, {
      code: input.data.code,
      name: input.data.name,
    });
    return ok({ id });
  } catch (error) {
    if (isUniqueViolation(error))
      return fail("CONFLICT", "该行政区划代码已存在。", { code: "该行政区划代码已存在" });
    throw error;
  }
}

/** Renames a region below the caller's own (one's own region is named by the level above). */
export async function renameRegionInSubtree(
  user: SessionUser | null,
  raw: unknown,
): Promise<ActionResult<undefined>> {
  const ctx = regionContext(user, "school_registry.edit");
  if (!ctx.ok) return ctx;
  const input = parseInput(renameRegionSchema, raw);
  if (!input.ok) return input;
  if (!(await renameRegion(ctx.data.scope, input.data.id, input.data.name)))
    return fail("NOT_FOUND", REGION_NOT_FOUND);
  await audit(ctx.data, "school_registry.rename_region", null, {
    regionId: input.data.id,
    name: input.data.name,
  });
  return ok(undefined);
}

type SaveOutcome = { ok: true; created: boolean } | { ok: false; field: keyof SchoolRow; reason: string };

async function saveRow(
  scope: Parameters<typeof saveSchool>[0],
  counties: Map<string, string>,
  row: SchoolRow,
): Promise<SaveOutcome> {
  const regionId = counties.get(row.regionCode);
  if (!regionId)
    return { ok: false, field: "regionCode", reason: `区县代码${row.regionCode}不是本辖区内的区县` };
  try {
    const { code, name, stages, isVillage } = row;
    const saved = await saveSchool(scope, { code, name, stages, isVillage, regionId });
    if (saved === "OUTSIDE") return { ok: false, field: "code", reason: SCHOOL_ELSEWHERE };
    return { ok: true, created: saved === "CREATED" };
  } catch (error) {
    if (isUniqueViolation(error)) return { ok: false, field: "code", reason: SCHOOL_ELSEWHERE };
    throw error;
  }
}

/** Adds a school, or updates the school of the same 学校标识码 in the subtree. */
export async function saveRegistrySchool(
  user: SessionUser | null,
  raw: unknown,
): Promise<ActionResult<{ created: boolean; code: string }>> {
  const ctx = regionContext(user, "school_registry.edit");
  if (!ctx.ok) return ctx;
  const input = parseInput(schoolFormSchema, raw);
  if (!input.ok) return input;
  const row = parseSchoolRow(input.data);
  if (!row.ok) return fail("INVALID", row.reason, { [row.field]: row.reason });
  const saved = await saveRow(ctx.data.scope, await countiesByCode(ctx.data.scope), row.row);
  if (!saved.ok)
    return fail(saved.field === "code" ? "NOT_FOUND" : "INVALID", saved.reason, {
      [saved.field]: saved.reason,
    });
  await audit(ctx.data, "school_registry.save_school", null, { code: row.row.code, created: saved.created });
  return ok({ created: saved.created, code: row.row.code });
}

export type RegistryImportResult = {
  created: number;
  updated: number;
  errors: { row: number; reason: string }[];
};

const COLUMNS = (Object.keys(SCHOOL_REGISTRY_HEADERS) as (keyof typeof SCHOOL_REGISTRY_HEADERS)[]).map(
  (key) => ({
    key,
    names: [SCHOOL_REGISTRY_HEADERS[key]],
    required: key !== "isVillage",
  }),
);

/**
 * Imports the registry from an .xlsx file (the export's layout): each good row is saved (created or updated by
 * 学校标识码), each bad row reported with its row number and reason. A file-level problem saves nothing.
 */
export async function importRegistry(
  user: SessionUser | null,
  file: unknown,
  limits: { maxRows?: number } = {},
): Promise<ActionResult<RegistryImportResult>> {
  const ctx = regionContext(user, "school_registry.import");
  if (!ctx.ok) return ctx;
  if (!(file instanceof Blob) || file.size === 0)
    return fail("INVALID", "请选择要导入的 .xlsx 文件。", { file: "请选择要导入的 .xlsx 文件" });
  if (file.size > DEFAULT_MAX_XLSX_BYTES) return fail("LIMIT", "文件过大：请不超过30MB。");
  const temp = path.join(tmpdir(), `registry-${randomUUID()}.xlsx`);
  await writeFile(temp, Buffer.from(await file.arrayBuffer()));
  const maxRows = limits.maxRows ?? MAX_REGISTRY_ROWS;
  try {
    const parsed: { rowNumber: number; outcome: ReturnType<typeof parseSchoolRow> }[] = [];
    for await (const row of readTable(temp, COLUMNS)) {
      if (parsed.length >= maxRows) return fail("LIMIT", `一次最多导入${maxRows}所学校，请分批导入。`);
      parsed.push({ rowNumber: row.rowNumber, outcome: parseSchoolRow(row.values) });
    }
    const counties = await countiesByCode(ctx.data.scope);
    const result: RegistryImportResult = { created: 0, updated: 0, errors: [] };
    const seen = new Map<string, number>();
    for (const { rowNumber, outcome } of parsed) {
      if (!outcome.ok) {
        result.errors.push({ row: rowNumber, reason: outcome.reason });
        continue;
      }
      const earlier = seen.get(outcome.row.code);
      if (earlier) {
        result.errors.push({ row: rowNumber, reason: `学校标识码与第${earlier}行重复` });
        continue;
      }
      seen.set(outcome.row.code, rowNumber);
      const saved = await saveRow(ctx.data.scope, counties, outcome.row);
      if (!saved.ok) result.errors.push({ row: rowNumber, reason: saved.reason });
      else if (saved.created) result.created++;
      else result.updated++;
    }
    await audit(ctx.data, "school_registry.import", null, {
      created: result.created,
      updated: result.updated,
      rejected: result.errors.length,
    });
    return ok(result);
  } catch (error) {
    if (error instanceof XlsxInputError) return fail("INVALID", error.message, { file: error.message });
    throw error;
  } finally {
    await rm(temp, { force: true });
  }
}

export const REGISTRY_SHEET: SheetSpec = {
  name: "学校名录",
  columns: [
    { header: SCHOOL_REGISTRY_HEADERS.code, width: 14, text: true },
    { header: SCHOOL_REGISTRY_HEADERS.name, width: 30 },
    { header: SCHOOL_REGISTRY_HEADERS.stages, width: 20 },
    { header: SCHOOL_REGISTRY_HEADERS.isVillage, width: 10 },
    { header: SCHOOL_REGISTRY_HEADERS.regionCode, width: 14, text: true },
    { header: "所在区县", width: 14 },
  ],
};

/** Writes the subtree's registry in the import's layout (re-importable as is). */
export async function writeRegistryExport(
  user: SessionUser | null,
  writer: SheetWriter,
): Promise<ActionResult<{ rows: number }>> {
  const ctx = regionContext(user, "school_registry.export");
  if (!ctx.ok) return ctx;
  let rows = 0;
  for (let skip = 0; ; skip += 500) {
    const page = await listRegistrySchools(ctx.data.scope, { skip, take: 500 });
    for (const school of page)
      writer.addRow([
        school.code,
        school.name,
        stagesText(school.stages),
        school.isVillage ? "是" : "否",
        school.regionCode,
        school.regionName,
      ]);
    rows += page.length;
    if (page.length < 500) break;
  }
  await audit(ctx.data, "school_registry.export", null, { rows });
  return ok({ rows });
}
