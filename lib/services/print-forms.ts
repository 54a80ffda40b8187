/**
 * The printed forms (components/print/*): each loader reads one kind of document for one student, one class
 * or one list within the caller's scope and shapes it as the plain data of lib/domain/print-forms.ts.
 * The `…Docs` functions take a scope and a term (the term archive job calls them for the whole school); the
 * `load…` functions are the pages' entry: context from the access matrix, the current term, and an audit
 * entry for the forms that carry personal data (application form, scoring sheet, sign-off sheet).
 */
import "server-only";
import { findClassInScope } from "@/lib/db/class-evaluation.repo";
import { isId } from "@/lib/schemas/id";
import type { Scope } from "@/lib/auth/scope";
import { findForScoring } from "@/lib/db/scoring-input.repo";
import {
  findDeterminationSummary,
  findEvaluationRecord,
  findPublicityTable,
  findSignOffRoster,
  listApplicationForms,
  listHomeVisits,
  listPrintClasses,
  listPrintRosters,
  listPublicityBatches,
  type PrintSelection,
} from "@/lib/db/print-forms.repo";
import {
  GENDER_LABELS,
  HARDSHIP_LEVEL_LABELS,
  RESIDENCE_LABELS,
  REVIEW_STEP_LABELS,
  SPECIAL_CATEGORY_LABELS,
  STAGE_LABELS,
  SUDDEN_EVENT_KIND_LABELS,
} from "@/lib/domain/codes";
import { fenToYuan } from "@/lib/domain/household";
import { maskStudentNo } from "@/lib/domain/mask";
import {
  levelCounts,
  signOffAmountFen,
  totalYuan,
  type ApplicationFormDoc,
  type DeterminationSummaryDoc,
  type EvaluationRecordDoc,
  type HomeVisitSheetDoc,
  type PublicityTableDoc,
  type SignOffSheetDoc,
} from "@/lib/domain/print-forms";
import { fail, ok, type ActionResult } from "@/lib/domain/result";
import type { SessionUser } from "@/lib/domain/session-user";
import { formatBeijingDate } from "@/lib/domain/time";
import { audit } from "./audit";
import { schoolContext, schoolTermContext, type SchoolTermContext } from "./context";
import { categoriesOf, simulate } from "./simulation";

const PRINT_NOT_FOUND = "未找到要打印的内容，或不在您负责的范围内。";
const NOTHING_TO_PRINT = "没有可打印的表格：所选学生或班级本学期还没有相应的记录。";

const yuanOrNull = (fen: number | null | undefined) => (fen == null ? null : fenToYuan(fen));

// ───────────────────────────── documents (scope + term) ─────────────────────────────

export async function applicationFormDocs(
  scope: Scope,
  termId: string,
  selection: PrintSelection,
): Promise<ApplicationFormDoc[]> {
  const rows = await listApplicationForms(scope, termId, selection);
  return rows.map((row) => {
    const household = row.household;
    const level = row.determination?.revokedAt ? null : row.determination?.finalLevel;
    return {
      applicationId: row.id,
      schoolName: row.school.name,
      termName: row.term.name,
      className: row.class.name,
      gradeName: row.class.grade.name,
      stageLabel: STAGE_LABELS[row.student.stage],
      studentNo: maskStudentNo(row.student.studentNo),
      name: row.person.name,
      genderLabel: GENDER_LABELS[row.person.gender],
      idNumberMasked: row.person.idNumberMasked,
      birthDate: row.person.birthDate ? row.person.birthDate.toISOString().slice(0, 10) : null,
      residenceLabel: household?.residence ? RESIDENCE_LABELS[household.residence] : null,
      address: household?.address ?? null,
      memberCount: household?.memberCount ?? null,
      annualIncomeYuan: yuanOrNull(household?.totalAnnualIncomeFen),
      perCapitaMonthlyYuan: yuanOrNull(household?.perCapitaMonthlyIncomeFen),
      housing: household?.housing ?? null,
      vehicles: household?.vehicles ?? null,
      categories: (household?.declaredCategories ?? []).map((c) => SPECIAL_CATEGORY_LABELS[c]),
      guardians: row.student.guardians,
      members: row.familyMembers.map((member) => ({
        name: member.name,
        relation: member.relation,
        age: member.age,
        occupation: member.occupation,
        workStatus: member.workStatus,
        annualIncomeYuan: yuanOrNull(member.annualIncomeFen),
        health:
          [member.seriousIllness ? "重大疾病" : null, member.disability ? "残疾" : null, member.healthNote]
            .filter(Boolean)
            .join("，") || "健康",
      })),
      suddenEvents: row.suddenEvents.map((event) => ({
        kind: SUDDEN_EVENT_KIND_LABELS[event.kind],
        amountYuan: fenToYuan(event.amountFen),
        description: event.description,
      })),
      programmes: row.programmes.map((p) => p.programme.name),
      notes: household?.notes ?? null,
      commitmentSignedOn: row.commitmentSignedAt ? formatBeijingDate(row.commitmentSignedAt) : null,
      submittedOn: row.submittedAt ? formatBeijingDate(row.submittedAt) : null,
      enteredOnPaper: row.enteredOnPaper,
      levelLabel: level ? HARDSHIP_LEVEL_LABELS[level] : null,
    };
  });
}

export async function homeVisitSheetDocs(
  scope: Scope,
  termId: string,
  selection: PrintSelection,
): Promise<HomeVisitSheetDoc[]> {
  const visits = await listHomeVisits(scope, termId, selection);
  const docs: HomeVisitSheetDoc[] = [];
  for (const visit of visits) {
    const application = await findForScoring(scope, visit.id);
    if (!application?.homeVisit || !visit.homeVisit) continue;
    const simulation = await simulate(application, await categoriesOf(application));
    const visited = new Set(Object.keys((application.homeVisit.scores as Record<string, string>) ?? {}));
    docs.push({
      applicationId: visit.id,
      schoolName: visit.school.name,
      termName: visit.term.name,
      className: visit.class.name,
      name: visit.person.name,
      visitDate: visit.homeVisit.visitDate.toISOString().slice(0, 10),
      visitors: visit.homeVisit.visitors,
      findings: visit.homeVisit.findings,
      // The model the indicators below were scored with (the determination's, or the school's active one).
      modelName: simulation
        ? `${simulation.modelName}（第${simulation.modelVersion}版）`
        : `${visit.homeVisit.scoringModel.name}（第${visit.homeVisit.scoringModel.version}版）`,
      indicators: (simulation?.explanation.indicators ?? []).map((line) => ({
        label: line.label,
        option: line.option,
        points: line.points,
        source: visited.has(line.key) ? "入户调查" : "申请表",
      })),
      totalScore: simulation?.score ?? visit.homeVisit.totalScore,
      levelLabel: simulation ? HARDSHIP_LEVEL_LABELS[simulation.level] : "—",
    });
  }
  return docs;
}

type CommitteeJson = { name?: unknown; role?: unknown; isStudent?: unknown }[];

export async function evaluationRecordDoc(
  scope: Scope,
  termId: string,
  termName: string,
  classId: string,
): Promise<EvaluationRecordDoc | null> {
  const klass = await findClassInScope(scope, classId);
  if (!klass) return null;
  const evaluation = await findEvaluationRecord(klass.id, termId);
  if (!evaluation) return null;
  const members = Array.isArray(evaluation.members) ? (evaluation.members as CommitteeJson) : [];
  return {
    schoolName: klass.school.name,
    termName,
    className: klass.name,
    gradeName: klass.grade.name,
    members: members.map((member) => ({
      name: String(member.name ?? ""),
      role: String(member.role ?? ""),
      isStudent: member.isStudent === true,
    })),
    ranking: evaluation.ranks.map((ranked) => {
      const level =
        ranked.application.determination?.finalLevel ?? ranked.application.determination?.simulatedLevel;
      return {
        rank: ranked.rank,
        name: ranked.application.person.name,
        levelLabel: level ? HARDSHIP_LEVEL_LABELS[level] : "—",
      };
    }),
    report: evaluation.report,
    submittedOn: evaluation.submittedAt ? formatBeijingDate(evaluation.submittedAt) : null,
  };
}

export async function signOffSheetDoc(
  scope: Scope,
  rosterId: string,
  classId: string | null,
): Promise<SignOffSheetDoc | null> {
  const found = await findSignOffRoster(scope, rosterId, classId);
  if (!found || found.entries.length === 0) return null;
  const programmeName = found.roster.programme.name;
  const rows = found.entries.map((entry) => {
    const amountFen = signOffAmountFen(entry);
    return {
      name: entry.student.person.name,
      className: entry.student.sortClassName,
      programmeName,
      amountFen,
      amountYuan: fenToYuan(amountFen),
    };
  });
  return {
    schoolName: found.roster.school.name,
    termName: found.roster.term.name,
    programmeName,
    className: classId ? (rows[0]?.className ?? null) : null,
    rows,
    totalYuan: totalYuan(rows),
  };
}

export async function publicityTableDoc(scope: Scope, batchId: string): Promise<PublicityTableDoc | null> {
  const batch = await findPublicityTable(scope, batchId);
  if (!batch) return null;
  return {
    schoolName: batch.school.name,
    termName: batch.term.name,
    title: batch.title,
    period: `${batch.startDate.toISOString().slice(0, 10)} 至 ${batch.endDate.toISOString().slice(0, 10)}`,
    rows: batch.items.map((item) => ({
      name: item.studentName,
      className: item.className,
      result: item.result,
    })),
  };
}

export async function determinationSummaryDoc(
  scope: Scope,
  termId: string,
  termName: string,
): Promise<DeterminationSummaryDoc | null> {
  const found = await findDeterminationSummary(scope, termId);
  if (!found) return null;
  const rows = found.determinations.flatMap((application) => {
    const level = application.determination?.finalLevel;
    if (!level) return [];
    return [
      {
        level,
        name: application.person.name,
        className: application.class.name,
        revoked: application.determination?.revokedAt != null,
      },
    ];
  });
  return {
    schoolName: found.school.name,
    termName,
    counts: levelCounts(rows),
    rows: rows.map((row) => ({
      name: row.name,
      className: row.className,
      levelLabel: HARDSHIP_LEVEL_LABELS[row.level],
      revoked: row.revoked,
    })),
    steps: found.steps.map((step) => ({
      label: REVIEW_STEP_LABELS[step.kind],
      actor: step.actor.displayName,
      on: formatBeijingDate(step.at),
      comment: step.comment,
    })),
  };
}

// ───────────────────────────── the pages' entry points ─────────────────────────────

/** One student (`applicationId`) or one class (`classId`) from the address bar, or null when neither is valid. */
export function printSelection(params: { applicationId?: string; classId?: string }): PrintSelection | null {
  if (isId(params.applicationId)) return { applicationId: params.applicationId };
  if (isId(params.classId)) return { classId: params.classId };
  return null;
}

async function classFormsContext(user: SessionUser): Promise<ActionResult<SchoolTermContext>> {
  return schoolTermContext(user, "print.class_forms");
}

function targetOf(selection: PrintSelection) {
  return "applicationId" in selection
    ? ({ type: "Application", id: selection.applicationId } as const)
    : ({ type: "SchoolClass", id: selection.classId } as const);
}

/** 认定申请表 of one student or a class (audited: the form carries the family's data). */
export async function loadApplicationForms(
  user: SessionUser,
  selection: PrintSelection | null,
): Promise<ActionResult<ApplicationFormDoc[]>> {
  const ctx = await classFormsContext(user);
  if (!ctx.ok) return ctx;
  if (!selection) return fail("NOT_FOUND", PRINT_NOT_FOUND);
  const docs = await applicationFormDocs(ctx.data.scope, ctx.data.term.id, selection);
  if (docs.length === 0) return fail("NOT_FOUND", NOTHING_TO_PRINT);
  await audit(ctx.data, "print.application_forms", targetOf(selection), { count: docs.length });
  return ok(docs);
}

/** 入户走访调查情况和量化计分表 of one student or a class (audited). */
export async function loadHomeVisitSheets(
  user: SessionUser,
  selection: PrintSelection | null,
): Promise<ActionResult<HomeVisitSheetDoc[]>> {
  const ctx = await classFormsContext(user);
  if (!ctx.ok) return ctx;
  if (!selection) return fail("NOT_FOUND", PRINT_NOT_FOUND);
  const docs = await homeVisitSheetDocs(ctx.data.scope, ctx.data.term.id, selection);
  if (docs.length === 0) return fail("NOT_FOUND", NOTHING_TO_PRINT);
  await audit(ctx.data, "print.home_visit_sheets", targetOf(selection), { count: docs.length });
  return ok(docs);
}

/** The class evaluation record (committee, ranking, report) of the current term. */
export async function loadEvaluationRecord(
  user: SessionUser,
  classId: unknown,
): Promise<ActionResult<EvaluationRecordDoc>> {
  const ctx = await classFormsContext(user);
  if (!ctx.ok) return ctx;
  if (!isId(classId)) return fail("NOT_FOUND", PRINT_NOT_FOUND);
  const doc = await evaluationRecordDoc(ctx.data.scope, ctx.data.term.id, ctx.data.term.name, classId);
  return doc ? ok(doc) : fail("NOT_FOUND", "未找到该班级本学期的班级评议记录，或该班级不由您负责。");
}

/** 资助发放签收表 of a roster, for one class or (admin) the whole roster (audited). */
export async function loadSignOffSheet(
  user: SessionUser,
  rosterId: unknown,
  classId: unknown,
): Promise<ActionResult<SignOffSheetDoc>> {
  const ctx = schoolContext(user, "print.class_forms");
  if (!ctx.ok) return ctx;
  if (!isId(rosterId) || (classId != null && classId !== "" && !isId(classId)))
    return fail("NOT_FOUND", PRINT_NOT_FOUND);
  const doc = await signOffSheetDoc(ctx.data.scope, rosterId, isId(classId) ? classId : null);
  if (!doc) return fail("NOT_FOUND", "未找到该名单中可签收的学生，或不在您负责的范围内。");
  await audit(
    ctx.data,
    "print.sign_off_sheet",
    { type: "Roster", id: rosterId },
    {
      count: doc.rows.length,
      classId: isId(classId) ? classId : null,
    },
  );
  return ok(doc);
}

/** 公示表 of one publicity batch of the school: name, class, level or programme only. */
export async function loadPublicityTable(
  user: SessionUser,
  batchId: unknown,
): Promise<ActionResult<PublicityTableDoc>> {
  const ctx = schoolContext(user, "print.school_forms");
  if (!ctx.ok) return ctx;
  if (!isId(batchId)) return fail("NOT_FOUND", PRINT_NOT_FOUND);
  const doc = await publicityTableDoc(ctx.data.scope, batchId);
  return doc ? ok(doc) : fail("NOT_FOUND", PRINT_NOT_FOUND);
}

/** The school's determination summary of the current term with the leader's signature line. */
export async function loadDeterminationSummary(
  user: SessionUser,
): Promise<ActionResult<DeterminationSummaryDoc>> {
  const ctx = await schoolTermContext(user, "print.school_forms");
  if (!ctx.ok) return ctx;
  const doc = await determinationSummaryDoc(ctx.data.scope, ctx.data.term.id, ctx.data.term.name);
  return doc ? ok(doc) : fail("NOT_FOUND", PRINT_NOT_FOUND);
}

/** What the print index offers the caller: their classes, the term's rosters and (admin) publicity batches. */
export async function loadPrintIndex(user: SessionUser) {
  const ctx = await classFormsContext(user);
  if (!ctx.ok) return ctx;
  const schoolForms = schoolContext(user, "print.school_forms").ok;
  const [classes, rosters, batches] = await Promise.all([
    listPrintClasses(ctx.data.scope),
    listPrintRosters(ctx.data.scope, ctx.data.term.id),
    schoolForms ? listPublicityBatches(ctx.data.scope, ctx.data.term.id) : Promise.resolve([]),
  ]);
  return ok({ termName: ctx.data.term.name, classes, rosters, batches, schoolForms });
}
