/**
 * Accounts down the region tree (pure rules, tests/unit/supervisor-accounts.test.ts): a province supervisor
 * creates the accounts of its cities, a city those of its counties, a county the aid officers' accounts of
 * its schools. Nobody creates an account at or above their own level, nor two levels down (a province does
 * not create county accounts): each level answers for the level directly below it.
 */
import type { RegionLevel } from "./codes";

/** What a supervisor of `level` creates: supervisor accounts of the next region level, or school accounts. */
export function accountLevelBelow(level: RegionLevel): "CITY" | "COUNTY" | "SCHOOL" {
  return level === "PROVINCE" ? "CITY" : level === "CITY" ? "COUNTY" : "SCHOOL";
}

/** The unit an account is for, located by its region's materialised path ("/440000/440100/"). */
export type AccountUnit = { kind: "region"; path: string } | { kind: "school"; regionPath: string };

export type UnitVerdict = "ALLOWED" | "AT_OR_ABOVE" | "NOT_DIRECTLY_BELOW" | "OUTSIDE";

const depth = (path: string) => path.split("/").filter(Boolean).length;

/**
 * Whether the supervisor of region `creatorPath` may create (or manage) an account of `unit`:
 * ALLOWED for a region directly below, or a school of the creator's own (county) region;
 * AT_OR_ABOVE for the creator's own region or one above it; NOT_DIRECTLY_BELOW deeper in the subtree;
 * OUTSIDE anywhere else (answered as not found: another subtree is not the caller's to know).
 */
export function unitVerdict(creatorPath: string, creatorLevel: RegionLevel, unit: AccountUnit): UnitVerdict {
  if (unit.kind === "region") {
    if (creatorPath.startsWith(unit.path)) return "AT_OR_ABOVE";
    if (!unit.path.startsWith(creatorPath)) return "OUTSIDE";
    return depth(unit.path) === depth(creatorPath) + 1 && creatorLevel !== "COUNTY"
      ? "ALLOWED"
      : "NOT_DIRECTLY_BELOW";
  }
  if (!unit.regionPath.startsWith(creatorPath)) return "OUTSIDE";
  return unit.regionPath === creatorPath && creatorLevel === "COUNTY" ? "ALLOWED" : "NOT_DIRECTLY_BELOW";
}

/** Who files an account request and who decides it: the level directly above the requesting unit. */
export function canFileRequest(
  requester: { role: "SCHOOL_ADMIN" } | { role: "SUPERVISOR"; level: RegionLevel },
) {
  return requester.role === "SCHOOL_ADMIN" || requester.level !== "PROVINCE";
}
