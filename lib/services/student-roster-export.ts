/**
 * Roster export (same columns as the import template), the rejected rows of
 * an import, and the empty template. Exports carry full ID numbers and phone
 * numbers (they are re-imported and uploaded to the national system), so each
 * is written to the audit log.
 */
import "server-only";
import type { SessionUser } from "@/lib/auth/session";
import { isId } from "@/lib/schemas/id";
import { reveal } from "@/lib/crypto/keys";
import { findImportJob, listImportJobs, rejectionPage, type ImportJobView } from "@/lib/db/import-jobs.repo";
import { listGradeClassCounts, listStudentRoster, rosterExportPage } from "@/lib/db/student-roster.repo";
import { ENROLMENT_STATUS_LABELS, GENDER_LABELS, ID_TYPE_LABELS, STAGE_LABELS } from "@/lib/domain/codes";
import { ROSTER_COLUMNS, ROSTER_HEADERS, type RosterValues } from "@/lib/domain/student-roster-row";
import type { SheetSpec, SheetWriter } from "@/lib/xlsx";
import { fail, ok, type ActionResult } from "@/lib/domain/result";
import { audit } from "./audit";
import { schoolContext } from "./context";

const TEXT_KEYS = new Set([
  "idNumber",
  "studentNo",
  "guardianPhone",
  "guardianIdNumber",
  "hukouCode",
  "enrolledOn",
]);
export const ROSTER_SHEET: SheetSpec = {
  name: "在校生信息",
  columns: ROSTER_COLUMNS.map((column) => ({ header: column.names[0], text: TEXT_KEYS.has(column.key) })),
};
export const REJECTED_SHEET: SheetSpec = {
  name: "未导入的行",
  columns: [{ header: "行号", width: 8 }, { header: "原因", width: 60 }, ...ROSTER_SHEET.columns],
};

const PAGE = 1000;

/** Streams the school's student roster into `writer`; returns the number of students written. */
export async function writeRosterExport(
  user: SessionUser,
  writer: SheetWriter,
): Promise<ActionResult<{ rows: number }>> {
  const ctx = schoolContext(user, "roster.export");
  if (!ctx.ok) return ctx;
  let after: string | null = null;
  let rows = 0;
  // Audited before the first full ID number leaves the system: a download cut off halfway is on record too.
  const school = { type: "School", id: ctx.data.schoolId } as const;
  await audit(ctx.data, "roster.export", school, { status: "started" });
  for (;;) {
    const page = await rosterExportPage(ctx.data.scope, after, PAGE);
    for (const student of page) {
      const guardian = student.guardians[0];
      const values: RosterValues = {
        name: student.person.name,
        gender: GENDER_LABELS[student.person.gender],
        idType: ID_TYPE_LABELS[student.person.idType],
        idNumber: reveal(student.person.idNumberCipher),
        studentNo: student.studentNo,
        stage: STAGE_LABELS[student.stage],
        grade: student.grade.name,
        className: student.class.name,
        enrolledOn: student.enrolledOn.toISOString().slice(0, 7),
        programmeYears: String(student.programmeYears),
        status: ENROLMENT_STATUS_LABELS[student.status],
        hukouCode: student.person.hukouRegion?.code ?? "",
        guardianName: guardian?.name ?? "",
        guardianRelation: guardian?.relation ?? "",
        guardianPhone: guardian ? reveal(guardian.phoneCipher) : "",
        guardianIdNumber: guardian?.idNumberCipher ? reveal(guardian.idNumberCipher) : "",
      };
      writer.addRow(ROSTER_COLUMNS.map((column) => values[column.key]));
    }
    rows += page.length;
    if (page.length < PAGE) break;
    after = page[page.length - 1]!.id;
  }
  await audit(ctx.data, "roster.export", school, { status: "completed", rows });
  return ok({ rows });
}

/** The student roster page: the school's recent imports, its grades and classes, and one page of students. */
export async function loadStudentRosterPage(
  user: SessionUser,
  query: { q: string; skip: number; take: number },
) {
  const ctx = schoolContext(user, "roster.import");
  if (!ctx.ok) return ctx;
  const [jobs, grades, roster] = await Promise.all([
    listImportJobs(ctx.data.scope, "ROSTER"),
    listGradeClassCounts(ctx.data.scope),
    listStudentRoster(ctx.data.scope, query),
  ]);
  return ok({ jobs, grades, roster });
}

/** Progress and result of one import of the caller's school (polled by the import pages); not found outside the school. */
export async function importJobStatus(
  user: SessionUser,
  jobId: string,
  kind: "ROSTER" | "SPECIAL_GROUP",
): Promise<ActionResult<ImportJobView>> {
  const ctx = schoolContext(user, kind === "ROSTER" ? "roster.import" : "special_group.import");
  if (!ctx.ok) return ctx;
  const job = isId(jobId) ? await findImportJob(ctx.data.scope, jobId) : null;
  return job && job.kind === kind ? ok(job) : fail("NOT_FOUND", "导入记录不存在。");
}

/** Checks the job is the caller's school's; the writer is only touched after that. */
export async function findRejectedRowsJob(
  user: SessionUser,
  jobId: string,
  kind: "ROSTER" | "SPECIAL_GROUP" = "ROSTER",
): Promise<ActionResult<{ fileName: string }>> {
  const ctx = schoolContext(user, kind === "ROSTER" ? "roster.import" : "special_group.import");
  if (!ctx.ok) return ctx;
  const job = isId(jobId) ? await findImportJob(ctx.data.scope, jobId) : null;
  if (!job || job.kind !== kind) return fail("NOT_FOUND", "导入记录不存在。");
  return ok({ fileName: job.fileName });
}

export const SPECIAL_REJECTED_SHEET: SheetSpec = {
  name: "未导入的行",
  columns: [
    { header: "行号", width: 8 },
    { header: "原因", width: 60 },
    { header: "姓名" },
    { header: "身份证件号", text: true, width: 22 },
    { header: "类别", width: 24 },
    { header: "年度" },
  ],
};

/** Streams the rejected rows of an import (row number, reason, the row as uploaded) into `writer`. */
export async function writeRejectedRows(
  user: SessionUser,
  jobId: string,
  writer: SheetWriter,
  kind: "ROSTER" | "SPECIAL_GROUP" = "ROSTER",
): Promise<ActionResult<{ rows: number }>> {
  const found = await findRejectedRowsJob(user, jobId, kind);
  if (!found.ok) return found;
  // Audited before the first row (they hold ID numbers) leaves the system, and again when complete.
  const action =
    kind === "ROSTER" ? "roster.import_rejections_download" : "special_group.import_rejections_download";
  const actor = { user, schoolId: user.schoolId };
  await audit(actor, action, { type: "ImportJob", id: jobId }, { status: "started" });
  let after = 0;
  let rows = 0;
  for (;;) {
    const page = await rejectionPage(jobId, after, PAGE);
    for (const rejected of page)
      writer.addRow([
        rejected.rowNumber,
        rejected.reason,
        ...(JSON.parse(reveal(rejected.valuesCipher)) as string[]),
      ]);
    rows += page.length;
    if (page.length < PAGE) break;
    after = page[page.length - 1]!.rowNumber;
  }
  await audit(actor, action, { type: "ImportJob", id: jobId }, { status: "completed", rows });
  return ok({ rows });
}

export const ROSTER_TEMPLATE_HEADERS = ROSTER_HEADERS;
