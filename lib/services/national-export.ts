/**
 * Exports for the national system (layouts of 国家系统升级通知, docs/policy-sources.md;
 * lib/domain/national-export): rows built from the database, validated against
 * the templates and the registry before download; the download contains full
 * ID numbers, so only the school admin may fetch it and every download (and
 * refused attempt with problems) is audit-logged.
 *
 * Built for 100,000 rows (a county's students; `npm run bench:export`,
 * bench/README.md): the rows are read in pages of
 * {@link PAGE} in one repeatable-read snapshot, validated page by page and
 * streamed through lib/xlsx's writer into a temporary file while they are
 * still valid. Only when every row has been checked and none has a problem
 * is the file handed out (as a stream of the already unlinked temp file);
 * otherwise it is discarded and the validation report is handed out instead.
 */
import "server-only";
import { randomUUID } from "node:crypto";
import { mkdtemp, open, rm } from "node:fs/promises";
import { createWriteStream } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Readable } from "node:stream";
import { finished } from "node:stream/promises";
import type { SessionUser } from "@/lib/auth/session";
import { reveal } from "@/lib/crypto/keys";
import { writeAudit } from "@/lib/db/audit.repo";
import type { Tx } from "@/lib/db/client";
import {
  determinationExportOrder,
  determinationExportRows,
  inExportSnapshot,
  isSchoolScope,
  registryEntries,
  rosterEntryCiphers,
  type DeterminationExportRow,
  type SchoolScope,
} from "@/lib/db/national-export.repo";
import { findRoster, type RosterView } from "@/lib/db/aid-roster.repo";
import { aidRecordExportOrder, aidRecordExportRows } from "@/lib/db/aid-records.repo";
import {
  AID_RECORD_TEMPLATE,
  aidRecordRow,
  exportValidator,
  FAMILY_ECONOMY_TEMPLATE,
  familyEconomyRow,
  PROBLEMS_SHEET,
  problemCells,
  ROSTER_BOOK_TEMPLATE,
  rosterBookRow,
  summarise,
  templateCells,
  templateSheet,
  type ExportProblem,
  type ExportRow,
  type RegistryLookup,
  type RegistryRecord,
  type TemplateDef,
} from "@/lib/domain/national-export";
import { levelForTier } from "@/lib/domain/scoring";
import { formatBeijingDate } from "@/lib/domain/time";
import { isId } from "@/lib/schemas/id";
import { createSheetWriter, type SheetSpec, type SheetWriter } from "@/lib/xlsx";
import { SCHOOL_ONLY_MESSAGE, schoolContext, schoolTermContext } from "./context";
import { fail, ok, type ActionResult } from "@/lib/domain/result";

/** Rows per database page (one query for the rows, one for their registry entries). */
export const PAGE = 2000;

/** `pageSize` only for tests that cross page boundaries with a few rows. */
export type ExportOptions = { pageSize?: number };

/** Told after each page: rows checked so far and the total (null until counted). */
export type ExportProgress = (rowsDone: number, rowsTotal: number | null) => Promise<void> | void;

type Page = { rows: ExportRow[]; registry: RegistryLookup };
type Source = {
  template: TemplateDef;
  fileName: string;
  /** The audit entry's target (the roster). */
  targetId?: string;
  /** File-level problems found before the rows are read (they block the file too). */
  preProblems: ExportProblem[];
  /** `onTotal` learns the number of rows once the first query has counted them. */
  pages(tx: Tx, pageSize: number, onTotal?: (total: number) => void): AsyncIterable<Page>;
};

/** The result of checking an export without writing it (the export page shows it). */
export type ExportCheck = {
  template: TemplateDef;
  rowCount: number;
  problems: ExportProblem[];
  summary: string;
  fileName: string;
};

/** Decrypts each distinct cipher once (a page's rows and registry entries share the people's ciphers). */
function revealer(): (cipher: string) => string {
  const plain = new Map<string, string>();
  return (cipher) => {
    let value = plain.get(cipher);
    if (value === undefined) plain.set(cipher, (value = reveal(cipher)));
    return value;
  };
}

/**
 * The registry entries of a page's students. An entry's ID number is
 * decrypted only when the validation reads it, and then from the rows'
 * already decrypted value (same person, same cipher).
 */
async function registryOfPage(
  scope: SchoolScope,
  rows: readonly ExportRow[],
  openCipher: (cipher: string) => string,
  tx: Tx,
): Promise<RegistryLookup> {
  const lookup = new Map<string, RegistryRecord>();
  const studentNos = [...new Set(rows.map((r) => r.studentNumber ?? "").filter(Boolean))];
  for (const entry of await registryEntries(scope, studentNos, tx)) {
    const cipher = entry.idNumberCipher;
    lookup.set(entry.studentNo, {
      studentNumber: entry.studentNo,
      name: entry.name,
      idType: entry.idType,
      get idNumber() {
        return openCipher(cipher);
      },
    });
  }
  return lookup;
}

/** The registry records of a page's rows, as the rows' query found them (ID numbers decrypted only when compared). */
function registryOfRows(
  apps: readonly DeterminationExportRow[],
  openCipher: (cipher: string) => string,
): RegistryLookup {
  const lookup = new Map<string, RegistryRecord>();
  for (const app of apps) {
    const registry = app.registry;
    if (registry)
      lookup.set(registry.studentNo, {
        studentNumber: registry.studentNo,
        name: registry.name,
        idType: registry.idType,
        get idNumber() {
          return openCipher(registry.idNumberCipher);
        },
      });
  }
  return lookup;
}

async function* determinationPages(
  scope: SchoolScope,
  termId: string,
  tx: Tx,
  pageSize: number,
  onTotal?: (total: number) => void,
): AsyncGenerator<Page> {
  const order = await determinationExportOrder(scope, termId, tx);
  onTotal?.(order.length);
  const fetchPage = (start: number) => {
    const page = determinationExportRows(scope, termId, order.slice(start, start + pageSize), tx);
    page.catch(() => {}); // awaited below; never an unhandled rejection when the export stops early
    return page;
  };
  let next = order.length > 0 ? fetchPage(0) : null;
  for (let start = 0; next; start += pageSize) {
    const apps = await next;
    // the database reads the next page while this one is built, validated and written
    next = start + pageSize < order.length ? fetchPage(start + pageSize) : null;
    const openCipher = revealer();
    const rows = apps.map((app) =>
      familyEconomyRow(FAMILY_ECONOMY_TEMPLATE, {
        studentNumber: app.studentNo,
        name: app.name,
        idType: app.idType,
        idNumber: openCipher(app.idNumberCipher),
        listedCategories: app.categories,
        residence: app.residence,
        memberCount: app.memberCount,
        totalAnnualIncomeFen: app.totalAnnualIncomeFen,
        perCapitaMonthlyIncomeFen: app.perCapitaMonthlyIncomeFen,
        address: app.address,
        // One rule with the simulation and the final level: a single-tier stage exports 困难, never 特别困难 / 一般困难.
        level: levelForTier(app.tier === "ONE" ? "ONE" : "THREE", app.finalLevel),
        determinedOn: formatBeijingDate(app.determinedAt ?? new Date()),
        reason: app.overrideReason ?? app.levelRule ?? "经学校认定",
      }),
    );
    yield { rows, registry: registryOfRows(apps, openCipher) };
  }
}

/** The 家庭经济信息 export of one term of the school. */
function determinationSourceOf(scope: SchoolScope, term: { id: string; name: string }): Source {
  return {
    template: FAMILY_ECONOMY_TEMPLATE,
    fileName: `家庭经济信息-${term.name}.xlsx`,
    preProblems: [],
    pages: (tx, pageSize, onTotal) => determinationPages(scope, term.id, tx, pageSize, onTotal),
  };
}

async function* aidRecordPages(
  scope: SchoolScope,
  termId: string,
  tx: Tx,
  pageSize: number,
  onTotal?: (total: number) => void,
): AsyncGenerator<Page> {
  const order = await aidRecordExportOrder(scope, termId, tx);
  onTotal?.(order.length);
  for (let start = 0; start < order.length; start += pageSize) {
    const records = await aidRecordExportRows(scope, termId, order.slice(start, start + pageSize), tx);
    const openCipher = revealer();
    const rows = records.map((record) =>
      aidRecordRow(AID_RECORD_TEMPLATE, {
        school: record.schoolName,
        studentNumber: record.studentNo,
        name: record.name,
        idType: record.idType,
        idNumber: openCipher(record.idNumberCipher),
        programme: record.programme,
        academicYear: record.academicYear,
        semester: record.semester,
        month: record.month,
        amountFen: record.amountFen,
        paidOn: formatBeijingDate(record.paidAt),
      }),
    );
    yield { rows, registry: await registryOfPage(scope, rows, openCipher, tx) };
  }
}

/** The 受助情况 export of one term of the school: its aid records paid and not reversed (migration 510). */
function aidRecordSourceOf(scope: SchoolScope, term: { id: string; name: string }): Source {
  return {
    template: AID_RECORD_TEMPLATE,
    fileName: `受助情况-${term.name}.xlsx`,
    preProblems: [],
    pages: (tx, pageSize, onTotal) => aidRecordPages(scope, term.id, tx, pageSize, onTotal),
  };
}

async function determinationSource(user: SessionUser): Promise<ActionResult<Source>> {
  const ctx = await schoolTermContext(user, "exports.national");
  if (!ctx.ok) return ctx;
  const scope = ctx.data.scope;
  if (!isSchoolScope(scope)) return fail("FORBIDDEN", SCHOOL_ONLY_MESSAGE);
  return ok(determinationSourceOf(scope, ctx.data.term));
}

async function* rosterPages(
  scope: SchoolScope,
  roster: RosterView,
  tx: Tx,
  pageSize: number,
  onTotal?: (total: number) => void,
): AsyncGenerator<Page> {
  onTotal?.(roster.entries.length);
  for (let start = 0; start < roster.entries.length; start += pageSize) {
    const entries = roster.entries.slice(start, start + pageSize);
    const openCipher = revealer();
    const ciphers = await rosterEntryCiphers(
      scope,
      roster.id,
      entries.map((entry) => entry.id),
      tx,
    );
    const rows = entries.map((entry) =>
      rosterBookRow(ROSTER_BOOK_TEMPLATE, {
        school: roster.school.name,
        name: entry.student.person.name,
        gender: entry.student.person.gender,
        idType: entry.student.person.idType,
        idNumber: ciphers.has(entry.id) ? openCipher(ciphers.get(entry.id)!) : "",
        studentNumber: entry.student.studentNo,
        grade: entry.student.grade.name,
        className: entry.student.class.name,
        level: entry.level,
        amountFen: entry.paidAmountFen ?? entry.amountFen,
        academicYear: roster.term.academicYear,
        semester: roster.term.semester,
        note: entry.note,
      }),
    );
    yield { rows, registry: await registryOfPage(scope, rows, openCipher, tx) };
  }
}

async function rosterSource(user: SessionUser, rosterId: string): Promise<ActionResult<Source>> {
  const ctx = await schoolTermContext(user, "exports.national");
  if (!ctx.ok) return ctx;
  const scope = ctx.data.scope;
  if (!isSchoolScope(scope)) return fail("FORBIDDEN", SCHOOL_ONLY_MESSAGE);
  return rosterSourceOf(scope, rosterId);
}

/** The 资助名册 export of one of the school's rosters (NOT_FOUND for another school's). */
async function rosterSourceOf(scope: SchoolScope, rosterId: string): Promise<ActionResult<Source>> {
  const roster = isId(rosterId) ? await findRoster(scope, rosterId) : null;
  if (!roster) return fail("NOT_FOUND", "未找到该资助名单，或您无权查看。");
  const preProblems: ExportProblem[] =
    roster.state === "APPROVED"
      ? []
      : [{ row: 1, column: null, value: "", message: "名单尚未审核通过，审核通过后才能导出资助名册" }];
  return ok({
    template: ROSTER_BOOK_TEMPLATE,
    fileName: `资助名册-${roster.programme.name}-${roster.term.name}.xlsx`,
    targetId: roster.id,
    preProblems,
    pages: (tx, pageSize, onTotal) => rosterPages(scope, roster, tx, pageSize, onTotal),
  });
}

/**
 * Reads and validates every row of the export; while no problem has been
 * found, each page's rows also go to `sink`. Returns the row count and every
 * problem (file-level ones first).
 */
async function runExport(
  src: Source,
  opts: ExportOptions,
  sink?: SheetWriter,
  progress?: ExportProgress,
): Promise<{ rowCount: number; problems: ExportProblem[] }> {
  const validator = exportValidator(src.template);
  const problems = [...src.preProblems];
  await inExportSnapshot(async (tx) => {
    let total: number | null = null;
    for await (const page of src.pages(tx, opts.pageSize ?? PAGE, (count) => (total = count))) {
      for (const problem of validator.check(page.rows, page.registry)) problems.push(problem);
      if (sink && problems.length === 0)
        for (const row of page.rows) sink.addRow(templateCells(src.template, row));
      await progress?.(validator.rowCount, total);
    }
  });
  return { rowCount: validator.rowCount, problems };
}

function check(src: Source, result: { rowCount: number; problems: ExportProblem[] }): ExportCheck {
  return {
    template: src.template,
    rowCount: result.rowCount,
    problems: result.problems,
    summary: summarise(result.problems, result.rowCount),
    fileName: src.fileName,
  };
}

/** Validates the 家庭经济信息 export (every row) without writing it. */
export async function prepareDeterminationExport(
  user: SessionUser,
  opts: ExportOptions = {},
): Promise<ActionResult<ExportCheck>> {
  const source = await determinationSource(user);
  return source.ok ? ok(check(source.data, await runExport(source.data, opts))) : source;
}

/** Validates the 资助名册 export of one roster without writing it. */
export async function prepareRosterExport(
  user: SessionUser,
  rosterId: string,
  opts: ExportOptions = {},
): Promise<ActionResult<ExportCheck>> {
  const source = await rosterSource(user, rosterId);
  return source.ok ? ok(check(source.data, await runExport(source.data, opts))) : source;
}

/**
 * Writes a workbook into a private temporary file; when `fill` says to keep
 * it, returns a read stream of it (the file is already unlinked, so nothing
 * is left behind whoever reads it), else null.
 */
async function tempWorkbook(
  spec: SheetSpec,
  fill: (writer: SheetWriter) => Promise<boolean>,
): Promise<Readable | null> {
  const dir = await mkdtemp(path.join(tmpdir(), "aid-export-"));
  const file = path.join(dir, `${randomUUID()}.xlsx`);
  const out = createWriteStream(file, { mode: 0o600 });
  out.on("error", () => {}); // reported through `finished` below
  try {
    const writer = createSheetWriter(out, spec);
    const keep = await fill(writer);
    await writer.finish();
    await finished(out);
    if (!keep) return null;
    return (await open(file, "r")).createReadStream();
  } finally {
    out.destroy();
    await rm(dir, { recursive: true, force: true });
  }
}

export type ExportDownload = {
  fileName: string;
  valid: boolean;
  summary: string;
  rowCount: number;
  stream: Readable;
};

/** The file to download: the export when every row validates, else the validation report. Audit-logged either way. */
export async function downloadExport(
  user: SessionUser,
  kind: "determination" | "roster",
  rosterId?: string,
  opts: ExportOptions = {},
): Promise<ActionResult<ExportDownload>> {
  const source =
    kind === "determination" ? await determinationSource(user) : await rosterSource(user, rosterId ?? "");
  if (!source.ok) return source;
  const src = source.data;
  let result = { rowCount: 0, problems: [] as ExportProblem[] };
  let stream = await tempWorkbook(templateSheet(src.template), async (writer) => {
    result = await runExport(src, opts, writer);
    return result.problems.length === 0;
  });
  const valid = stream !== null;
  stream ??= await tempWorkbook(PROBLEMS_SHEET, async (writer) => {
    for (const problem of result.problems) writer.addRow(problemCells(problem));
    return true;
  });
  await writeAudit({
    actorUserId: user.id,
    actorRole: user.role,
    schoolId: user.schoolId,
    action: valid ? `export.${kind}` : `export.${kind}.report`,
    targetType: kind === "roster" ? "Roster" : "AidTerm",
    targetId: src.targetId,
    detail: { rows: result.rowCount, problems: result.problems.length },
  });
  return ok({
    fileName: valid ? src.fileName : `校验报告-${src.fileName}`,
    valid,
    summary: summarise(result.problems, result.rowCount),
    rowCount: result.rowCount,
    stream: stream!,
  });
}

/** What an export task exports (lib/services/export-task.ts starts it, lib/services/export-job.ts runs it). */
export type ExportRequest =
  { kind: "DETERMINATION" } | { kind: "AID_RECORDS" } | { kind: "ROSTER"; rosterId: string };

export type ExportPlan = {
  kind: "DETERMINATION" | "ROSTER" | "AID_RECORDS";
  schoolId: string;
  termId: string;
  rosterId: string | null;
  fileName: string;
};

/** Whether the caller may ask for the export, and of what exactly (the term or roster, the file's name). */
export async function planExport(
  user: SessionUser,
  request: ExportRequest,
): Promise<ActionResult<ExportPlan>> {
  const ctx = await schoolTermContext(user, "exports.national");
  if (!ctx.ok) return ctx;
  const scope = ctx.data.scope;
  if (!isSchoolScope(scope)) return fail("FORBIDDEN", SCHOOL_ONLY_MESSAGE);
  if (request.kind === "DETERMINATION")
    return ok({
      kind: "DETERMINATION",
      schoolId: scope.schoolId,
      termId: ctx.data.term.id,
      rosterId: null,
      fileName: determinationSourceOf(scope, ctx.data.term).fileName,
    });
  if (request.kind === "AID_RECORDS")
    return ok({
      kind: "AID_RECORDS",
      schoolId: scope.schoolId,
      termId: ctx.data.term.id,
      rosterId: null,
      fileName: aidRecordSourceOf(scope, ctx.data.term).fileName,
    });
  const roster = isId(request.rosterId) ? await findRoster(scope, request.rosterId) : null;
  if (!roster) return fail("NOT_FOUND", "未找到该资助名单，或您无权查看。");
  return ok({
    kind: "ROSTER",
    schoolId: scope.schoolId,
    termId: roster.termId,
    rosterId: roster.id,
    fileName: `资助名册-${roster.programme.name}-${roster.term.name}.xlsx`,
  });
}

export type ExportFileResult = {
  valid: boolean;
  rowCount: number;
  problems: ExportProblem[];
  summary: string;
};

async function writeWorkbook(
  file: string,
  spec: SheetSpec,
  fill: (writer: SheetWriter) => Promise<void>,
): Promise<void> {
  const out = createWriteStream(file, { mode: 0o600 });
  out.on("error", () => {}); // reported through `finished` below
  try {
    const writer = createSheetWriter(out, spec);
    await fill(writer);
    await writer.finish();
    await finished(out);
  } finally {
    out.destroy();
  }
}

/**
 * The worker's part of an export task: re-checks that `user` may still export for the task's school,
 * reads and validates every row of the task's term or roster in one snapshot and writes `file` — the
 * export when every row is valid, else the validation report with every problem. The same data gives
 * the same rows in the same order, so a re-run after a crash writes the same file.
 */
export async function writeExportFile(
  user: SessionUser,
  task: Omit<ExportPlan, "fileName">,
  file: string,
  opts: ExportOptions & { progress?: ExportProgress } = {},
): Promise<ActionResult<ExportFileResult>> {
  const ctx = schoolContext(user, "exports.national");
  if (!ctx.ok) return ctx;
  const scope = ctx.data.scope;
  if (!isSchoolScope(scope) || scope.schoolId !== task.schoolId)
    return fail("FORBIDDEN", SCHOOL_ONLY_MESSAGE);
  const source =
    task.kind === "DETERMINATION"
      ? ok(determinationSourceOf(scope, { id: task.termId, name: "" }))
      : task.kind === "AID_RECORDS"
        ? ok(aidRecordSourceOf(scope, { id: task.termId, name: "" }))
        : await rosterSourceOf(scope, task.rosterId ?? "");
  if (!source.ok) return source;
  const src = source.data;
  let result = { rowCount: 0, problems: [] as ExportProblem[] };
  await writeWorkbook(file, templateSheet(src.template), async (writer) => {
    result = await runExport(src, opts, writer, opts.progress);
  });
  const valid = result.problems.length === 0;
  if (!valid)
    await writeWorkbook(file, PROBLEMS_SHEET, async (writer) => {
      for (const problem of result.problems) writer.addRow(problemCells(problem));
    });
  return ok({ valid, ...result, summary: summarise(result.problems, result.rowCount) });
}
