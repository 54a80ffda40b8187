import { Notice } from "@/components/teacher/notice";
import { SignInProblemList } from "@/components/teacher/sign-in-problem-list";
import { ActionForm } from "@/components/ui/action-form";
import { requirePageAccess } from "@/lib/auth/access";
import { loadAdminSignInProblems } from "@/lib/services/sign-in-problems";
import { resolveProblemAction } from "../../teacher/sign-in-problems/actions";
import { convertSignInProblemAction } from "./actions";

export const metadata = { title: "登录问题处理" };

export default async function AdminSignInProblemsPage() {
  const { user } = await requirePageAccess("signin_problem.resolve");
  const r = await loadAdminSignInProblems(user);
  if (!r.ok) return <Notice kind="error">{r.message}</Notice>;
  const tickets = new Map(r.data.map((p) => [p.id, p.supportProblem?.id ?? null]));
  return (
    <>
      <h1 className="text-xl font-semibold">登录问题处理</h1>
      <p className="text-sm text-slate-600">
        班主任报告的学生、家长无法登录的问题。核对学籍信息或重置密码后，写明处理结果，班主任会看到。
      </p>
      <SignInProblemList
        problems={r.data}
        resolveSlot={(id) => (
          <>
            <ActionForm
              idPrefix={`p-${id}`}
              action={resolveProblemAction.bind(null, id)}
              submitLabel="标记为已处理"
              fields={[
                {
                  name: "resolution",
                  label: "处理结果",
                  maxLength: 500,
                  hint: "如：已重置密码并告知家长；已更正学籍号",
                },
              ]}
            />
            {tickets.get(id) ? (
              <a href={`/console/support/${tickets.get(id)}`} className="text-brand-700 underline">
                已转为问题工单，查看处理进度
              </a>
            ) : (
              <details>
                <summary className="cursor-pointer text-brand-700">
                  本校无法解决：转为问题工单上报区县
                </summary>
                <ActionForm
                  idPrefix={`t-${id}`}
                  action={convertSignInProblemAction.bind(null, id)}
                  submitLabel="转为问题工单"
                  fields={[
                    {
                      name: "contact",
                      label: "联系方式",
                      maxLength: 100,
                      hint: "手机或办公电话，用于反馈处理情况",
                    },
                    { name: "note", label: "补充说明（已尝试的处理）", maxLength: 2000 },
                  ]}
                />
              </details>
            )}
          </>
        )}
      />
    </>
  );
}
