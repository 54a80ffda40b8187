import { Notice } from "@/components/teacher/notice";
import { Field, Select, TextArea, TextInput } from "@/components/ui/form";
import { inputCls } from "@/components/ui/form-styles";
import { ServerForm } from "@/components/ui/server-form";
import { TitledSection } from "@/components/ui/titled-section";
import { requirePageAccess } from "@/lib/auth/access";
import {
  SUPPORT_ANSWER_KIND_LABELS,
  SUPPORT_CATEGORIES,
  SUPPORT_CATEGORY_LABELS,
  type SupportAnswerKind,
} from "@/lib/domain/support";
import { loadAnswers } from "@/lib/services/support-answers";
import { deleteAnswerAction, saveAnswerAction } from "./actions";

export const metadata = { title: "常见问题" };

export default async function SupportAnswersPage({
  searchParams,
}: {
  searchParams: Promise<{ q?: string | string[] }>;
}) {
  const { user } = await requirePageAccess("support_answer.view");
  const q = (await searchParams).q;
  const r = await loadAnswers(user, typeof q === "string" ? q : "");
  if (!r.ok) return <Notice kind="error">{r.message}</Notice>;
  const { answers, canManage, query } = r.data;
  return (
    <>
      <h1 className="text-xl font-semibold">常见问题</h1>
      <p className="text-sm text-slate-600">
        省级整理的已培训内容和已知问题。遇到问题先在这里搜索；提交问题时，系统也会按您输入的描述推荐相近的解答。
      </p>
      <form method="get" className="flex flex-wrap items-end gap-2" role="search" aria-label="搜索常见问题">
        <label className="text-sm">
          <span className="block text-slate-600">关键词</span>
          <input name="q" defaultValue={query} maxLength={100} className={inputCls} />
        </label>
        <button type="submit" className="server-form-button server-form-button-secondary">
          搜索
        </button>
      </form>
      {answers.length === 0 ? (
        <p className="text-sm text-slate-600">
          {query ? "没有找到相近的解答，可以换个说法再搜，或直接提交问题。" : "还没有常见问题。"}
        </p>
      ) : (
        <ul className="space-y-2">
          {answers.map((answer) => (
            <li key={answer.id} className="rounded-md bg-white p-3 text-sm ring-1 ring-slate-200">
              <h2 className="font-medium">{answer.title}</h2>
              <p className="text-xs text-slate-500">
                {SUPPORT_ANSWER_KIND_LABELS[answer.kind as SupportAnswerKind] ?? answer.kind}
                {answer.category ? ` · ${SUPPORT_CATEGORY_LABELS[answer.category]}` : ""}
              </p>
              <p className="mt-1 whitespace-pre-wrap">{answer.body}</p>
              {canManage ? (
                <ServerForm
                  action={deleteAnswerAction}
                  inline
                  variant="danger"
                  confirmText={`确定删除常见问题“${answer.title}”？`}
                  submitLabel={
                    <>
                      删除<span className="sr-only">：{answer.title}</span>
                    </>
                  }
                >
                  <input type="hidden" name="id" value={answer.id} />
                </ServerForm>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      {canManage ? (
        <TitledSection id="add-answer-heading" title="新增常见问题">
          <ServerForm action={saveAnswerAction} submitLabel="保存常见问题">
            <Field id="answer-kind" label="类型" required>
              <Select id="answer-kind" name="kind" defaultValue="FAQ" aria-required="true">
                {Object.entries(SUPPORT_ANSWER_KIND_LABELS).map(([kind, label]) => (
                  <option key={kind} value={kind}>
                    {label}
                  </option>
                ))}
              </Select>
            </Field>
            <Field id="answer-category" label="问题类别">
              <Select id="answer-category" name="category" defaultValue="">
                <option value="">不限</option>
                {SUPPORT_CATEGORIES.map((category) => (
                  <option key={category} value={category}>
                    {SUPPORT_CATEGORY_LABELS[category]}
                  </option>
                ))}
              </Select>
            </Field>
            <Field id="answer-title" label="标题" required>
              <TextInput id="answer-title" name="title" maxLength={100} aria-required="true" />
            </Field>
            <Field id="answer-body" label="解答" required>
              <TextArea id="answer-body" name="body" rows={5} maxLength={4000} aria-required="true" />
            </Field>
          </ServerForm>
        </TitledSection>
      ) : null}
    </>
  );
}
