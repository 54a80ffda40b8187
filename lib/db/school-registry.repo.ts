/**
 * The region tree and the school registry within a supervisor's subtree (regions whose path starts with the
 * caller's): every read and write is limited by the Scope.
 */
import "server-only";
import type { Scope } from "@/lib/auth/scope";
import { db } from "./client";
import type { RegionLevel, Stage } from "./generated/enums";

type RegionScope = Extract<Scope, { role: "SUPERVISOR" }>;
const inSubtree = (scope: RegionScope) => ({ path: { startsWith: scope.regionPath } });

export type RegionNode = {
  id: string;
  code: string;
  name: string;
  level: RegionLevel;
  path: string;
  schools: number;
};

/** The caller's region and every region below it, in path order (a tree read top-down). */
export async function listRegionTree(scope: RegionScope): Promise<RegionNode[]> {
  const rows = await db().region.findMany({
    where: inSubtree(scope),
    orderBy: { path: "asc" },
    take: 5000,
    select: {
      id: true,
      code: true,
      name: true,
      level: true,
      path: true,
      _count: { select: { schools: true } },
    },
  });
  return rows.map(({ _count, ...row }) => ({ ...row, schools: _count.schools }));
}

export function findRegionInSubtree(scope: RegionScope, regionId: string) {
  return db().region.findFirst({
    where: { id: regionId, ...inSubtree(scope) },
    select: { id: true, code: true, name: true, level: true, path: true },
  });
}

/** Counties of the subtree by code (for the registry's 所在区县代码). */
export async function countiesByCode(scope: RegionScope): Promise<Map<string, string>> {
  const rows = await db().region.findMany({
    where: { level: "COUNTY", ...inSubtree(scope) },
    select: { id: true, code: true },
    take: 5000,
  });
  return new Map(rows.map((row) => [row.code, row.id]));
}

export async function createChildRegion(
  parent: { id: string; path: string },
  code: string,
  name: string,
  level: RegionLevel,
) {
  const row = await db().region.create({
    data: { code, name, level, parentId: parent.id, path: `${parent.path}${code}/` },
    select: { id: true },
  });
  return row.id;
}

/** Renames a region strictly below the caller's own; false when outside that reach. */
export async function renameRegion(scope: RegionScope, regionId: string, name: string) {
  const updated = await db().region.updateMany({
    where: { id: regionId, path: { startsWith: scope.regionPath, not: scope.regionPath } },
    data: { name },
  });
  return updated.count === 1;
}

export type RegistrySchool = {
  id: string;
  code: string;
  name: string;
  stages: Stage[];
  isVillage: boolean;
  regionCode: string;
  regionName: string;
};

export async function listRegistrySchools(
  scope: RegionScope,
  page: { skip: number; take: number } = { skip: 0, take: 500 },
): Promise<RegistrySchool[]> {
  const rows = await db().school.findMany({
    where: { region: inSubtree(scope) },
    orderBy: { code: "asc" },
    skip: page.skip,
    take: page.take,
    select: {
      id: true,
      code: true,
      name: true,
      stages: true,
      isVillage: true,
      region: { select: { code: true, name: true } },
    },
  });
  return rows.map(({ region, ...row }) => ({ ...row, regionCode: region.code, regionName: region.name }));
}

export type SchoolWrite = {
  code: string;
  name: string;
  stages: Stage[];
  isVillage: boolean;
  regionId: string;
};

/**
 * Creates the school, or updates it when its 学校标识码 is already in the caller's subtree. "OUTSIDE" when the
 * code belongs to a school elsewhere (never changed, never shown).
 */
export async function saveSchool(
  scope: RegionScope,
  school: SchoolWrite,
): Promise<"CREATED" | "UPDATED" | "OUTSIDE"> {
  const updated = await db().school.updateMany({
    where: { code: school.code, region: inSubtree(scope) },
    data: {
      name: school.name,
      stages: school.stages,
      isVillage: school.isVillage,
      regionId: school.regionId,
    },
  });
  if (updated.count === 1) return "UPDATED";
  if (await db().school.findUnique({ where: { code: school.code }, select: { id: true } })) return "OUTSIDE";
  await db().school.create({
    data: {
      code: school.code,
      name: school.name,
      stages: school.stages,
      isVillage: school.isVillage,
      regionId: school.regionId,
    },
  });
  return "CREATED";
}
