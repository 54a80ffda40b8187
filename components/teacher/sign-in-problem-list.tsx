import { ROLE_LABELS } from "@/lib/domain/codes";
import { formatBeijingDateTime } from "@/lib/domain/time";
import type { SignInProblemView } from "@/lib/db/sign-in-problems.repo";
import { Card } from "@/components/ui/card";

/** Sign-in problems with their state and what the admin did; `resolveSlot` renders the admin's form for open ones. */
export function SignInProblemList({
  problems,
  resolveSlot,
}: {
  problems: SignInProblemView[];
  resolveSlot?: (id: string) => React.ReactNode;
}) {
  if (problems.length === 0) return <p className="text-sm text-slate-500">暂无登录问题。</p>;
  return (
    <ul className="space-y-2">
      {problems.map((p) => (
        <Card as="li" padding="sm" key={p.id} className="space-y-1 text-sm" data-testid="sign-in-problem">
          <p>
            <strong>{p.subjectName}</strong>（{ROLE_LABELS[p.subjectRole]}
            {p.class ? `，${p.class.grade.name}${p.class.name}` : ""}）· 班主任 {p.reportedBy.displayName} ·{" "}
            {formatBeijingDateTime(p.createdAt)}
          </p>
          <p>{p.description}</p>
          {p.state === "DONE" ? (
            <p className="text-green-700">
              已处理（{p.handledBy?.displayName}，{p.resolvedAt ? formatBeijingDateTime(p.resolvedAt) : ""}
              ）：{p.resolution}
            </p>
          ) : resolveSlot ? (
            resolveSlot(p.id)
          ) : (
            <p className="text-amber-700">等待学校资助管理员处理</p>
          )}
        </Card>
      ))}
    </ul>
  );
}
