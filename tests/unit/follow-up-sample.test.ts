import { describe, expect, it } from "vitest";
import {
  drawGroup,
  publicityFollowUpProblem,
  sampleSize,
  type FollowUpProgress,
} from "@/lib/domain/follow-up-sample";

const ids = (n: number) => Array.from({ length: n }, (_, i) => `student${String(i).padStart(4, "0")}`);

describe("sampleSize: at least 30%, rounded up", () => {
  it.each([
    [0, 0],
    [1, 1],
    [2, 1],
    [3, 1],
    [4, 2],
    [10, 3],
    [11, 4],
    [20, 6],
    [21, 7],
    [100, 30],
    [101, 31],
  ])("%i → %i", (population, size) => {
    expect(sampleSize(population)).toBe(size);
  });

  it("is never below 30% and at most one above it", () => {
    for (let n = 1; n <= 1000; n++) {
      const size = sampleSize(n);
      expect(size * 100).toBeGreaterThanOrEqual(n * 30);
      expect((size - 1) * 100).toBeLessThan(n * 30);
    }
  });

  it("refuses a negative or fractional population", () => {
    expect(() => sampleSize(-1)).toThrow(RangeError);
    expect(() => sampleSize(1.5)).toThrow(RangeError);
  });
});

describe("drawGroup", () => {
  it("draws the sample size of distinct members of the population", () => {
    const population = ids(37);
    const drawn = drawGroup("seed-0001", "SURVEY", population);
    expect(drawn).toHaveLength(12);
    expect(new Set(drawn).size).toBe(12);
    for (const id of drawn) expect(population).toContain(id);
  });

  it("is reproducible: the same seed gives the same sample whatever order the population comes in", () => {
    const population = ids(50);
    const shuffled = [...population].reverse();
    expect(drawGroup("a1b2c3d4e5f6", "WAIVER", shuffled)).toEqual(
      drawGroup("a1b2c3d4e5f6", "WAIVER", population),
    );
  });

  it("differs with another seed or the other group", () => {
    const population = ids(50);
    const base = drawGroup("a1b2c3d4e5f6", "SURVEY", population);
    expect(drawGroup("a1b2c3d4e5f7", "SURVEY", population)).not.toEqual(base);
    expect(drawGroup("a1b2c3d4e5f6", "WAIVER", population)).not.toEqual(base);
  });

  it("a group of one draws that one; an empty group draws nobody; duplicates count once", () => {
    expect(drawGroup("seed-0001", "WAIVER", ["only"])).toEqual(["only"]);
    expect(drawGroup("seed-0001", "WAIVER", [])).toEqual([]);
    expect(drawGroup("seed-0001", "WAIVER", ["x", "x", "y"])).toHaveLength(1);
  });

  it("gives every member about the same chance (2,000 seeds, 20 members, 6 drawn: 30% each)", () => {
    const population = ids(20);
    const counts = new Map(population.map((id) => [id, 0]));
    const seeds = 2000;
    for (let s = 0; s < seeds; s++)
      for (const id of drawGroup(`seed-${s}`, "SURVEY", population)) counts.set(id, counts.get(id)! + 1);
    // Binomial(2000, 0.3): mean 600, sd ≈ 20.5; ± 5 sd.
    for (const count of counts.values()) {
      expect(count).toBeGreaterThan(497);
      expect(count).toBeLessThan(703);
    }
  });
});

describe("publicityFollowUpProblem", () => {
  const progress = (over: Partial<FollowUpProgress> = {}): FollowUpProgress => ({
    drawnAt: new Date(),
    anyContact: true,
    groups: [
      { group: "SURVEY", population: 10, drawnFrom: 10, sampled: 3, contacted: 3 },
      { group: "WAIVER", population: 2, drawnFrom: 2, sampled: 1, contacted: 1 },
    ],
    openReinvestigations: 0,
    ...over,
  });

  it("allows publicity when every sampled student was contacted and every re-investigation answered", () => {
    expect(publicityFollowUpProblem(progress())).toBeNull();
  });

  it("needs no sample when both groups are empty", () => {
    expect(
      publicityFollowUpProblem({
        drawnAt: null,
        anyContact: false,
        groups: [
          { group: "SURVEY", population: 0, drawnFrom: 0, sampled: 0, contacted: 0 },
          { group: "WAIVER", population: 0, drawnFrom: 0, sampled: 0, contacted: 0 },
        ],
        openReinvestigations: 0,
      }),
    ).toBeNull();
  });

  it("names the missing sample with the groups' sizes", () => {
    const message = publicityFollowUpProblem(progress({ drawnAt: null, anyContact: false }));
    expect(message).toContain("尚未抽取样本");
    expect(message).toContain("满意度调查（已申请未认定）10人");
  });

  it("names the missing contacts per group and the open re-investigations", () => {
    const message = publicityFollowUpProblem(
      progress({
        groups: [
          { group: "SURVEY", population: 10, drawnFrom: 10, sampled: 3, contacted: 1 },
          { group: "WAIVER", population: 2, drawnFrom: 2, sampled: 1, contacted: 0 },
        ],
        openReinvestigations: 2,
      }),
    );
    expect(message).toContain("满意度调查（已申请未认定）抽中3人，还有2人未记录联系情况");
    expect(message).toContain("自愿放弃回访（特殊群体）抽中1人，还有1人未记录联系情况");
    expect(message).toContain("还有2项不满意的重新调查尚未答复");
  });

  it("asks for a new draw when the groups changed before any contact", () => {
    const message = publicityFollowUpProblem(
      progress({
        anyContact: false,
        groups: [
          { group: "SURVEY", population: 12, drawnFrom: 10, sampled: 3, contacted: 0 },
          { group: "WAIVER", population: 2, drawnFrom: 2, sampled: 1, contacted: 0 },
        ],
      }),
    );
    expect(message).toContain("请重新抽取样本");
  });
});
