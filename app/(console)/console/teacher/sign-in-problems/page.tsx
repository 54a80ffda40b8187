import { Notice } from "@/components/teacher/notice";
import { SignInProblemForm } from "@/components/teacher/sign-in-problem-form";
import { SignInProblemList } from "@/components/teacher/sign-in-problem-list";
import { requirePageAccess } from "@/lib/auth/access";
import { loadTeacherSignInProblems } from "@/lib/services/sign-in-problems";
import { reportProblemAction } from "./actions";
import { Card } from "@/components/ui/card";

export const metadata = { title: "登录问题" };

export default async function TeacherSignInProblemsPage() {
  const { user } = await requirePageAccess("signin_problem.report");
  const r = await loadTeacherSignInProblems(user);
  if (!r.ok) return <Notice kind="error">{r.message}</Notice>;
  return (
    <>
      <h1 className="text-xl font-semibold">登录问题</h1>
      <p className="text-sm text-slate-600">
        学生或家长无法登录时，在这里记录并报告给学校资助管理员；管理员处理后可在下方看到处理结果。
      </p>
      {r.data.classes.length ? (
        <Card className="max-w-xl">
          <SignInProblemForm action={reportProblemAction} classes={r.data.classes} />
        </Card>
      ) : (
        <Notice>学校资助管理员还没有为您分配班级。</Notice>
      )}
      <section aria-label="已报告的登录问题" className="space-y-2">
        <h2 className="font-semibold">已报告的问题</h2>
        <SignInProblemList problems={r.data.problems} />
      </section>
    </>
  );
}
