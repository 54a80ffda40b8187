/**
 * The shipped default scoring model (模拟困难等级), drawn from published
 * provincial 家庭经济困难学生量化认定积分表. Data, not code: schools edit a copy
 * (new version on every change). The determination feature computes with it
 * (lib/domain/scoring.ts validates the shape; `band` picks an option from a
 * household fact, e.g. per-capita income as a percentage of the 低保 standard).
 * Maximum score 100: ≥60 特别困难, ≥40 困难, ≥25 一般困难.
 */
export const DEFAULT_SCORING_MODEL = {
  name: "默认量化认定模型（广东参考）",
  config: {
    indicators: [
      { key: "income_vs_minimum", label: "家庭人均月收入与当地低保标准比较", source: "household", options: [
        { key: "below_1x", label: "低于低保标准", points: 25 }, { key: "below_1_5x", label: "低保标准1–1.5倍", points: 18 },
        { key: "below_2x", label: "低保标准1.5–2倍", points: 10 }, { key: "above_2x", label: "高于低保标准2倍", points: 0 } ],
        band: { fact: "incomeToMinimumPct", steps: [{ below: 100, option: "below_1x" }, { below: 150, option: "below_1_5x" }, { below: 200, option: "below_2x" }], otherwise: "above_2x" } },
      { key: "parents_work", label: "父母（监护人）就业状况", source: "household", options: [
        { key: "both_without", label: "均无稳定工作或丧失劳动能力", points: 12 }, { key: "one_without", label: "一方无稳定工作", points: 6 }, { key: "both_employed", label: "均有稳定工作", points: 0 } ] },
      { key: "health", label: "家庭成员健康状况（重病、残疾）", source: "household", options: [
        { key: "serious", label: "有成员患重大疾病或重度残疾", points: 12 }, { key: "chronic", label: "有成员长期患病或轻度残疾", points: 6 }, { key: "none", label: "无", points: 0 } ] },
      { key: "family_structure", label: "单亲、孤儿或事实无人抚养", source: "household", options: [
        { key: "orphan", label: "孤儿或事实无人抚养", points: 12 }, { key: "single_parent", label: "单亲家庭", points: 6 }, { key: "none", label: "否", points: 0 } ] },
      { key: "residence", label: "城乡与地区", source: "household", options: [
        { key: "rural_remote", label: "农村（欠发达地区）", points: 6 }, { key: "rural", label: "农村", points: 4 }, { key: "urban", label: "城镇", points: 0 } ] },
      { key: "siblings_in_school", label: "在读子女数", source: "household", options: [
        { key: "three_plus", label: "3人及以上", points: 6 }, { key: "two", label: "2人", points: 3 }, { key: "one", label: "1人", points: 0 } ],
        band: { fact: "childrenInSchool", steps: [{ below: 2, option: "one" }, { below: 3, option: "two" }], otherwise: "three_plus" } },
      { key: "sudden_event", label: "突发事件损失（自然灾害、重大意外、重大疾病）", source: "household", options: [
        { key: "major", label: "损失达到或超过家庭年收入", points: 10 }, { key: "minor", label: "有损失", points: 5 }, { key: "none", label: "无", points: 0 } ],
        band: { fact: "suddenLossToIncomePct", steps: [{ atMost: 0, option: "none" }, { below: 100, option: "minor" }], otherwise: "major" } },
      { key: "housing", label: "住房与车辆", source: "household", options: [
        { key: "poor", label: "无自有住房或危房，无车辆", points: 5 }, { key: "basic", label: "有基本住房，无车辆", points: 2 }, { key: "good", label: "有商品房或车辆", points: -5 } ] },
      { key: "consumption", label: "学生消费情况", source: "homeVisit", options: [
        { key: "frugal", label: "消费节俭", points: 2 }, { key: "normal", label: "消费正常", points: 0 }, { key: "high", label: "有高消费", points: -10 } ] },
      { key: "home_visit", label: "入户调查综合评价", source: "homeVisit", options: [
        { key: "very_poor", label: "非常困难", points: 10 }, { key: "poor", label: "比较困难", points: 6 }, { key: "ordinary", label: "一般", points: 2 }, { key: "good", label: "不困难", points: 0 } ] },
    ],
    thresholds: { SPECIAL: 60, HARDSHIP: 40, GENERAL: 25 },
    tiers: { KINDERGARTEN: "THREE", PRIMARY: "ONE", JUNIOR: "ONE", SENIOR: "THREE", VOCATIONAL: "ONE", COLLEGE: "THREE", GRADUATE: "THREE" },
    specialGroupsAreSpecial: true,
    /** Local 低保 standard (fen per person per month) when the household's region gives none; schools set their own. */
    minimumLivingFen: { URBAN: 110_000, RURAL: 90_000 },
  },
} as const;
