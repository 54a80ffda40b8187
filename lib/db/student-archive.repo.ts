/**
 * 资助档案: one person's records across terms and schools (lib/services/student-archive.ts). The archive is
 * opened through an enrolment found under the caller's Scope (`findArchiveSubject`); the records are then read
 * for that subject's person and only for the schools lib/domain/student-archive.ts grants (`archiveRecordsOf`
 * takes the subject, so it cannot be called without the scoped lookup). Every read is by an index: the person's
 * enrolments ("Student_personId_idx"), applications ("Application_regular_person_term_key" and the application-of-record index), roster entries
 * ("RosterEntry_studentId_idx"), payments ("RosterPayment_studentId_at_idx", migration 655), aid records
 * ("AidRecord_personId_programmeId_period_key"), special-group listings by person or by the ID number's blind
 * index ("SpecialGroupEntry_personId_idx", "SpecialGroupEntry_idNumberHash_idx").
 */
import "server-only";
import type { Scope } from "@/lib/auth/scope";
import { db } from "./client";
import { studentWhere } from "./scope";

const SCHOOL = { select: { id: true, name: true, region: { select: { name: true, path: true } } } } as const;

/** The enrolment the archive is opened through, when the caller's scope reaches it. */
export async function findArchiveSubject(scope: Scope, studentId: string) {
  return db().student.findFirst({
    where: { AND: [studentWhere(scope), { id: studentId }] },
    select: {
      id: true,
      personId: true,
      schoolId: true,
      status: true,
      enrolledOn: true,
      stage: true,
      studentNo: true,
      school: SCHOOL,
      grade: { select: { name: true } },
      class: { select: { name: true } },
      person: { select: { name: true, gender: true, idNumberMasked: true, idNumberHash: true } },
    },
  });
}
export type ArchiveSubject = NonNullable<Awaited<ReturnType<typeof findArchiveSubject>>>;

/** All enrolments of the subject's person (which schools exist is needed to decide which the caller sees). */
export async function enrolmentsOf(subject: ArchiveSubject) {
  return db().student.findMany({
    where: { personId: subject.personId },
    orderBy: [{ enrolledOn: "asc" }, { id: "asc" }],
    select: {
      id: true,
      schoolId: true,
      status: true,
      enrolledOn: true,
      stage: true,
      school: SCHOOL,
      grade: { select: { name: true } },
      class: { select: { name: true } },
    },
  });
}

/** The subject's records at the given schools (the ones the caller may see), oldest first. */
export async function archiveRecordsOf(subject: ArchiveSubject, schoolIds: string[]) {
  const personId = subject.personId;
  const inSchools = { in: schoolIds };
  const [applications, specialGroups, rosterEntries, payments, aidRecords] = await Promise.all([
    db().application.findMany({
      where: { personId, schoolId: inSchools },
      orderBy: [{ term: { applyStart: "asc" } }, { createdAt: "asc" }, { id: "asc" }],
      select: {
        id: true,
        schoolId: true,
        state: true,
        enteredOnPaper: true,
        submittedAt: true,
        waiverReason: true,
        term: { select: { name: true } },
        class: { select: { name: true, grade: { select: { name: true } } } },
        programmes: { select: { programme: { select: { name: true } } } },
        determination: {
          select: {
            scoringModel: { select: { name: true, version: true } },
            simulatedScore: true,
            simulatedLevel: true,
            explanation: true,
            gradeAdjustedLevel: true,
            gradeAdjustReason: true,
            finalLevel: true,
            overrideReason: true,
            determinedAt: true,
            revokedAt: true,
            revokeReason: true,
            revokeDetail: true,
            recoveryRequired: true,
          },
        },
        transitions: {
          orderBy: [{ at: "asc" }, { id: "asc" }],
          select: { id: true, fromState: true, toState: true, actorRole: true, comment: true, at: true },
        },
      },
    }),
    db().specialGroupEntry.findMany({
      where: {
        schoolId: inSchools,
        OR: [{ personId }, { idNumberHash: subject.person.idNumberHash }],
      },
      orderBy: [{ listYear: "asc" }, { category: "asc" }, { id: "asc" }],
      select: { id: true, schoolId: true, category: true, source: true, listYear: true, note: true },
    }),
    db().rosterEntry.findMany({
      where: { student: { personId }, roster: { schoolId: inSchools } },
      orderBy: [{ roster: { term: { applyStart: "asc" } } }, { roster: { month: "asc" } }, { id: "asc" }],
      select: {
        id: true,
        level: true,
        amountFen: true,
        paidAmountFen: true,
        paidAt: true,
        receiptConfirmedAt: true,
        note: true,
        exceptionReason: true,
        roster: {
          select: {
            schoolId: true,
            month: true,
            state: true,
            term: { select: { name: true } },
            programme: { select: { name: true } },
          },
        },
      },
    }),
    db().rosterPayment.findMany({
      where: { student: { personId }, roster: { schoolId: inSchools } },
      orderBy: [{ at: "asc" }, { id: "asc" }],
      select: {
        id: true,
        kind: true,
        amountFen: true,
        previousAmountFen: true,
        reason: true,
        at: true,
        roster: {
          select: {
            schoolId: true,
            month: true,
            term: { select: { name: true } },
            programme: { select: { name: true } },
          },
        },
      },
    }),
    db().aidRecord.findMany({
      where: { personId, schoolId: inSchools },
      orderBy: [{ paidAt: "asc" }, { id: "asc" }],
      select: {
        id: true,
        schoolId: true,
        period: true,
        amountFen: true,
        state: true,
        paidAt: true,
        reversedAt: true,
        reversalReason: true,
        programme: { select: { name: true } },
      },
    }),
  ]);
  return { applications, specialGroups, rosterEntries, payments, aidRecords };
}
export type ArchiveRecords = Awaited<ReturnType<typeof archiveRecordsOf>>;
