import { describe, expect, it } from "vitest";
import { accountLevelBelow, canFileRequest, unitVerdict } from "@/lib/domain/supervisor-accounts";

const PROVINCE = "/440000/";
const CITY = "/440000/440100/";
const COUNTY = "/440000/440100/440106/";

describe("unitVerdict: each level creates the accounts of the level directly below", () => {
  it.each([
    [PROVINCE, "PROVINCE", CITY, "ALLOWED"],
    [CITY, "CITY", COUNTY, "ALLOWED"],
    [PROVINCE, "PROVINCE", COUNTY, "NOT_DIRECTLY_BELOW"],
    [CITY, "CITY", CITY, "AT_OR_ABOVE"],
    [COUNTY, "COUNTY", CITY, "AT_OR_ABOVE"],
    [COUNTY, "COUNTY", PROVINCE, "AT_OR_ABOVE"],
    [CITY, "CITY", "/440000/440200/", "OUTSIDE"],
    [COUNTY, "COUNTY", "/440000/440100/440105/", "OUTSIDE"],
  ] as const)("%s (%s) → region %s: %s", (creator, level, path, verdict) => {
    expect(unitVerdict(creator, level, { kind: "region", path })).toBe(verdict);
  });

  it("schools: only the county of the school", () => {
    expect(unitVerdict(COUNTY, "COUNTY", { kind: "school", regionPath: COUNTY })).toBe("ALLOWED");
    expect(unitVerdict(CITY, "CITY", { kind: "school", regionPath: COUNTY })).toBe("NOT_DIRECTLY_BELOW");
    expect(unitVerdict(COUNTY, "COUNTY", { kind: "school", regionPath: "/440000/440100/440105/" })).toBe(
      "OUTSIDE",
    );
  });

  it("a region code that merely starts like the creator's is not inside it", () => {
    // Paths end with "/", so /440000/440100/ is not a prefix of /440000/4401001/.
    expect(unitVerdict(CITY, "CITY", { kind: "region", path: "/440000/4401001/" })).toBe("OUTSIDE");
  });

  it("names the level below and who may file a request", () => {
    expect([accountLevelBelow("PROVINCE"), accountLevelBelow("CITY"), accountLevelBelow("COUNTY")]).toEqual([
      "CITY",
      "COUNTY",
      "SCHOOL",
    ]);
    expect(canFileRequest({ role: "SUPERVISOR", level: "PROVINCE" })).toBe(false);
    expect(canFileRequest({ role: "SUPERVISOR", level: "COUNTY" })).toBe(true);
    expect(canFileRequest({ role: "SCHOOL_ADMIN" })).toBe(true);
  });
});
