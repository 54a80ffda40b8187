import "server-only";
import type { PrismaClient } from "../generated/client";
import type { Stage } from "../generated/enums";

export type SchoolKey = "pri" | "jun" | "sen" | "voc";
type ClassPlan = { stage: Stage; grade: string; entryYear: number; sortOrder: number; classes: string[] };
export type SchoolPlan = { key: SchoolKey; code: string; name: string; stages: Stage[]; plan: ClassPlan[] };

export const SCHOOLS: SchoolPlan[] = [
  {
    key: "pri",
    code: "1144010601",
    name: "广州市天河区龙洞小学",
    stages: ["KINDERGARTEN", "PRIMARY"],
    plan: [
      { stage: "KINDERGARTEN", grade: "大班", entryYear: 2024, sortOrder: 1, classes: ["1班"] },
      { stage: "PRIMARY", grade: "三年级", entryYear: 2024, sortOrder: 4, classes: ["1班"] },
      { stage: "PRIMARY", grade: "五年级", entryYear: 2022, sortOrder: 6, classes: ["1班", "2班"] },
    ],
  },
  {
    key: "jun",
    code: "1144010602",
    name: "广州市天河区华阳中学",
    stages: ["JUNIOR"],
    plan: [
      { stage: "JUNIOR", grade: "初一", entryYear: 2026, sortOrder: 1, classes: ["1班", "2班"] },
      { stage: "JUNIOR", grade: "初二", entryYear: 2025, sortOrder: 2, classes: ["1班", "2班"] },
    ],
  },
  {
    key: "sen",
    code: "1144010603",
    name: "广州市天河中学",
    stages: ["SENIOR"],
    plan: [
      { stage: "SENIOR", grade: "高一", entryYear: 2026, sortOrder: 1, classes: ["1班", "2班"] },
      { stage: "SENIOR", grade: "高二", entryYear: 2025, sortOrder: 2, classes: ["1班"] },
      { stage: "SENIOR", grade: "高三", entryYear: 2024, sortOrder: 3, classes: ["1班"] },
    ],
  },
  {
    key: "voc",
    code: "1144010604",
    name: "广州市天河职业高级中学",
    stages: ["VOCATIONAL"],
    plan: [
      {
        stage: "VOCATIONAL",
        grade: "2026级",
        entryYear: 2026,
        sortOrder: 1,
        classes: ["数控1班", "电商1班"],
      },
      {
        stage: "VOCATIONAL",
        grade: "2025级",
        entryYear: 2025,
        sortOrder: 2,
        classes: ["数控1班", "会计1班"],
      },
    ],
  },
];

export type SeededClass = {
  id: string;
  schoolId: string;
  gradeId: string;
  stage: Stage;
  entryYear: number;
  label: string;
};
export type SeededSchool = { id: string; key: SchoolKey; name: string; classes: SeededClass[] };

export async function seedRegions(prisma: PrismaClient) {
  const up = (
    code: string,
    name: string,
    level: "PROVINCE" | "CITY" | "COUNTY",
    parentId: string | null,
    path: string,
    minimumLivingStandardFen?: number,
  ) =>
    prisma.region.upsert({
      where: { code },
      update: {},
      create: { code, name, level, parentId, path, minimumLivingStandardFen },
    });
  const gd = await up("440000", "广东省", "PROVINCE", null, "/440000/");
  const gz = await up("440100", "广州市", "CITY", gd.id, "/440000/440100/");
  const tianhe = await up("440106", "天河区", "COUNTY", gz.id, "/440000/440100/440106/", 133_800);
  const haizhu = await up("440105", "海珠区", "COUNTY", gz.id, "/440000/440100/440105/", 133_800);
  const mz = await up("441400", "梅州市", "CITY", gd.id, "/440000/441400/");
  const meixian = await up("441403", "梅县区", "COUNTY", mz.id, "/440000/441400/441403/", 88_000);
  return { gd, gz, tianhe, haizhu, meixian };
}

export async function seedSchools(prisma: PrismaClient, regionId: string): Promise<SeededSchool[]> {
  const out: SeededSchool[] = [];
  for (const schoolPlan of SCHOOLS) {
    const school = await prisma.school.upsert({
      where: { code: schoolPlan.code },
      update: {},
      create: { code: schoolPlan.code, name: schoolPlan.name, regionId, stages: schoolPlan.stages },
    });
    const classes: SeededClass[] = [];
    for (const gradePlan of schoolPlan.plan) {
      const grade = await prisma.grade.upsert({
        where: {
          schoolId_stage_name: { schoolId: school.id, stage: gradePlan.stage, name: gradePlan.grade },
        },
        update: {},
        create: {
          schoolId: school.id,
          stage: gradePlan.stage,
          name: gradePlan.grade,
          entryYear: gradePlan.entryYear,
          sortOrder: gradePlan.sortOrder,
        },
      });
      for (const className of gradePlan.classes) {
        const klass = await prisma.schoolClass.upsert({
          where: { gradeId_name: { gradeId: grade.id, name: className } },
          update: {},
          create: { schoolId: school.id, gradeId: grade.id, name: className },
        });
        classes.push({
          id: klass.id,
          schoolId: school.id,
          gradeId: grade.id,
          stage: gradePlan.stage,
          entryYear: gradePlan.entryYear,
          label: `${gradePlan.grade}${className}`,
        });
      }
    }
    out.push({ id: school.id, key: schoolPlan.key, name: schoolPlan.name, classes });
  }
  return out;
}
