/**
 * 特殊群体名单 (特殊困难学生通知, docs/policy-sources.md): lists issued from above (中央下发,
 * imported from the national system's .xlsx) and entries collected by the
 * school (自采集, with an evidence note and file), matched to the school's students
 * by ID number only — never by name. The term's special-group students with
 * their application and aid state; for those without aid the reason is
 * recorded (未资助原因上报) and exported.
 */
import "server-only";
import { createHash } from "node:crypto";
import { decide } from "@/lib/auth/access";
import type { SessionUser } from "@/lib/auth/session";
import { encryptField } from "@/lib/crypto/field-crypto";
import { fieldKeys, seal } from "@/lib/crypto/keys";
import { fieldErrorsOf } from "@/lib/forms/field-errors";
import { db } from "@/lib/db/client";
import {
  committedBatches,
  recordBatch,
  updateImportJob,
  ZERO_COUNTS,
  type ImportCounts,
  type ImportJobView,
} from "@/lib/db/import-jobs.repo";
import {
  createEntryEvidence,
  deleteEntryEvidence,
  findEntryEvidence,
  listNameMismatches,
  listSpecialStudents,
  listUnmatched,
  upsertEntries,
  type EntryInput,
  type EntryOutcome,
} from "@/lib/db/special-groups.repo";
import { findCurrentTerm } from "@/lib/db/terms.repo";
import { SPECIAL_CATEGORIES, SPECIAL_CATEGORY_LABELS, type SpecialCategory } from "@/lib/domain/codes";
import {
  inspectEvidence,
  EVIDENCE_MAX_BYTES,
  safeFileName,
  TOO_LARGE_MESSAGE,
  type EvidenceType,
} from "@/lib/domain/evidence";
import { validateResidentId } from "@/lib/domain/id-number";
import { numericCellMessage } from "@/lib/domain/student-roster-row";
import { isPrintable, unprintableMessage } from "@/lib/schemas/text";
import { specialEntrySchema } from "@/lib/schemas/school-admin";
import { evidenceStorage } from "@/lib/storage";
import { queueImport } from "@/lib/services/import-queue";
import { readTable, XlsxInputError, type ColumnSpec } from "@/lib/xlsx";
import { importJobContext, mayStartImport, queuedOrRefused, runImportHere } from "./import-start";
import type { ImportKindRunner, ReadInput } from "./import-job-runner";
import { fail, ok, type ActionResult } from "@/lib/domain/result";
import { audit } from "./audit";
import { endImportJob } from "./import-finish";
import { schoolContext } from "./context";
import { readOrUnavailable, storeOrRefuse } from "./stored-files";
import { isId } from "@/lib/schemas/id";

type ListKey = "name" | "idNumber" | "category" | "listYear";
export const SPECIAL_LIST_COLUMNS: readonly ColumnSpec<ListKey>[] = [
  { key: "name", names: ["姓名", "学生姓名"], required: true },
  { key: "idNumber", names: ["身份证件号", "身份证号", "证件号码", "身份证件号码"], required: true },
  { key: "category", names: ["类别", "人员类别", "困难类型", "特殊群体类别"] },
  { key: "listYear", names: ["年度", "名单年度"] },
];

const LABEL_TO_CATEGORY = new Map<string, SpecialCategory>(
  SPECIAL_CATEGORIES.flatMap((category) => {
    const label = SPECIAL_CATEGORY_LABELS[category];
    return [
      [label, category],
      [label.replace(/（.*）$/, ""), category],
    ] as [string, SpecialCategory][];
  }),
);

/** Pure: one list row → entry fields, or the Chinese reason it is refused. */
export function parseListRow(
  values: Record<ListKey, string>,
  defaults: { category: SpecialCategory | null; listYear: number },
  today = new Date(),
  numeric: readonly ListKey[] = [],
):
  | { ok: true; category: SpecialCategory; name: string; idNumber: string; listYear: number }
  | { ok: false; reason: string } {
  const problems: string[] = [];
  // The printable-text and text-cell rules of the roster import (lib/domain/student-roster-row.ts).
  for (const col of SPECIAL_LIST_COLUMNS)
    if (!isPrintable(values[col.key])) problems.push(unprintableMessage(col.names[0]!));
  if (numeric.includes("idNumber") && values.idNumber !== "") problems.push(numericCellMessage("身份证件号"));
  if (problems.length) return { ok: false, reason: problems.join("；") };
  const name = values.name.trim();
  if (!name) problems.push("姓名为空");
  const id = validateResidentId(values.idNumber, today);
  if (!id.ok) problems.push(`身份证件号：${id.reason}`);
  const category = values.category.trim()
    ? LABEL_TO_CATEGORY.get(values.category.trim())
    : (defaults.category ?? undefined);
  if (!category)
    problems.push(
      values.category.trim()
        ? `类别“${values.category}”无法识别，应为：${SPECIAL_CATEGORIES.map((c) => SPECIAL_CATEGORY_LABELS[c]).join("、")}`
        : "类别为空：请在文件中填写类别，或在导入时选择类别",
    );
  const listYear = values.listYear.trim() ? Number(values.listYear.trim()) : defaults.listYear;
  if (!Number.isInteger(listYear) || listYear < 2000 || listYear > 2100)
    problems.push(`年度“${values.listYear}”应为4位年份`);
  if (problems.length || !id.ok || !category) return { ok: false, reason: problems.join("；") };
  return { ok: true, category, name, idNumber: id.id, listYear };
}

const BATCH = 500;

export type SpecialImportInput = {
  filePath: string;
  fileName: string;
  category: SpecialCategory | null;
  listYear: number;
  removeFile?: boolean;
} & ReadInput;

const mayStartList = (user: SessionUser, input: SpecialImportInput) =>
  mayStartImport(
    user,
    "special_group.import",
    "SPECIAL_GROUP",
    input,
    "本校已有一个名单导入正在进行，请等它完成后再导入。",
  );

const queueList = (user: SessionUser, schoolId: string, input: SpecialImportInput, enqueue: boolean) =>
  queueImport({
    user,
    schoolId,
    kind: "SPECIAL_GROUP",
    mode: "GOOD_ROWS",
    fileName: input.fileName,
    filePath: input.filePath,
    removeFile: input.removeFile,
    params: { category: input.category, listYear: input.listYear },
    enqueue,
  });

/** Queues the import of a central list (good rows only); a worker runs it (lib/services/import-job-runner.ts). */
export async function beginSpecialGroupImport(
  user: SessionUser,
  input: SpecialImportInput,
): Promise<ActionResult<{ jobId: string }>> {
  const allowed = await mayStartList(user, input);
  if (!allowed.ok) return allowed;
  return queuedOrRefused(queueList(user, allowed.data, input, true), "special-group import");
}

/** Runs a whole list import in this process through the job runner; returns the finished job (tests). */
export async function importSpecialGroupList(
  user: SessionUser,
  input: SpecialImportInput,
): Promise<ActionResult<ImportJobView>> {
  const allowed = await mayStartList(user, input);
  if (!allowed.ok) return allowed;
  const jobId = await queueList(user, allowed.data, input, false);
  const options = { limits: input.limits, maxBytes: input.maxBytes };
  return runImportHere(
    user,
    "special_group.import",
    jobId,
    { SPECIAL_GROUP: specialGroupImportRunner },
    options,
    () => SYSTEM_FAILURE_MESSAGE,
  );
}

const SYSTEM_FAILURE_MESSAGE =
  "导入失败：系统出错。已完成的批次会保留，请稍后重新导入（重复的名单行不会重复记录）。";

function tally(counts: ImportCounts, outcomes: EntryOutcome[]) {
  for (const outcome of outcomes) {
    if (outcome.created) counts.created++;
    else counts.unchanged++;
    if (outcome.matched) counts.matched++;
    else counts.unmatched++;
    if (outcome.newlyMatched) counts.newlyMatched++;
  }
}

/** The special-group list kind's runner for the import-job runner (lib/services/import-runners.ts). */
export const specialGroupImportRunner: ImportKindRunner = (user, input, job) => {
  const params = (job.params ?? {}) as { category?: SpecialCategory | null; listYear?: number };
  return runSpecialGroupImportJob(user, {
    ...input,
    category: params.category ?? null,
    listYear: Number(params.listYear),
  });
};

export type SpecialJobInput = {
  jobId: string;
  filePath: string;
  fileName: string;
  category: SpecialCategory | null;
  listYear: number;
} & ReadInput;

/**
 * One run (or a resumed run) of a list import job: batches of {@link BATCH} rows of the file, each
 * written with its rejected rows, counts and ImportBatch checkpoint in one transaction; a re-run skips
 * the recorded batches and sums their counts (same scheme as lib/services/student-roster-import.ts). FAILED for a
 * problem of the file; throws on anything else, which the queue retries.
 */
export async function runSpecialGroupImportJob(user: SessionUser, input: SpecialJobInput): Promise<void> {
  const { jobId } = input;
  const ctx = await importJobContext(user, "special_group.import", jobId);
  if (!ctx) return;
  const { schoolId } = ctx;
  const done = await committedBatches(jobId);
  const counts: ImportCounts = { ...ZERO_COUNTS };
  let processed = 0;
  let progress = 0;
  const seen = new Map<string, number>();
  let batch: EntryInput[] = [];
  let rejects: { rowNumber: number; reason: string; valuesCipher: string }[] = [];
  let batchNo = 0;
  let batchRows = 0;
  let batchRejected = 0;
  const add = (added: ImportCounts) => {
    for (const key of Object.keys(counts) as (keyof ImportCounts)[]) counts[key] += added[key];
  };
  const flush = async () => {
    const recorded = done.get(batchNo);
    if (recorded) add(recorded);
    else {
      const rows = batch;
      const batchCounts: ImportCounts = { ...ZERO_COUNTS, rejected: batchRejected };
      await db().$transaction(
        async (tx) => {
          if (rows.length) tally(batchCounts, await upsertEntries(tx, schoolId, "CENTRAL", user.id, rows));
          await recordBatch(tx, jobId, { ...batchCounts, batchNo, processedRows: batchRows }, rejects);
        },
        { timeout: 120_000 },
      );
      add(batchCounts);
    }
    batch = [];
    rejects = [];
    batchNo++;
    batchRows = 0;
    batchRejected = 0;
    await updateImportJob(jobId, { ...counts, processedRows: processed, progress: Math.min(99, progress) });
  };
  try {
    const onProgress = (read: number, total: number) => {
      progress = Math.floor((read / total) * 100);
    };
    for await (const row of readTable(input.filePath, SPECIAL_LIST_COLUMNS, {
      ...input.limits,
      maxBytes: input.maxBytes,
      onProgress,
    })) {
      processed++;
      batchRows++;
      const skipping = done.has(batchNo);
      const listRow = parseListRow(row.values, input, new Date(), row.numeric);
      const cells = () =>
        encryptField(
          fieldKeys(),
          JSON.stringify([row.values.name, row.values.idNumber, row.values.category, row.values.listYear]),
        );
      if (!listRow.ok) {
        batchRejected++;
        if (!skipping)
          rejects.push({ rowNumber: row.rowNumber, reason: listRow.reason, valuesCipher: cells() });
      } else {
        const id = seal(listRow.idNumber, "idNumber");
        const key = `${listRow.listYear}|${listRow.category}|${id.hash}`;
        const first = seen.get(key);
        if (first !== undefined) {
          batchRejected++;
          if (!skipping)
            rejects.push({
              rowNumber: row.rowNumber,
              reason: `与第${first}行重复（同一年度同一类别中身份证件号重复）`,
              valuesCipher: cells(),
            });
        } else {
          seen.set(key, row.rowNumber);
          if (!skipping)
            batch.push({ category: listRow.category, name: listRow.name, id, listYear: listRow.listYear });
        }
      }
      if (batchRows >= BATCH) await flush();
    }
    if (batchRows > 0 || batchNo === 0) await flush();
  } catch (error) {
    if (!(error instanceof XlsxInputError)) throw error;
    const end = {
      ...counts,
      state: "FAILED" as const,
      committed: counts.created > 0,
      message: error.message,
      processedRows: processed,
    };
    await endImportJob(jobId, end, (tx) =>
      audit(
        ctx,
        "special_group.import",
        { type: "ImportJob", id: jobId },
        { fileName: input.fileName, failed: error.message },
        { tx },
      ),
    );
    return;
  }
  const message = `导入完成：名单 ${processed - counts.rejected} 人，其中本校学生 ${counts.matched} 人（新比对上 ${counts.newlyMatched} 人），非本校学生 ${counts.unmatched} 人；未导入 ${counts.rejected} 行。`;
  const end = { ...counts, state: "DONE" as const, committed: true, message, processedRows: processed };
  await endImportJob(jobId, end, (tx) =>
    audit(
      ctx,
      "special_group.import",
      { type: "ImportJob", id: jobId },
      { fileName: input.fileName, ...counts },
      { tx },
    ),
  );
}

export type EntryEvidenceUpload = { originalName: string; bytes: Uint8Array };
export const EVIDENCE_REQUIRED_MESSAGE = "请上传佐证材料文件（如低保证、认定书的照片或PDF）。";

/**
 * 自采集: one entry added by hand, with an evidence note and an evidence file
 * (JPEG/PNG/PDF, checked by content like an applicant's evidence); matched at
 * once. Adding an entry that already exists attaches the file when it had
 * none; otherwise the new file is not kept.
 */
export async function addSpecialGroupEntry(
  user: SessionUser,
  raw: unknown,
  evidence: EntryEvidenceUpload | null,
  ip: string | null = null,
): Promise<ActionResult<{ matched: boolean; created: boolean; evidenceAttached: boolean }>> {
  const ctx = schoolContext(user, "special_group.add");
  if (!ctx.ok) return ctx;
  const parsed = specialEntrySchema.safeParse(raw);
  const errors: Record<string, string> = parsed.success ? {} : fieldErrorsOf(parsed.error);
  const id = parsed.success ? validateResidentId(parsed.data.idNumber) : null;
  if (id && !id.ok) errors.idNumber = id.reason;
  let check: Awaited<ReturnType<typeof inspectEvidence>> | null = null;
  if (!evidence || evidence.bytes.length === 0) errors.evidence = EVIDENCE_REQUIRED_MESSAGE;
  else if (evidence.bytes.length > EVIDENCE_MAX_BYTES) errors.evidence = TOO_LARGE_MESSAGE;
  else {
    check = await inspectEvidence(evidence.bytes);
    if (!check.ok) errors.evidence = check.message;
  }
  if (!parsed.success || !id?.ok || !evidence || !check?.ok || Object.keys(errors).length) {
    return fail(
      "INVALID",
      errors.evidence && Object.keys(errors).length === 1 ? errors.evidence : "请按提示修改后再提交。",
      errors,
    );
  }
  const file = {
    originalName: safeFileName(evidence.originalName, check.mimeType),
    mimeType: check.mimeType,
    sizeBytes: evidence.bytes.length,
    sha256: createHash("sha256").update(evidence.bytes).digest("hex"),
  };
  const storage = evidenceStorage();
  const stored = await storeOrRefuse(storage, evidence.bytes, "evidence");
  if (!stored.ok) return stored;
  const storageKey = stored.data;
  let outcome: { entry: EntryOutcome; evidenceId: string };
  try {
    outcome = await db().$transaction(async (tx) => {
      const evidenceId = await createEntryEvidence(tx, user.id, { ...file, storageKey });
      const [entry] = await upsertEntries(tx, ctx.data.schoolId, "SCHOOL", user.id, [
        {
          category: parsed.data.category,
          name: parsed.data.name,
          id: seal(id.id, "idNumber"),
          listYear: parsed.data.listYear,
          note: parsed.data.note,
          evidenceId,
        },
      ]);
      if (!entry!.evidenceAttached) await deleteEntryEvidence(tx, evidenceId);
      return { entry: entry!, evidenceId };
    });
  } catch (error) {
    await storage.delete(storageKey);
    throw error;
  }
  const { entry, evidenceId } = outcome;
  if (!entry.evidenceAttached) await storage.delete(storageKey);
  await audit(
    ctx.data,
    "special_group.add",
    { type: "SpecialGroupEntry", id: entry.entryId },
    {
      category: parsed.data.category,
      listYear: parsed.data.listYear,
      matched: entry.matched,
      created: entry.created,
      evidenceId: entry.evidenceAttached ? evidenceId : null,
    },
    { ip },
  );
  if (entry.evidenceAttached) {
    await audit(
      ctx.data,
      "special_group.evidence_uploaded",
      { type: "EvidenceFile", id: evidenceId },
      { entryId: entry.entryId, mimeType: file.mimeType, sizeBytes: file.sizeBytes, sha256: file.sha256 },
      { ip },
    );
  }
  return ok({ matched: entry.matched, created: entry.created, evidenceAttached: entry.evidenceAttached });
}

export type EntryEvidenceDownload = { bytes: Uint8Array; mimeType: EvidenceType; fileName: string };

/**
 * The evidence file of a special-group entry for the school's admin or
 * leader. A role the matrix refuses gets 401/403; a file of another school,
 * an application's file or a missing one all get the same 404.
 */
export async function openSpecialGroupEvidence(
  user: SessionUser | null,
  evidenceId: string,
  ip: string | null = null,
): Promise<
  { ok: true; data: EntryEvidenceDownload } | { ok: false; status: 401 | 403 | 404 | 503; message: string }
> {
  const decision = decide(user, "special_group.evidence");
  if (!decision.ok) return { ok: false, status: decision.status, message: decision.message };
  const notFound = { ok: false, status: 404, message: "未找到该文件。" } as const;
  const ctx = schoolContext(decision.user, "special_group.evidence");
  if (!ctx.ok) return { ok: false, status: 403, message: ctx.message };
  if (!isId(evidenceId)) return notFound;
  const evidenceFile = await findEntryEvidence(ctx.data.scope, evidenceId);
  if (!evidenceFile) return notFound;
  const read = await readOrUnavailable(evidenceStorage(), evidenceFile.storageKey);
  if (!read.ok) return read;
  const bytes = read.bytes;
  if (!bytes) return notFound;
  await audit(
    { user: decision.user, schoolId: evidenceFile.schoolId },
    "special_group.evidence_viewed",
    { type: "EvidenceFile", id: evidenceFile.id },
    { entryId: evidenceFile.entryId },
    { ip },
  );
  const mimeType = evidenceFile.mimeType as EvidenceType;
  return { ok: true, data: { bytes, mimeType, fileName: safeFileName(evidenceFile.originalName, mimeType) } };
}

/**
 * The checks of the lists against the school's students: entries naming a student under another name, and
 * (for who may import) entries matching no student of the school.
 */
export async function loadSpecialGroupChecks(user: SessionUser, withUnmatched: boolean) {
  const ctx = schoolContext(user, "special_group.view");
  if (!ctx.ok) return ctx;
  const [unmatched, mismatches] = await Promise.all([
    withUnmatched ? listUnmatched(ctx.data.scope, 20) : Promise.resolve([]),
    listNameMismatches(ctx.data.scope),
  ]);
  return ok({ unmatched, mismatches });
}

export async function specialGroupStudents(
  user: SessionUser,
  opts: { page?: number; withoutAidOnly?: boolean } = {},
) {
  const ctx = schoolContext(user, "special_group.view");
  if (!ctx.ok) return ctx;
  const term = await findCurrentTerm();
  const pageSize = 50;
  const page = Math.max(1, opts.page ?? 1);
  const listed = await listSpecialStudents(ctx.data.scope, term?.id ?? null, {
    skip: (page - 1) * pageSize,
    take: pageSize,
    withoutAidOnly: opts.withoutAidOnly,
  });
  return ok({ term, page, pageSize, ...listed });
}
