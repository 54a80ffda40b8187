/**
 * Exports for the national system (SPEC §8): rows built from the database,
 * validated against the templates and the registry before download; the
 * download contains full ID numbers, so only the school admin may fetch it
 * and every download (and refused attempt with problems) is audit-logged.
 *
 * Built for 100,000 rows (issue 8 item 2): the rows are read in pages of
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
import {
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
import { schoolTermContext } from "./context";
import { fail, ok, type ActionResult } from "./result";

/** Rows per database page (one query for the rows, one for their registry entries). */
export const PAGE = 2000;

/** `pageSize` only for tests that cross page boundaries with a few rows. */
export type ExportOptions = { pageSize?: number };

type Page = { rows: ExportRow[]; registry: RegistryLookup };
type Source = {
  template: TemplateDef;
  fileName: string;
  /** The audit entry's target (the roster). */
  targetId?: string;
  /** File-level problems found before the rows are read (they block the file too). */
  preProblems: ExportProblem[];
  pages(tx: Tx, pageSize: number): AsyncIterable<Page>;
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
    let v = plain.get(cipher);
    if (v === undefined) plain.set(cipher, (v = reveal(cipher)));
    return v;
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
  const m = new Map<string, RegistryRecord>();
  const studentNos = [...new Set(rows.map((r) => r.studentNumber ?? "").filter(Boolean))];
  for (const s of await registryEntries(scope, studentNos, tx)) {
    const cipher = s.idNumberCipher;
    m.set(s.studentNo, {
      studentNumber: s.studentNo,
      name: s.name,
      idType: s.idType,
      get idNumber() {
        return openCipher(cipher);
      },
    });
  }
  return m;
}

/** The registry records of a page's rows, as the rows' query found them (ID numbers decrypted only when compared). */
function registryOfRows(
  apps: readonly DeterminationExportRow[],
  openCipher: (cipher: string) => string,
): RegistryLookup {
  const m = new Map<string, RegistryRecord>();
  for (const a of apps) {
    const r = a.registry;
    if (r)
      m.set(r.studentNo, {
        studentNumber: r.studentNo,
        name: r.name,
        idType: r.idType,
        get idNumber() {
          return openCipher(r.idNumberCipher);
        },
      });
  }
  return m;
}

async function* determinationPages(
  scope: SchoolScope,
  termId: string,
  tx: Tx,
  pageSize: number,
): AsyncGenerator<Page> {
  const order = await determinationExportOrder(scope, termId, tx);
  const fetchPage = (i: number) => {
    const p = determinationExportRows(scope, termId, order.slice(i, i + pageSize), tx);
    p.catch(() => {}); // awaited below; never an unhandled rejection when the export stops early
    return p;
  };
  let next = order.length > 0 ? fetchPage(0) : null;
  for (let i = 0; next; i += pageSize) {
    const apps = await next;
    // the database reads the next page while this one is built, validated and written
    next = i + pageSize < order.length ? fetchPage(i + pageSize) : null;
    const openCipher = revealer();
    const rows = apps.map((a) =>
      familyEconomyRow(FAMILY_ECONOMY_TEMPLATE, {
        studentNumber: a.studentNo,
        name: a.name,
        idType: a.idType,
        idNumber: openCipher(a.idNumberCipher),
        listedCategories: a.categories,
        residence: a.residence,
        memberCount: a.memberCount,
        totalAnnualIncomeFen: a.totalAnnualIncomeFen,
        perCapitaMonthlyIncomeFen: a.perCapitaMonthlyIncomeFen,
        address: a.address,
        // One rule with the simulation and the final level: a single-tier stage exports 困难, never 特别困难 / 一般困难.
        level: levelForTier(a.tier === "ONE" ? "ONE" : "THREE", a.finalLevel),
        determinedOn: formatBeijingDate(a.determinedAt ?? new Date()),
        reason: a.overrideReason ?? a.levelRule ?? "经学校认定",
      }),
    );
    yield { rows, registry: registryOfRows(apps, openCipher) };
  }
}

async function determinationSource(user: SessionUser): Promise<ActionResult<Source>> {
  const c = await schoolTermContext(user, "exports.national");
  if (!c.ok) return c;
  const scope = c.data.scope;
  if (!isSchoolScope(scope)) return fail("此功能仅供学校使用。");
  const termId = c.data.term.id;
  return ok({
    template: FAMILY_ECONOMY_TEMPLATE,
    fileName: `家庭经济信息-${c.data.term.name}.xlsx`,
    preProblems: [],
    pages: (tx, pageSize) => determinationPages(scope, termId, tx, pageSize),
  });
}

async function* rosterPages(
  scope: SchoolScope,
  r: RosterView,
  tx: Tx,
  pageSize: number,
): AsyncGenerator<Page> {
  for (let i = 0; i < r.entries.length; i += pageSize) {
    const entries = r.entries.slice(i, i + pageSize);
    const openCipher = revealer();
    const ciphers = await rosterEntryCiphers(
      scope,
      r.id,
      entries.map((e) => e.id),
      tx,
    );
    const rows = entries.map((e) =>
      rosterBookRow(ROSTER_BOOK_TEMPLATE, {
        school: r.school.name,
        name: e.student.person.name,
        gender: e.student.person.gender,
        idType: e.student.person.idType,
        idNumber: ciphers.has(e.id) ? openCipher(ciphers.get(e.id)!) : "",
        studentNumber: e.student.studentNo,
        grade: e.student.grade.name,
        className: e.student.class.name,
        level: e.level,
        amountFen: e.paidAmountFen ?? e.amountFen,
        academicYear: r.term.academicYear,
        semester: r.term.semester,
        note: e.note,
      }),
    );
    yield { rows, registry: await registryOfPage(scope, rows, openCipher, tx) };
  }
}

async function rosterSource(user: SessionUser, rosterId: string): Promise<ActionResult<Source>> {
  const c = await schoolTermContext(user, "exports.national");
  if (!c.ok) return c;
  const scope = c.data.scope;
  if (!isSchoolScope(scope)) return fail("此功能仅供学校使用。");
  const r = isId(rosterId) ? await findRoster(scope, rosterId) : null;
  if (!r) return fail("未找到该资助名单，或您无权查看。");
  const preProblems: ExportProblem[] =
    r.state === "APPROVED"
      ? []
      : [{ row: 1, column: null, value: "", message: "名单尚未审核通过，审核通过后才能导出资助名册" }];
  return ok({
    template: ROSTER_BOOK_TEMPLATE,
    fileName: `资助名册-${r.programme.name}-${r.term.name}.xlsx`,
    targetId: r.id,
    preProblems,
    pages: (tx, pageSize) => rosterPages(scope, r, tx, pageSize),
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
): Promise<{ rowCount: number; problems: ExportProblem[] }> {
  const validator = exportValidator(src.template);
  const problems = [...src.preProblems];
  await inExportSnapshot(async (tx) => {
    for await (const page of src.pages(tx, opts.pageSize ?? PAGE)) {
      for (const p of validator.check(page.rows, page.registry)) problems.push(p);
      if (sink && problems.length === 0)
        for (const row of page.rows) sink.addRow(templateCells(src.template, row));
    }
  });
  return { rowCount: validator.rowCount, problems };
}

function check(src: Source, r: { rowCount: number; problems: ExportProblem[] }): ExportCheck {
  return {
    template: src.template,
    rowCount: r.rowCount,
    problems: r.problems,
    summary: summarise(r.problems, r.rowCount),
    fileName: src.fileName,
  };
}

/** Validates the 家庭经济信息 export (every row) without writing it. */
export async function prepareDeterminationExport(
  user: SessionUser,
  opts: ExportOptions = {},
): Promise<ActionResult<ExportCheck>> {
  const s = await determinationSource(user);
  return s.ok ? ok(check(s.data, await runExport(s.data, opts))) : s;
}

/** Validates the 资助名册 export of one roster without writing it. */
export async function prepareRosterExport(
  user: SessionUser,
  rosterId: string,
  opts: ExportOptions = {},
): Promise<ActionResult<ExportCheck>> {
  const s = await rosterSource(user, rosterId);
  return s.ok ? ok(check(s.data, await runExport(s.data, opts))) : s;
}

/**
 * Writes a workbook into a private temporary file; when `fill` says to keep
 * it, returns a read stream of it (the file is already unlinked, so nothing
 * is left behind whoever reads it), else null.
 */
async function tempWorkbook(
  spec: SheetSpec,
  fill: (w: SheetWriter) => Promise<boolean>,
): Promise<Readable | null> {
  const dir = await mkdtemp(path.join(tmpdir(), "aid-export-"));
  const file = path.join(dir, `${randomUUID()}.xlsx`);
  const out = createWriteStream(file, { mode: 0o600 });
  out.on("error", () => {}); // reported through `finished` below
  try {
    const w = createSheetWriter(out, spec);
    const keep = await fill(w);
    await w.finish();
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
  const s =
    kind === "determination" ? await determinationSource(user) : await rosterSource(user, rosterId ?? "");
  if (!s.ok) return s;
  const src = s.data;
  let result = { rowCount: 0, problems: [] as ExportProblem[] };
  let stream = await tempWorkbook(templateSheet(src.template), async (w) => {
    result = await runExport(src, opts, w);
    return result.problems.length === 0;
  });
  const valid = stream !== null;
  stream ??= await tempWorkbook(PROBLEMS_SHEET, async (w) => {
    for (const p of result.problems) w.addRow(problemCells(p));
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
