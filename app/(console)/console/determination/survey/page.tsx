import { FollowUpSample } from "@/components/console/follow-up/follow-up-sample";
import { DeterminationNav } from "@/components/determination/sub-nav";
import { ErrorPanel } from "@/components/ui/error-panel";
import { requirePageAccess } from "@/lib/auth/access";
import { loadFollowUp } from "@/lib/services/follow-up";
import { answerReinvestigationAction, drawSampleAction, recordContactAction } from "./actions";

export const metadata = { title: "满意度调查与回访" };

/**
 * 满意度调查与回访 before the school's publicity (seed 003 六.2(5)): the aid officer draws the sample, the class
 * teacher (own classes) or the aid officer records each contact, the aid officer answers re-investigations.
 */
export default async function FollowUpSurveyPage() {
  const { user } = await requirePageAccess("follow_up.view");
  const result = await loadFollowUp(user);
  if (!result.ok) return <ErrorPanel code="—" title="无法打开" message={result.message} />;
  const { term, may } = result.data;
  return (
    <>
      <header className="space-y-2">
        <h1 className="text-xl font-semibold">满意度调查与回访 · {term.name}</h1>
        {user.role === "TEACHER" ? null : <DeterminationNav current="/console/determination/survey" />}
        <p className="text-sm text-slate-600">
          公示前，学校向申请人反馈认定结果，对已申请而未认定的学生家长进行满意度调查，对自愿放弃资助的特殊群体学生家长进行回访，抽查回访率不低于30%。家长不满意的，要重新调查并耐心解释清楚情况。全部完成后才能进行学校公示。
          {user.role === "TEACHER" ? "以下是您所带班级中被抽中的学生。" : ""}
        </p>
      </header>
      <FollowUpSample
        view={result.data}
        drawAction={may.draw ? drawSampleAction : undefined}
        contactAction={may.contact ? (memberId) => recordContactAction.bind(null, memberId) : undefined}
        answerAction={
          may.answer ? (contactId) => answerReinvestigationAction.bind(null, contactId) : undefined
        }
      />
    </>
  );
}
