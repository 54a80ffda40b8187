"use client";

import type { FormState } from "@/lib/forms/state";
import Link from "next/link";
import { startTransition, useActionState } from "react";
import { FormMessage } from "@/components/ui/form";
import { useHydrated } from "@/components/ui/use-hydrated";
import type { Letter } from "@/lib/services/access-codes";
import { LetterSheet } from "./letter-sheet";
import { Th, Td } from "@/components/ui/table";
import { Button } from "@/components/ui/button";

/** The form state of lib/forms/state.ts with the letters to print. */
export type LettersState = (NonNullable<FormState> & { letters?: Letter[] }) | null;

export type LetterRow = {
  studentId: string;
  name: string;
  codeIssued: string | null;
  issueCount: number;
  state: string;
};

/**
 * The class's students with their code state and the print buttons; the
 * letters of the codes just issued appear below, ready to print (only they
 * are printed: the toolbar and the table are hidden on paper).
 */
export function LetterWorkbench({
  action,
  rows,
  portalUrl,
  bindingHrefBase,
}: {
  action: (state: LettersState, form: FormData) => Promise<LettersState>;
  rows: LetterRow[];
  portalUrl: string;
  bindingHrefBase: string;
}) {
  const [state, run, pending] = useActionState(action, null);
  const hydrated = useHydrated();
  const submit = (intent: string, confirmText?: string) => {
    if (confirmText && !window.confirm(confirmText)) return;
    const data = new FormData();
    data.set("intent", intent);
    startTransition(() => run(data));
  };
  const letters = state?.letters ?? [];
  const missing = rows.filter((r) => r.codeIssued === null).length;
  const busy = pending || !hydrated;
  return (
    <>
      <div className="space-y-4 print:hidden">
        <div className="flex flex-wrap gap-2">
          <Button type="button" disabled={busy} onClick={() => submit("print-missing")}>
            为未发放验证码的学生生成告家长书（{missing}人）
          </Button>
          <button
            type="button"
            disabled={busy}
            onClick={() =>
              submit("reissue-all", "全班重新生成验证码后，已发出的告家长书上的验证码全部作废。确定吗？")
            }
            className="rounded-md bg-white px-4 py-2 text-sm font-medium text-red-700 ring-1 ring-red-300 hover:bg-red-50 disabled:opacity-60"
          >
            全班重新生成并打印
          </button>
          {letters.length > 0 ? (
            <button
              type="button"
              onClick={() => window.print()}
              className="rounded-md bg-white px-4 py-2 text-sm font-medium text-slate-800 ring-1 ring-slate-400 hover:bg-slate-50"
            >
              打印（{letters.length}份）
            </button>
          ) : null}
        </div>
        {state?.message ? (
          <FormMessage kind={state.ok ? "success" : "error"}>{state.message}</FormMessage>
        ) : null}
        <table className="w-full border-collapse bg-white text-sm ring-1 ring-slate-200">
          <caption className="sr-only">本班学生验证码发放情况</caption>
          <thead className="bg-slate-100 text-left">
            <tr>
              <Th scope="col">学生</Th>
              <Th scope="col">验证码</Th>
              <Th scope="col">账号</Th>
              <Th scope="col">操作</Th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.studentId} className="border-t border-slate-200" data-testid="letter-row">
                <Td>
                  <Link href={`${bindingHrefBase}${r.studentId}`} className="text-brand-600 underline">
                    {r.name}
                  </Link>
                </Td>
                <Td>
                  {r.codeIssued
                    ? `已发放（${r.codeIssued}${r.issueCount > 1 ? `，第${r.issueCount}次` : ""}）`
                    : "未发放"}
                </Td>
                <Td>{r.state}</Td>
                <Td>
                  <button
                    type="button"
                    disabled={busy}
                    onClick={() =>
                      submit(
                        `reissue:${r.studentId}`,
                        r.codeIssued ? `补发后${r.name}原来的验证码立即作废。确定补发吗？` : undefined,
                      )
                    }
                    className="rounded px-2 py-1 text-brand-600 ring-1 ring-brand-600 hover:bg-brand-50 disabled:opacity-60"
                  >
                    {r.codeIssued ? `补发${r.name}的验证码` : `生成${r.name}的告家长书`}
                  </button>
                </Td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {letters.length > 0 ? (
        <section aria-label="待打印的告家长书" className="space-y-6 print:space-y-0">
          <p className="text-sm text-amber-800 print:hidden">
            验证码只在此页显示一次（系统只保存加密摘要）。请现在打印；离开此页后如需再次打印，须补发（旧验证码作废）。
          </p>
          {letters.map((l) => (
            <LetterSheet key={l.studentId} letter={l} portalUrl={portalUrl} />
          ))}
        </section>
      ) : null}
    </>
  );
}
