"use server";

import { formAction } from "@/lib/forms/action";
import type { FormState } from "@/lib/forms/state";
import { correctGuardian, handleEnrolmentIssue } from "@/lib/services/class-roster";

export async function guardianAction(
  guardianId: string,
  studentId: string,
  _prev: FormState,
  form: FormData,
): Promise<FormState> {
  return formAction({
    access: "guardian.correct",
    form,
    run: (user, input) => correctGuardian(user, guardianId, input),
    revalidate: [`/console/teacher/roster/${studentId}`],
    success: "监护人信息已更正。",
  });
}

export async function fixIssueAction(issueId: string, _prev: FormState, form: FormData): Promise<FormState> {
  return formAction({
    access: "enrolment_issue.handle",
    form,
    run: (user, input) => handleEnrolmentIssue(user, issueId, "fixed", input),
    revalidate: ["/console/teacher/roster"],
    success: "已标记为已更正。",
  });
}

export async function escalateIssueAction(issueId: string): Promise<FormState> {
  return formAction({
    access: "enrolment_issue.handle",
    run: (user) => handleEnrolmentIssue(user, issueId, "escalate", {}),
    revalidate: ["/console/teacher/roster"],
    success: "已转交学校资助管理员。",
  });
}
