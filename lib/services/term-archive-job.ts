/**
 * The school's archive of a term as a job (queue `term-archive`, lib/jobs/queues.ts): one zip with the printed
 * forms as PDF — per class the 认定申请表, 量化计分表 and 班级评议记录, per roster the 发放签收表 (a page per
 * class), per publicity the 公示表, and the school's 认定结果汇总表 — and the term's .xlsx lists written by the
 * national exports (家庭经济信息, 受助情况, 资助名册 per roster; a list with a problem is its validation report).
 * The documents come from lib/services/print-forms.ts and are printed by lib/services/print-pdf.ts, the
 * same components as the print pages. The zip is streamed (archiver) into a private temp file, then stored
 * encrypted in the file store; the ExportTask row (kind TERM_ARCHIVE, migration 650) holds the progress
 * (steps done of the steps planned) and the stored file's key.
 *
 * Runs as the admin who asked (the access matrix is checked again). Crash-safe like the exports
 * (lib/services/export-job.ts): every attempt builds a whole new zip; only the attempt that records its key
 * on the still-running task keeps its file.
 */
import "server-only";
import { createWriteStream } from "node:fs";
import { mkdir, readFile, rm } from "node:fs/promises";
import { randomBytes } from "node:crypto";
import path from "node:path";
import { finished } from "node:stream/promises";
import archiver from "archiver";
import { createElement, Fragment, type ReactElement } from "react";
import type { SessionUser } from "@/lib/auth/session";
import {
  beginExportAttempt,
  exportTaskForRun,
  failExportTask,
  finishExportTask,
  setExportProgress,
} from "@/lib/db/export-tasks.repo";
import {
  findTermName,
  listPrintClasses,
  listPrintRosters,
  listPublicityBatches,
} from "@/lib/db/print-forms.repo";
import { PRINT_FORM_TITLES } from "@/lib/domain/print-forms";
import { evidenceStorage } from "@/lib/storage";
import { ApplicationForm } from "@/components/print/application-form";
import { DeterminationSummary } from "@/components/print/determination-summary";
import { EvaluationRecord } from "@/components/print/evaluation-record";
import { HomeVisitSheet } from "@/components/print/home-visit-sheet";
import { PublicityTable } from "@/components/print/publicity-table";
import { SignOffSheet } from "@/components/print/sign-off-sheet";
import { schoolContext } from "./context";
import { exportJobData, exportTempDir, type ExportJobData } from "./export-job";
import { writeExportFile } from "./national-export";
import {
  applicationFormDocs,
  determinationSummaryDoc,
  evaluationRecordDoc,
  homeVisitSheetDocs,
  publicityTableDoc,
  signOffSheetDoc,
} from "./print-forms";
import { openPdfPrinter, printHtml, type PdfPrinter } from "./print-pdf";

export type TermArchiveJobData = ExportJobData;

export const ARCHIVE_GAVE_UP_MESSAGE =
  "资助档案生成失败：多次尝试仍未能完成（系统出错、服务器中断或无法启动 PDF 打印），没有生成文件。请稍后重新生成。";

/** A file or folder name from a class, programme or publicity title: no path separators or control characters. */
export function archiveName(text: string): string {
  const cleaned = text.replace(/[\u0000-\u001f\\/:*?"<>|]+/g, "_").trim();
  return cleaned.slice(0, 80) || "未命名";
}

/** One step of the archive: a PDF of documents or an .xlsx list, named inside the zip. */
type ArchiveStep = {
  name: string;
  /** The file's bytes (and another name, e.g. a validation report's), or null when there is nothing to archive. */
  build: (printer: PdfPrinter, file: string) => Promise<Buffer | { bytes: Buffer; name: string } | null>;
};

const pdfOf = async (printer: PdfPrinter, title: string, documents: ReactElement[]) =>
  documents.length === 0
    ? null
    : printer.print(printHtml(title, createElement(Fragment, null, ...documents)));

/** The steps of a school's archive of a term, in the order they go into the zip. */
async function planArchive(
  user: SessionUser,
  task: { schoolId: string; termId: string },
  termName: string,
): Promise<ArchiveStep[] | null> {
  const ctx = schoolContext(user, "archive.term");
  if (!ctx.ok || ctx.data.schoolId !== task.schoolId) return null;
  const scope = ctx.data.scope;
  const { termId } = task;
  const [classes, rosters, batches] = await Promise.all([
    listPrintClasses(scope),
    listPrintRosters(scope, termId),
    listPublicityBatches(scope, termId),
  ]);
  const steps: ArchiveStep[] = [];
  const summaryTitle = PRINT_FORM_TITLES["determination-summary"];
  steps.push({
    name: `${summaryTitle}.pdf`,
    build: async (printer) => {
      const doc = await determinationSummaryDoc(scope, termId, termName);
      return doc ? pdfOf(printer, summaryTitle, [createElement(DeterminationSummary, { doc })]) : null;
    },
  });
  for (const klass of classes) {
    const className = archiveName(`${klass.grade.name}${klass.name}`);
    const selection = { classId: klass.id };
    steps.push({
      name: `${PRINT_FORM_TITLES.application}/${className}.pdf`,
      build: async (printer) =>
        pdfOf(
          printer,
          PRINT_FORM_TITLES.application,
          (await applicationFormDocs(scope, termId, selection)).map((doc) =>
            createElement(ApplicationForm, { key: doc.applicationId, doc }),
          ),
        ),
    });
    steps.push({
      name: `${PRINT_FORM_TITLES["home-visit"]}/${className}.pdf`,
      build: async (printer) =>
        pdfOf(
          printer,
          PRINT_FORM_TITLES["home-visit"],
          (await homeVisitSheetDocs(scope, termId, selection)).map((doc) =>
            createElement(HomeVisitSheet, { key: doc.applicationId, doc }),
          ),
        ),
    });
    steps.push({
      name: `${PRINT_FORM_TITLES.evaluation}/${className}.pdf`,
      build: async (printer) => {
        const doc = await evaluationRecordDoc(scope, termId, termName, klass.id);
        return doc
          ? pdfOf(printer, PRINT_FORM_TITLES.evaluation, [createElement(EvaluationRecord, { doc })])
          : null;
      },
    });
  }
  for (const roster of rosters) {
    steps.push({
      name: `${PRINT_FORM_TITLES["sign-off"]}/${archiveName(roster.programme.name)}.pdf`,
      build: async (printer) => {
        const sheets: ReactElement[] = [];
        for (const klass of classes) {
          const doc = await signOffSheetDoc(scope, roster.id, klass.id);
          if (doc) sheets.push(createElement(SignOffSheet, { key: klass.id, doc }));
        }
        return pdfOf(printer, PRINT_FORM_TITLES["sign-off"], sheets);
      },
    });
  }
  batches.forEach((batch, index) => {
    steps.push({
      name: `${PRINT_FORM_TITLES.publicity}/${index + 1}-${archiveName(batch.title)}.pdf`,
      build: async (printer) => {
        const doc = await publicityTableDoc(scope, batch.id);
        return doc
          ? pdfOf(printer, PRINT_FORM_TITLES.publicity, [createElement(PublicityTable, { doc })])
          : null;
      },
    });
  });
  // The term's lists in the national layouts; a list with a problem is archived as its validation report.
  const lists: { name: string; kind: "DETERMINATION" | "AID_RECORDS" | "ROSTER"; rosterId: string | null }[] =
    [
      { name: "家庭经济信息", kind: "DETERMINATION", rosterId: null },
      { name: "受助情况", kind: "AID_RECORDS", rosterId: null },
      ...rosters.map((roster) => ({
        name: `资助名册-${archiveName(roster.programme.name)}`,
        kind: "ROSTER" as const,
        rosterId: roster.id,
      })),
    ];
  for (const list of lists) {
    steps.push({
      name: `名单/${list.name}.xlsx`,
      build: async (_printer, file) => {
        const written = await writeExportFile(
          user,
          { kind: list.kind, schoolId: task.schoolId, termId, rosterId: list.rosterId },
          file,
        );
        if (!written.ok) return null;
        const bytes = await readFile(file);
        return written.data.valid ? bytes : { bytes, name: `名单/校验报告-${list.name}.xlsx` };
      },
    });
  }
  return steps;
}

/** Runs the task to its end; throws on a failure worth retrying (the queue retries it). */
export async function runTermArchiveJob(data: TermArchiveJobData): Promise<void> {
  const task = await exportTaskForRun(data.taskId);
  if (!task || task.kind !== "TERM_ARCHIVE" || task.state !== "RUNNING" || task.fileKey !== null) return;
  if (!(await beginExportAttempt(task.id))) return;
  const user: SessionUser = { ...data.user, displayName: "", mustChangePassword: false };
  const termName = (await findTermName(task.termId))?.name ?? "";
  const steps = await planArchive(user, task, termName);
  if (!steps) {
    await failExportTask(task.id, "资助档案没有生成：您已无权下载本校的资助档案。");
    return;
  }
  const dir = exportTempDir();
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const stem = path.join(dir, randomBytes(16).toString("hex"));
  const zipFile = `${stem}.zip`;
  const listFile = `${stem}.xlsx`;
  const printer = await openPdfPrinter();
  try {
    const out = createWriteStream(zipFile, { mode: 0o600 });
    const zip = archiver("zip", { zlib: { level: 6 } });
    zip.on("warning", (warning) => console.error("term archive: zip warning:", warning.message));
    zip.pipe(out);
    const written: string[] = [];
    const root = archiveName(`${termName}资助档案`);
    let done = 0;
    await setExportProgress(task.id, 0, steps.length);
    for (const step of steps) {
      const built = await step.build(printer, listFile);
      if (built) {
        const { bytes, name } = Buffer.isBuffer(built) ? { bytes: built, name: step.name } : built;
        zip.append(bytes, { name: `${root}/${name}` });
        written.push(name);
      }
      await setExportProgress(task.id, ++done, steps.length);
    }
    await zip.finalize();
    await finished(out);
    const bytes = await readFile(zipFile);
    const fileKey = await evidenceStorage().put(bytes);
    const kept = await finishExportTask(task.id, {
      rowsTotal: steps.length,
      valid: true,
      problemCount: written.filter((name) => name.includes("校验报告-")).length,
      problems: [],
      summary: `共 ${written.length} 个文件（PDF 表格和 .xlsx 名单）。`,
      fileKey,
      fileBytes: bytes.length,
    });
    if (!kept) await evidenceStorage().delete(fileKey);
  } finally {
    await printer.close().catch(() => undefined);
    await rm(zipFile, { force: true });
    await rm(listFile, { force: true });
  }
}

/** The dead-letter side: the job's retries are used up. */
export async function giveUpTermArchiveJob(data: TermArchiveJobData): Promise<void> {
  await failExportTask(data.taskId, ARCHIVE_GAVE_UP_MESSAGE);
}
