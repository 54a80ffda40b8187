/**
 * 资助档案 (档案全学段衔接): a student's aid file across terms and schools — enrolments, applications with their
 * determinations (scoring model and version, simulated score, the rule that set the level, the committee's and
 * the school's reasons, revocations), special-group listings, roster entries with payment and 签收, the payment
 * history and the aid records. Who sees which school's records: lib/domain/student-archive.ts. The records of
 * a school shown `masked` lose their class names and have the numbers written into their free text starred
 * (`maskFreeText`); ID numbers are shown masked everywhere, bank accounts never. Every view is audited.
 */
import "server-only";
import {
  archiveRecordsOf,
  enrolmentsOf,
  findArchiveSubject,
  type ArchiveRecords,
  type ArchiveSubject,
} from "@/lib/db/student-archive.repo";
import { maskStudentNo } from "@/lib/domain/mask";
import { fail, ok, type ActionResult } from "@/lib/domain/result";
import type { SessionUser } from "@/lib/domain/session-user";
import {
  archiveSchools,
  isCurrentEnrolment,
  maskFreeText,
  type ArchiveViewer,
  type SchoolView,
} from "@/lib/domain/student-archive";
import { idSchema } from "@/lib/schemas/id";
import { audit } from "./audit";
import { accessContext } from "./context";

export const ARCHIVE_NOT_FOUND = "未找到该学生，或您无权查看其资助档案。";

export type ArchiveSchool = {
  id: string;
  name: string;
  regionName: string;
  view: SchoolView;
  /** The caller's own school (school staff only): its records link to the school's own pages. */
  own: boolean;
  /** The person's enrolment there is current (在读/休学). */
  current: boolean;
};

type Records = ArchiveRecords;
type Determination = NonNullable<Records["applications"][number]["determination"]>;

function levelRuleOf(explanation: unknown): { levelRule: string | null; tierRule: string | null } {
  if (!explanation || typeof explanation !== "object") return { levelRule: null, tierRule: null };
  const stored = explanation as { levelRule?: unknown; tierRule?: unknown };
  return {
    levelRule: typeof stored.levelRule === "string" ? stored.levelRule : null,
    tierRule: typeof stored.tierRule === "string" ? stored.tierRule : null,
  };
}

function determinationView(determination: Determination, masked: boolean) {
  const text = (value: string | null) => (masked ? maskFreeText(value) : value);
  const rules = levelRuleOf(determination.explanation);
  return {
    modelName: determination.scoringModel.name,
    modelVersion: determination.scoringModel.version,
    simulatedScore: determination.simulatedScore,
    simulatedLevel: determination.simulatedLevel,
    levelRule: rules.levelRule,
    tierRule: rules.tierRule,
    gradeAdjustedLevel: determination.gradeAdjustedLevel,
    gradeAdjustReason: text(determination.gradeAdjustReason),
    finalLevel: determination.finalLevel,
    overrideReason: text(determination.overrideReason),
    determinedAt: determination.determinedAt,
    revokedAt: determination.revokedAt,
    revokeReason: determination.revokeReason,
    revokeDetail: text(determination.revokeDetail),
    recoveryRequired: determination.recoveryRequired,
  };
}

/** The records as the caller sees them: masked ones without class names and with starred numbers. */
function shapeRecords(records: Records, schools: Map<string, ArchiveSchool>) {
  const masked = (schoolId: string) => schools.get(schoolId)?.view !== "full";
  const text = (schoolId: string, value: string | null) => (masked(schoolId) ? maskFreeText(value) : value);
  return {
    applications: records.applications.map((application) => ({
      id: application.id,
      schoolId: application.schoolId,
      termName: application.term.name,
      className: masked(application.schoolId)
        ? null
        : `${application.class.grade.name}${application.class.name}`,
      state: application.state,
      enteredOnPaper: application.enteredOnPaper,
      submittedAt: application.submittedAt,
      waiverReason: text(application.schoolId, application.waiverReason),
      programmes: application.programmes.map((item) => item.programme.name),
      determination: application.determination
        ? determinationView(application.determination, masked(application.schoolId))
        : null,
      transitions: application.transitions.map((transition) => ({
        ...transition,
        comment: text(application.schoolId, transition.comment),
      })),
    })),
    specialGroups: records.specialGroups.map((entry) => ({
      ...entry,
      note: text(entry.schoolId, entry.note),
    })),
    rosterEntries: records.rosterEntries.map((entry) => ({
      id: entry.id,
      schoolId: entry.roster.schoolId,
      termName: entry.roster.term.name,
      month: entry.roster.month,
      programmeName: entry.roster.programme.name,
      rosterState: entry.roster.state,
      level: entry.level,
      amountFen: entry.amountFen,
      paidAmountFen: entry.paidAmountFen,
      paidAt: entry.paidAt,
      receiptConfirmedAt: entry.receiptConfirmedAt,
      note: text(entry.roster.schoolId, entry.note),
      exceptionReason: text(entry.roster.schoolId, entry.exceptionReason),
    })),
    payments: records.payments.map((payment) => ({
      id: payment.id,
      schoolId: payment.roster.schoolId,
      termName: payment.roster.term.name,
      month: payment.roster.month,
      programmeName: payment.roster.programme.name,
      kind: payment.kind,
      amountFen: payment.amountFen,
      previousAmountFen: payment.previousAmountFen,
      reason: text(payment.roster.schoolId, payment.reason),
      at: payment.at,
    })),
    aidRecords: records.aidRecords.map((record) => ({
      id: record.id,
      schoolId: record.schoolId,
      period: record.period,
      programmeName: record.programme.name,
      amountFen: record.amountFen,
      state: record.state,
      paidAt: record.paidAt,
      reversedAt: record.reversedAt,
      reversalReason: text(record.schoolId, record.reversalReason),
    })),
  };
}

function subjectView(subject: ArchiveSubject) {
  return {
    studentId: subject.id,
    name: subject.person.name,
    gender: subject.person.gender,
    idNumberMasked: subject.person.idNumberMasked,
    studentNoMasked: maskStudentNo(subject.studentNo),
    schoolName: subject.school.name,
    className: `${subject.grade.name}${subject.class.name}`,
    stage: subject.stage,
    status: subject.status,
  };
}

export type StudentArchive = {
  student: ReturnType<typeof subjectView>;
  viewer: ArchiveViewer["kind"];
  schools: ArchiveSchool[];
  enrolments: {
    id: string;
    schoolId: string;
    stage: ArchiveSubject["stage"];
    status: ArchiveSubject["status"];
    enrolledOn: Date;
    className: string | null;
  }[];
} & ReturnType<typeof shapeRecords>;

/**
 * Opens a student's aid file through one of their enrolments (`studentId`) the caller's scope reaches: school
 * staff through their own school's enrolment (a teacher: of their own classes), a supervisor through an
 * enrolment at a school of their subtree. Anything else is "not found", never told apart.
 */
export async function viewStudentArchive(
  user: SessionUser | null,
  studentId: string,
  ip: string | null = null,
): Promise<ActionResult<StudentArchive>> {
  const ctx = accessContext(user, "student_archive.view");
  if (!ctx.ok) return ctx;
  if (!idSchema.safeParse(studentId).success) return fail("NOT_FOUND", ARCHIVE_NOT_FOUND);
  const subject = await findArchiveSubject(ctx.data.scope, studentId);
  if (!subject) return fail("NOT_FOUND", ARCHIVE_NOT_FOUND);
  const scope = ctx.data.scope;
  const viewer: ArchiveViewer | null =
    scope.role === "SUPERVISOR"
      ? { kind: "region", regionPath: scope.regionPath }
      : "schoolId" in scope
        ? { kind: "school", schoolId: scope.schoolId }
        : null;
  if (!viewer) return fail("NOT_FOUND", ARCHIVE_NOT_FOUND);
  const enrolments = await enrolmentsOf(subject);
  const asArchive = (enrolment: (typeof enrolments)[number] | ArchiveSubject) => ({
    schoolId: enrolment.schoolId,
    status: enrolment.status,
    enrolledOn: enrolment.enrolledOn,
    regionPath: enrolment.school.region.path,
  });
  const views = archiveSchools(viewer, asArchive(subject), enrolments.map(asArchive));
  const schools = new Map<string, ArchiveSchool>();
  for (const enrolment of enrolments) {
    const view = views.get(enrolment.schoolId);
    if (!view || schools.has(enrolment.schoolId)) continue;
    schools.set(enrolment.schoolId, {
      id: enrolment.schoolId,
      name: enrolment.school.name,
      regionName: enrolment.school.region.name,
      view,
      own: viewer.kind === "school" && enrolment.schoolId === viewer.schoolId,
      current: isCurrentEnrolment(enrolment.status),
    });
  }
  const records = await archiveRecordsOf(subject, [...schools.keys()]);
  const shownSchools = [...schools.values()];
  await audit(
    ctx.data,
    "student_archive.view",
    { type: "Student", id: subject.id },
    {
      personId: subject.personId,
      schools: shownSchools.length,
      maskedSchools: shownSchools.filter((school) => school.view === "masked").length,
    },
    { ip },
  );
  return ok({
    student: subjectView(subject),
    viewer: viewer.kind,
    schools: shownSchools,
    enrolments: enrolments
      .filter((enrolment) => schools.has(enrolment.schoolId))
      .map((enrolment) => ({
        id: enrolment.id,
        schoolId: enrolment.schoolId,
        stage: enrolment.stage,
        status: enrolment.status,
        enrolledOn: enrolment.enrolledOn,
        className:
          schools.get(enrolment.schoolId)?.view === "full"
            ? `${enrolment.grade.name}${enrolment.class.name}`
            : null,
      })),
    ...shapeRecords(records, schools),
  });
}
