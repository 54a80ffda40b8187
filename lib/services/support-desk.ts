/**
 * The support desk (lib/domain/support.ts): filing, level-by-level handling with first-taker ownership,
 * the conversation, closing and the filer's confirmation. Handlers: a school's aid officers (their teachers'
 * problems) and supervisors (their region subtree); a handler takes only what waits in their own queue.
 */
import "server-only";
import { notifySupportProblemQueued } from "./notifications/staff-events";
import { createHash } from "node:crypto";
import { decide } from "@/lib/auth/access";
import type { Scope } from "@/lib/auth/scope";
import { db } from "@/lib/db/client";
import { nationalCalendar } from "@/lib/db/holiday-calendar.repo";
import { answerOfProblem } from "@/lib/db/support-answers.repo";
import {
  addEvent,
  addMessage,
  confirmProblem,
  countOpenByLevel,
  dayText,
  filerFacts,
  findConvertibleSignInProblem,
  findProblem,
  findSupportFile,
  insertProblem,
  listHandlerProblems,
  listOwnProblems,
  lockProblem,
  nextQueueAbove,
  passProblemUp,
  problemThread,
  reopenProblem,
  resolveProblem,
  takeProblem,
  type FilerFacts,
  type NewAttachment,
  type ProblemRow,
  type ProgressFilter,
} from "@/lib/db/support.repo";
import { ROLE_LABELS, type Stage } from "@/lib/domain/codes";
import {
  checkEvidenceUpload,
  EVIDENCE_MAX_BYTES,
  safeFileName,
  TOO_LARGE_MESSAGE,
  tooManyMessage,
  type EvidenceType,
} from "@/lib/domain/evidence";
import { fail, ok, type ActionResult } from "@/lib/domain/result";
import type { SessionUser } from "@/lib/domain/session-user";
import {
  beijingDay,
  canReopen,
  compareProgress,
  confirmByDay,
  deadlineStatus,
  filerLevel,
  firstQueue,
  groupByStage,
  SUPPORT_LEVEL_LABELS,
  supportDeadline,
  supportSubject,
  type SupportQueue,
} from "@/lib/domain/support";
import type { HolidayCalendar } from "@/lib/domain/working-days";
import { parseInput } from "@/lib/forms/field-errors";
import { idSchema } from "@/lib/schemas/id";
import {
  confirmSchema,
  convertSignInSchema,
  fileProblemSchema,
  messageSchema,
  passUpSchema,
  progressFilterSchema,
  queueFilterSchema,
  reopenSchema,
  resolveSchema,
} from "@/lib/schemas/support";
import { evidenceStorage } from "@/lib/storage";
import { audit } from "./audit";
import { accessContext, schoolContext, type AccessContext } from "./context";
import { readOrUnavailable, storeOrRefuse } from "./stored-files";

/** Files per filing or message (each ≤ 10 MB, JPEG/PNG/PDF by content). */
export const SUPPORT_MAX_FILES = 3;
export const SUPPORT_NOT_FOUND = "未找到该问题，或您无权查看。";
type FilerRole = "TEACHER" | "SCHOOL_ADMIN" | "SCHOOL_LEADER" | "SUPERVISOR";

export type UploadedFile = { originalName: string; bytes: Uint8Array };

/** May this account handle problems (the matrix's support.handle)? */
const isHandler = (user: SessionUser) => decide(user, "support.handle").ok;

/** Checks and stores each file (encrypted store); on any refusal nothing stays stored. */
async function storeFiles(files: readonly UploadedFile[]): Promise<ActionResult<NewAttachment[]>> {
  if (files.length > SUPPORT_MAX_FILES)
    return fail("LIMIT", tooManyMessage(SUPPORT_MAX_FILES), { files: tooManyMessage(SUPPORT_MAX_FILES) });
  const checked: { file: UploadedFile; mimeType: EvidenceType }[] = [];
  for (const file of files) {
    if (file.bytes.length > EVIDENCE_MAX_BYTES)
      return fail("LIMIT", TOO_LARGE_MESSAGE, { files: `${file.originalName}：${TOO_LARGE_MESSAGE}` });
    const check = await checkEvidenceUpload(file.bytes, 0, SUPPORT_MAX_FILES);
    if (!check.ok) return fail("INVALID", check.message, { files: `${file.originalName}：${check.message}` });
    checked.push({ file, mimeType: check.mimeType });
  }
  const storage = evidenceStorage();
  const stored: NewAttachment[] = [];
  for (const { file, mimeType } of checked) {
    const key = await storeOrRefuse(storage, file.bytes, "files");
    if (!key.ok) {
      await removeStored(stored);
      return key;
    }
    stored.push({
      originalName: safeFileName(file.originalName, mimeType),
      mimeType,
      sizeBytes: file.bytes.length,
      sha256: createHash("sha256").update(file.bytes).digest("hex"),
      storageKey: key.data,
    });
  }
  return ok(stored);
}

async function removeStored(files: readonly NewAttachment[]) {
  for (const file of files) await evidenceStorage().delete(file.storageKey);
}

/** Runs `write` with the stored files; removes them again when it fails or throws. */
async function withStoredFiles<T>(
  files: readonly UploadedFile[],
  write: (stored: NewAttachment[]) => Promise<ActionResult<T>>,
): Promise<ActionResult<T>> {
  const stored = await storeFiles(files);
  if (!stored.ok) return stored;
  try {
    const result = await write(stored.data);
    if (!result.ok) await removeStored(stored.data);
    return result;
  } catch (error) {
    await removeStored(stored.data);
    throw error;
  }
}

/** The filer's unit, level, subject place and first queue, from the account (seed 001 第十一条). */
function filingPlan(facts: FilerFacts) {
  const role = facts.role as FilerRole;
  if (facts.school) {
    const queue: SupportQueue =
      role === "TEACHER"
        ? firstQueue({ role: "TEACHER", schoolId: facts.school.id })
        : firstQueue({ role: "SCHOOL_ADMIN", schoolRegion: facts.school.region });
    return {
      unit: facts.school.name,
      schoolId: facts.school.id,
      regionPath: facts.school.region.path,
      originLevel: filerLevel(role, null),
      queue,
      stages: facts.school.stages,
    };
  }
  if (!facts.region) return null;
  const parent = facts.chain.find((r) => r.id === facts.region!.parentId) ?? null;
  return {
    unit: `${facts.chain.map((r) => r.name).join("")}教育局`,
    schoolId: null,
    regionPath: facts.region.path,
    originLevel: filerLevel(role, facts.region.level),
    queue: firstQueue({ role: "SUPERVISOR", region: facts.region, parent }),
    stages: null,
  };
}

async function today(now: Date): Promise<{ day: string; cal: HolidayCalendar }> {
  return { day: beijingDay(now), cal: await nationalCalendar() };
}

/** What the filing form shows: the account's unit, role and name, the stages to choose from. */
export async function loadFilingForm(user: SessionUser) {
  const ctx = accessContext(user, "support.file");
  if (!ctx.ok) return ctx;
  const facts = await filerFacts(user.id);
  const plan = facts && filingPlan(facts);
  if (!facts || !plan) return fail("REFUSED", "您的账号没有所属学校或地区，无法提交问题。请联系上级管理员。");
  return ok({
    unit: plan.unit,
    role: ROLE_LABELS[facts.role],
    name: facts.displayName,
    contact: facts.phoneMasked ?? "",
    stages: plan.stages,
    queueLevel: SUPPORT_LEVEL_LABELS[plan.queue.level],
  });
}

/** Files a problem into the queue of the level that handles the filer's (issue 21 item 1). */
export async function fileSupportProblem(
  user: SessionUser,
  raw: unknown,
  files: readonly UploadedFile[] = [],
  now = new Date(),
): Promise<ActionResult<{ id: string }>> {
  const ctx = accessContext(user, "support.file");
  if (!ctx.ok) return ctx;
  const input = parseInput(fileProblemSchema, raw);
  if (!input.ok) return input;
  const facts = await filerFacts(user.id);
  const plan = facts && filingPlan(facts);
  if (!facts || !plan) return fail("REFUSED", "您的账号没有所属学校或地区，无法提交问题。请联系上级管理员。");
  const stage = chosenStage(input.data.stage, plan.stages);
  if (!stage.ok) return stage;
  const { day, cal } = await today(now);
  return withStoredFiles(files, async (stored) => {
    const problem = await db().$transaction(async (tx) => {
      const created = await insertProblem(
        tx,
        {
          subject: supportSubject(facts.chain, stage.data, input.data.category),
          category: input.data.category,
          subcategory: input.data.subcategory,
          stage: stage.data,
          description: input.data.description,
          urgent: input.data.urgent,
          pagePath: input.data.pagePath,
          filerId: user.id,
          filerRole: facts.role as FilerRole,
          filerName: facts.displayName,
          filerUnit: plan.unit,
          filerContact: input.data.contact,
          schoolId: plan.schoolId,
          regionPath: plan.regionPath,
          originLevel: plan.originLevel,
          queue: plan.queue,
          deadline: supportDeadline(day, input.data.category, cal),
        },
        stored,
      );
      await audit(
        ctx.data,
        "support.file",
        { type: "SupportProblem", id: created.id },
        { category: input.data.category, level: plan.queue.level, files: stored.length },
        { tx },
      );
      await notifySupportProblemQueued(tx, created.id, plan.queue);
      return created;
    });
    return ok({ id: problem.id });
  });
}

/** A school user's stage must be one of the school's (a one-stage school's is taken without asking). */
function chosenStage(stage: Stage | null, stages: readonly Stage[] | null): ActionResult<Stage | null> {
  if (!stages) return ok(stage);
  if (stage && stages.includes(stage)) return ok(stage);
  if (!stage && stages.length === 1) return ok(stages[0]!);
  return fail("INVALID", "请选择问题涉及的学段（本校开设的学段之一）。", { stage: "请选择本校开设的学段" });
}

/** The school admin turns a teacher's sign-in problem into a ticket of the school (应用类 · 系统登录). */
export async function convertSignInProblem(
  user: SessionUser,
  signInProblemId: unknown,
  raw: unknown,
  now = new Date(),
): Promise<ActionResult<{ id: string }>> {
  const ctx = schoolContext(user, "support.convert_sign_in_problem");
  if (!ctx.ok) return ctx;
  const input = parseInput(convertSignInSchema, raw);
  if (!input.ok) return input;
  const id = idSchema.safeParse(signInProblemId);
  const problem = id.success ? await findConvertibleSignInProblem(ctx.data.scope, id.data) : null;
  if (!problem) return fail("NOT_FOUND", "未找到该登录问题，或它已转为工单。");
  const facts = await filerFacts(user.id);
  const plan = facts && filingPlan(facts);
  if (!facts || !plan) return fail("REFUSED", "您的账号没有所属学校，无法提交问题。");
  const stage = problem.class?.grade.stage ?? (plan.stages?.length === 1 ? plan.stages[0]! : null);
  const who = `${problem.subjectName}（${ROLE_LABELS[problem.subjectRole]}${problem.class ? `，${problem.class.grade.name}${problem.class.name}` : ""}）`;
  const description = [`登录问题：${who}无法登录。`, `班主任描述：${problem.description}`]
    .concat(input.data.note ? [`学校补充：${input.data.note}`] : [])
    .join("\n");
  const { day, cal } = await today(now);
  const created = await db().$transaction(async (tx) => {
    const ticket = await insertProblem(
      tx,
      {
        subject: supportSubject(facts.chain, stage, "APPLICATION"),
        category: "APPLICATION",
        subcategory: "SIGN_IN",
        stage,
        description: description.slice(0, 4000),
        urgent: input.data.urgent,
        pagePath: "/console/admin/sign-in-problems",
        filerId: user.id,
        filerRole: facts.role as FilerRole,
        filerName: facts.displayName,
        filerUnit: plan.unit,
        filerContact: input.data.contact,
        schoolId: plan.schoolId,
        regionPath: plan.regionPath,
        originLevel: plan.originLevel,
        queue: plan.queue,
        deadline: supportDeadline(day, "APPLICATION", cal),
        signInProblemId: problem.id,
      },
      [],
    );
    await audit(
      ctx.data,
      "support.convert_sign_in_problem",
      { type: "SupportProblem", id: ticket.id },
      { signInProblemId: problem.id },
      { tx },
    );
    await notifySupportProblemQueued(tx, ticket.id, plan.queue);
    return ticket;
  });
  return ok({ id: created.id });
}

/** The caller's own queue: their school (aid officer) or their region (supervisor). */
function ownQueue(ctx: AccessContext): { schoolId: string } | { regionId: string } | null {
  if (ctx.scope.role === "SCHOOL_ADMIN") return { schoolId: ctx.scope.schoolId };
  if (ctx.scope.role === "SUPERVISOR" && ctx.user.regionId) return { regionId: ctx.user.regionId };
  return null;
}

const inOwnQueue = (problem: ProblemRow, queue: ReturnType<typeof ownQueue>) =>
  queue !== null &&
  ("schoolId" in queue
    ? problem.level === "SCHOOL" && problem.queueSchoolId === queue.schoolId
    : problem.queueRegionId === queue.regionId);

/**
 * Takes a problem waiting in the caller's queue (首接负责制). Of two handlers taking it at once exactly one
 * wins (one UPDATE … WHERE "ownerId" IS NULL, lib/db/support.repo.ts); the other is told who owns it.
 */
export async function takeSupportProblem(
  user: SessionUser,
  problemId: unknown,
): Promise<ActionResult<undefined>> {
  const ctx = accessContext(user, "support.handle");
  if (!ctx.ok) return ctx;
  const id = idSchema.safeParse(problemId);
  const queue = ownQueue(ctx.data);
  if (!id.success || !queue) return fail("NOT_FOUND", SUPPORT_NOT_FOUND);
  const result = await db().$transaction(async (tx) => {
    const level = await takeProblem(tx, id.data, user.id, queue);
    if (!level) return null;
    await addEvent(tx, { problemId: id.data, actorId: user.id, action: "TAKE", level: level.level });
    await audit(
      ctx.data,
      "support.take",
      { type: "SupportProblem", id: id.data },
      { level: level.level },
      { tx },
    );
    return level;
  });
  if (result) return ok(undefined);
  // Why not: say it in words the handler can act on.
  const problem = await findProblem(ctx.data.scope, id.data, true);
  if (!problem) return fail("NOT_FOUND", SUPPORT_NOT_FOUND);
  if (problem.ownerId && problem.ownerId !== user.id)
    return fail(
      "CONFLICT",
      `该问题已由${problem.owner?.displayName ?? "其他人员"}受理（首接负责制），由其负责到底，您无需重复受理。`,
    );
  if (problem.ownerId === user.id) return fail("CONFLICT", "您已受理该问题。");
  if (problem.filerId === user.id)
    return fail("REFUSED", "不能受理自己提交的问题，请等待同级其他人员或上级受理。");
  if (!inOwnQueue(problem, queue))
    return fail(
      "REFUSED",
      `该问题现在在${SUPPORT_LEVEL_LABELS[problem.level]}级待受理，不在您的受理队列中。`,
    );
  return fail("REFUSED", "该问题已答复或已办结，不能再受理。");
}

/** Passes an owned problem up with what was tried: the next level's queue, ownership cleared. */
export async function passUpSupportProblem(
  user: SessionUser,
  problemId: unknown,
  raw: unknown,
): Promise<ActionResult<{ level: string }>> {
  const ctx = accessContext(user, "support.handle");
  if (!ctx.ok) return ctx;
  const input = parseInput(passUpSchema, raw);
  if (!input.ok) return input;
  const problem = await ownedProblem(ctx.data, problemId);
  if (!problem.ok) return problem;
  const next = await nextQueueAbove(problem.data);
  if (!next) return fail("REFUSED", "省级是最高一级，不能再上报。请直接答复或联系全国资助系统技术支持。");
  const moved = await db().$transaction(async (tx) => {
    if (!(await passProblemUp(tx, problem.data.id, user.id, next))) return false;
    await addEvent(tx, {
      problemId: problem.data.id,
      actorId: user.id,
      action: "PASS_UP",
      level: problem.data.level,
      toLevel: next.level,
      comment: input.data.tried,
    });
    await audit(
      ctx.data,
      "support.pass_up",
      { type: "SupportProblem", id: problem.data.id },
      { from: problem.data.level, to: next.level },
      { tx },
    );
    await notifySupportProblemQueued(tx, problem.data.id, next);
    return true;
  });
  if (!moved) return fail("CONFLICT", "该问题的状态刚刚发生了变化，请刷新页面后重试。");
  return ok({ level: SUPPORT_LEVEL_LABELS[next.level] });
}

/** A problem the caller owns and is still handling. */
async function ownedProblem(ctx: AccessContext, problemId: unknown): Promise<ActionResult<ProblemRow>> {
  const id = idSchema.safeParse(problemId);
  const problem = id.success ? await findProblem(ctx.scope, id.data, true) : null;
  if (!problem) return fail("NOT_FOUND", SUPPORT_NOT_FOUND);
  if (problem.ownerId !== ctx.user.id || problem.state !== "TAKEN")
    return fail("REFUSED", "只有受理该问题的人员（首接负责人）在处理期间可以这样做。请先受理。");
  return ok(problem);
}

/** Answers and closes an owned problem; the filer confirms or reopens within 5 working days. */
export async function resolveSupportProblem(
  user: SessionUser,
  problemId: unknown,
  raw: unknown,
  now = new Date(),
): Promise<ActionResult<undefined>> {
  const ctx = accessContext(user, "support.handle");
  if (!ctx.ok) return ctx;
  const input = parseInput(resolveSchema, raw);
  if (!input.ok) return input;
  const problem = await ownedProblem(ctx.data, problemId);
  if (!problem.ok) return problem;
  const { day, cal } = await today(now);
  const done = await db().$transaction(async (tx) => {
    if (!(await resolveProblem(tx, problem.data.id, user.id, input.data.resolution, confirmByDay(day, cal))))
      return false;
    await addEvent(tx, {
      problemId: problem.data.id,
      actorId: user.id,
      action: "RESOLVE",
      level: problem.data.level,
      comment: input.data.resolution,
    });
    await audit(ctx.data, "support.resolve", { type: "SupportProblem", id: problem.data.id }, {}, { tx });
    return true;
  });
  return done ? ok(undefined) : fail("CONFLICT", "该问题的状态刚刚发生了变化，请刷新页面后重试。");
}

/**
 * A reply (the filer or the owner; the filer sees it) or an internal note (handlers only; never shown to the
 * filer), with up to 3 files.
 */
export async function postSupportMessage(
  user: SessionUser,
  problemId: unknown,
  raw: unknown,
  files: readonly UploadedFile[] = [],
): Promise<ActionResult<{ id: string }>> {
  const ctx = accessContext(user, "support.view_own");
  if (!ctx.ok) return ctx;
  const input = parseInput(messageSchema, raw);
  if (!input.ok) return input;
  const id = idSchema.safeParse(problemId);
  const handler = isHandler(user);
  const problem = id.success ? await findProblem(ctx.data.scope, id.data, handler) : null;
  if (!problem) return fail("NOT_FOUND", SUPPORT_NOT_FOUND);
  const asFiler = problem.filerId === user.id;
  if (input.data.internal && (!handler || asFiler))
    return fail("FORBIDDEN", "只有处理人员可以写内部备注。", { internal: "提交人不能写内部备注" });
  if (!input.data.internal && !asFiler && problem.ownerId !== user.id)
    return fail("REFUSED", "只有提交人和受理该问题的人员可以回复；其他处理人员可以写内部备注。");
  if (problem.state === "CLOSED")
    return fail("REFUSED", "该问题已办结，不能再回复。如仍有问题，请重新提交。");
  return withStoredFiles(files, async (stored) => {
    const message = await db().$transaction(async (tx) => {
      await lockProblem(tx, problem.id);
      return addMessage(
        tx,
        { problemId: problem.id, authorId: user.id, internal: input.data.internal, body: input.data.body },
        stored,
      );
    });
    return ok({ id: message.id });
  });
}

/** The filer confirms the answer and rates it (1–5). */
export async function confirmSupportProblem(
  user: SessionUser,
  problemId: unknown,
  raw: unknown,
): Promise<ActionResult<undefined>> {
  const ctx = accessContext(user, "support.view_own");
  if (!ctx.ok) return ctx;
  const input = parseInput(confirmSchema, raw);
  if (!input.ok) return input;
  const problem = await filedProblem(ctx.data.scope, problemId);
  if (!problem) return fail("NOT_FOUND", SUPPORT_NOT_FOUND);
  if (problem.state !== "RESOLVED") return fail("REFUSED", "该问题还没有答复，或已经确认过了。");
  const done = await db().$transaction(async (tx) => {
    if (!(await confirmProblem(tx, problem.id, user.id, input.data.rating))) return false;
    await addEvent(tx, {
      problemId: problem.id,
      actorId: user.id,
      action: "CONFIRM",
      level: problem.level,
      comment: `满意度 ${input.data.rating} 分`,
    });
    await audit(
      ctx.data,
      "support.confirm",
      { type: "SupportProblem", id: problem.id },
      { rating: input.data.rating },
      { tx },
    );
    return true;
  });
  return done ? ok(undefined) : fail("CONFLICT", "该问题的状态刚刚发生了变化，请刷新页面后重试。");
}

/** The filer reopens an answer within 5 working days: back to its owner, with a new deadline. */
export async function reopenSupportProblem(
  user: SessionUser,
  problemId: unknown,
  raw: unknown,
  now = new Date(),
): Promise<ActionResult<undefined>> {
  const ctx = accessContext(user, "support.view_own");
  if (!ctx.ok) return ctx;
  const input = parseInput(reopenSchema, raw);
  if (!input.ok) return input;
  const problem = await filedProblem(ctx.data.scope, problemId);
  if (!problem) return fail("NOT_FOUND", SUPPORT_NOT_FOUND);
  const { day, cal } = await today(now);
  const confirmBy = problem.confirmBy ? dayText(problem.confirmBy) : null;
  if (!canReopen(problem.state, confirmBy, day))
    return fail(
      "REFUSED",
      problem.state === "RESOLVED"
        ? `答复后5个工作日内（至 ${confirmBy}）可以重新打开，现已超过期限。如仍有问题，请重新提交。`
        : "只有已答复、待确认的问题可以重新打开。",
    );
  const done = await db().$transaction(async (tx) => {
    if (!(await reopenProblem(tx, problem.id, user.id, day, supportDeadline(day, problem.category, cal))))
      return false;
    await addEvent(tx, {
      problemId: problem.id,
      actorId: user.id,
      action: "REOPEN",
      level: problem.level,
      comment: input.data.reason,
    });
    await audit(ctx.data, "support.reopen", { type: "SupportProblem", id: problem.id }, {}, { tx });
    return true;
  });
  return done ? ok(undefined) : fail("CONFLICT", "该问题的状态刚刚发生了变化，请刷新页面后重试。");
}

async function filedProblem(scope: Scope, problemId: unknown) {
  const id = idSchema.safeParse(problemId);
  if (!id.success) return null;
  const problem = await findProblem(scope, id.data, false);
  return problem && problem.filerId === scope.userId ? problem : null;
}

/** A problem with its status against the deadline (today, in Beijing). */
function withStatus(problem: ProblemRow, day: string, cal: HolidayCalendar) {
  const deadline = dayText(problem.deadline);
  return {
    ...problem,
    deadlineDay: deadline,
    status: deadlineStatus(beijingDay(problem.filedAt), deadline, problem.state, day, cal),
  };
}
export type ProblemWithStatus = ReturnType<typeof withStatus>;

/**
 * One problem as the caller may see it: the filer sees every step and the replies; a handler also the
 * internal notes. What the caller may do now is decided here, not in the page.
 */
export async function loadSupportProblem(user: SessionUser, problemId: unknown, now = new Date()) {
  const ctx = accessContext(user, "support.view_own");
  if (!ctx.ok) return ctx;
  const id = idSchema.safeParse(problemId);
  const handler = isHandler(user);
  const problem = id.success ? await findProblem(ctx.data.scope, id.data, handler) : null;
  if (!problem) return fail("NOT_FOUND", SUPPORT_NOT_FOUND);
  const asFiler = problem.filerId === user.id;
  const asHandler = handler && !asFiler;
  const { day, cal } = await today(now);
  const thread = await problemThread(problem.id, asHandler);
  const queue = asHandler ? ownQueue(ctx.data) : null;
  const owner = problem.ownerId === user.id && problem.state === "TAKEN";
  const province =
    decide(user, "support_answer.manage").ok && user.regionPath?.split("/").filter(Boolean).length === 1;
  const answered = problem.state === "RESOLVED" || problem.state === "CLOSED";
  return ok({
    problem: withStatus(problem, day, cal),
    ...thread,
    asFiler,
    asHandler,
    can: {
      take: asHandler && problem.state === "QUEUED" && inOwnQueue(problem, queue),
      passUp: owner && problem.level !== "PROVINCE",
      resolve: owner,
      reply: problem.state !== "CLOSED" && (asFiler || problem.ownerId === user.id),
      note: asHandler && problem.state !== "CLOSED",
      confirm: asFiler && problem.state === "RESOLVED",
      reopen: asFiler && canReopen(problem.state, problem.confirmBy ? dayText(problem.confirmBy) : null, day),
      makeAnswer: asHandler && province && answered && !(await answerOfProblem(problem.id)),
    },
  });
}

/** The caller's own problems, with where each stands. */
export async function loadOwnSupportProblems(user: SessionUser, now = new Date()) {
  const ctx = accessContext(user, "support.view_own");
  if (!ctx.ok) return ctx;
  const { day, cal } = await today(now);
  return ok((await listOwnProblems(user.id)).map((p) => withStatus(p, day, cal)));
}

/**
 * 问题处理进度清单: the problems of the caller's handling scope (open ones unless a state is chosen), overdue
 * first, filterable by level, category, owner and state.
 */
export async function loadSupportProgress(user: SessionUser, rawFilter: unknown, now = new Date()) {
  const ctx = accessContext(user, "support.handle");
  if (!ctx.ok) return ctx;
  const parsed = progressFilterSchema.safeParse(rawFilter ?? {});
  const filter: ProgressFilter = parsed.success ? parsed.data : {};
  const { day, cal } = await today(now);
  const rows = (await listHandlerProblems(ctx.data.scope, user.regionId, filter)).map((p) =>
    withStatus(p, day, cal),
  );
  rows.sort((a, b) => compareProgress({ ...a, deadline: a.deadlineDay }, { ...b, deadline: b.deadlineDay }));
  const queue = ownQueue(ctx.data);
  return ok({
    filter,
    today: day,
    rows: rows.map((row) => ({ ...row, inMyQueue: row.state === "QUEUED" && inOwnQueue(row, queue) })),
  });
}

/**
 * The handler's queue: waiting in their own queue, or owned by them and open, optionally of one 学段. A city's
 * or province's queue also comes grouped by 学段 with counts (a city forwards per 学段, issue 21 item 2).
 */
export async function loadSupportQueue(user: SessionUser, rawFilter: unknown = {}, now = new Date()) {
  const ctx = accessContext(user, "support.handle");
  if (!ctx.ok) return ctx;
  const parsed = queueFilterSchema.safeParse(rawFilter ?? {});
  const filter: { stage?: Stage } = parsed.success ? parsed.data : {};
  const { day, cal } = await today(now);
  const rows = (
    await listHandlerProblems(ctx.data.scope, user.regionId, { mineOnly: true, stage: filter.stage })
  ).map((p) => withStatus(p, day, cal));
  rows.sort((a, b) => compareProgress({ ...a, deadline: a.deadlineDay }, { ...b, deadline: b.deadlineDay }));
  const depth = user.role === "SUPERVISOR" ? (user.regionPath?.split("/").filter(Boolean).length ?? 0) : 0;
  const byStage = depth === 1 || depth === 2;
  return ok({ filter, rows, groups: byStage ? groupByStage(rows) : null });
}

/** Open and overdue problems per level for the console home (null: the caller handles none). */
export async function loadSupportCounts(user: SessionUser, now = new Date()) {
  const ctx = accessContext(user, "support.handle");
  if (!ctx.ok) return null;
  return countOpenByLevel(ctx.data.scope, beijingDay(now));
}

export type SupportFileDownload = { bytes: Uint8Array; mimeType: string; fileName: string };

/**
 * A support file for a caller who may see its problem: the filer (not the files of internal notes) or a
 * handler in scope. Anything else is 404, like an id that never existed.
 */
export async function openSupportFile(
  user: SessionUser | null,
  fileId: string,
): Promise<
  { ok: true; data: SupportFileDownload } | { ok: false; status: 401 | 403 | 404 | 503; message: string }
> {
  const ctx = accessContext(user, "support.view_own");
  if (!ctx.ok) return { ok: false, status: ctx.code === "UNAUTHENTICATED" ? 401 : 403, message: ctx.message };
  const notFound = { ok: false, status: 404, message: "未找到该文件。" } as const;
  const id = idSchema.safeParse(fileId);
  const file = id.success ? await findSupportFile(id.data) : null;
  if (!file) return notFound;
  const handler = isHandler(ctx.data.user);
  const problem = await findProblem(ctx.data.scope, file.problemId, handler);
  if (!problem) return notFound;
  const asFiler = problem.filerId === ctx.data.user.id;
  if (file.message?.internal && (asFiler || !handler)) return notFound;
  const read = await readOrUnavailable(evidenceStorage(), file.evidenceFile.storageKey);
  if (!read.ok) return read;
  if (!read.bytes) return notFound;
  if (!asFiler)
    await audit(
      ctx.data,
      "support.file_viewed",
      { type: "SupportProblem", id: problem.id },
      {
        evidenceFileId: file.evidenceFile.id,
      },
    );
  return {
    ok: true,
    data: {
      bytes: read.bytes,
      mimeType: file.evidenceFile.mimeType,
      fileName: file.evidenceFile.originalName,
    },
  };
}
