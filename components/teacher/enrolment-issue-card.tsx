import type { ReactNode } from "react";
import { Card } from "@/components/ui/card";
import { ROLE_LABELS } from "@/lib/domain/codes";
import { formatBeijingDateTime } from "@/lib/domain/time";

type EnrolmentIssue = {
  student: { person: { name: string }; class: { name: string; grade: { name: string } } };
  reportedBy: { role: keyof typeof ROLE_LABELS; displayName: string };
  createdAt: Date;
  content: string;
  state: string;
  resolution: string | null;
  handledBy: { displayName: string } | null;
};

/**
 * One reported enrolment error (teacher/roster, admin/enrolment-issues): who reported what and when, then how
 * it was handled, or — while open — `children` (the forms of the page that shows it).
 */
export function EnrolmentIssueCard({
  issue,
  studentNo,
  children,
}: {
  issue: EnrolmentIssue;
  /** The masked student number, shown to the school admin who corrects the record. */
  studentNo?: string;
  children: ReactNode;
}) {
  return (
    <Card as="li" padding="sm" className="space-y-2 text-sm" data-testid="enrolment-issue">
      <p>
        <strong>{issue.student.person.name}</strong>（{issue.student.class.grade.name}
        {issue.student.class.name}
        {studentNo ? `，学籍号 ${studentNo}` : null}）· {ROLE_LABELS[issue.reportedBy.role]}{" "}
        {issue.reportedBy.displayName} · {formatBeijingDateTime(issue.createdAt)}
      </p>
      <p>{issue.content}</p>
      {issue.state === "DONE" ? (
        <p className="text-green-700">
          已处理：{issue.resolution}（{issue.handledBy?.displayName}）
        </p>
      ) : (
        children
      )}
    </Card>
  );
}
