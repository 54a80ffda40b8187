/**
 * 待办事项 of the console home: every provider below returns the to-dos of one kind for the viewer (school
 * staff: their school; supervisors: their region subtree), counted in SQL (lib/db/todos.repo.ts) and labelled
 * with their filtered list's address (lib/domain/todos.ts). A new kind of to-do (the support desk,
 * notifications) is one more provider in TODO_PROVIDERS.
 */
import "server-only";
import { scopeOf, type Scope } from "@/lib/auth/scope";
import { findCurrentTerm } from "@/lib/db/terms.repo";
import { feeWaiverTodoCounts, schoolStages, vocationalTodoCounts } from "@/lib/db/todos.repo";
import type { Stage } from "@/lib/domain/codes";
import type { SessionUser } from "@/lib/domain/session-user";
import { beijingMonth, feeWaiverTodos, vocationalTodos, type Todo } from "@/lib/domain/todos";

type ListScope = Extract<Scope, { role: "SCHOOL_ADMIN" | "SCHOOL_LEADER" | "SUPERVISOR" }>;

export type TodoContext = {
  scope: ListScope;
  /** The school's stages; null for a supervisor (every stage below them). */
  stages: Stage[] | null;
  month: ReturnType<typeof beijingMonth>;
  termId: string | null;
};

type TodoProvider = (ctx: TodoContext) => Promise<Todo[]>;

const concerns = (ctx: TodoContext, stage: Stage) => ctx.stages === null || ctx.stages.includes(stage);

/** 中职 monthly lists of the current month. */
const vocationalProvider: TodoProvider = async (ctx) =>
  concerns(ctx, "VOCATIONAL")
    ? vocationalTodos(
        ctx.scope.role === "SUPERVISOR" ? "supervisor" : "school",
        ctx.month,
        await vocationalTodoCounts(ctx.scope, ctx.month),
      )
    : [];

/** 普高 免学杂费 lists of the current term awaiting the viewer. */
const feeWaiverProvider: TodoProvider = async (ctx) =>
  ctx.termId && concerns(ctx, "SENIOR")
    ? feeWaiverTodos(ctx.scope.role, ctx.termId, await feeWaiverTodoCounts(ctx.scope, ctx.termId))
    : [];

export const TODO_PROVIDERS: readonly TodoProvider[] = [vocationalProvider, feeWaiverProvider];

/** The viewer's to-dos for the month of `now` (Beijing time); none for teachers and applicants. */
export async function loadTodos(user: SessionUser, now: Date = new Date()): Promise<Todo[]> {
  const scope = scopeOf(user);
  if (scope.role !== "SCHOOL_ADMIN" && scope.role !== "SCHOOL_LEADER" && scope.role !== "SUPERVISOR")
    return [];
  const [stages, term] = await Promise.all([
    scope.role === "SUPERVISOR" ? null : schoolStages(scope.schoolId),
    findCurrentTerm(),
  ]);
  const ctx: TodoContext = { scope, stages, month: beijingMonth(now), termId: term?.id ?? null };
  return (await Promise.all(TODO_PROVIDERS.map((provider) => provider(ctx)))).flat();
}
