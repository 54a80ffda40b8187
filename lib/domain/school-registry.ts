/**
 * The school registry and region tree as supervisors maintain them (pure rules,
 * tests/unit/school-registry.test.ts): a row of the registry (学校标识码, name, stages, village-school flag,
 * county code) parsed from a form or an .xlsx row, and the codes a child region may take.
 */
import { STAGES, STAGE_LABELS, type Stage } from "./codes";
import type { RegionLevel } from "./codes";

export type SchoolRow = {
  code: string;
  name: string;
  stages: Stage[];
  isVillage: boolean;
  regionCode: string;
};
export type RowOutcome = { ok: true; row: SchoolRow } | { ok: false; field: keyof SchoolRow; reason: string };

/** The registry's columns, in the order of the template and the export. */
export const SCHOOL_REGISTRY_HEADERS = {
  code: "学校标识码",
  name: "学校名称",
  stages: "学段",
  isVillage: "是否村小",
  regionCode: "所在区县代码",
} as const;

const LABEL_TO_STAGE = new Map<string, Stage>([
  ...STAGES.map((stage) => [STAGE_LABELS[stage], stage] as const),
  ["普高", "SENIOR"],
  ["高中", "SENIOR"],
  ["幼儿园", "KINDERGARTEN"],
]);

/** "小学、初中" (separated by 、 , ， ; ； / or spaces) → stages in their fixed order; null names the bad part. */
export function parseStages(text: string): { ok: true; stages: Stage[] } | { ok: false; bad: string } {
  const parts = text
    .split(/[、,，;；/\s]+/)
    .map((part) => part.trim())
    .filter(Boolean);
  const found = new Set<Stage>();
  for (const part of parts) {
    const stage = LABEL_TO_STAGE.get(part);
    if (!stage) return { ok: false, bad: part };
    found.add(stage);
  }
  return { ok: true, stages: STAGES.filter((stage) => found.has(stage)) };
}

export const stagesText = (stages: readonly Stage[]) => stages.map((stage) => STAGE_LABELS[stage]).join("、");

const STAGE_CHOICES = STAGES.map((stage) => STAGE_LABELS[stage]).join("、");

/** One registry row from its text cells: the first problem, with the field and a Chinese reason. */
export function parseSchoolRow(cells: Record<keyof SchoolRow, string>): RowOutcome {
  const code = cells.code.trim();
  if (!/^\d{10}$/.test(code)) return { ok: false, field: "code", reason: "学校标识码应为10位数字" };
  const name = cells.name.trim();
  if (!name) return { ok: false, field: "name", reason: "请填写学校名称" };
  if (name.length > 60 || /[\u0000-\u001f\u007f]/.test(name))
    return { ok: false, field: "name", reason: "学校名称不能超过60个字，且不能含控制字符" };
  const stages = parseStages(cells.stages);
  if (!stages.ok)
    return { ok: false, field: "stages", reason: `学段“${stages.bad}”无法识别，应为：${STAGE_CHOICES}` };
  if (stages.stages.length === 0)
    return { ok: false, field: "stages", reason: `请填写学段（${STAGE_CHOICES}，可填多个）` };
  const village = cells.isVillage.trim();
  if (!["", "是", "否"].includes(village))
    return { ok: false, field: "isVillage", reason: "是否村小应填“是”或“否”（不填为否）" };
  const regionCode = cells.regionCode.trim();
  if (!/^\d{6}$/.test(regionCode))
    return { ok: false, field: "regionCode", reason: "所在区县代码应为6位行政区划代码" };
  return { ok: true, row: { code, name, stages: stages.stages, isVillage: village === "是", regionCode } };
}

/**
 * Whether `code` may be the code of a child region of `parent` (6-digit 行政区划代码): a city shares its
 * province's first two digits and ends in 00; a county shares its city's first four and does not end in 00.
 * Null when it may, else the Chinese reason. Counties have no child regions.
 */
export function childRegionCodeProblem(
  parent: { code: string; level: RegionLevel },
  code: string,
): string | null {
  if (!/^\d{6}$/.test(code)) return "行政区划代码应为6位数字";
  if (parent.level === "COUNTY") return "区县以下不再设行政区划";
  if (parent.level === "PROVINCE")
    return code.slice(0, 2) === parent.code.slice(0, 2) && code.slice(4) === "00" && code !== parent.code
      ? null
      : `市级代码应以${parent.code.slice(0, 2)}开头、以00结尾`;
  return code.slice(0, 4) === parent.code.slice(0, 4) && code.slice(4) !== "00"
    ? null
    : `区县代码应以${parent.code.slice(0, 4)}开头，且不以00结尾`;
}

export const childLevel = (level: RegionLevel): RegionLevel | null =>
  level === "PROVINCE" ? "CITY" : level === "CITY" ? "COUNTY" : null;
