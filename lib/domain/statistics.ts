/**
 * The supervisor statistics' tables (重点保障人群受助情况统计, seed 002), built from rollup rows summed over
 * a region (lib/db/statistics.repo.ts). The page, the charts and the .xlsx export all draw from these tables, so
 * a figure is the same wherever it is shown. Definitions of the figures: lib/db/rollups/statistics.ts.
 */
import {
  HARDSHIP_LEVEL_LABELS,
  NO_AID_REASON_LABELS,
  SPECIAL_CATEGORIES,
  SPECIAL_CATEGORY_LABELS,
  type SpecialCategory,
  type Stage,
} from "./codes";
import { fenToYuan } from "./household";

/** 学段 as the national statistics group them: 义教 = 小学 + 初中. */
export const STAGE_GROUPS = [
  { key: "preschool", label: "学前", stages: ["KINDERGARTEN"] },
  { key: "compulsory", label: "义教", stages: ["PRIMARY", "JUNIOR"] },
  { key: "senior", label: "普高", stages: ["SENIOR"] },
  { key: "vocational", label: "中职", stages: ["VOCATIONAL"] },
  { key: "college", label: "本专科", stages: ["COLLEGE"] },
  { key: "graduate", label: "研究生", stages: ["GRADUATE"] },
] as const satisfies readonly { key: string; label: string; stages: readonly Stage[] }[];
export type StageGroupKey = (typeof STAGE_GROUPS)[number]["key"];
export const STAGE_GROUP_KEYS = STAGE_GROUPS.map((group) => group.key) as StageGroupKey[];

export function stagesOf(group: StageGroupKey | null): readonly Stage[] | null {
  return group === null ? null : (STAGE_GROUPS.find((g) => g.key === group)?.stages ?? null);
}
function groupOf(stage: string): StageGroupKey | null {
  return STAGE_GROUPS.find((group) => (group.stages as readonly string[]).includes(stage))?.key ?? null;
}

/** Levels of the statistics: the final level of the term, or none (未认定). */
export const STAT_LEVELS = ["SPECIAL", "HARDSHIP", "GENERAL", "NONE", "UNDETERMINED"] as const;
export type StatLevel = (typeof STAT_LEVELS)[number];
export const STAT_LEVEL_LABELS: Record<StatLevel, string> = {
  ...HARDSHIP_LEVEL_LABELS,
  UNDETERMINED: "未认定",
};

/** The eleven national categories; the two local ones (烈士子女, 重点困境儿童) only where someone is listed. */
const NATIONAL_CATEGORIES = SPECIAL_CATEGORIES.slice(0, 11);
const LOCAL_CATEGORIES = SPECIAL_CATEGORIES.slice(11);

export type SpecialGroupRow = {
  area: string;
  stage: string;
  category: string;
  listed: number;
  enrolled: number;
  applied: number;
  determined: number;
  aided: number;
  noAidWaived: number;
  noAidLeftSchool: number;
  noAidAidedElsewhere: number;
  noAidNotEligible: number;
  noAidOther: number;
  noAidUnreported: number;
};
export type AidStudentRow = { area: string; stage: string; level: string; persons: number };
export type AidProgrammeRow = {
  area: string;
  stage: string;
  programmeId: string;
  level: string;
  persons: number;
  personTimes: number;
  amountFen: number;
  paidFen: number;
};
export type TrendRow = {
  termId: string;
  termName: string;
  persons: number;
  personTimes: number;
  amountFen: number;
  paidFen: number;
};

export type ColumnKind = "text" | "count" | "money" | "rate";
export type StatColumn = { header: string; kind: ColumnKind };
export type StatCell = string | number;
export type StatRow = { key: string; label: string; cells: StatCell[]; href?: string; total?: boolean };
export type StatTable = {
  key: StatisticKey;
  title: string;
  note: string;
  columns: StatColumn[];
  rows: StatRow[];
};

export const STATISTIC_KEYS = ["special", "stage", "area", "programme", "level", "trend"] as const;
export type StatisticKey = (typeof STATISTIC_KEYS)[number];

/** 应助尽助率 = aided ÷ enrolled (listed and in school), two decimals; "—" when nobody is enrolled. */
export function coverageRate(aided: number, enrolled: number): string {
  if (enrolled === 0) return "—";
  return `${((aided * 100) / enrolled).toFixed(2)}%`;
}

/** A cell as the page shows it: counts as they are, money in yuan with two decimals. */
export function cellText(column: StatColumn, cell: StatCell): string {
  if (column.kind === "money" && typeof cell === "number") return fenToYuan(cell);
  return String(cell);
}

const sum = <T>(rows: readonly T[], pick: (row: T) => number) =>
  rows.reduce((acc, row) => acc + pick(row), 0);

const SPECIAL_COUNTS = [
  ["listed", "名单人数"],
  ["enrolled", "在校人数"],
  ["applied", "已申请"],
  ["determined", "认定困难"],
  ["aided", "已资助"],
] as const;
const NO_AID_COLUMNS = [
  ["noAidWaived", `未资助：${NO_AID_REASON_LABELS.WAIVED}`],
  ["noAidLeftSchool", `未资助：${NO_AID_REASON_LABELS.LEFT_SCHOOL}`],
  ["noAidAidedElsewhere", `未资助：${NO_AID_REASON_LABELS.AIDED_ELSEWHERE}`],
  ["noAidNotEligible", `未资助：${NO_AID_REASON_LABELS.NOT_ELIGIBLE}`],
  ["noAidOther", `未资助：${NO_AID_REASON_LABELS.OTHER}`],
  ["noAidUnreported", "未资助：未上报原因"],
] as const;

/** 十一类特殊困难学生综合统计: one row per category, then the distinct students of all categories. */
export function specialGroupTable(rows: readonly SpecialGroupRow[]): StatTable {
  const byCategory = (category: string) => rows.filter((row) => row.category === category);
  const line = (key: string, label: string, of: readonly SpecialGroupRow[], total = false): StatRow => {
    const enrolled = sum(of, (row) => row.enrolled);
    const aided = sum(of, (row) => row.aided);
    return {
      key,
      label,
      total,
      cells: [
        ...SPECIAL_COUNTS.map(([field]) => sum(of, (row) => row[field])),
        enrolled - aided,
        ...NO_AID_COLUMNS.map(([field]) => sum(of, (row) => row[field])),
        coverageRate(aided, enrolled),
      ],
    };
  };
  const categories: SpecialCategory[] = [
    ...NATIONAL_CATEGORIES,
    ...LOCAL_CATEGORIES.filter((category) => byCategory(category).some((row) => row.listed > 0)),
  ];
  return {
    key: "special",
    title: "十一类特殊困难学生综合统计",
    note:
      "名单人数：本学年特殊群体名单（中央下发与自采集）中的人数；在校人数：其中学籍在本校在校的学生；" +
      "已申请：本学期已提交申请（不含草稿、放弃和撤回）；认定困难：本学期最终认定为特别困难、困难或一般困难且未撤销；" +
      "已资助：列入本学期已审核资助名单；未资助 = 在校人数 − 已资助，按学校上报的未资助原因分列；" +
      "应助尽助率 = 已资助 ÷ 在校人数。合计行按学生去重（一名学生可属多个类别）。",
    columns: [
      { header: "特殊群体类别", kind: "text" },
      ...SPECIAL_COUNTS.map(([, header]) => ({ header, kind: "count" as const })),
      { header: "未资助", kind: "count" },
      ...NO_AID_COLUMNS.map(([, header]) => ({ header, kind: "count" as const })),
      { header: "应助尽助率", kind: "rate" },
    ],
    rows: [
      ...categories.map((category) =>
        line(category, SPECIAL_CATEGORY_LABELS[category], byCategory(category)),
      ),
      line("ALL", "合计（去重）", byCategory("ALL"), true),
    ],
  };
}

const AID_COLUMNS: StatColumn[] = [
  { header: "受助人数", kind: "count" },
  { header: "受助人次", kind: "count" },
  { header: "资助金额（元）", kind: "money" },
  { header: "已发放金额（元）", kind: "money" },
];
const AID_NOTE =
  "受助人数：列入本学期已审核资助名单（中职月度名单以主管部门公示通过为准）的学生（同一学生多个项目只计一人）；受助人次：已发放且未冲销的受助记录" +
  "（每名学生每个项目每个发放期一条，中职按月）；资助金额为名单核定金额，已发放金额为受助记录中已发放且未冲销的金额。";

function aidCells(students: readonly AidStudentRow[], programmes: readonly AidProgrammeRow[]): StatCell[] {
  return [
    sum(students, (row) => row.persons),
    sum(programmes, (row) => row.personTimes),
    sum(programmes, (row) => row.amountFen),
    sum(programmes, (row) => row.paidFen),
  ];
}

/** 受助情况统计 by stage: 学前 … 研究生, then 学段汇总. */
export function stageTable(
  students: readonly AidStudentRow[],
  programmes: readonly AidProgrammeRow[],
): StatTable {
  return {
    key: "stage",
    title: "受助情况统计（按学段）",
    note: AID_NOTE,
    columns: [{ header: "学段", kind: "text" }, ...AID_COLUMNS],
    rows: [
      ...STAGE_GROUPS.map((group) => ({
        key: group.key,
        label: group.label,
        cells: aidCells(
          students.filter((row) => groupOf(row.stage) === group.key),
          programmes.filter((row) => groupOf(row.stage) === group.key),
        ),
      })),
      { key: "all", label: "学段汇总", total: true, cells: aidCells(students, programmes) },
    ],
  };
}

export type Area = { key: string; label: string; href?: string };

/** 受助情况统计 by child region (or, in a county, by school), then 区域汇总. */
export function areaTable(
  areas: readonly Area[],
  students: readonly AidStudentRow[],
  programmes: readonly AidProgrammeRow[],
  areaHeader: string,
): StatTable {
  const known = new Set(areas.map((area) => area.key));
  const others = [...new Set([...students, ...programmes].map((row) => row.area))].filter(
    (key) => !known.has(key),
  );
  return {
    key: "area",
    title: `受助情况统计（按${areaHeader}）`,
    note: AID_NOTE,
    columns: [{ header: areaHeader, kind: "text" }, ...AID_COLUMNS],
    rows: [
      ...[...areas, ...others.map((key): Area => ({ key, label: "本级直属" }))].map((area) => ({
        key: area.key,
        label: area.label,
        href: area.href,
        cells: aidCells(
          students.filter((row) => row.area === area.key),
          programmes.filter((row) => row.area === area.key),
        ),
      })),
      { key: "all", label: "区域汇总", total: true, cells: aidCells(students, programmes) },
    ],
  };
}

export type Programme = { id: string; name: string; stage: Stage };

/** Amounts by programme; the total's students are distinct students, not the sum of the rows. */
export function programmeTable(
  programmes: readonly Programme[],
  students: readonly AidStudentRow[],
  rows: readonly AidProgrammeRow[],
  stageLabel: (stage: Stage) => string,
): StatTable {
  const shown = programmes.filter((programme) => rows.some((row) => row.programmeId === programme.id));
  return {
    key: "programme",
    title: "受助情况统计（按资助项目）",
    note: `${AID_NOTE}各项目的受助人数之和可能大于合计人数（一名学生可受助多个项目）。`,
    columns: [{ header: "资助项目", kind: "text" }, { header: "学段", kind: "text" }, ...AID_COLUMNS],
    rows: [
      ...shown.map((programme) => {
        const of = rows.filter((row) => row.programmeId === programme.id);
        return {
          key: programme.id,
          label: programme.name,
          cells: [
            stageLabel(programme.stage),
            sum(of, (row) => row.persons),
            sum(of, (row) => row.personTimes),
            sum(of, (row) => row.amountFen),
            sum(of, (row) => row.paidFen),
          ],
        };
      }),
      { key: "all", label: "合计", total: true, cells: ["", ...aidCells(students, rows)] },
    ],
  };
}

/** 受助情况统计 by the students' final level of the term. */
export function levelTable(
  students: readonly AidStudentRow[],
  programmes: readonly AidProgrammeRow[],
): StatTable {
  return {
    key: "level",
    title: "受助情况统计（按认定等级）",
    note: `${AID_NOTE}认定等级为学生本学期的最终认定结果（未认定：本学期没有最终认定结果，如按特殊群体身份免学费）。`,
    columns: [{ header: "认定等级", kind: "text" }, ...AID_COLUMNS],
    rows: [
      ...STAT_LEVELS.map((level) => ({
        key: level,
        label: STAT_LEVEL_LABELS[level],
        cells: aidCells(
          students.filter((row) => row.level === level),
          programmes.filter((row) => row.level === level),
        ),
      })),
      { key: "all", label: "合计", total: true, cells: aidCells(students, programmes) },
    ],
  };
}

/** 受助情况 across terms, oldest first. */
export function trendTable(rows: readonly TrendRow[]): StatTable {
  return {
    key: "trend",
    title: "受助情况统计（历学期趋势）",
    note: AID_NOTE,
    columns: [{ header: "学期", kind: "text" }, ...AID_COLUMNS],
    rows: rows.map((row) => ({
      key: row.termId,
      label: row.termName,
      cells: [row.persons, row.personTimes, row.amountFen, row.paidFen],
    })),
  };
}

/** The numbers of one column of a table's rows (totals left out unless asked). */
export function columnValues(
  table: StatTable,
  header: string,
  opts: { withTotals?: boolean } = {},
): number[] {
  const index = table.columns.findIndex((column) => column.header === header) - 1;
  if (index < 0) throw new Error(`no column ${header} in ${table.key}`);
  return table.rows
    .filter((row) => opts.withTotals || !row.total)
    .map((row) => {
      const cell = row.cells[index];
      return typeof cell === "number" ? cell : Number.NaN;
    });
}

/** A table as spreadsheet rows: label first, money in yuan (a number with two decimals' worth of fen). */
export function tableAsSheetRows(table: StatTable): (string | number)[][] {
  return table.rows.map((row) => [
    row.label,
    ...row.cells.map((cell, i) =>
      table.columns[i + 1]?.kind === "money" && typeof cell === "number" ? cell / 100 : cell,
    ),
  ]);
}
