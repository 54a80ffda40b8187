import { EnrolmentIssueCard } from "@/components/teacher/enrolment-issue-card";
import { Notice } from "@/components/teacher/notice";
import { ActionForm } from "@/components/ui/action-form";
import { requirePageAccess } from "@/lib/auth/access";
import { loadEscalatedIssues } from "@/lib/services/class-roster";
import { resolveIssueAction } from "./actions";
import { maskStudentNo } from "@/lib/domain/mask";

export const metadata = { title: "学籍信息纠错" };

export default async function AdminEnrolmentIssuesPage() {
  const { user } = await requirePageAccess("enrolment_issue.resolve");
  const r = await loadEscalatedIssues(user);
  if (!r.ok) return <Notice kind="error">{r.message}</Notice>;
  return (
    <>
      <h1 className="text-xl font-semibold">学籍信息纠错</h1>
      <p className="text-sm text-slate-600">班主任转交的学籍信息错误。更正学籍数据后，写明做了什么。</p>
      {r.data.length === 0 ? (
        <p className="text-sm text-slate-500">暂无转交的纠错申请。</p>
      ) : (
        <ul className="space-y-2">
          {r.data.map((i) => (
            <EnrolmentIssueCard key={i.id} issue={i} studentNo={maskStudentNo(i.student.studentNo)}>
              <ActionForm
                idPrefix={`i-${i.id}`}
                action={resolveIssueAction.bind(null, i.id)}
                submitLabel="标记为已处理"
                fields={[
                  {
                    name: "resolution",
                    label: "处理结果",
                    maxLength: 500,
                    hint: "如：已将入学年月更正为 2025-09",
                  },
                ]}
              />
            </EnrolmentIssueCard>
          ))}
        </ul>
      )}
    </>
  );
}
