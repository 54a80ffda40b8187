/**
 * Applications at any point of the determination process, written straight
 * into the test database (households, a determination, publicity batches,
 * rosters), for the determination tests and access probes.
 */
import { seal } from "@/lib/crypto/keys";
import { db } from "@/lib/db/client";
import type { ApplicationState, HardshipLevel, SpecialCategory } from "@/lib/db/generated/enums";
import { seedDefaultModel } from "@/lib/db/seed/applications";
import { makeStudent, type StudentFixture } from "./fixtures";

type SchoolFx = {
  school: { id: string };
  grade: {
    id: string;
    stage: "SENIOR" | "JUNIOR" | "PRIMARY" | "KINDERGARTEN" | "VOCATIONAL" | "COLLEGE" | "GRADUATE";
  };
  klass: { id: string };
};

export async function ensureDefaultModel() {
  return seedDefaultModel(db());
}

export async function currentTermId(): Promise<string> {
  return (await db().aidTerm.findFirstOrThrow({ where: { isCurrent: true }, select: { id: true } })).id;
}

/** Household of a poor rural family: per-capita 500 yuan/month (below the 900 rural standard), father out of work, mother seriously ill. */
type HouseholdFx = {
  residence: "URBAN" | "RURAL";
  totalAnnualIncomeFen: number;
  memberCount: number;
  perCapitaMonthlyIncomeFen: number;
};
export const POOR: HouseholdFx = {
  residence: "RURAL",
  totalAnnualIncomeFen: 1_800_000,
  memberCount: 3,
  perCapitaMonthlyIncomeFen: 50_000,
};
/** Household well above twice the standard: 不困难. */
export const COMFORTABLE: HouseholdFx = {
  residence: "URBAN",
  totalAnnualIncomeFen: 36_000_000,
  memberCount: 3,
  perCapitaMonthlyIncomeFen: 1_000_000,
};

export async function makeApplication(
  s: SchoolFx,
  state: ApplicationState,
  opts: {
    student?: StudentFixture;
    household?: HouseholdFx;
    level?: HardshipLevel;
    categories?: SpecialCategory[];
    name?: string;
  } = {},
) {
  const student = opts.student ?? (await makeStudent(s, { name: opts.name }));
  const termId = await currentTermId();
  const poor = (opts.household ?? POOR) === POOR;
  const existing = await db().application.findFirst({
    where: { personId: student.person.id, termId, kind: "REGULAR" },
  });
  if (existing) return { app: existing, student };
  const app = await db().application.create({
    data: {
      termId,
      personId: student.person.id,
      studentId: student.student.id,
      schoolId: s.school.id,
      classId: s.klass.id,
      state,
      version: 3,
      commitmentSignedAt: new Date(),
      submittedAt: new Date(),
      verifiedAt: new Date(),
      reviewedAt: ["reviewed", "determined", "revoked"].includes(state) ? new Date() : null,
      waiverReason: state === "waived" ? "自愿放弃" : null,
      household: {
        create: {
          ...(opts.household ?? POOR),
          address: "测试地址1号",
          stateEmployedParent: false,
          stableIncome: false,
        },
      },
      familyMembers: {
        create: [
          { name: student.name, relation: "本人", inSchool: true, sortOrder: 0 },
          {
            name: "父亲",
            relation: "父亲",
            workStatus: poor ? "失业" : "在岗",
            annualIncomeFen: 0,
            sortOrder: 1,
          },
          {
            name: "母亲",
            relation: "母亲",
            workStatus: poor ? "丧失劳动能力" : "在岗",
            seriousIllness: poor,
            annualIncomeFen: 0,
            sortOrder: 2,
          },
        ],
      },
      transitions: {
        create: [
          { fromState: null, toState: "draft" },
          { fromState: "draft", toState: "submitted" },
          { fromState: "submitted", toState: "verified" },
        ],
      },
    },
  });
  for (const category of opts.categories ?? []) {
    const id = seal(student.idNumber, "idNumber");
    await db().specialGroupEntry.create({
      data: {
        category,
        source: "CENTRAL",
        name: student.name,
        idNumberCipher: id.cipher,
        idNumberHash: id.hash,
        idNumberMasked: id.masked,
        schoolId: s.school.id,
        listYear: 2026,
        personId: student.person.id,
        matchedAt: new Date(),
      },
    });
  }
  if (state === "determined" || state === "revoked") {
    const model = await ensureDefaultModel();
    const level = opts.level ?? "HARDSHIP";
    await db().determination.create({
      data: {
        applicationId: app.id,
        scoringModelId: model.id,
        simulatedScore: 45,
        simulatedLevel: level,
        explanation: { levelRule: "测试" },
        finalLevel: level,
        determinedAt: new Date(),
      },
    });
  }
  return { app, student };
}

/** A publicity batch open today for a week, listing the given applications. */
export async function makeOpenBatch(schoolId: string, applicationIds: { id: string; name: string }[] = []) {
  const termId = await currentTermId();
  const today = new Date(new Date().toISOString().slice(0, 10) + "T00:00:00Z");
  const user = await db().user.findFirstOrThrow({ select: { id: true } });
  return db().publicityBatch.create({
    data: {
      schoolId,
      termId,
      kind: "DETERMINATION",
      scope: "SCHOOL",
      title: "测试公示",
      startDate: new Date(today.getTime() - 86_400_000),
      endDate: new Date(today.getTime() + 7 * 86_400_000),
      workingDays: 5,
      createdById: user.id,
      items: {
        create: applicationIds.map((a, i) => ({
          applicationId: a.id,
          studentName: a.name,
          className: "1班",
          result: "困难",
          sortOrder: i,
        })),
      },
    },
  });
}

let rosterSeq = 0;
export async function makeRoster(
  schoolId: string,
  entries: { studentId: string; applicationId?: string | null; paid?: boolean }[],
  state: "DRAFT" | "APPROVED" = "DRAFT",
) {
  const termId = await currentTermId();
  // One semester roster per programme, school and term: a fresh programme for every roster.
  const n = ++rosterSeq;
  const programme = await db().aidProgramme.create({
    data: {
      code: `test_roster_${n}_${Date.now()}`,
      name: `测试资助项目${n}`,
      stage: "SENIOR",
      kind: "SUBSIDY",
      eligibleLevels: ["SPECIAL", "HARDSHIP"],
    },
  });
  await db().termProgramme.create({
    data: { termId, programmeId: programme.id, amountMode: "FIXED", fixedAmountFen: 100_000 },
  });
  const approver = state === "APPROVED" ? await db().user.findFirstOrThrow({ select: { id: true } }) : null;
  return db().roster.create({
    data: {
      termId,
      programmeId: programme.id,
      schoolId,
      state,
      approvedById: approver?.id ?? null,
      approvedAt: approver ? new Date() : null,
      entries: {
        create: entries.map((e) => ({
          studentId: e.studentId,
          applicationId: e.applicationId ?? null,
          level: "HARDSHIP",
          amountFen: 100_000,
          paidAt: e.paid ? new Date() : null,
          paidAmountFen: e.paid ? 100_000 : null,
        })),
      },
    },
    include: { entries: true },
  });
}

/** A Beijing calendar day `offset` days from today, as a DATE column value. */
const beijingDayFromToday = (offset: number) =>
  new Date(
    `${new Date(Date.now() + offset * 86_400_000 + 8 * 3_600_000).toISOString().slice(0, 10)}T00:00:00Z`,
  );

/** A grade publicity of the school's grade that ran from 20 to 10 days ago. */
export async function endedGradePublicity(s: { school: { id: string }; grade: { id: string } }) {
  const termId = (await db().aidTerm.findFirstOrThrow({ where: { isCurrent: true } })).id;
  const by = await db().user.findFirstOrThrow({ select: { id: true } });
  return db().publicityBatch.create({
    data: {
      schoolId: s.school.id,
      termId,
      kind: "DETERMINATION",
      scope: "GRADE",
      gradeId: s.grade.id,
      title: "年级公示",
      startDate: beijingDayFromToday(-20),
      endDate: beijingDayFromToday(-10),
      workingDays: 2,
      createdById: by.id,
      state: "FINAL",
    },
  });
}

/** The class's evaluation for the term, submitted now (created with three members if it did not exist). */
export async function submittedClassEvaluation(termId: string, classId: string) {
  return db().classEvaluation.upsert({
    where: { termId_classId: { termId, classId } },
    create: {
      termId,
      classId,
      members: [{ name: "甲" }, { name: "乙" }, { name: "丙" }],
      report: "班级评议",
      submittedAt: new Date(),
    },
    update: { submittedAt: new Date() },
  });
}
