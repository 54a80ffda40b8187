/**
 * 待办事项 at the top of the applicant portal's home (lib/services/todos-applicant.ts): one full-width link per
 * step, with its deadline and time left — big enough to tap on a phone.
 */
import Link from "next/link";
import { countdown } from "@/lib/domain/term-window";
import { formatBeijingShort } from "@/lib/domain/time";
import type { Todo } from "@/lib/domain/todos";

export function ApplicantTodos({ todos, now }: { todos: Todo[]; now: Date }) {
  return (
    <section aria-labelledby="applicant-todo-title" className="space-y-2">
      <h2 id="applicant-todo-title" className="text-lg font-semibold">
        待办事项
      </h2>
      {todos.length === 0 ? (
        <p className="rounded-xl bg-white p-4 text-sm text-slate-600 ring-1 ring-slate-200">
          目前没有需要您处理的事项。
        </p>
      ) : (
        <ul className="space-y-2">
          {todos.map((todo) => (
            <li key={todo.key} data-testid="applicant-todo">
              <Link
                href={todo.href}
                className="block rounded-xl bg-amber-50 p-4 text-amber-950 ring-1 ring-amber-200 focus-visible:outline-2 focus-visible:outline-brand-600"
              >
                <span className="block font-medium">
                  {todo.label}
                  {todo.count > 1 ? `（${todo.count}笔）` : ""}
                </span>
                {todo.deadline ? (
                  <span className="block text-sm" data-testid="applicant-todo-deadline">
                    截止 {formatBeijingShort(todo.deadline)}（剩余 {countdown(now, todo.deadline)}）
                  </span>
                ) : null}
                {todo.note ? <span className="block text-sm">{todo.note}</span> : null}
              </Link>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
