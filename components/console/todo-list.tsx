/** 待办事项 of the console home: each to-do's label and count, the count linking to the filtered list. */
import Link from "next/link";
import type { Todo } from "@/lib/domain/todos";

export function TodoList({ todos, month }: { todos: Todo[]; month: string }) {
  if (todos.length === 0) return null;
  return (
    <section aria-labelledby="todo-title" className="space-y-2">
      <h2 id="todo-title" className="font-semibold">
        待办事项（{month}）
      </h2>
      <ul className="grid gap-2 sm:grid-cols-2 lg:grid-cols-3">
        {todos.map((todo) => (
          <li
            key={todo.key}
            data-testid={`todo-${todo.key}`}
            className={`flex items-center justify-between gap-3 rounded-lg bg-white p-3 ring-1 ${todo.count > 0 ? "ring-amber-300" : "ring-slate-200"}`}
          >
            <span className="text-sm">{todo.label}</span>
            <Link
              href={todo.href}
              className="min-w-10 rounded-md px-2 py-1 text-center text-lg font-semibold text-brand-700 underline-offset-2 hover:underline"
              aria-label={`${todo.label}：${todo.count}项，查看`}
              data-testid="todo-count"
            >
              {todo.count}
            </Link>
          </li>
        ))}
      </ul>
    </section>
  );
}
