/**
 * 模拟困难等级: an explainable, pure computation of a household's
 * hardship score and level from a versioned scoring model (data, not code).
 *
 *   model config ──compileScoringModel──▶ CompiledModel (validated, rule texts built once)
 *   facts        ──scoreHousehold──────▶ { score, level, levelRule, lines[] }
 *
 * Each indicator line says how many points it gave and which rule picked the
 * option: a numeric band on a household fact (e.g. per-capita income against
 * the local 低保 standard), an answer (household form / home-visit sheet), or
 * "missing" (0 points, flagged). The level comes from, in this order:
 *   1. the special-group shortcut (招远细则 五(二), docs/policy-sources.md: 脱贫、低保、特困、孤儿、
 *      残疾… → 特别困难) when the model enables it and the student is flagged;
 *   2. the score thresholds (≥ SPECIAL → 特别困难, ≥ HARDSHIP → 困难,
 *      ≥ GENERAL → 一般困难, else 不困难);
 *   3. the stage's tier setting: "ONE" (compulsory / vocational may skip tiers,
 *      Z 五(二): 义务教育学校和中职学校…可不分档次) collapses every hardship level
 *      to 困难 — the special-group shortcut's too: one rule (levelsForTier) for
 *      the simulation, the final level and the export alike.
 *
 * Allocation-light: rule texts and line objects are built once per model; a
 * scored household allocates only its lines array and the result object.
 */
import { z } from "zod";
import {
  HARDSHIP_LEVEL_LABELS,
  SPECIAL_CATEGORIES,
  SPECIAL_CATEGORY_LABELS,
  STAGES,
  STAGE_LABELS,
  type HardshipLevel,
  type SpecialCategory,
  type Stage,
} from "./codes";

// ───────────────────────────── model config (data) ─────────────────────────────

/** Numeric household facts a band can test. All are computed from the household record (deriveScoringFacts). */
export const FACT_KEYS = ["incomeToMinimumPct", "childrenInSchool", "suddenLossToIncomePct"] as const;
export type FactKey = (typeof FACT_KEYS)[number];
export const FACT_LABELS: Record<FactKey, string> = {
  incomeToMinimumPct: "家庭人均月收入占当地低保标准的百分比",
  childrenInSchool: "家庭在读子女数",
  suddenLossToIncomePct: "突发事件损失占家庭年收入的百分比",
};

const key = z
  .string()
  .regex(/^[a-z][a-z0-9_]{0,39}$/, "编码只能使用小写字母、数字和下划线，以字母开头，最多40个字符");
const label = z.string().trim().min(1, "名称不能为空").max(60, "名称最多60个字");

const optionSchema = z.object({
  key,
  label,
  points: z.number().int("分值必须是整数").min(-100, "分值不能小于-100").max(100, "分值不能大于100"),
});

/** A band step: the option applies when the fact is `< below` (or `<= atMost`). Steps are tested in order. */
const bandStepSchema = z.union([
  z.object({ below: z.number().finite(), option: key }).strict(),
  z.object({ atMost: z.number().finite(), option: key }).strict(),
]);

const bandSchema = z.object({
  fact: z.enum(FACT_KEYS),
  steps: z.array(bandStepSchema).min(1, "区间至少一档").max(20, "区间最多20档"),
  /** Option when no step matched (the fact is at or above the last bound). */
  otherwise: key,
});

const indicatorSchema = z.object({
  key,
  label,
  /** Where the answer usually comes from: the household form or the home-visit sheet (helper forms read this). */
  source: z.enum(["household", "homeVisit"]),
  options: z.array(optionSchema).min(2, "每个指标至少两个选项").max(20, "每个指标最多20个选项"),
  /** Optional: pick the option from a numeric fact instead of an answer. */
  band: bandSchema.optional(),
});

const levelThreshold = z.number().int("分数线必须是整数").min(-1000).max(1000);

export const scoringModelConfigSchema = z
  .object({
    indicators: z.array(indicatorSchema).min(1, "至少一个指标").max(60, "指标最多60个"),
    /** Minimum score for each level. */
    thresholds: z.object({ SPECIAL: levelThreshold, HARDSHIP: levelThreshold, GENERAL: levelThreshold }),
    /** Per stage: three tiers, or one 困难 tier. */
    tiers: z.object(
      Object.fromEntries(STAGES.map((s) => [s, z.enum(["THREE", "ONE"])])) as Record<
        Stage,
        z.ZodEnum<{ THREE: "THREE"; ONE: "ONE" }>
      >,
    ),
    /** Flagged special-group students are 特别困难. */
    specialGroupsAreSpecial: z.boolean(),
    /** Which categories take the shortcut; default all. */
    specialCategories: z.array(z.enum(SPECIAL_CATEGORIES)).max(SPECIAL_CATEGORIES.length).optional(),
    /** Local 低保 standard per month in fen, used for the income band when the household gives none. */
    minimumLivingFen: z
      .object({ URBAN: z.number().int().positive(), RURAL: z.number().int().positive() })
      .optional(),
  })
  .superRefine((c, ctx) => {
    const { SPECIAL, HARDSHIP, GENERAL } = c.thresholds;
    if (!(SPECIAL > HARDSHIP && HARDSHIP > GENERAL)) {
      ctx.addIssue({
        code: "custom",
        path: ["thresholds"],
        message: "分数线必须满足：特别困难 > 困难 > 一般困难",
      });
    }
    const seen = new Set<string>();
    c.indicators.forEach((ind, i) => {
      if (seen.has(ind.key))
        ctx.addIssue({ code: "custom", path: ["indicators", i, "key"], message: `指标编码“${ind.key}”重复` });
      seen.add(ind.key);
      const opts = new Set<string>();
      ind.options.forEach((o, j) => {
        if (opts.has(o.key))
          ctx.addIssue({
            code: "custom",
            path: ["indicators", i, "options", j, "key"],
            message: `指标“${ind.label}”的选项编码“${o.key}”重复`,
          });
        opts.add(o.key);
      });
      if (!ind.band) return;
      const refs = [...ind.band.steps.map((s) => s.option), ind.band.otherwise];
      for (const r of refs) {
        if (!opts.has(r))
          ctx.addIssue({
            code: "custom",
            path: ["indicators", i, "band"],
            message: `指标“${ind.label}”的区间引用了不存在的选项“${r}”`,
          });
      }
      let prev = -Infinity;
      for (const s of ind.band.steps) {
        const bound = "below" in s ? s.below : s.atMost;
        if (bound < prev)
          ctx.addIssue({
            code: "custom",
            path: ["indicators", i, "band", "steps"],
            message: `指标“${ind.label}”的区间必须从小到大排列`,
          });
        prev = bound;
      }
    });
  });

export type ScoringModelConfig = z.infer<typeof scoringModelConfigSchema>;

/** Validates a stored or edited config; Chinese messages with the path of each problem. */
export function parseScoringModelConfig(
  raw: unknown,
): { ok: true; config: ScoringModelConfig } | { ok: false; errors: string[] } {
  const r = scoringModelConfigSchema.safeParse(raw);
  if (r.success) return { ok: true, config: r.data };
  return {
    ok: false,
    errors: r.error.issues.map((i) => (i.path.length ? `${i.path.join(".")}：${i.message}` : i.message)),
  };
}

// ───────────────────────────── compiled model ─────────────────────────────

export type LineVia = "band" | "answer" | "missing";

/** One indicator's contribution, shared between all households that got the same option the same way. */
export interface IndicatorLine {
  readonly indicatorKey: string;
  readonly indicatorLabel: string;
  readonly optionKey: string | null;
  readonly optionLabel: string | null;
  readonly points: number;
  readonly via: LineVia;
  /** Chinese: the rule that picked this option. */
  readonly rule: string;
}

export type LevelRule =
  | { readonly kind: "special-group"; readonly category: SpecialCategory; readonly text: string }
  | {
      readonly kind: "threshold";
      readonly scoreLevel: Exclude<HardshipLevel, "NONE">;
      readonly min: number;
      readonly text: string;
    }
  | { readonly kind: "below-thresholds"; readonly text: string };

export interface TierRule {
  readonly tier: "THREE" | "ONE";
  /** Set when the ONE-tier setting changed the score level (e.g. 一般困难 → 困难). */
  readonly collapsedFrom: HardshipLevel | null;
  readonly text: string | null;
}

export interface ScoreResult {
  readonly score: number;
  /** The simulated level (模拟困难等级) after the special-group shortcut and the stage's tiers. */
  readonly level: HardshipLevel;
  /** The rule that set the level. */
  readonly levelRule: LevelRule;
  readonly tierRule: TierRule;
  readonly lines: readonly IndicatorLine[];
  /** Indicators with neither a usable fact nor an answer (scored 0). */
  readonly missing: number;
}

export interface ScoringFacts {
  readonly stage: Stage;
  /** indicatorKey → optionKey, from the household form and the home-visit sheet. */
  readonly answers?: Readonly<Record<string, string | null | undefined>>;
  readonly numbers?: Readonly<Partial<Record<FactKey, number | null>>>;
  /** Special groups the student is flagged in (matched school/central lists). */
  readonly specialCategories?: readonly SpecialCategory[];
}

interface CompiledBandStep {
  readonly inclusive: boolean;
  readonly bound: number;
  readonly line: IndicatorLine;
}
interface CompiledIndicator {
  readonly key: string;
  readonly fact: FactKey | null;
  readonly steps: readonly CompiledBandStep[];
  readonly otherwise: IndicatorLine | null;
  readonly byAnswer: ReadonlyMap<string, IndicatorLine>;
  readonly missing: IndicatorLine;
}

export interface CompiledModel {
  readonly config: ScoringModelConfig;
  readonly indicators: readonly CompiledIndicator[];
  readonly thresholds: ScoringModelConfig["thresholds"];
  readonly tiers: ScoringModelConfig["tiers"];
  readonly shortcut: ReadonlyMap<SpecialCategory, LevelRule>;
  readonly thresholdRules: {
    readonly SPECIAL: LevelRule;
    readonly HARDSHIP: LevelRule;
    readonly GENERAL: LevelRule;
    readonly NONE: LevelRule;
  };
  readonly tierRules: Readonly<Record<"THREE" | HardshipLevel, TierRule>>;
  /** A single-tier stage's special-group student: 困难 (not 特别困难). */
  readonly shortcutOneTier: TierRule;
}

/** The levels a stage may be determined at: 困难 / 不困难 only when it is single-tier. */
export function levelsForTier(tier: "THREE" | "ONE"): readonly HardshipLevel[] {
  return tier === "ONE" ? ["HARDSHIP", "NONE"] : ["SPECIAL", "HARDSHIP", "GENERAL", "NONE"];
}

/** The Chinese refusal for a level a single-tier stage does not have, or null. */
export function tierLevelProblem(tier: "THREE" | "ONE", level: HardshipLevel, stage: Stage): string | null {
  return levelsForTier(tier).includes(level)
    ? null
    : `${STAGE_LABELS[stage]}认定不分档次，只能认定为“困难”或“不困难”，不能认定为“${HARDSHIP_LEVEL_LABELS[level]}”。`;
}

/** The level as a single-tier stage carries it (特别困难 / 一般困难 → 困难); unchanged for three tiers. */
export function levelForTier(tier: "THREE" | "ONE", level: HardshipLevel): HardshipLevel {
  return tier === "ONE" && level !== "NONE" ? "HARDSHIP" : level;
}

const fmt = (n: number) => (Number.isInteger(n) ? String(n) : String(Math.round(n * 100) / 100));
const pts = (n: number) => (n > 0 ? `+${n}` : String(n));

/** Validates (throws with every problem) and pre-builds every rule text and line. Compile once, score many. */
export function compileScoringModel(raw: unknown): CompiledModel {
  const parsed = parseScoringModelConfig(raw);
  if (!parsed.ok) throw new Error(`评分模型配置无效：${parsed.errors.join("；")}`);
  const config = parsed.config;

  const indicators = config.indicators.map((ind): CompiledIndicator => {
    const optionByKey = new Map(ind.options.map((o) => [o.key, o]));
    const line = (optKey: string, via: LineVia, rule: string): IndicatorLine => {
      const o = optionByKey.get(optKey)!;
      return Object.freeze({
        indicatorKey: ind.key,
        indicatorLabel: ind.label,
        optionKey: o.key,
        optionLabel: o.label,
        points: o.points,
        via,
        rule,
      });
    };
    const byAnswer = new Map<string, IndicatorLine>();
    for (const o of ind.options)
      byAnswer.set(o.key, line(o.key, "answer", `选择“${o.label}”，${pts(o.points)}分`));
    const missing: IndicatorLine = Object.freeze({
      indicatorKey: ind.key,
      indicatorLabel: ind.label,
      optionKey: null,
      optionLabel: null,
      points: 0,
      via: "missing",
      rule: "未填写，不计分",
    });
    if (!ind.band) return { key: ind.key, fact: null, steps: [], otherwise: null, byAnswer, missing };
    const factLabel = FACT_LABELS[ind.band.fact];
    const steps = ind.band.steps.map((s): CompiledBandStep => {
      const inclusive = "atMost" in s;
      const bound = inclusive ? s.atMost : s.below;
      const o = optionByKey.get(s.option)!;
      return {
        inclusive,
        bound,
        line: line(
          s.option,
          "band",
          `${factLabel}${inclusive ? "≤" : "<"}${fmt(bound)} → “${o.label}”，${pts(o.points)}分`,
        ),
      };
    });
    const last = steps[steps.length - 1]!;
    const oo = optionByKey.get(ind.band.otherwise)!;
    const otherwise = line(
      ind.band.otherwise,
      "band",
      `${factLabel}${last.inclusive ? ">" : "≥"}${fmt(last.bound)} → “${oo.label}”，${pts(oo.points)}分`,
    );
    return { key: ind.key, fact: ind.band.fact, steps, otherwise, byAnswer, missing };
  });

  const shortcut = new Map<SpecialCategory, LevelRule>();
  if (config.specialGroupsAreSpecial) {
    for (const c of config.specialCategories ?? SPECIAL_CATEGORIES) {
      shortcut.set(
        c,
        Object.freeze({
          kind: "special-group",
          category: c,
          text: `属于特殊群体“${SPECIAL_CATEGORY_LABELS[c]}”，直接认定为特别困难`,
        }),
      );
    }
  }
  const t = config.thresholds;
  const thr = (lvl: Exclude<HardshipLevel, "NONE">): LevelRule =>
    Object.freeze({
      kind: "threshold",
      scoreLevel: lvl,
      min: t[lvl],
      text: `总分达到${HARDSHIP_LEVEL_LABELS[lvl]}分数线（≥${t[lvl]}分）`,
    });
  const thresholdRules = {
    SPECIAL: thr("SPECIAL"),
    HARDSHIP: thr("HARDSHIP"),
    GENERAL: thr("GENERAL"),
    NONE: Object.freeze({
      kind: "below-thresholds",
      text: `总分低于一般困难分数线（<${t.GENERAL}分），不困难`,
    }) as LevelRule,
  };
  const tierRules = {
    THREE: Object.freeze({ tier: "THREE", collapsedFrom: null, text: null }),
    SPECIAL: Object.freeze({
      tier: "ONE",
      collapsedFrom: "SPECIAL",
      text: "本学段认定不分档次：特别困难按“困难”认定",
    }),
    HARDSHIP: Object.freeze({ tier: "ONE", collapsedFrom: null, text: null }),
    GENERAL: Object.freeze({
      tier: "ONE",
      collapsedFrom: "GENERAL",
      text: "本学段认定不分档次：一般困难按“困难”认定",
    }),
    NONE: Object.freeze({ tier: "ONE", collapsedFrom: null, text: null }),
  } as const satisfies Record<"THREE" | HardshipLevel, TierRule>;
  const shortcutOneTier: TierRule = Object.freeze({
    tier: "ONE",
    collapsedFrom: "SPECIAL",
    text: "本学段认定不分档次：特殊群体学生按“困难”认定（优先资助）",
  });
  return {
    config,
    indicators,
    thresholds: t,
    tiers: config.tiers,
    shortcut,
    thresholdRules,
    tierRules,
    shortcutOneTier,
  };
}

function bandLine(ind: CompiledIndicator, v: number): IndicatorLine {
  const steps = ind.steps;
  for (let i = 0; i < steps.length; i++) {
    const s = steps[i]!;
    if (s.inclusive ? v <= s.bound : v < s.bound) return s.line;
  }
  return ind.otherwise!;
}

/** Scores one household. Pure; never throws for any facts (unknown answers count as missing). */
export function scoreHousehold(model: CompiledModel, facts: ScoringFacts): ScoreResult {
  const inds = model.indicators;
  const n = inds.length;
  const lines: IndicatorLine[] = new Array<IndicatorLine>(n);
  const answers = facts.answers;
  const numbers = facts.numbers;
  let score = 0;
  let missing = 0;
  for (let i = 0; i < n; i++) {
    const ind = inds[i]!;
    let line: IndicatorLine | undefined;
    if (ind.fact !== null && numbers !== undefined) {
      const v = numbers[ind.fact];
      if (typeof v === "number" && !Number.isNaN(v)) line = bandLine(ind, v);
    }
    if (line === undefined && answers !== undefined) {
      const a = answers[ind.key];
      if (a) line = ind.byAnswer.get(a);
    }
    if (line === undefined) {
      line = ind.missing;
      missing++;
    }
    lines[i] = line;
    score += line.points;
  }

  let levelRule: LevelRule | undefined;
  const cats = facts.specialCategories;
  if (cats !== undefined && model.shortcut.size > 0) {
    for (let i = 0; i < cats.length; i++) {
      const r = model.shortcut.get(cats[i]!);
      if (r !== undefined) {
        levelRule = r;
        break;
      }
    }
  }
  if (levelRule !== undefined) {
    return model.tiers[facts.stage] === "ONE"
      ? { score, level: "HARDSHIP", levelRule, tierRule: model.shortcutOneTier, lines, missing }
      : { score, level: "SPECIAL", levelRule, tierRule: model.tierRules.THREE, lines, missing };
  }
  const t = model.thresholds;
  const scoreLevel: HardshipLevel =
    score >= t.SPECIAL
      ? "SPECIAL"
      : score >= t.HARDSHIP
        ? "HARDSHIP"
        : score >= t.GENERAL
          ? "GENERAL"
          : "NONE";
  levelRule = model.thresholdRules[scoreLevel];
  if (model.tiers[facts.stage] === "ONE") {
    return {
      score,
      level: scoreLevel === "NONE" ? "NONE" : "HARDSHIP",
      levelRule,
      tierRule: model.tierRules[scoreLevel],
      lines,
      missing,
    };
  }
  return { score, level: scoreLevel, levelRule, tierRule: model.tierRules.THREE, lines, missing };
}

/** The plain-language explanation stored with a determination and shown in the console. */
export interface StoredExplanation {
  score: number;
  level: HardshipLevel;
  levelRule: string;
  levelRuleKind: LevelRule["kind"];
  tierRule: string | null;
  stage: Stage;
  stageLabel: string;
  indicators: {
    key: string;
    label: string;
    option: string | null;
    points: number;
    via: LineVia;
    rule: string;
  }[];
  missing: number;
}

export function explain(result: ScoreResult, stage: Stage): StoredExplanation {
  return {
    score: result.score,
    level: result.level,
    levelRule: result.levelRule.text,
    levelRuleKind: result.levelRule.kind,
    tierRule: result.tierRule.text,
    stage,
    stageLabel: STAGE_LABELS[stage],
    indicators: result.lines.map((l) => ({
      key: l.indicatorKey,
      label: l.indicatorLabel,
      option: l.optionLabel,
      points: l.points,
      via: l.via,
      rule: l.rule,
    })),
    missing: result.missing,
  };
}

// ───────────────────────────── facts from a household record ─────────────────────────────

export interface HouseholdRecord {
  readonly stage: Stage;
  readonly residence?: "URBAN" | "RURAL" | null;
  readonly totalAnnualIncomeFen?: number | null;
  readonly perCapitaMonthlyIncomeFen?: number | null;
  /** Local 低保 standard (fen/month); else the model's minimumLivingFen for the residence. */
  readonly minimumLivingFen?: number | null;
  readonly members?: readonly {
    relation: string;
    workStatus?: string | null;
    seriousIllness?: boolean;
    disability?: boolean;
    inSchool?: boolean;
  }[];
  readonly suddenEvents?: readonly { amountFen: number }[];
  /** Home-visit sheet: indicatorKey → optionKey; wins over answers derived from the household. */
  readonly homeVisitAnswers?: Readonly<Record<string, string>> | null;
  readonly specialCategories?: readonly SpecialCategory[];
}

const PARENT_RELATIONS = new Set(["父亲", "母亲", "监护人", "继父", "继母"]);
const NO_WORK = new Set(["失业", "无业", "丧失劳动能力", "务农"]);

/**
 * Turns the household form into scoring facts for the default model's
 * indicators (numbers for the bands, answers where the form says it); the
 * home-visit sheet's answers override derived ones.
 */
export function deriveScoringFacts(config: ScoringModelConfig, h: HouseholdRecord): ScoringFacts {
  const numbers: Partial<Record<FactKey, number>> = {};
  const std =
    h.minimumLivingFen ??
    (h.residence && config.minimumLivingFen ? config.minimumLivingFen[h.residence] : null);
  if (h.perCapitaMonthlyIncomeFen != null && std)
    numbers.incomeToMinimumPct = (h.perCapitaMonthlyIncomeFen * 100) / std;
  const members = h.members ?? [];
  if (members.length) numbers.childrenInSchool = members.filter((m) => m.inSchool).length;
  if (h.suddenEvents) {
    const loss = h.suddenEvents.reduce((s, e) => s + e.amountFen, 0);
    const income = h.totalAnnualIncomeFen ?? 0;
    numbers.suddenLossToIncomePct = loss === 0 ? 0 : income > 0 ? (loss * 100) / income : Infinity;
  }
  const answers: Record<string, string> = {};
  if (h.residence) answers.residence = h.residence === "RURAL" ? "rural" : "urban";
  if (members.length) {
    const parents = members.filter((m) => PARENT_RELATIONS.has(m.relation));
    const without = parents.filter((m) => !m.workStatus || NO_WORK.has(m.workStatus)).length;
    if (parents.length)
      answers.parents_work =
        without >= 2 || (parents.length === 1 && without === 1)
          ? "both_without"
          : without === 1
            ? "one_without"
            : "both_employed";
    answers.health = members.some((m) => m.seriousIllness)
      ? "serious"
      : members.some((m) => m.disability)
        ? "chronic"
        : "none";
  }
  const cats = h.specialCategories ?? [];
  if (cats.includes("ORPHAN") || cats.includes("DE_FACTO_UNSUPPORTED")) answers.family_structure = "orphan";
  Object.assign(answers, h.homeVisitAnswers ?? {});
  return { stage: h.stage, answers, numbers, specialCategories: cats };
}
