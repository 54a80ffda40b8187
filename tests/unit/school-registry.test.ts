import { describe, expect, it } from "vitest";
import {
  childRegionCodeProblem,
  parseSchoolRow,
  parseStages,
  stagesText,
} from "@/lib/domain/school-registry";

const row = (
  over: Partial<Record<"code" | "name" | "stages" | "isVillage" | "regionCode", string>> = {},
) => ({
  code: "4401060001",
  name: "天河小学",
  stages: "小学、初中",
  isVillage: "",
  regionCode: "440106",
  ...over,
});

describe("school registry rows", () => {
  it("parses a good row; stages in their fixed order, aliases accepted, village defaults to no", () => {
    expect(parseSchoolRow(row({ stages: "初中，小学 普高" }))).toEqual({
      ok: true,
      row: {
        code: "4401060001",
        name: "天河小学",
        stages: ["PRIMARY", "JUNIOR", "SENIOR"],
        isVillage: false,
        regionCode: "440106",
      },
    });
    expect(parseSchoolRow(row({ isVillage: "是" }))).toMatchObject({ ok: true, row: { isVillage: true } });
  });

  it.each([
    [{ code: "440106001" }, "code"],
    [{ name: "  " }, "name"],
    [{ stages: "" }, "stages"],
    [{ stages: "小学、大学" }, "stages"],
    [{ isVillage: "Y" }, "isVillage"],
    [{ regionCode: "4401" }, "regionCode"],
  ])("names the field of a bad row: %o", (over, field) => {
    expect(parseSchoolRow(row(over))).toMatchObject({ ok: false, field });
  });

  it("writes stages back in the words it reads", () => {
    const parsed = parseStages("学前/小学");
    expect(parsed.ok && stagesText(parsed.stages)).toBe("学前、小学");
  });
});

describe("child region codes", () => {
  it("a city under its province, a county under its city; counties have no children", () => {
    expect(childRegionCodeProblem({ code: "440000", level: "PROVINCE" }, "440200")).toBeNull();
    expect(childRegionCodeProblem({ code: "440000", level: "PROVINCE" }, "440201")).not.toBeNull();
    expect(childRegionCodeProblem({ code: "440000", level: "PROVINCE" }, "450100")).not.toBeNull();
    expect(childRegionCodeProblem({ code: "440100", level: "CITY" }, "440106")).toBeNull();
    expect(childRegionCodeProblem({ code: "440100", level: "CITY" }, "440100")).not.toBeNull();
    expect(childRegionCodeProblem({ code: "440100", level: "CITY" }, "440206")).not.toBeNull();
    expect(childRegionCodeProblem({ code: "440106", level: "COUNTY" }, "440107")).not.toBeNull();
  });
});
