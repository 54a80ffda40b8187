/**
 * 待办事项 of the console home: every provider below returns the to-dos of one kind for the viewer (school
 * staff: their school; supervisors: their region subtree), counted in SQL (lib/db/todos.repo.ts,
 * lib/db/todos-staff.repo.ts) and labelled with their filtered list's address (lib/domain/todos.ts,
 * lib/domain/todos-staff.ts). A new kind of to-do is one more provider in TODO_PROVIDERS. The teacher's come
 * per own class (teacherTodoList); the applicant's are on the portal home (lib/services/todos-applicant.ts).
 * Computed from the data, never from notifications: right even when a message failed.
 */
import "server-only";
import { scopeOf, type Scope } from "@/lib/auth/scope";
import { findCurrentTerm } from "@/lib/db/terms.repo";
import { feeWaiverTodoCounts, schoolStages, vocationalTodoCounts } from "@/lib/db/todos.repo";
import { schoolTodoCounts, supportQueueCount, teacherClassTodoCounts } from "@/lib/db/todos-staff.repo";
import type { Stage } from "@/lib/domain/codes";
import type { SessionUser } from "@/lib/domain/session-user";
import {
  beijingMonth,
  feeWaiverTodos,
  nearDeadlineCutoff,
  vocationalStageTodos,
  vocationalTodos,
  type Todo,
} from "@/lib/domain/todos";
import {
  leaderTodos,
  RECENT_IMPORT_DAYS,
  schoolAdminTodos,
  supportTodos,
  teacherTodos,
} from "@/lib/domain/todos-staff";
import { schoolCalendar } from "./publicity";

type ListScope = Extract<Scope, { role: "SCHOOL_ADMIN" | "SCHOOL_LEADER" | "SUPERVISOR" }>;

export type TodoContext = {
  scope: ListScope;
  /** The school's stages; null for a supervisor (every stage below them). */
  stages: Stage[] | null;
  month: ReturnType<typeof beijingMonth>;
  termId: string | null;
  now: Date;
  /** The viewer's own support queue (supervisors: exactly their region). */
  regionId: string | null;
};

type TodoProvider = (ctx: TodoContext) => Promise<Todo[]>;

const concerns = (ctx: TodoContext, stage: Stage) => ctx.stages === null || ctx.stages.includes(stage);

/** 中职 monthly lists of the current month: the lists' to-dos, then the flow's steps waiting on the viewer. */
const vocationalProvider: TodoProvider = async (ctx) => {
  if (!concerns(ctx, "VOCATIONAL")) return [];
  const counts = await vocationalTodoCounts(ctx.scope, ctx.month);
  return [
    ...vocationalTodos(ctx.scope.role === "SUPERVISOR" ? "supervisor" : "school", ctx.month, counts),
    ...vocationalStageTodos(ctx.scope.role, ctx.month, counts.byStage),
  ];
};

/** 普高 免学杂费 lists of the current term awaiting the viewer. */
const feeWaiverProvider: TodoProvider = async (ctx) =>
  ctx.termId && concerns(ctx, "SENIOR")
    ? feeWaiverTodos(ctx.scope.role, ctx.termId, await feeWaiverTodoCounts(ctx.scope, ctx.termId))
    : [];

const DAY_MS = 86_400_000;

/** The application work of the school: the aid officer's reviews, objections, imports; the leader's signature. */
const schoolWorkProvider: TodoProvider = async (ctx) => {
  if (ctx.scope.role === "SUPERVISOR") return [];
  const since = new Date(ctx.now.getTime() - RECENT_IMPORT_DAYS * DAY_MS);
  const counts = await schoolTodoCounts(ctx.scope, ctx.termId, since);
  return ctx.scope.role === "SCHOOL_LEADER" ? leaderTodos(counts) : schoolAdminTodos(counts);
};

/** Support problems waiting in the handler's own queue (aid officers and supervisors handle them). */
const supportProvider: TodoProvider = async (ctx) =>
  supportTodos(ctx.scope.role === "SCHOOL_LEADER" ? null : await supportQueueCount(ctx.scope, ctx.regionId));

export const TODO_PROVIDERS: readonly TodoProvider[] = [
  schoolWorkProvider,
  vocationalProvider,
  feeWaiverProvider,
  supportProvider,
];

/**
 * The teacher's to-dos per own class: applications to verify, returned ones whose deadline is within the
 * near-deadline window of the school's working days (lib/domain/todos.ts `nearDeadlineCutoff`), class
 * evaluations due, enrolment errors to handle.
 */
async function teacherTodoList(scope: Extract<Scope, { role: "TEACHER" }>, now: Date): Promise<Todo[]> {
  const [term, calendar] = await Promise.all([findCurrentTerm(), schoolCalendar(scope)]);
  const classes = await teacherClassTodoCounts(
    scope,
    term?.id ?? null,
    now,
    nearDeadlineCutoff(now, calendar),
  );
  return teacherTodos(classes);
}

/** The staff viewer's to-dos at `now` (the lists' to-dos for its Beijing month); applicants: lib/services/todos-applicant.ts. */
export async function loadTodos(user: SessionUser, now: Date = new Date()): Promise<Todo[]> {
  const scope = scopeOf(user);
  if (scope.role === "TEACHER") return teacherTodoList(scope, now);
  if (scope.role !== "SCHOOL_ADMIN" && scope.role !== "SCHOOL_LEADER" && scope.role !== "SUPERVISOR")
    return [];
  const [stages, term] = await Promise.all([
    scope.role === "SUPERVISOR" ? null : schoolStages(scope.schoolId),
    findCurrentTerm(),
  ]);
  const ctx: TodoContext = {
    scope,
    stages,
    month: beijingMonth(now),
    termId: term?.id ?? null,
    now,
    regionId: user.regionId,
  };
  return (await Promise.all(TODO_PROVIDERS.map((provider) => provider(ctx)))).flat();
}
