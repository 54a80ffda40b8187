"use server";

import type { FormState } from "@/lib/forms/state";
import { formAction } from "@/lib/forms/action";
import { resolveEnrolmentIssue } from "@/lib/services/class-roster";

export async function resolveIssueAction(
  issueId: string,
  _prev: FormState,
  form: FormData,
): Promise<FormState> {
  return formAction({
    access: "enrolment_issue.resolve",
    form,
    run: (user, input) => resolveEnrolmentIssue(user, issueId, input),
    revalidate: ["/console/admin/enrolment-issues"],
    success: "已处理。",
  });
}
