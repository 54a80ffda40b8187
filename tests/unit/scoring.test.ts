import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { DEFAULT_SCORING_MODEL } from "@/lib/db/seed/default-scoring-model";
import { STAGES, type HardshipLevel } from "@/lib/domain/codes";
import {
  compileScoringModel,
  deriveScoringFacts,
  explain,
  levelForTier,
  levelsForTier,
  parseScoringModelConfig,
  tierLevelProblem,
  scoreHousehold,
  type ScoringFacts,
} from "@/lib/domain/scoring";
import { SCORING_CASES } from "./fixtures/scoring-cases";

const model = compileScoringModel(DEFAULT_SCORING_MODEL.config);
const factsOf = (input: (typeof SCORING_CASES)[number]["input"]): ScoringFacts =>
  "facts" in input ? input.facts : deriveScoringFacts(model.config, input.household);

describe("default scoring model — hand-computed household cases", () => {
  it("has at least 15 cases covering distinct rules", () => {
    expect(SCORING_CASES.length).toBeGreaterThanOrEqual(15);
    expect(new Set(SCORING_CASES.map((c) => c.rule)).size).toBe(SCORING_CASES.length);
  });
  for (const c of SCORING_CASES) {
    it(`${c.name} — ${c.rule}`, () => {
      const r = scoreHousehold(model, factsOf(c.input));
      expect(r.score).toBe(c.expect.score);
      expect(r.level).toBe(c.expect.level);
      expect(r.levelRule.kind).toBe(c.expect.levelRule);
      if (c.expect.category) expect(r.levelRule).toMatchObject({ category: c.expect.category });
      expect(r.tierRule.collapsedFrom).toBe(c.expect.collapsedFrom ?? null);
      for (const [k, opt] of Object.entries(c.expect.picked ?? {})) {
        expect(r.lines.find((l) => l.indicatorKey === k)?.optionKey, k).toBe(opt);
      }
      expect(r.lines.reduce((s, l) => s + l.points, 0)).toBe(r.score);
    });
  }
});

describe("explanation", () => {
  it("names every indicator's points and the rule that set the level", () => {
    const c = SCORING_CASES.find((x) => x.rule.startsWith("income band < 100%"))!;
    const e = explain(scoreHousehold(model, factsOf(c.input)), "SENIOR");
    expect(e.indicators).toHaveLength(DEFAULT_SCORING_MODEL.config.indicators.length);
    const income = e.indicators.find((i) => i.key === "income_vs_minimum")!;
    expect(income).toMatchObject({ points: 25, via: "band", option: "低于低保标准" });
    expect(income.rule).toBe("家庭人均月收入占当地低保标准的百分比<100 → “低于低保标准”，+25分");
    expect(e.indicators.find((i) => i.key === "housing")!.rule).toBe("选择“有基本住房，无车辆”，+2分");
    expect(e.indicators.find((i) => i.key === "family_structure")).toMatchObject({
      via: "missing",
      points: 0,
      rule: "未填写，不计分",
    });
    expect(e.levelRule).toBe("总分达到一般困难分数线（≥25分）");
    expect(e.missing).toBe(1);
  });
  it("explains the special-group shortcut and the one-tier collapse in Chinese", () => {
    const sp = scoreHousehold(model, { stage: "SENIOR", specialCategories: ["CHILD_OF_DISABLED"] });
    expect(sp.levelRule.text).toBe("属于特殊群体“残疾人子女”，直接认定为特别困难");
    const one = scoreHousehold(model, { stage: "PRIMARY", numbers: { incomeToMinimumPct: 10 } });
    expect(one.level).toBe("HARDSHIP");
    expect(one.tierRule.text).toBe("本学段认定不分档次：一般困难按“困难”认定");
  });
  it("treats an unknown option key as missing, never throws", () => {
    const r = scoreHousehold(model, { stage: "SENIOR", answers: { health: "no_such_option" } });
    expect(r.lines.find((l) => l.indicatorKey === "health")!.via).toBe("missing");
    expect(r.missing).toBe(DEFAULT_SCORING_MODEL.config.indicators.length);
    expect(r.score).toBe(0);
  });
});

describe("model options", () => {
  it("can switch the special-group shortcut off or restrict it to some categories", () => {
    const off = compileScoringModel({ ...DEFAULT_SCORING_MODEL.config, specialGroupsAreSpecial: false });
    expect(scoreHousehold(off, { stage: "SENIOR", specialCategories: ["ORPHAN"] })).toMatchObject({
      level: "NONE",
      levelRule: { kind: "below-thresholds" },
    });
    const some = compileScoringModel({ ...DEFAULT_SCORING_MODEL.config, specialCategories: ["ORPHAN"] });
    expect(scoreHousehold(some, { stage: "SENIOR", specialCategories: ["DISABLED_STUDENT"] }).level).toBe(
      "NONE",
    );
    expect(
      scoreHousehold(some, { stage: "SENIOR", specialCategories: ["DISABLED_STUDENT", "ORPHAN"] }).level,
    ).toBe("SPECIAL");
  });
  it("makes a stage three-tier when configured", () => {
    const three = compileScoringModel({
      ...DEFAULT_SCORING_MODEL.config,
      tiers: { ...DEFAULT_SCORING_MODEL.config.tiers, PRIMARY: "THREE" },
    });
    expect(scoreHousehold(three, { stage: "PRIMARY", numbers: { incomeToMinimumPct: 10 } }).level).toBe(
      "GENERAL",
    );
  });
});

describe("config validation", () => {
  const cfg = () => JSON.parse(JSON.stringify(DEFAULT_SCORING_MODEL.config));
  it("accepts the default model", () => {
    expect(parseScoringModelConfig(DEFAULT_SCORING_MODEL.config).ok).toBe(true);
  });
  it("refuses thresholds out of order, duplicate keys, bad band references, unordered bands and missing stages, in Chinese", () => {
    const c = cfg();
    c.thresholds = { SPECIAL: 40, HARDSHIP: 40, GENERAL: 25 };
    c.indicators[1].key = c.indicators[0].key;
    c.indicators[0].band.otherwise = "nope";
    c.indicators[0].band.steps.reverse();
    const r = parseScoringModelConfig(c);
    expect(r.ok).toBe(false);
    const errors = r.ok ? [] : r.errors;
    expect(errors.some((e) => e.includes("分数线必须满足"))).toBe(true);
    expect(errors.some((e) => e.includes("重复"))).toBe(true);
    expect(errors.some((e) => e.includes("不存在的选项“nope”"))).toBe(true);
    expect(errors.some((e) => e.includes("从小到大"))).toBe(true);
    expect(() => compileScoringModel(c)).toThrow(/评分模型配置无效/);
  });
  it("refuses a missing stage tier and fractional points with the path", () => {
    const c = cfg();
    delete c.tiers.GRADUATE;
    c.indicators[2].options[0].points = 1.5;
    const r = parseScoringModelConfig(c);
    const errors = r.ok ? [] : r.errors;
    expect(errors.some((e) => e.startsWith("tiers.GRADUATE"))).toBe(true);
    expect(errors).toContain("indicators.2.options.0.points：分值必须是整数");
  });
});

describe("properties", () => {
  const optionKeys = DEFAULT_SCORING_MODEL.config.indicators.map(
    (i) => [i.key, i.options.map((o) => o.key)] as const,
  );
  const factsArb = fc.record({
    stage: fc.constantFrom(...STAGES),
    answers: fc.record(Object.fromEntries(optionKeys.map(([k, opts]) => [k, fc.constantFrom(...opts)]))),
    numbers: fc.record(
      {
        incomeToMinimumPct: fc.double({ min: 0, max: 500, noNaN: true }),
        childrenInSchool: fc.integer({ min: 0, max: 6 }),
      },
      { requiredKeys: [] },
    ),
  });
  const rank: Record<HardshipLevel, number> = { NONE: 0, GENERAL: 1, HARDSHIP: 2, SPECIAL: 3 };
  it("score is the sum of the lines, and levels follow the thresholds on three-tier stages", () => {
    fc.assert(
      fc.property(factsArb, (facts) => {
        const r = scoreHousehold(model, facts);
        expect(r.lines.reduce((s, l) => s + l.points, 0)).toBe(r.score);
        const t = DEFAULT_SCORING_MODEL.config.thresholds;
        const expected =
          r.score >= t.SPECIAL
            ? "SPECIAL"
            : r.score >= t.HARDSHIP
              ? "HARDSHIP"
              : r.score >= t.GENERAL
                ? "GENERAL"
                : "NONE";
        if (model.tiers[facts.stage] === "THREE") expect(r.level).toBe(expected);
        else expect(r.level).toBe(expected === "NONE" ? "NONE" : "HARDSHIP");
      }),
    );
  });
  it("a special-group flag never lowers the level", () => {
    fc.assert(
      fc.property(factsArb, (facts) => {
        const plain = scoreHousehold(model, facts);
        const flagged = scoreHousehold(model, { ...facts, specialCategories: ["POVERTY_ALLEVIATED"] });
        expect(rank[flagged.level]).toBeGreaterThanOrEqual(rank[plain.level]);
        // The top level the stage has: 特别困难, or 困难 where the stage is single-tier.
        expect(flagged.level).toBe(levelForTier(model.tiers[facts.stage], "SPECIAL"));
      }),
    );
  });
  it("a lower income never lowers the level", () => {
    fc.assert(
      fc.property(factsArb, fc.double({ min: 0, max: 1, noNaN: true }), (facts, k) => {
        const pct = facts.numbers.incomeToMinimumPct ?? 300;
        const a = scoreHousehold(model, { ...facts, numbers: { ...facts.numbers, incomeToMinimumPct: pct } });
        const b = scoreHousehold(model, {
          ...facts,
          numbers: { ...facts.numbers, incomeToMinimumPct: pct * k },
        });
        expect(rank[b.level]).toBeGreaterThanOrEqual(rank[a.level]);
      }),
    );
  });
});

describe("performance", () => {
  it("scores 100,000 applications in at most one second", () => {
    const inputs: ScoringFacts[] = [];
    const opts = DEFAULT_SCORING_MODEL.config.indicators.map((i) => i.options.map((o) => o.key));
    for (let i = 0; i < 100_000; i++) {
      const answers: Record<string, string> = {};
      DEFAULT_SCORING_MODEL.config.indicators.forEach((ind, j) => {
        answers[ind.key] = opts[j]![(i + j) % opts[j]!.length]!;
      });
      inputs.push({
        stage: STAGES[i % STAGES.length]!,
        answers,
        numbers: {
          incomeToMinimumPct: i % 300,
          childrenInSchool: i % 4,
          suddenLossToIncomePct: i % 7 === 0 ? 120 : 0,
        },
        specialCategories: i % 50 === 0 ? ["ORPHAN"] : [],
      });
    }
    scoreHousehold(model, inputs[0]!); // warm-up
    const t0 = performance.now();
    let special = 0;
    for (const f of inputs) if (scoreHousehold(model, f).level === "SPECIAL") special++;
    const ms = performance.now() - t0;
    expect(special).toBeGreaterThanOrEqual(2_000);
    expect(ms).toBeLessThanOrEqual(1_000);
  });
});

describe("facts from the household form", () => {
  const cfg = DEFAULT_SCORING_MODEL.config as never;
  const parent = (relation: string, workStatus?: string) => ({ relation, workStatus });
  it("reads the parents' work situation", () => {
    expect(
      deriveScoringFacts(cfg, { stage: "SENIOR", members: [parent("父亲"), parent("母亲")] }).answers!
        .parents_work,
    ).toBe("both_without");
    expect(
      deriveScoringFacts(cfg, { stage: "SENIOR", members: [parent("父亲", "在岗"), parent("母亲", "失业")] })
        .answers!.parents_work,
    ).toBe("one_without");
    expect(
      deriveScoringFacts(cfg, { stage: "SENIOR", members: [parent("母亲", "在岗")] }).answers!.parents_work,
    ).toBe("both_employed");
    expect(
      deriveScoringFacts(cfg, { stage: "SENIOR", members: [parent("母亲", "丧失劳动能力")] }).answers!
        .parents_work,
    ).toBe("both_without");
    expect(
      deriveScoringFacts(cfg, { stage: "SENIOR", members: [parent("祖母", "失业")] }).answers!.parents_work,
    ).toBeUndefined();
  });
  it("reads illness and disability, orphans, and lets the home-visit sheet override", () => {
    expect(
      deriveScoringFacts(cfg, { stage: "SENIOR", members: [{ relation: "父亲", disability: true }] }).answers!
        .health,
    ).toBe("chronic");
    expect(
      deriveScoringFacts(cfg, {
        stage: "SENIOR",
        members: [{ relation: "父亲", disability: true, seriousIllness: true }],
      }).answers!.health,
    ).toBe("serious");
    expect(
      deriveScoringFacts(cfg, { stage: "SENIOR", specialCategories: ["DE_FACTO_UNSUPPORTED"] }).answers!
        .family_structure,
    ).toBe("orphan");
    const f = deriveScoringFacts(cfg, {
      stage: "SENIOR",
      members: [{ relation: "父亲" }],
      homeVisitAnswers: { health: "serious", home_visit: "very_poor" },
    });
    expect(f.answers).toMatchObject({ health: "serious", home_visit: "very_poor" });
  });
  it("uses the given local standard before the model's, and no standard means no income band", () => {
    expect(
      deriveScoringFacts(cfg, {
        stage: "SENIOR",
        residence: "URBAN",
        perCapitaMonthlyIncomeFen: 60_000,
        minimumLivingFen: 40_000,
      }).numbers!.incomeToMinimumPct,
    ).toBe(150);
    expect(
      deriveScoringFacts(cfg, { stage: "SENIOR", residence: "URBAN", perCapitaMonthlyIncomeFen: 55_000 })
        .numbers!.incomeToMinimumPct,
    ).toBe(50);
    const none = deriveScoringFacts(
      { ...DEFAULT_SCORING_MODEL.config, minimumLivingFen: undefined } as never,
      { stage: "SENIOR", residence: "URBAN", perCapitaMonthlyIncomeFen: 55_000 },
    );
    expect(none.numbers!.incomeToMinimumPct).toBeUndefined();
    expect(scoreHousehold(model, none).lines.find((l) => l.indicatorKey === "income_vs_minimum")!.via).toBe(
      "missing",
    );
  });
});

describe("one rule for single-tier stages", () => {
  it("offers 困难 / 不困难 only, refuses 特别困难 and 一般困难 naming the stage, and maps them to 困难", () => {
    expect(levelsForTier("ONE")).toEqual(["HARDSHIP", "NONE"]);
    expect(levelsForTier("THREE")).toEqual(["SPECIAL", "HARDSHIP", "GENERAL", "NONE"]);
    expect(tierLevelProblem("ONE", "SPECIAL", "JUNIOR")).toBe(
      "初中认定不分档次，只能认定为“困难”或“不困难”，不能认定为“特别困难”。",
    );
    expect(tierLevelProblem("ONE", "GENERAL", "JUNIOR")).toContain("一般困难");
    expect(tierLevelProblem("ONE", "HARDSHIP", "JUNIOR")).toBeNull();
    expect(tierLevelProblem("THREE", "SPECIAL", "SENIOR")).toBeNull();
    expect(levelForTier("ONE", "SPECIAL")).toBe("HARDSHIP");
    expect(levelForTier("ONE", "NONE")).toBe("NONE");
    expect(levelForTier("THREE", "GENERAL")).toBe("GENERAL");
  });
});
