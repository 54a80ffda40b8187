/**
 * 待办事项 of the applicant portal's home: per child the next step and its deadline
 * (lib/domain/todos-applicant.ts), from the children and dates the home reads (lib/services/home.ts) and the
 * open publicities and unconfirmed payments (lib/db/todos-applicant.repo.ts). Computed from the data, never
 * from notifications.
 */
import "server-only";
import { scopeOf } from "@/lib/auth/scope";
import { applicantTodoExtras } from "@/lib/db/todos-applicant.repo";
import { applicantRoleFor } from "@/lib/domain/applicant";
import type { SessionUser } from "@/lib/domain/session-user";
import { formatBeijingDate } from "@/lib/domain/time";
import type { Todo } from "@/lib/domain/todos";
import { applicantTodos } from "@/lib/domain/todos-applicant";
import { loadApplicantHome } from "./home";

type ApplicantHome = Awaited<ReturnType<typeof loadApplicantHome>>;

/** The student's or parent's to-dos at `now`; `home` when the page has read it already. */
export async function loadApplicantTodos(
  user: SessionUser,
  now: Date = new Date(),
  home?: ApplicantHome,
): Promise<Todo[]> {
  const scope = scopeOf(user);
  if (scope.role !== "STUDENT" && scope.role !== "PARENT") return [];
  const { children, datesBySchool } = home ?? (await loadApplicantHome(user));
  const applicationIds = children.flatMap((child) => (child.application ? [child.application.id] : []));
  const extras = await applicantTodoExtras(scope, applicationIds, formatBeijingDate(now));
  return applicantTodos(
    children.map((child) => {
      const id = child.application?.id;
      return {
        personId: child.personId,
        name: child.name,
        canApply: applicantRoleFor(child.stage) === user.role,
        dates: datesBySchool.get(child.schoolId) ?? null,
        application: child.application,
        openPublicity: (id && extras.openPublicity.get(id)) || [],
        unsignedPayments: (id && extras.unsignedPayments.get(id)) || 0,
      };
    }),
    now,
  );
}
