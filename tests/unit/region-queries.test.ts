import { describe, expect, it } from "vitest";
import {
  childRegionPath,
  countText,
  foldBreakdown,
  pageWindow,
  QUERY_COUNT_CAP,
} from "@/lib/domain/region-queries";

describe("pageWindow", () => {
  it.each([
    { requested: 1, counted: 0, want: { page: 1, pages: 1, offset: 0, total: 0, capped: false } },
    { requested: 2, counted: 50, want: { page: 1, pages: 1, offset: 0, total: 50, capped: false } },
    { requested: 2, counted: 51, want: { page: 2, pages: 2, offset: 50, total: 51, capped: false } },
    { requested: 0, counted: 120, want: { page: 1, pages: 3, offset: 0, total: 120, capped: false } },
    { requested: 9, counted: 120, want: { page: 3, pages: 3, offset: 100, total: 120, capped: false } },
    {
      requested: 500,
      counted: QUERY_COUNT_CAP + 1,
      want: { page: 200, pages: 200, offset: 9_950, total: QUERY_COUNT_CAP, capped: true },
    },
  ])("page $requested of $counted rows", ({ requested, counted, want }) => {
    expect(pageWindow(requested, counted)).toEqual(want);
  });

  it("says when the count stopped at the cap", () => {
    expect(countText(pageWindow(1, 12))).toBe("共 12 条");
    expect(countText(pageWindow(1, QUERY_COUNT_CAP + 1))).toBe(`超过 ${QUERY_COUNT_CAP} 条`);
  });
});

describe("childRegionPath", () => {
  const city = "/440000/440100/";
  it.each([
    ["/440000/440100/440106/", "/440000/440100/440106/"],
    ["/440000/440100/", "/440000/440100/"],
    ["/440000/441400/441403/", null],
    ["/440000/", null],
  ])("%s under the city → %s", (path, want) => {
    expect(childRegionPath(city, path)).toBe(want);
  });

  it("folds a deeper region into the child that contains it", () => {
    expect(childRegionPath("/440000/", "/440000/440100/440106/")).toBe("/440000/440100/");
  });
});

describe("foldBreakdown", () => {
  it("sums by child region and by stage, own level first in path order, outside last", () => {
    const result = foldBreakdown("/440000/", [
      { regionPath: "/440000/441400/441403/", stage: "JUNIOR", count: 2 },
      { regionPath: "/440000/440100/440106/", stage: "SENIOR", count: 3 },
      { regionPath: "/440000/440100/440105/", stage: "SENIOR", count: 1 },
      { regionPath: "/440000/", stage: "PRIMARY", count: 4 },
      { regionPath: "/450000/450100/", stage: "PRIMARY", count: 5 },
    ]);
    expect(result.total).toBe(15);
    expect(result.byStage).toMatchObject({ JUNIOR: 2, SENIOR: 4, PRIMARY: 9, VOCATIONAL: 0 });
    expect(result.regions.map((row) => [row.path, row.total])).toEqual([
      ["/440000/", 4],
      ["/440000/440100/", 4],
      ["/440000/441400/", 2],
      ["", 5],
    ]);
    expect(result.regions[1]!.byStage.SENIOR).toBe(4);
  });
});
