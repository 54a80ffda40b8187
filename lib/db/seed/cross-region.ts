/**
 * Demo data of the supervisor's region queries (本地户籍外地就读, 重点保障人群, 受助情况): a senior-high school
 * in 海珠区 where students registered in 天河区 study, one of whom moved there from 天河区's junior school and
 * has an aid history in two terms at two schools (a determination and paid aid last term, a special-group
 * listing and an application this term). The people registered in 海珠区 or 梅县区 who study in 天河区
 * (lib/db/seed/people.ts) give the converse view. Idempotent: natural keys are looked up first.
 */
import "server-only";
import { seal } from "@/lib/crypto/keys";
import { buildResidentId } from "@/lib/domain/id-number";
import type { PrismaClient } from "../generated/client";
import type { SpecialCategory } from "../generated/enums";
import type { SeededSchool } from "./organisation";

const HAIZHU_SCHOOL = { code: "1144010501", name: "广州市海珠区南武中学" };

type CrossPerson = {
  name: string;
  idNumber: string;
  gender: "MALE" | "FEMALE";
  category: SpecialCategory | null;
};

/** Registered in 天河区 (440106), studying at the 海珠区 school. */
const PEOPLE: CrossPerson[] = [
  {
    name: "周晓楠",
    idNumber: buildResidentId("440106", "2011-02-14", 997, "FEMALE"),
    gender: "FEMALE",
    category: "ORPHAN",
  },
  {
    name: "吴嘉怡",
    idNumber: buildResidentId("440106", "2011-06-23", 995, "FEMALE"),
    gender: "FEMALE",
    category: "MINIMUM_LIVING",
  },
  {
    name: "黄俊熙",
    idNumber: buildResidentId("440106", "2011-09-08", 993, "MALE"),
    gender: "MALE",
    category: null,
  },
];

export async function seedCrossRegion(
  prisma: PrismaClient,
  ctx: {
    regions: { tianhe: { id: string }; haizhu: { id: string } };
    schools: SeededSchool[];
    currentTermId: string;
    modelId: string;
    approverId: string;
  },
): Promise<void> {
  const school = await prisma.school.upsert({
    where: { code: HAIZHU_SCHOOL.code },
    update: {},
    create: { ...HAIZHU_SCHOOL, regionId: ctx.regions.haizhu.id, stages: ["SENIOR"] },
  });
  const grade = await prisma.grade.upsert({
    where: { schoolId_stage_name: { schoolId: school.id, stage: "SENIOR", name: "高一" } },
    update: {},
    create: { schoolId: school.id, stage: "SENIOR", name: "高一", entryYear: 2026, sortOrder: 1 },
  });
  const klass = await prisma.schoolClass.upsert({
    where: { gradeId_name: { gradeId: grade.id, name: "1班" } },
    update: {},
    create: { schoolId: school.id, gradeId: grade.id, name: "1班" },
  });

  const personIds: string[] = [];
  for (const spec of PEOPLE) {
    const id = seal(spec.idNumber, "idNumber");
    const person = await prisma.person.upsert({
      where: { idNumberHash: id.hash },
      update: {},
      create: {
        name: spec.name,
        gender: spec.gender,
        idType: "RESIDENT_ID",
        idNumberCipher: id.cipher,
        idNumberHash: id.hash,
        idNumberMasked: id.masked,
        birthDate: new Date(
          `${spec.idNumber.slice(6, 10)}-${spec.idNumber.slice(10, 12)}-${spec.idNumber.slice(12, 14)}T00:00:00Z`,
        ),
        hukouRegionId: ctx.regions.tianhe.id,
      },
    });
    personIds.push(person.id);
    if (
      !(await prisma.student.findUnique({
        where: { schoolId_personId: { schoolId: school.id, personId: person.id } },
      }))
    )
      await prisma.student.create({
        data: {
          personId: person.id,
          schoolId: school.id,
          gradeId: grade.id,
          classId: klass.id,
          stage: "SENIOR",
          studentNo: `G${spec.idNumber}`,
          enrolledOn: new Date("2026-09-01T00:00:00Z"),
          programmeYears: 3,
        },
      });
    if (spec.category) {
      const key = {
        schoolId_listYear_category_idNumberHash: {
          schoolId: school.id,
          listYear: 2026,
          category: spec.category,
          idNumberHash: id.hash,
        },
      };
      if (!(await prisma.specialGroupEntry.findUnique({ where: key })))
        await prisma.specialGroupEntry.create({
          data: {
            schoolId: school.id,
            category: spec.category,
            source: "CENTRAL",
            name: spec.name,
            listYear: 2026,
            idNumberCipher: id.cipher,
            idNumberHash: id.hash,
            idNumberMasked: id.masked,
            personId: person.id,
            matchedAt: new Date(),
          },
        });
    }
  }

  await seedEarlierSchooling(prisma, ctx, personIds[0]!, PEOPLE[0]!.idNumber);
  // This term 周晓楠 has applied at the 海珠区 school (waiting for the class teacher).
  const moverId = personIds[0]!;
  const enrolment = await prisma.student.findUniqueOrThrow({
    where: { schoolId_personId: { schoolId: school.id, personId: moverId } },
  });
  if (
    !(await prisma.application.findFirst({
      where: { personId: moverId, termId: ctx.currentTermId, kind: "REGULAR" },
    }))
  )
    await prisma.application.create({
      data: {
        termId: ctx.currentTermId,
        personId: moverId,
        studentId: enrolment.id,
        schoolId: school.id,
        classId: klass.id,
        state: "submitted",
        commitmentSignedAt: new Date(),
        submittedAt: new Date(),
      },
    });
}

/** 周晓楠's 初二 at 天河区's junior school last term: determined 困难, on the approved and paid boarding roster. */
async function seedEarlierSchooling(
  prisma: PrismaClient,
  ctx: { schools: SeededSchool[]; modelId: string; approverId: string },
  personId: string,
  idNumber: string,
) {
  const junior = ctx.schools.find((school) => school.key === "jun");
  const klass = junior?.classes.find((c) => c.label === "初二1班");
  const past = await prisma.aidTerm.findUnique({
    where: { academicYear_semester: { academicYear: "2025-2026", semester: "SPRING" } },
  });
  const programme = await prisma.aidProgramme.findUnique({ where: { code: "compulsory_boarding_junior" } });
  if (!junior || !klass || !past || !programme) return;
  if (await prisma.application.findFirst({ where: { personId, termId: past.id, kind: "REGULAR" } })) return;
  const earlier =
    (await prisma.student.findUnique({ where: { schoolId_personId: { schoolId: junior.id, personId } } })) ??
    (await prisma.student.create({
      data: {
        personId,
        schoolId: junior.id,
        gradeId: klass.gradeId,
        classId: klass.id,
        stage: "JUNIOR",
        studentNo: `G${idNumber}`,
        enrolledOn: new Date("2024-09-01T00:00:00Z"),
        programmeYears: 3,
        status: "TRANSFERRED_OUT",
      },
    }));
  const application = await prisma.application.create({
    data: {
      termId: past.id,
      personId,
      studentId: earlier.id,
      schoolId: junior.id,
      classId: klass.id,
      state: "determined",
      commitmentSignedAt: new Date("2026-03-04T02:00:00Z"),
      submittedAt: new Date("2026-03-04T02:00:00Z"),
      verifiedAt: new Date("2026-03-12T02:00:00Z"),
      reviewedAt: new Date("2026-03-20T02:00:00Z"),
      programmes: { create: [{ programmeId: programme.id }] },
    },
  });
  await prisma.determination.create({
    data: {
      applicationId: application.id,
      scoringModelId: ctx.modelId,
      simulatedScore: 58,
      simulatedLevel: "HARDSHIP",
      explanation: { levelRule: "特殊群体：孤儿" },
      finalLevel: "HARDSHIP",
      determinedAt: new Date("2026-03-28T02:00:00Z"),
    },
  });
  const roster =
    (await prisma.roster.findFirst({
      where: { termId: past.id, programmeId: programme.id, schoolId: junior.id, month: null },
    })) ??
    (await prisma.roster.create({
      data: {
        termId: past.id,
        programmeId: programme.id,
        schoolId: junior.id,
        state: "APPROVED",
        approvedById: ctx.approverId,
        approvedAt: new Date("2026-04-02T02:00:00Z"),
      },
    }));
  await prisma.rosterEntry.create({
    data: {
      rosterId: roster.id,
      studentId: earlier.id,
      applicationId: application.id,
      level: "HARDSHIP",
      amountFen: 62_500,
      paidAmountFen: 62_500,
      paidAt: new Date("2026-04-20T02:00:00Z"),
    },
  });
  // The payment's history row: its aid record (受助记录, migration 510) follows from it.
  await prisma.rosterPayment.create({
    data: {
      rosterId: roster.id,
      studentId: earlier.id,
      kind: "PAYMENT",
      amountFen: 62_500,
      recordedById: ctx.approverId,
      at: new Date("2026-04-20T02:00:00Z"),
    },
  });
}
