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
import { writeAudit } from "@/lib/db/audit.repo";
import { findImportJob, rejectionPage, type ImportJobView } from "@/lib/db/import-jobs.repo";
import { rosterExportPage } from "@/lib/db/student-roster.repo";
import { ENROLMENT_STATUS_LABELS, STAGE_LABELS } from "@/lib/domain/codes";
import {
  GENDER_LABELS,
  ID_TYPE_LABELS,
  ROSTER_COLUMNS,
  ROSTER_HEADERS,
  type RosterValues,
} from "@/lib/domain/student-roster-row";
import type { SheetSpec, SheetWriter } from "@/lib/xlsx";
import { permitSchool } from "./permit";
import { fail, ok, type ActionResult } from "./result";

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
  columns: ROSTER_COLUMNS.map((c) => ({ header: c.names[0], text: TEXT_KEYS.has(c.key) })),
};
export const REJECTED_SHEET: SheetSpec = {
  name: "未导入的行",
  columns: [{ header: "行号", width: 8 }, { header: "原因", width: 60 }, ...ROSTER_SHEET.columns],
};

const PAGE = 1000;

/** Streams the school's roster into `w`; returns the number of students written. */
export async function writeRosterExport(
  user: SessionUser,
  w: SheetWriter,
): Promise<ActionResult<{ rows: number }>> {
  const p = permitSchool(user, "roster.export");
  if (!p.ok) return fail(p.message);
  let after: string | null = null;
  let rows = 0;
  // Audited before the first full ID number leaves the system: a download cut off halfway is on record too.
  const exportAudit = {
    actorUserId: user.id,
    actorRole: user.role,
    schoolId: p.schoolId,
    action: "roster.export",
    targetType: "School",
    targetId: p.schoolId,
  } as const;
  await writeAudit({ ...exportAudit, detail: { status: "started" } });
  for (;;) {
    const page = await rosterExportPage(p.scope, after, PAGE);
    for (const s of page) {
      const g = s.guardians[0];
      const values: RosterValues = {
        name: s.person.name,
        gender: GENDER_LABELS[s.person.gender],
        idType: ID_TYPE_LABELS[s.person.idType],
        idNumber: reveal(s.person.idNumberCipher),
        studentNo: s.studentNo,
        stage: STAGE_LABELS[s.stage],
        grade: s.grade.name,
        className: s.class.name,
        enrolledOn: s.enrolledOn.toISOString().slice(0, 7),
        programmeYears: String(s.programmeYears),
        status: ENROLMENT_STATUS_LABELS[s.status],
        hukouCode: s.person.hukouRegion?.code ?? "",
        guardianName: g?.name ?? "",
        guardianRelation: g?.relation ?? "",
        guardianPhone: g ? reveal(g.phoneCipher) : "",
        guardianIdNumber: g?.idNumberCipher ? reveal(g.idNumberCipher) : "",
      };
      w.addRow(ROSTER_COLUMNS.map((c) => values[c.key]));
    }
    rows += page.length;
    if (page.length < PAGE) break;
    after = page[page.length - 1]!.id;
  }
  await writeAudit({ ...exportAudit, detail: { status: "completed", rows } });
  return ok({ rows });
}

/** Progress and result of one import of the caller's school (polled by the import pages); not found outside the school. */
export async function importJobStatus(
  user: SessionUser,
  jobId: string,
  kind: "ROSTER" | "SPECIAL_GROUP",
): Promise<ActionResult<ImportJobView>> {
  const p = permitSchool(user, kind === "ROSTER" ? "roster.import" : "special_group.import");
  if (!p.ok) return fail(p.message);
  const job = isId(jobId) ? await findImportJob(p.scope, jobId) : null;
  return job && job.kind === kind ? ok(job) : fail("导入记录不存在。");
}

/** Checks the job is the caller's school's; the writer is only touched after that. */
export async function findRejectedRowsJob(
  user: SessionUser,
  jobId: string,
  kind: "ROSTER" | "SPECIAL_GROUP" = "ROSTER",
): Promise<ActionResult<{ fileName: string }>> {
  const p = permitSchool(user, kind === "ROSTER" ? "roster.import" : "special_group.import");
  if (!p.ok) return fail(p.message);
  const job = isId(jobId) ? await findImportJob(p.scope, jobId) : null;
  if (!job || job.kind !== kind) return fail("导入记录不存在。");
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

/** Streams the rejected rows of an import (row number, reason, the row as uploaded) into `w`. */
export async function writeRejectedRows(
  user: SessionUser,
  jobId: string,
  w: SheetWriter,
  kind: "ROSTER" | "SPECIAL_GROUP" = "ROSTER",
): Promise<ActionResult<{ rows: number }>> {
  const found = await findRejectedRowsJob(user, jobId, kind);
  if (!found.ok) return found;
  // Audited before the first row (they hold ID numbers) leaves the system, and again when complete.
  const downloadAudit = {
    actorUserId: user.id,
    actorRole: user.role,
    schoolId: user.schoolId,
    action:
      kind === "ROSTER" ? "roster.import_rejections_download" : "special_group.import_rejections_download",
    targetType: "ImportJob",
    targetId: jobId,
  } as const;
  await writeAudit({ ...downloadAudit, detail: { status: "started" } });
  let after = 0;
  let rows = 0;
  for (;;) {
    const page = await rejectionPage(jobId, after, PAGE);
    for (const r of page)
      w.addRow([r.rowNumber, r.reason, ...(JSON.parse(reveal(r.valuesCipher)) as string[])]);
    rows += page.length;
    if (page.length < PAGE) break;
    after = page[page.length - 1]!.rowNumber;
  }
  await writeAudit({ ...downloadAudit, detail: { status: "completed", rows } });
  return ok({ rows });
}

export const ROSTER_TEMPLATE_HEADERS = ROSTER_HEADERS;
