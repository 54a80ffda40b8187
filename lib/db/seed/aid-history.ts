/**
 * Aid given in the demo (approved rosters of the past and the current term — but not the current grants of the
 * junior and senior schools, which the school loop builds —, payments of the past term, 未资助原因
 * for some special-group students), so the supervisor statistics and their charts are not empty (the seed's
 * rollup rebuild computes them). Idempotent: a roster or no-aid record that exists is left as it is.
 */
import "server-only";
import type { PrismaClient } from "../generated/client";
import type { HardshipLevel, NoAidReason, SpecialCategory } from "../generated/enums";
import type { SeededSchool } from "./organisation";
import { PROGRAMMES } from "./terms";

type Entry = { studentId: string; level: HardshipLevel | null; amountFen: number };
type Programme = {
  id: string;
  code: string;
  stage: string;
  kind: string;
  period: string;
  eligibleLevels: HardshipLevel[];
  eligibleCategories: SpecialCategory[];
};

/** Schools whose current-term grant rosters the school loop builds itself (README walk-through, e2e). */
const SCHOOLS_WALKED_BY_THE_LOOP = new Set(["jun", "sen"]);

const NO_AID_REASONS: NoAidReason[] = ["WAIVED", "AIDED_ELSEWHERE", "LEFT_SCHOOL", "OTHER"];

function amountOf(code: string, level: HardshipLevel | null): number {
  const spec = PROGRAMMES.find((programme) => programme.code === code)!;
  if ("fixed" in spec.amount) return spec.amount.fixed;
  if (level === "GENERAL") return spec.amount.general ?? spec.amount.hardship;
  return level === "HARDSHIP" ? spec.amount.hardship : spec.amount.special;
}

export async function seedAidHistory(
  prisma: PrismaClient,
  terms: { currentId: string; pastId: string },
  schools: SeededSchool[],
  admins: Record<string, string>,
) {
  const programmes: Programme[] = await prisma.aidProgramme.findMany({
    where: { code: { in: PROGRAMMES.map((programme) => programme.code) } },
    select: {
      id: true,
      code: true,
      stage: true,
      kind: true,
      period: true,
      eligibleLevels: true,
      eligibleCategories: true,
    },
  });
  for (const school of schools) {
    const admin = admins[school.key]!;
    const students = await prisma.student.findMany({
      where: { schoolId: school.id, status: "IN_SCHOOL" },
      select: { id: true, personId: true, stage: true },
      orderBy: { studentNo: "asc" },
    });
    const groupEntries = await prisma.specialGroupEntry.findMany({
      where: { schoolId: school.id, personId: { not: null } },
      select: { personId: true, category: true },
    });
    const special = new Set(groupEntries.map((entry) => entry.personId!));
    // A monthly fee waiver (中职 免学费, whose lists lib/db/seed/vocational-lists.ts adopts) only for a student of a
    // group it lists, as its build does (lib/db/vocational-list.repo.ts buildEntries).
    const waiverCovers = (programme: Programme | undefined, personId: string) =>
      programme &&
      (programme.period !== "MONTHLY" ||
        groupEntries.some(
          (entry) => entry.personId === personId && programme.eligibleCategories.includes(entry.category),
        ))
        ? programme
        : undefined;
    const specialStudents = students.filter((student) => special.has(student.personId));
    const subsidyOf = (stage: string) =>
      programmes.find((programme) => programme.stage === stage && programme.kind === "SUBSIDY");
    const waiverOf = (stage: string) =>
      programmes.find((programme) => programme.stage === stage && programme.kind === "FEE_WAIVER");

    for (const termId of [terms.pastId, terms.currentId]) {
      const current = termId === terms.currentId;
      const rosters = new Map<Programme, Entry[]>();
      const add = (programme: Programme | undefined, entry: Entry) => {
        if (!programme) return;
        const list = rosters.get(programme) ?? [];
        if (!list.some((one) => one.studentId === entry.studentId)) list.push(entry);
        rosters.set(programme, list);
      };
      // Determined students of the term get their stage's grant at their level.
      const determined = await prisma.application.findMany({
        where: { termId, schoolId: school.id, state: "determined", determination: { revokedAt: null } },
        select: {
          studentId: true,
          student: { select: { stage: true } },
          determination: { select: { finalLevel: true } },
        },
      });
      for (const application of determined) {
        const level = application.determination?.finalLevel ?? null;
        const programme = subsidyOf(application.student.stage);
        if (!level || level === "NONE" || !programme?.eligibleLevels.includes(level)) continue;
        add(programme, {
          studentId: application.studentId,
          level,
          amountFen: amountOf(programme.code, level),
        });
      }
      // The past term had no applications in the demo: every sixth student was aided at the 困难 amount.
      if (!current)
        students.forEach((student, index) => {
          const programme = subsidyOf(student.stage);
          if (index % 6 === 1 && programme)
            add(programme, {
              studentId: student.id,
              level: null,
              amountFen: amountOf(programme.code, "HARDSHIP"),
            });
        });
      // Special-group students: a third aided (fee waiver, else the grant), a third with a recorded reason for
      // no aid, a third without a reason yet; the past term aided two in three.
      for (const [index, student] of specialStudents.entries()) {
        const aided = current ? index % 3 === 0 : index % 3 !== 2;
        if (aided) {
          const programme =
            waiverCovers(waiverOf(student.stage), student.personId) ?? subsidyOf(student.stage);
          if (programme)
            add(programme, {
              studentId: student.id,
              level: null,
              amountFen: amountOf(programme.code, "SPECIAL"),
            });
        } else if (current ? index % 3 === 1 : true) {
          const key = { termId_studentId: { termId, studentId: student.id } };
          if (!(await prisma.noAidRecord.findUnique({ where: key })))
            await prisma.noAidRecord.create({
              data: {
                termId,
                schoolId: school.id,
                studentId: student.id,
                reason: NO_AID_REASONS[index % NO_AID_REASONS.length]!,
                detail: "演示数据",
                recordedById: admin,
              },
            });
        }
      }
      for (const [programme, entries] of rosters) {
        // The current grants of the junior and senior schools are left to the school loop: the README's walk
        // and the e2e tests generate and approve them (a seeded approved roster would lock them).
        if (current && SCHOOLS_WALKED_BY_THE_LOOP.has(school.key) && programme.kind === "SUBSIDY") continue;
        // Monthly programmes (中职 助学金): two months' rosters, i.e. two person-times per student.
        const months = programme.period === "MONTHLY" ? (current ? [9, 10] : [3, 4]) : [null];
        for (const month of months) {
          const exists = await prisma.roster.findFirst({
            where: { termId, programmeId: programme.id, schoolId: school.id, month },
          });
          if (exists) continue;
          const paidAt = current ? null : new Date("2026-05-20T02:00:00Z");
          const roster = await prisma.roster.create({
            data: {
              termId,
              programmeId: programme.id,
              schoolId: school.id,
              month,
              state: "APPROVED",
              approvedById: admin,
              approvedAt: current ? new Date() : new Date("2026-04-15T02:00:00Z"),
              entries: {
                create: entries.map((entry) => ({
                  studentId: entry.studentId,
                  level: entry.level,
                  amountFen: entry.amountFen,
                  paidAt,
                  paidAmountFen: paidAt ? entry.amountFen : null,
                })),
              },
            },
          });
          if (paidAt)
            await prisma.rosterPayment.createMany({
              data: entries.map((entry) => ({
                rosterId: roster.id,
                studentId: entry.studentId,
                kind: "PAYMENT" as const,
                amountFen: entry.amountFen,
                recordedById: admin,
                at: paidAt,
              })),
            });
        }
      }
    }
  }
}
