import "server-only";
import { beijingEndOfDay, beijingStartOfDay, formatBeijingDate } from "@/lib/domain/time";
import type { PrismaClient } from "../generated/client";
import type { HardshipLevel, ProgrammeKind, SpecialCategory, Stage } from "../generated/enums";

const DAY = 86_400_000;
const day = (d: Date, plus: number) => formatBeijingDate(new Date(d.getTime() + plus * DAY));

/** The current term, open now (−3 … +6 days: a nine-day window as in G), and a past term for history. */
export async function seedTerms(prisma: PrismaClient, now: Date) {
  const applyEnd = beijingEndOfDay(day(now, 6));
  const current = await prisma.aidTerm.upsert({
    where: { academicYear_semester: { academicYear: "2026-2027", semester: "AUTUMN" } },
    update: {},
    create: {
      academicYear: "2026-2027",
      semester: "AUTUMN",
      name: "2026-2027学年秋季学期",
      isCurrent: true,
      applyStart: beijingStartOfDay(day(now, -3)),
      applyEnd,
      verifyDeadline: beijingEndOfDay(day(now, 13)),
      reviewDeadline: beijingEndOfDay(day(now, 27)),
    },
  });
  const past = await prisma.aidTerm.upsert({
    where: { academicYear_semester: { academicYear: "2025-2026", semester: "SPRING" } },
    update: {},
    create: {
      academicYear: "2025-2026",
      semester: "SPRING",
      name: "2025-2026学年春季学期",
      isCurrent: false,
      applyStart: beijingStartOfDay("2026-03-02"),
      applyEnd: beijingEndOfDay("2026-03-10"),
      verifyDeadline: beijingEndOfDay("2026-03-20"),
      reviewDeadline: beijingEndOfDay("2026-03-31"),
    },
  });
  return { current, past };
}

type ProgrammeSpec = {
  code: string;
  name: string;
  stage: Stage;
  kind: ProgrammeKind;
  period?: "SEMESTER" | "MONTHLY";
  levels: HardshipLevel[];
  categories?: SpecialCategory[];
  description: string;
  amount: { fixed: number } | { special: number; hardship: number; general?: number };
  quota?: number;
  budgetFen?: number;
  /** Household fields this programme requires beyond the common ones. */
  requires?: string[];
};

const THREE: HardshipLevel[] = ["SPECIAL", "HARDSHIP", "GENERAL"];
const ONE: HardshipLevel[] = ["SPECIAL", "HARDSHIP"];
const WAIVER_GROUPS: SpecialCategory[] = [
  "POVERTY_ALLEVIATED",
  "POVERTY_UNSTABLE",
  "MINIMUM_LIVING",
  "EXTREME_POVERTY_SUPPORT",
  "DISABLED_STUDENT",
];
const REQUIRED = ["household.totalAnnualIncome", "household.memberCount", "familyMembers"];

export const PROGRAMMES: ProgrammeSpec[] = [
  {
    code: "preschool_aid",
    name: "学前教育幼儿资助",
    stage: "KINDERGARTEN",
    kind: "SUBSIDY",
    levels: THREE,
    amount: { special: 75_000, hardship: 50_000, general: 25_000 },
    quota: 10,
    budgetFen: 500_000,
    description: "资助家庭经济困难幼儿、孤儿和残疾儿童接受普惠性学前教育。",
  },
  {
    code: "compulsory_boarding_primary",
    requires: ["household.boarding"],
    name: "义务教育家庭经济困难寄宿生生活补助（小学）",
    stage: "PRIMARY",
    kind: "SUBSIDY",
    levels: ONE,
    amount: { special: 50_000, hardship: 50_000 },
    quota: 20,
    budgetFen: 1_000_000,
    description: "对义务教育阶段家庭经济困难学生补助生活费，小学每生每学期500元。",
  },
  {
    code: "compulsory_boarding_junior",
    requires: ["household.boarding"],
    name: "义务教育家庭经济困难寄宿生生活补助（初中）",
    stage: "JUNIOR",
    kind: "SUBSIDY",
    levels: ONE,
    amount: { special: 62_500, hardship: 62_500 },
    quota: 20,
    budgetFen: 1_250_000,
    description: "对义务教育阶段家庭经济困难学生补助生活费，初中每生每学期625元。",
  },
  {
    code: "senior_national_grant",
    name: "普通高中国家助学金",
    stage: "SENIOR",
    kind: "SUBSIDY",
    levels: THREE,
    amount: { special: 125_000, hardship: 100_000, general: 75_000 },
    quota: 30,
    budgetFen: 3_000_000,
    description: "资助普通高中在校家庭经济困难学生，分档资助，平均每生每年2000元。",
  },
  {
    code: "senior_fee_waiver",
    name: "普通高中免学杂费",
    stage: "SENIOR",
    kind: "FEE_WAIVER",
    levels: [],
    categories: WAIVER_GROUPS,
    amount: { fixed: 60_000 },
    description: "对脱贫家庭、低保、特困供养、残疾等家庭经济困难学生免除学杂费。",
  },
  {
    code: "vocational_national_grant",
    name: "中等职业学校国家助学金",
    stage: "VOCATIONAL",
    kind: "SUBSIDY",
    period: "MONTHLY",
    levels: ONE,
    amount: { fixed: 20_000 },
    quota: 30,
    budgetFen: 6_000_000,
    description: "资助中职一、二年级家庭经济困难学生，按月发放。",
  },
  {
    code: "vocational_fee_waiver",
    name: "中等职业学校免学费",
    stage: "VOCATIONAL",
    kind: "FEE_WAIVER",
    // Monthly 中职 lists (lib/db/vocational-list.repo.ts buildEntries): 免学费 covers every full-time 中职
    // student, so every determined level of the single-tier stage (困难 and 不困难) qualifies, and the
    // special groups as for 普高 免学杂费.
    period: "MONTHLY",
    levels: ["HARDSHIP", "NONE"],
    categories: WAIVER_GROUPS,
    amount: { fixed: 175_000 },
    description: "中职学校全日制正式学籍学生免除学费。",
  },
  {
    code: "college_national_grant",
    name: "本专科生国家助学金",
    stage: "COLLEGE",
    kind: "SUBSIDY",
    levels: THREE,
    amount: { special: 220_000, hardship: 165_000, general: 110_000 },
    description: "资助全日制普通本专科在校家庭经济困难学生。",
  },
  {
    code: "college_student_loan",
    name: "国家助学贷款",
    stage: "COLLEGE",
    kind: "LOAN",
    levels: [],
    amount: { fixed: 1_200_000 },
    description: "生源地信用助学贷款和校园地国家助学贷款，本专科每人每年最高12000元。",
  },
];

export async function seedProgrammes(prisma: PrismaClient, termId: string) {
  for (const programme of PROGRAMMES) {
    const prog = await prisma.aidProgramme.upsert({
      where: { code: programme.code },
      update: {},
      create: {
        code: programme.code,
        name: programme.name,
        stage: programme.stage,
        kind: programme.kind,
        period: programme.period ?? "SEMESTER",
        eligibleLevels: programme.levels,
        eligibleCategories: programme.categories ?? [],
        requiredFields: programme.kind === "FEE_WAIVER" ? [] : [...REQUIRED, ...(programme.requires ?? [])],
        description: programme.description,
      },
    });
    const exists = await prisma.termProgramme.findFirst({
      where: { termId, programmeId: prog.id, schoolId: null },
    });
    if (exists) continue;
    await prisma.termProgramme.create({
      data:
        "fixed" in programme.amount
          ? {
              termId,
              programmeId: prog.id,
              amountMode: "FIXED",
              fixedAmountFen: programme.amount.fixed,
              quota: programme.quota,
              budgetFen: programme.budgetFen,
            }
          : {
              termId,
              programmeId: prog.id,
              amountMode: "BY_LEVEL",
              amountSpecialFen: programme.amount.special,
              amountHardshipFen: programme.amount.hardship,
              amountGeneralFen: programme.amount.general ?? null,
              quota: programme.quota,
              budgetFen: programme.budgetFen,
            },
    });
  }
  return prisma.aidProgramme.findMany({ select: { id: true, code: true, stage: true } });
}
