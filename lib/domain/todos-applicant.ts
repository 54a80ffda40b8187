/**
 * 待办事项 of the applicant portal's home (app/(portal)/portal/page.tsx): per child the applicant's next step
 * and its deadline — an application to start or a draft to submit before the window closes, a returned
 * application to fix before its deadline, a result publicity during which a 复议 may be requested, aid paid
 * and waiting for the 签收. Pure: the facts come from lib/db/todos-applicant.repo.ts.
 */
import type { ApplicationState } from "./codes";
import type { TermDates } from "./term-window";
import { beijingEndOfDay } from "./time";
import type { Todo } from "./todos";

export type ApplicantTodoFacts = {
  personId: string;
  name: string;
  /** Whether the viewer is the one who applies for this child (lib/domain/applicant.ts `applicantRoleFor`). */
  canApply: boolean;
  /** The child's school's dates of the current term; null without a current term. */
  dates: TermDates | null;
  application: { state: ApplicationState; returnReason: string | null; returnDeadline: Date | null } | null;
  /** Result publicities showing this child now ("YYYY-MM-DD" last day), where the viewer has not asked for 复议. */
  openPublicity: { batchId: string; endDay: string }[];
  /** Payments made to this child's application and not yet confirmed (签收) by the family. */
  unsignedPayments: number;
};

const applyHref = (personId: string) => `/portal/apply/${personId}`;
const resultHref = (personId: string) => `/portal/result/${personId}`;

/** The to-dos of one child, in the order the family meets them. */
function childTodos(child: ApplicantTodoFacts, now: Date): Todo[] {
  if (!child.canApply) return [];
  const todos: Todo[] = [];
  const { dates, application: app, personId, name } = child;
  const windowOpen = dates !== null && now >= dates.applyStart && now <= dates.applyEnd;
  if (dates && windowOpen && (!app || app.state === "draft"))
    todos.push({
      key: `apply.${personId}`,
      label: app ? `${name}：申请草稿待提交` : `${name}：尚未申请`,
      count: 1,
      href: applyHref(personId),
      deadline: dates.applyEnd,
    });
  if (app?.state === "returned" && (!app.returnDeadline || now <= app.returnDeadline))
    todos.push({
      key: `returned.${personId}`,
      label: `${name}：申请被退回，请修改后重新提交`,
      count: 1,
      href: applyHref(personId),
      ...(app.returnDeadline ? { deadline: app.returnDeadline } : {}),
      note: `退回原因：${app.returnReason?.trim() || "请按班主任的要求修改"}`,
    });
  for (const publicity of child.openPublicity)
    todos.push({
      key: `publicity.${personId}.${publicity.batchId}`,
      label: `${name}：认定结果公示中，如有异议可申请复议`,
      count: 1,
      href: resultHref(personId),
      deadline: beijingEndOfDay(publicity.endDay),
    });
  if (child.unsignedPayments > 0)
    todos.push({
      key: `receipt.${personId}`,
      label: `${name}：资助已发放，请确认签收`,
      count: child.unsignedPayments,
      href: resultHref(personId),
    });
  return todos;
}

/** Every child's to-dos, the nearest deadline first (those without a deadline last, in the children's order). */
export function applicantTodos(children: readonly ApplicantTodoFacts[], now: Date): Todo[] {
  const todos = children.flatMap((child) => childTodos(child, now));
  const at = (todo: Todo) => todo.deadline?.getTime() ?? Number.POSITIVE_INFINITY;
  return todos
    .map((todo, index) => ({ todo, index }))
    .sort((a, b) => at(a.todo) - at(b.todo) || a.index - b.index)
    .map(({ todo }) => todo);
}
