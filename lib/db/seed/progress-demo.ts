/**
 * Data for the supervisors' 工作进展 (work progress) beyond 天河区's four schools: two schools in 海珠区, so a
 * city supervisor (sup_guangzhou) compares two counties —
 *   - 广州市海珠区南武实验中学 (初中): applications in every state of the pipeline, and its own verification
 *     deadline two days ago with submissions still unverified: it shows as behind schedule (进度滞后);
 *   - 广州市海珠区职业技术学校 (中职): a cohort enrolled four years ago on a three-year programme (逾期,
 *     overdue since last September) beside this year's intake (当期).
 * Students have no guardians or accounts (nobody signs in as them); applications carry their history with
 * no actor. Idempotent: schools, grades, classes by their keys; people by ID number; one application per
 * person and term.
 */
import "server-only";
import { seal } from "@/lib/crypto/keys";
import { buildResidentId } from "@/lib/domain/id-number";
import { levelForTier } from "@/lib/domain/scoring";
import { DEFAULT_SCORING_MODEL } from "./default-scoring-model";
import type { PrismaClient } from "../generated/client";
import type { ApplicationState, HardshipLevel, Stage } from "../generated/enums";

const DAY = 86_400_000;

type Cohort = {
  stage: Stage;
  grade: string;
  className: string;
  entryYear: number;
  programmeYears: number;
  names: string[];
  /** The application state of each student in order (missing: no application). */
  states: (ApplicationState | null)[];
};

const SURNAMES = "陈林黄张李王吴刘蔡杨许郑谢郭洪邱曾廖赖徐";
const GIVEN = [
  "子轩",
  "雨桐",
  "浩然",
  "欣怡",
  "俊杰",
  "诗涵",
  "宇航",
  "梓萱",
  "嘉豪",
  "思琪",
  "志强",
  "晓琳",
];
const namesFor = (start: number, count: number) =>
  Array.from({ length: count }, (_, index) => {
    const seq = start + index;
    return `${SURNAMES[seq % SURNAMES.length]}${GIVEN[(seq * 7) % GIVEN.length]}`;
  });

const PIPELINE: (ApplicationState | null)[] = [
  "submitted",
  "submitted",
  "submitted",
  "submitted",
  "verified",
  "verified",
  "reviewed",
  "determined",
  "determined",
  "determined",
  "determined",
  "waived",
  "draft",
  null,
  null,
  null,
];
const LEVELS: HardshipLevel[] = ["SPECIAL", "HARDSHIP", "GENERAL", "NONE"];

async function upsertSchool(
  prisma: PrismaClient,
  regionId: string,
  school: { code: string; name: string; stages: Stage[] },
) {
  return prisma.school.upsert({
    where: { code: school.code },
    update: {},
    create: { ...school, regionId },
  });
}

let idSeq = 700;

async function seedCohort(
  prisma: PrismaClient,
  ctx: { schoolId: string; termId: string; modelId: string; now: Date },
  cohort: Cohort,
): Promise<number> {
  const grade = await prisma.grade.upsert({
    where: { schoolId_stage_name: { schoolId: ctx.schoolId, stage: cohort.stage, name: cohort.grade } },
    update: {},
    create: {
      schoolId: ctx.schoolId,
      stage: cohort.stage,
      name: cohort.grade,
      entryYear: cohort.entryYear,
      sortOrder: cohort.entryYear,
    },
  });
  const klass = await prisma.schoolClass.upsert({
    where: { gradeId_name: { gradeId: grade.id, name: cohort.className } },
    update: {},
    create: { schoolId: ctx.schoolId, gradeId: grade.id, name: cohort.className },
  });
  let made = 0;
  for (const [index, name] of cohort.names.entries()) {
    const gender = index % 2 ? "FEMALE" : "MALE";
    // Born on the 29th: the other seeded people are born on the 1st–28th, so no ID number repeats theirs.
    const month = [1, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12][index % 11]!;
    const birth = `${cohort.entryYear - (cohort.stage === "JUNIOR" ? 12 : 15)}-${String(month).padStart(2, "0")}-29`;
    const idNumber = buildResidentId("440105", birth, idSeq++ % 1000, gender);
    const id = seal(idNumber, "idNumber");
    const person = await prisma.person.upsert({
      where: { idNumberHash: id.hash },
      update: {},
      create: {
        name,
        gender,
        idType: "RESIDENT_ID",
        idNumberCipher: id.cipher,
        idNumberHash: id.hash,
        idNumberMasked: id.masked,
        birthDate: new Date(`${birth}T00:00:00Z`),
      },
    });
    const student =
      (await prisma.student.findUnique({
        where: { schoolId_personId: { schoolId: ctx.schoolId, personId: person.id } },
      })) ??
      (await prisma.student.create({
        data: {
          personId: person.id,
          schoolId: ctx.schoolId,
          gradeId: grade.id,
          classId: klass.id,
          stage: cohort.stage,
          studentNo: `G${idNumber}`,
          enrolledOn: new Date(`${cohort.entryYear}-09-01T00:00:00Z`),
          programmeYears: cohort.programmeYears,
        },
      }));
    const state = cohort.states[index % cohort.states.length];
    if (!state) continue;
    if (
      await prisma.application.findFirst({
        where: { personId: person.id, termId: ctx.termId, kind: "REGULAR" },
      })
    )
      continue;
    made += await createApplication(
      prisma,
      ctx,
      { studentId: student.id, personId: person.id, classId: klass.id, name, stage: cohort.stage },
      state,
      index,
    );
  }
  return made;
}

const PATHS: Partial<Record<ApplicationState, ApplicationState[]>> = {
  draft: ["draft"],
  submitted: ["draft", "submitted"],
  verified: ["draft", "submitted", "verified"],
  reviewed: ["draft", "submitted", "verified", "reviewed"],
  determined: ["draft", "submitted", "verified", "reviewed", "determined"],
  waived: ["draft", "waived"],
};

async function createApplication(
  prisma: PrismaClient,
  ctx: { schoolId: string; termId: string; modelId: string; now: Date },
  student: { studentId: string; personId: string; classId: string; name: string; stage: Stage },
  state: ApplicationState,
  index: number,
): Promise<number> {
  const path = PATHS[state] ?? ["draft"];
  const at = (step: number) => new Date(ctx.now.getTime() - (path.length - step) * DAY);
  const has = (s: ApplicationState) => path.includes(s);
  const app = await prisma.application.create({
    data: {
      termId: ctx.termId,
      personId: student.personId,
      studentId: student.studentId,
      schoolId: ctx.schoolId,
      classId: student.classId,
      state,
      version: path.length - 1,
      enrolmentConfirmedAt: at(0),
      policyAcknowledgedAt: at(0),
      waiverReason: state === "waived" ? "家庭经济条件好转，自愿放弃" : null,
      commitmentSignedAt: has("submitted") ? at(1) : null,
      submittedAt: has("submitted") ? at(1) : null,
      verifiedAt: has("verified") ? at(2) : null,
      reviewedAt: has("reviewed") ? at(3) : null,
      draftStep: state === "draft" ? "household" : null,
      household:
        state === "waived"
          ? undefined
          : {
              create: {
                residence: index % 2 ? "RURAL" : "URBAN",
                regionCode: "440105",
                address: `广州市海珠区南华西街${index + 1}号`,
                totalAnnualIncomeFen: 2_400_000 + index * 100_000,
                memberCount: 4,
                stateEmployedParent: false,
                stableIncome: false,
              },
            },
      transitions: {
        create: path.map((to, step) => ({
          fromState: step === 0 ? null : path[step - 1]!,
          toState: to,
          at: at(step),
        })),
      },
    },
  });
  if (state === "determined") {
    // A single-tier stage (中职, 初中) has only 困难 / 不困难 (lib/domain/scoring.ts levelForTier).
    const level = levelForTier(
      DEFAULT_SCORING_MODEL.config.tiers[student.stage],
      LEVELS[index % LEVELS.length]!,
    );
    await prisma.determination.create({
      data: {
        applicationId: app.id,
        scoringModelId: ctx.modelId,
        simulatedScore: 40,
        simulatedLevel: level,
        explanation: { rule: "按阈值认定" },
        finalLevel: level,
        determinedAt: at(4),
      },
    });
  }
  return 1;
}

export async function seedProgressDemo(
  prisma: PrismaClient,
  ctx: { haizhuId: string; termId: string; modelId: string; now: Date },
): Promise<number> {
  idSeq = 700;
  const year = Number(new Date(ctx.now.getTime() + 8 * 3_600_000).toISOString().slice(0, 4));
  const junior = await upsertSchool(prisma, ctx.haizhuId, {
    code: "1144010511",
    name: "广州市海珠区南武实验中学",
    stages: ["JUNIOR"],
  });
  const vocational = await upsertSchool(prisma, ctx.haizhuId, {
    code: "1144010512",
    name: "广州市海珠区职业技术学校",
    stages: ["VOCATIONAL"],
  });
  const base = { termId: ctx.termId, modelId: ctx.modelId, now: ctx.now };
  let made = await seedCohort(
    prisma,
    { ...base, schoolId: junior.id },
    {
      stage: "JUNIOR",
      grade: "初一",
      className: "1班",
      entryYear: year,
      programmeYears: 3,
      names: namesFor(0, 16),
      states: PIPELINE,
    },
  );
  // Behind schedule: the school's own verification deadline passed two days ago, submissions unverified.
  const verifyDeadline = new Date(ctx.now.getTime() - 2 * DAY);
  await prisma.schoolTermSetting.upsert({
    where: { termId_schoolId: { termId: ctx.termId, schoolId: junior.id } },
    update: {},
    create: { termId: ctx.termId, schoolId: junior.id, verifyDeadline },
  });
  // Four years ago on a three-year programme: overdue (逾期) since September of last year.
  made += await seedCohort(
    prisma,
    { ...base, schoolId: vocational.id },
    {
      stage: "VOCATIONAL",
      grade: `${year - 4}级`,
      className: "数控1班",
      entryYear: year - 4,
      programmeYears: 3,
      names: namesFor(20, 5),
      states: ["determined", "submitted", null],
    },
  );
  made += await seedCohort(
    prisma,
    { ...base, schoolId: vocational.id },
    {
      stage: "VOCATIONAL",
      grade: `${year}级`,
      className: "电商1班",
      entryYear: year,
      programmeYears: 3,
      names: namesFor(30, 8),
      states: ["verified", "determined", "waived", null],
    },
  );
  return made;
}
