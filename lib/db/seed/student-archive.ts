/**
 * Demo data of the 资助档案 (/console/students/[studentId]/archive): 何思琪 finished 初中 at 天河区's 华阳中学
 * (初二2班 in the demo's classes, 毕业) and is now in 天河中学's 高一2班. At the junior high, last term: an
 * application determined 困难 by the grade committee over a lower simulated level (with its reason), the boarding
 * subsidy paid and signed for (签收), a special-group listing (残疾人子女); at the senior high, this term: an
 * application waiting for the class teacher (teacher_sen2). admin_sen sees both schools' records, the junior
 * high's masked; admin_jun sees only the junior high's. Idempotent: natural keys are looked up first.
 */
import "server-only";
import { seal } from "@/lib/crypto/keys";
import type { PrismaClient } from "../generated/client";
import { ARCHIVE_DEMO } from "./demo-accounts";
import type { SeededSchool } from "./organisation";

type Context = {
  schools: SeededSchool[];
  tianheId: string;
  currentTermId: string;
  modelId: string;
  juniorAdminId: string;
};

export async function seedStudentArchive(prisma: PrismaClient, ctx: Context): Promise<void> {
  const juniorClass = ctx.schools
    .find((school) => school.key === "jun")
    ?.classes.find((c) => c.label === ARCHIVE_DEMO.juniorClass);
  const seniorClass = ctx.schools
    .find((school) => school.key === "sen")
    ?.classes.find((c) => c.label === ARCHIVE_DEMO.seniorClass);
  const past = await prisma.aidTerm.findUnique({
    where: { academicYear_semester: { academicYear: "2025-2026", semester: "SPRING" } },
  });
  const boarding = await prisma.aidProgramme.findUnique({ where: { code: "compulsory_boarding_junior" } });
  const grant = await prisma.aidProgramme.findUnique({ where: { code: "senior_national_grant" } });
  if (!juniorClass || !seniorClass || !past || !boarding || !grant) return;

  const id = seal(ARCHIVE_DEMO.idNumber, "idNumber");
  const person = await prisma.person.upsert({
    where: { idNumberHash: id.hash },
    update: {},
    create: {
      name: ARCHIVE_DEMO.name,
      gender: "FEMALE",
      idType: "RESIDENT_ID",
      idNumberCipher: id.cipher,
      idNumberHash: id.hash,
      idNumberMasked: id.masked,
      birthDate: new Date("2010-05-16T00:00:00Z"),
      hukouRegionId: ctx.tianheId,
    },
  });
  const enrol = async (
    klass: typeof juniorClass,
    data: { enrolledOn: string; status: "GRADUATED" | "IN_SCHOOL" },
  ) =>
    (await prisma.student.findUnique({
      where: { schoolId_personId: { schoolId: klass.schoolId, personId: person.id } },
    })) ??
    prisma.student.create({
      data: {
        personId: person.id,
        schoolId: klass.schoolId,
        gradeId: klass.gradeId,
        classId: klass.id,
        stage: klass.stage,
        studentNo: `G${ARCHIVE_DEMO.idNumber}`,
        enrolledOn: new Date(`${data.enrolledOn}T00:00:00Z`),
        programmeYears: 3,
        status: data.status,
      },
    });
  const junior = await enrol(juniorClass, { enrolledOn: "2023-09-01", status: "GRADUATED" });
  const senior = await enrol(seniorClass, { enrolledOn: "2026-09-01", status: "IN_SCHOOL" });

  const listKey = {
    schoolId_listYear_category_idNumberHash: {
      schoolId: juniorClass.schoolId,
      listYear: 2025,
      category: "CHILD_OF_DISABLED" as const,
      idNumberHash: id.hash,
    },
  };
  if (!(await prisma.specialGroupEntry.findUnique({ where: listKey })))
    await prisma.specialGroupEntry.create({
      data: {
        ...listKey.schoolId_listYear_category_idNumberHash,
        source: "CENTRAL",
        name: ARCHIVE_DEMO.name,
        idNumberCipher: id.cipher,
        idNumberMasked: id.masked,
        personId: person.id,
        matchedAt: new Date("2025-09-20T02:00:00Z"),
      },
    });

  if (
    !(await prisma.application.findFirst({
      where: { personId: person.id, termId: past.id, kind: "REGULAR" },
    }))
  )
    await seedJuniorTerm(
      prisma,
      { ...ctx, personId: person.id, studentId: junior.id, klass: juniorClass },
      past.id,
      boarding.id,
    );

  if (
    !(await prisma.application.findFirst({
      where: { personId: person.id, termId: ctx.currentTermId, kind: "REGULAR" },
    }))
  )
    await prisma.application.create({
      data: {
        termId: ctx.currentTermId,
        personId: person.id,
        studentId: senior.id,
        schoolId: seniorClass.schoolId,
        classId: seniorClass.id,
        state: "submitted",
        commitmentSignedAt: new Date(),
        submittedAt: new Date(),
        programmes: { create: [{ programmeId: grant.id }] },
        transitions: {
          create: [
            { fromState: null, toState: "draft", actorRole: "STUDENT" },
            { fromState: "draft", toState: "submitted", actorRole: "STUDENT" },
          ],
        },
      },
    });
}

/** Last term at the junior high: determined 困难 (raised by the grade committee), paid and signed for. */
async function seedJuniorTerm(
  prisma: PrismaClient,
  ctx: Context & { personId: string; studentId: string; klass: { id: string; schoolId: string } },
  termId: string,
  programmeId: string,
) {
  const application = await prisma.application.create({
    data: {
      termId,
      personId: ctx.personId,
      studentId: ctx.studentId,
      schoolId: ctx.klass.schoolId,
      classId: ctx.klass.id,
      state: "determined",
      commitmentSignedAt: new Date("2026-03-03T02:00:00Z"),
      submittedAt: new Date("2026-03-03T02:00:00Z"),
      verifiedAt: new Date("2026-03-10T02:00:00Z"),
      reviewedAt: new Date("2026-03-18T02:00:00Z"),
      programmes: { create: [{ programmeId }] },
      transitions: {
        create: [
          { fromState: null, toState: "draft", at: new Date("2026-03-02T02:00:00Z") },
          { fromState: "draft", toState: "submitted", at: new Date("2026-03-03T02:00:00Z") },
          {
            fromState: "submitted",
            toState: "verified",
            actorRole: "TEACHER",
            comment: "已入户走访核实",
            at: new Date("2026-03-10T02:00:00Z"),
          },
          {
            fromState: "verified",
            toState: "determined",
            actorRole: "SCHOOL_ADMIN",
            at: new Date("2026-03-26T02:00:00Z"),
          },
        ],
      },
    },
  });
  await prisma.determination.create({
    data: {
      applicationId: application.id,
      scoringModelId: ctx.modelId,
      simulatedScore: 38,
      simulatedLevel: "NONE",
      explanation: { levelRule: "积分38分，低于困难线", tierRule: "义务教育阶段不分档：困难 / 不困难" },
      gradeAdjustedLevel: "HARDSHIP",
      gradeAdjustReason: "母亲持残疾证（二级），父亲务农收入不稳定，年级认定小组调整为困难",
      finalLevel: "HARDSHIP",
      overrideReason: "采纳年级认定小组意见",
      determinedById: ctx.juniorAdminId,
      determinedAt: new Date("2026-03-26T02:00:00Z"),
    },
  });
  const roster =
    (await prisma.roster.findFirst({
      where: { termId, programmeId, schoolId: ctx.klass.schoolId, month: null },
    })) ??
    (await prisma.roster.create({
      data: {
        termId,
        programmeId,
        schoolId: ctx.klass.schoolId,
        state: "APPROVED",
        approvedById: ctx.juniorAdminId,
        approvedAt: new Date("2026-04-02T02:00:00Z"),
      },
    }));
  await prisma.rosterEntry.create({
    data: {
      rosterId: roster.id,
      studentId: ctx.studentId,
      applicationId: application.id,
      level: "HARDSHIP",
      amountFen: 62_500,
      paidAmountFen: 62_500,
      paidAt: new Date("2026-04-20T02:00:00Z"),
      receiptConfirmedAt: new Date("2026-04-22T02:00:00Z"),
      receiptConfirmedById: ctx.juniorAdminId,
    },
  });
  // The payment's history row: its aid record (受助记录, migration 510) follows from it.
  await prisma.rosterPayment.create({
    data: {
      rosterId: roster.id,
      studentId: ctx.studentId,
      kind: "PAYMENT",
      amountFen: 62_500,
      recordedById: ctx.juniorAdminId,
      at: new Date("2026-04-20T02:00:00Z"),
    },
  });
}
