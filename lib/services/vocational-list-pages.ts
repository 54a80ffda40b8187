/**
 * What the 中职 monthly list pages show (app/(console)/console/rosters/vocational/*,
 * app/(console)/console/supervisor/vocational/*): the lists of the school or of the supervisor's subtree with
 * their filters (month "YYYY-MM", programme, stage, to-do) and counts, one list with its entries, attachments,
 * payments and history, and an attachment's bytes (audited). Access: "vocational_list.view" and
 * "vocational_list.attachment"; a list outside the caller's school or subtree is NOT_FOUND.
 */
import "server-only";
import { z } from "zod";
import type { SessionUser } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import { findList } from "@/lib/db/vocational-list.repo";
import {
  countLists,
  findListAttachment,
  findListDetail,
  listLists,
  type ListCounts,
  type ListFilter,
  type ListOwner,
  type ListSummary,
} from "@/lib/db/vocational-list-query.repo";
import { findCurrentTerm } from "@/lib/db/terms.repo";
import { safeFileName, type EvidenceType } from "@/lib/domain/evidence";
import { pageWindow, QUERY_PAGE_SIZE, type PageWindow } from "@/lib/domain/region-queries";
import { fail, ok, type ActionResult } from "@/lib/domain/result";
import {
  LIST_PROGRAMMES,
  LIST_STAGES,
  parseMonth,
  SCHOOL_TODOS,
  SUPERVISOR_TODOS,
} from "@/lib/domain/vocational-list-view";
import { paymentGate, type MonthlyListState } from "@/lib/domain/vocational-roster";
import type { FileOutcome } from "@/lib/http/file-response";
import { isId } from "@/lib/schemas/id";
import { evidenceStorage } from "@/lib/storage";
import { audit } from "./audit";
import { accessContext, regionContext, schoolContext } from "./context";
import { readOrUnavailable } from "./stored-files";
import { LIST_NOT_FOUND } from "./vocational-roster";

const MONTH_MESSAGE = "月份格式应为 年-月，例如 2026-09";

const filterSchema = (todos: readonly [string, ...string[]]) =>
  z.object({
    month: z
      .string()
      .max(7, MONTH_MESSAGE)
      .optional()
      .transform((value) => value || undefined)
      .refine((value) => value === undefined || parseMonth(value) !== null, MONTH_MESSAGE),
    programme: z
      .enum(LIST_PROGRAMMES)
      .optional()
      .or(z.literal("").transform(() => undefined)),
    stage: z
      .enum(LIST_STAGES)
      .optional()
      .or(z.literal("").transform(() => undefined)),
    todo: z
      .enum(todos)
      .optional()
      .or(z.literal("").transform(() => undefined)),
    page: z.coerce.number().int().min(1).catch(1).default(1),
  });

export type ListedLists = { rows: ListSummary[]; counts: ListCounts; window: PageWindow };

async function listed(
  owner: ListOwner,
  todos: readonly [string, ...string[]],
  raw: unknown,
): Promise<ActionResult<ListedLists>> {
  const input = filterSchema(todos).safeParse(raw ?? {});
  if (!input.success) {
    const fieldErrors: Record<string, string> = {};
    for (const issue of input.error.issues) {
      const field = String(issue.path[0] ?? "month");
      fieldErrors[field] =
        field === "month" ? MONTH_MESSAGE : field === "todo" ? "待办类型无效" : "请从列表中选择";
    }
    return fail("INVALID", "筛选条件有误，请按提示修改。", fieldErrors);
  }
  const month = input.data.month ? parseMonth(input.data.month) : null;
  const filter: ListFilter = {
    owner,
    year: month?.year,
    month: month?.month,
    programme: input.data.programme,
    stage: input.data.stage,
    todo: input.data.todo as ListFilter["todo"],
  };
  const counts = await countLists(filter);
  const window = pageWindow(input.data.page, counts.matched);
  const rows = await listLists(filter, { limit: QUERY_PAGE_SIZE, offset: window.offset });
  return ok({ rows, counts, window });
}

/** The school's monthly lists, and the current term's 中职 programmes it can build a list of. */
export async function viewSchoolLists(
  user: SessionUser | null,
  raw: unknown,
): Promise<
  ActionResult<
    ListedLists & { programmes: { id: string; name: string; kind: string }[]; termName: string | null }
  >
> {
  const ctx = schoolContext(user, "vocational_list.view");
  if (!ctx.ok) return ctx;
  const lists = await listed({ schoolId: ctx.data.schoolId }, SCHOOL_TODOS, raw);
  if (!lists.ok) return lists;
  const term = await findCurrentTerm();
  const programmes = term
    ? await db().aidProgramme.findMany({
        where: {
          stage: "VOCATIONAL",
          kind: { in: ["SUBSIDY", "FEE_WAIVER"] },
          // Only monthly programmes have monthly lists (buildMonthlyList refuses the others).
          period: "MONTHLY",
          terms: { some: { termId: term.id, OR: [{ schoolId: null }, { schoolId: ctx.data.schoolId }] } },
        },
        orderBy: [{ kind: "desc" }, { name: "asc" }],
        select: { id: true, name: true, kind: true },
      })
    : [];
  return ok({ ...lists.data, programmes, termName: term?.name ?? null });
}

/** The lists of every school in the supervisor's subtree (one page). */
export async function viewRegionLists(
  user: SessionUser | null,
  raw: unknown,
): Promise<ActionResult<ListedLists>> {
  const ctx = regionContext(user, "vocational_list.view");
  if (!ctx.ok) return ctx;
  return listed({ regionPath: ctx.data.regionPath }, SUPERVISOR_TODOS, raw);
}

export type ListPage = {
  detail: NonNullable<Awaited<ReturnType<typeof findListDetail>>>;
  state: MonthlyListState;
  /** For a supervisor: whether the school is in their own region (may act) or below it (may only look). */
  direct: boolean;
  /** Why payment cannot be recorded now (null: it can). */
  paymentBlocked: string | null;
};

/** One list of the caller's school or subtree with everything its page shows. */
export async function viewList(
  user: SessionUser | null,
  rosterIdRaw: unknown,
  now: Date = new Date(),
): Promise<ActionResult<ListPage>> {
  const ctx = accessContext(user, "vocational_list.view");
  if (!ctx.ok) return ctx;
  if (!isId(rosterIdRaw)) return fail("NOT_FOUND", LIST_NOT_FOUND);
  const list = await findList(ctx.data.scope, rosterIdRaw);
  if (!list || list.programmeKind === "LOAN") return fail("NOT_FOUND", LIST_NOT_FOUND);
  const detail = await findListDetail(list.rosterId);
  if (!detail) return fail("NOT_FOUND", LIST_NOT_FOUND);
  return ok({
    detail,
    state: list.state,
    direct: ctx.data.scope.role === "SUPERVISOR" && list.schoolRegionId === ctx.data.user.regionId,
    paymentBlocked: paymentGate(list.state, now),
  });
}

/** A list's publicity attachment: the bytes of the encrypted evidence store, each view audited. */
export async function openListAttachment(
  user: SessionUser | null,
  rosterIdRaw: string,
  evidenceIdRaw: string,
  ip: string | null = null,
): Promise<FileOutcome> {
  const ctx = accessContext(user, "vocational_list.attachment");
  if (!ctx.ok) return { ok: false, status: ctx.code === "UNAUTHENTICATED" ? 401 : 403, message: ctx.message };
  const notFound = { ok: false, status: 404, message: "未找到该附件。" } as const;
  if (!isId(rosterIdRaw) || !isId(evidenceIdRaw)) return notFound;
  const list = await findList(ctx.data.scope, rosterIdRaw);
  if (!list) return notFound;
  const attachment = await findListAttachment(list.rosterId, evidenceIdRaw);
  if (!attachment) return notFound;
  const file = attachment.evidenceFile;
  const read = await readOrUnavailable(evidenceStorage(), file.storageKey);
  if (!read.ok) return read;
  if (!read.bytes) return notFound;
  await audit(
    { user: ctx.data.user, schoolId: list.schoolId },
    "vocational_list.attachment_viewed",
    { type: "EvidenceFile", id: file.id },
    { rosterId: list.rosterId },
    { ip },
  );
  const mimeType = file.mimeType as EvidenceType;
  return {
    ok: true,
    data: { bytes: read.bytes, mimeType, fileName: safeFileName(file.originalName, mimeType) },
  };
}
