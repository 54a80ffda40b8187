/**
 * The generated province's shape (bench/README.md, "Province-scale supervisor pages"): 21 cities with their
 * real Guangdong codes, 120 counties spread over them (6-digit codes under the city's), 5,000 schools of every
 * stage with sizes that sum to exactly the requested number of students, and each stage's grades. Pure and
 * deterministic: the person stream (people.ts) and the SQL (generate.ts) both read it.
 */

export type Stage = "KINDERGARTEN" | "PRIMARY" | "JUNIOR" | "SENIOR" | "VOCATIONAL";
export type CityPlan = { code: string; name: string; id: string };
export type CountyPlan = { code: string; name: string; id: string; city: CityPlan; index: number };
export type SchoolPlan = {
  index: number;
  id: string;
  code: string;
  name: string;
  stage: Stage;
  county: CountyPlan;
  /** First person number of the school's students (persons are numbered 0 … students − 1). */
  start: number;
  size: number;
  isVillage: boolean;
  /** Behind schedule: its applications are still largely unverified after the deadline. */
  lagging: boolean;
  /** A 中职 school with students past their 学制 (overdue). */
  hasOverdue: boolean;
};
export type GradePlan = { name: string; entryYear: number; years: number; ageAtEntry: number };

export const PROVINCE = { code: "440000", name: "广东省", id: "breg440000" };

const CITIES: [string, string][] = [
  ["4401", "广州市"],
  ["4402", "韶关市"],
  ["4403", "深圳市"],
  ["4404", "珠海市"],
  ["4405", "汕头市"],
  ["4406", "佛山市"],
  ["4407", "江门市"],
  ["4408", "湛江市"],
  ["4409", "茂名市"],
  ["4412", "肇庆市"],
  ["4413", "惠州市"],
  ["4414", "梅州市"],
  ["4415", "汕尾市"],
  ["4416", "河源市"],
  ["4417", "阳江市"],
  ["4418", "清远市"],
  ["4419", "东莞市"],
  ["4420", "中山市"],
  ["4451", "潮州市"],
  ["4452", "揭阳市"],
  ["4453", "云浮市"],
];
const COUNTY_WORDS = ["城", "东", "西", "南", "北", "新", "安"];

export const GRADES: Record<Stage, GradePlan[]> = {
  KINDERGARTEN: [
    { name: "小班", entryYear: 2026, years: 3, ageAtEntry: 3 },
    { name: "中班", entryYear: 2025, years: 3, ageAtEntry: 3 },
    { name: "大班", entryYear: 2024, years: 3, ageAtEntry: 3 },
  ],
  PRIMARY: ["一", "二", "三", "四", "五", "六"].map((n, g) => ({
    name: `${n}年级`,
    entryYear: 2026 - g,
    years: 6,
    ageAtEntry: 6,
  })),
  JUNIOR: ["初一", "初二", "初三"].map((name, g) => ({
    name,
    entryYear: 2026 - g,
    years: 3,
    ageAtEntry: 12,
  })),
  SENIOR: ["高一", "高二", "高三"].map((name, g) => ({
    name,
    entryYear: 2026 - g,
    years: 3,
    ageAtEntry: 15,
  })),
  VOCATIONAL: [2026, 2025, 2024].map((year) => ({
    name: `${year}级`,
    entryYear: year,
    years: 3,
    ageAtEntry: 15,
  })),
};

export const CLASS_SIZE = 45;

/** Relative size of a school of each stage (village primaries are small). */
const WEIGHT: Record<Stage, number> = {
  KINDERGARTEN: 150,
  PRIMARY: 420,
  JUNIOR: 600,
  SENIOR: 1200,
  VOCATIONAL: 800,
};

function stageOf(index: number): { stage: Stage; village: boolean } {
  const k = index % 20;
  if (k < 3) return { stage: "KINDERGARTEN", village: false };
  if (k < 11) return { stage: "PRIMARY", village: false };
  if (k < 15) return { stage: "JUNIOR", village: false };
  if (k < 17) return { stage: "SENIOR", village: false };
  if (k < 19) return { stage: "VOCATIONAL", village: false };
  return { stage: "PRIMARY", village: true };
}

const SCHOOL_KIND: Record<Stage, string> = {
  KINDERGARTEN: "幼儿园",
  PRIMARY: "小学",
  JUNIOR: "中学",
  SENIOR: "高级中学",
  VOCATIONAL: "职业技术学校",
};

export type ProvincePlan = {
  cities: CityPlan[];
  counties: CountyPlan[];
  schools: SchoolPlan[];
  students: number;
};

export function provincePlan(opts: { schools: number; counties: number; students: number }): ProvincePlan {
  const cities = CITIES.map(([prefix, name]) => ({ code: `${prefix}00`, name, id: `breg${prefix}00` }));
  const counties: CountyPlan[] = Array.from({ length: opts.counties }, (_, j) => {
    const city = cities[j % cities.length]!;
    const k = Math.floor(j / cities.length);
    const code = `${city.code.slice(0, 4)}${String(k + 2).padStart(2, "0")}`;
    return {
      code,
      name: `${city.name.slice(0, -1)}${COUNTY_WORDS[k % COUNTY_WORDS.length]}区`,
      id: `breg${code}`,
      city,
      index: j,
    };
  });
  const weights = Array.from({ length: opts.schools }, (_, i) => {
    const { stage, village } = stageOf(i);
    return (village ? 120 : WEIGHT[stage]) * (0.6 + ((i * 7919) % 80) / 100);
  });
  const total = weights.reduce((a, b) => a + b, 0);
  let cumulative = 0;
  const perCounty = new Map<number, number>();
  const schools: SchoolPlan[] = weights.map((w, i) => {
    const start = Math.floor((opts.students * cumulative) / total);
    cumulative += w;
    const end = i === weights.length - 1 ? opts.students : Math.floor((opts.students * cumulative) / total);
    const { stage, village } = stageOf(i);
    const county = counties[i % counties.length]!;
    const n = (perCounty.get(county.index) ?? 0) + 1;
    perCounty.set(county.index, n);
    return {
      index: i,
      id: `bsch${String(i).padStart(5, "0")}`,
      // 学校标识码: 10 digits, "1" + the county's code + a 3-digit number.
      code: `1${county.code}${String(n).padStart(3, "0")}`,
      name: `${county.name}${village ? `第${n}村` : `第${n}`}${SCHOOL_KIND[stage]}`,
      stage,
      county,
      start,
      size: end - start,
      isVillage: village,
      lagging: i % 17 === 5,
      hasOverdue: stage === "VOCATIONAL" && i % 3 === 0,
    };
  });
  return { cities, counties, schools, students: opts.students };
}

/** The grade of the `r`-th student of a school (round robin over the stage's grades) and their class number. */
export function placeOf(stage: Stage, r: number): { grade: number; classNo: number } {
  const grades = GRADES[stage].length;
  return { grade: r % grades, classNo: Math.floor(Math.floor(r / grades) / CLASS_SIZE) + 1 };
}
