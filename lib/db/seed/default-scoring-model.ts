/**
 * The shipped default scoring model (模拟困难等级). Data, not code: schools edit a
 * copy (new version on every change). The determination feature computes with
 * it (lib/domain/scoring.ts validates the shape; `band` picks an option from a
 * household fact, e.g. per-capita income as a percentage of the 低保 standard).
 * Maximum score 100: ≥60 特别困难, ≥40 困难, ≥25 一般困难.
 *
 * Sources, and how far they go (checked 2026-11-23):
 * - Indicators follow the 认定依据因素 of 招远市学校家庭经济困难学生认定工作实施细则
 *   (招教学助函〔2022〕5号, 五(一); docs/policy-sources.md): 家庭经济因素 (劳动力及职业、
 *   财产及收入、负担) → parents_work, housing, income_vs_minimum, health,
 *   siblings_in_school; 特殊群体因素 → the special-group shortcut (五(二)
 *   “认定为特殊困难”) and family_structure; 经济社会发展水平 (城乡低保标准) →
 *   income_vs_minimum, residence; 突发状况因素 → sudden_event; 学生消费因素 →
 *   consumption; 其它因素 → home_visit. The minus points for 商品房/车辆 and
 *   高消费 reflect 五(三) (购房购车、奢侈浪费 exclude a student): here they lower
 *   the score and the admin decides (定量评价与定性评价相结合).
 * - Options and relative weights were compared with published quantitative
 *   tables: 江苏省学生家庭经济信息采集量化指标体系（2020年春季学期修订）(copy
 *   published by a Jiangsu college: 城乡差异 3/1; 单亲 父母一方去世 40 vs 离异一方
 *   抚养 20; 父母职业 with minus points for better-off jobs; 兄弟姐妹在读);
 *   重庆城市职业学院贫困学生资格认定量化测评指标体系表 (parents' work and labour
 *   capacity is the heaviest item; medical costs in bands); 安徽省普通高等学校
 *   家庭经济困难学生认定基本指标 (2022; 父母职业、劳动能力、身体情况). From these,
 *   family_structure now tells a parent's death (8) from divorce (4), as both
 *   the Jiangsu table (2:1) and a published 参考方案 (12–15 vs 7–10) do.
 * - Income bands at 100 % / 150 % / 200 % of the local 低保 standard follow the
 *   assistance tiers 低保 and 低保边缘 (up to 1.5×, some places 2×); found only in
 *   a secondary explainer, not in the 民政部 text itself.
 * - NOT found: any Guangdong, Sichuan or Hunan provincial 量化评分表 (the model
 *   was named “广东参考” without one, so the name no longer says so). No table
 *   found is for 高中及以下 schools. The points and the thresholds 60/40/25 are
 *   this project's own weights, not copied from any one table; the 招远 rules
 *   leave the 困难/一般困难 standard to each school (“由学校根据有关规定自行制定”),
 *   so schools are expected to set their own thresholds.
 * - housing and family_structure are judged by the class teacher on the home
 *   visit (source "homeVisit"): the applicant describes housing and vehicles in
 *   free text, and a parent's death or divorce is not on the form. Orphans and
 *   children without support still come from the special-group lists.
 */
import "server-only";

type Source = "household" | "homeVisit";
type Band = {
  fact: string;
  steps: readonly ({ below: number; option: string } | { atMost: number; option: string })[];
  otherwise: string;
};

/** One indicator; its options as [key, label, points]. */
function indicator(
  key: string,
  label: string,
  source: Source,
  options: readonly (readonly [string, string, number])[],
  band?: Band,
) {
  return {
    key,
    label,
    source,
    options: options.map(([optionKey, optionLabel, points]) => ({
      key: optionKey,
      label: optionLabel,
      points,
    })),
    ...(band ? { band } : {}),
  };
}

export const DEFAULT_SCORING_MODEL = {
  name: "默认量化认定模型（多地量化指标综合）",
  config: {
    indicators: [
      indicator(
        "income_vs_minimum",
        "家庭人均月收入与当地低保标准比较",
        "household",
        [
          ["below_1x", "低于低保标准", 25],
          ["below_1_5x", "低保标准1–1.5倍", 18],
          ["below_2x", "低保标准1.5–2倍", 10],
          ["above_2x", "高于低保标准2倍", 0],
        ],
        {
          fact: "incomeToMinimumPct",
          steps: [
            { below: 100, option: "below_1x" },
            { below: 150, option: "below_1_5x" },
            { below: 200, option: "below_2x" },
          ],
          otherwise: "above_2x",
        },
      ),
      indicator("parents_work", "父母（监护人）就业状况", "household", [
        ["both_without", "均无稳定工作或丧失劳动能力", 12],
        ["one_without", "一方无稳定工作", 6],
        ["both_employed", "均有稳定工作", 0],
      ]),
      indicator("health", "家庭成员健康状况（重病、残疾）", "household", [
        ["serious", "有成员患重大疾病或重度残疾", 12],
        ["chronic", "有成员长期患病或轻度残疾", 6],
        ["none", "无", 0],
      ]),
      indicator("family_structure", "单亲、孤儿或事实无人抚养", "homeVisit", [
        ["orphan", "孤儿或事实无人抚养", 12],
        ["single_parent_deceased", "单亲（父母一方去世）", 8],
        ["single_parent_divorced", "单亲（父母离异）", 4],
        ["none", "否", 0],
      ]),
      indicator("residence", "城乡与地区", "household", [
        ["rural_remote", "农村（欠发达地区）", 6],
        ["rural", "农村", 4],
        ["urban", "城镇", 0],
      ]),
      indicator(
        "siblings_in_school",
        "在读子女数",
        "household",
        [
          ["three_plus", "3人及以上", 6],
          ["two", "2人", 3],
          ["one", "1人", 0],
        ],
        {
          fact: "childrenInSchool",
          steps: [
            { below: 2, option: "one" },
            { below: 3, option: "two" },
          ],
          otherwise: "three_plus",
        },
      ),
      indicator(
        "sudden_event",
        "突发事件损失（自然灾害、重大意外、重大疾病）",
        "household",
        [
          ["major", "损失达到或超过家庭年收入", 10],
          ["minor", "有损失", 5],
          ["none", "无", 0],
        ],
        {
          fact: "suddenLossToIncomePct",
          steps: [
            { atMost: 0, option: "none" },
            { below: 100, option: "minor" },
          ],
          otherwise: "major",
        },
      ),
      indicator("housing", "住房与车辆", "homeVisit", [
        ["poor", "无自有住房或危房，无车辆", 5],
        ["basic", "有基本住房，无车辆", 2],
        ["good", "有商品房或车辆", -5],
      ]),
      indicator("consumption", "学生消费情况", "homeVisit", [
        ["frugal", "消费节俭", 2],
        ["normal", "消费正常", 0],
        ["high", "有高消费", -10],
      ]),
      indicator("home_visit", "入户调查综合评价", "homeVisit", [
        ["very_poor", "非常困难", 10],
        ["poor", "比较困难", 6],
        ["ordinary", "一般", 2],
        ["good", "不困难", 0],
      ]),
    ],
    thresholds: { SPECIAL: 60, HARDSHIP: 40, GENERAL: 25 },
    tiers: {
      KINDERGARTEN: "THREE",
      PRIMARY: "ONE",
      JUNIOR: "ONE",
      SENIOR: "THREE",
      VOCATIONAL: "ONE",
      COLLEGE: "THREE",
      GRADUATE: "THREE",
    },
    specialGroupsAreSpecial: true,
    /** Local 低保 standard (fen per person per month) when the household's region gives none; schools set their own. */
    minimumLivingFen: { URBAN: 110_000, RURAL: 90_000 },
  },
} as const;
