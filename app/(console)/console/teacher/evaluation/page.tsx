import { EvaluationForm } from "@/components/teacher/evaluation-form";
import { MoveButtons } from "./move-buttons";
import { Notice } from "@/components/teacher/notice";
import { requirePageAccess } from "@/lib/auth/access";
import { APPLICATION_STATE_LABELS } from "@/lib/domain/codes";
import { fenToYuan } from "@/lib/domain/household";
import { formatBeijingDateTime } from "@/lib/domain/time";
import { loadEvaluation } from "@/lib/services/class-evaluation";
import { ActionButton } from "@/components/ui/action-button";
import { evaluationAction, supplementAction } from "./actions";
import { Card } from "@/components/ui/card";
import { ClassPicker } from "@/components/teacher/class-picker";

export const metadata = { title: "班级评议" };

const isRep = (m: { role: string; isStudent: boolean }) => m.isStudent && m.role === "学生代表";

export default async function EvaluationPage({
  searchParams,
}: {
  searchParams: Promise<{ classId?: string }>;
}) {
  const { user } = await requirePageAccess("evaluation.submit");
  const { classId } = await searchParams;
  const r = await loadEvaluation(user, classId || undefined);
  if (!r.ok) return <Notice kind="error">{r.message}</Notice>;
  if (!r.data) return <Notice>学校资助管理员还没有为您分配班级。</Notice>;
  const e = r.data;
  const locked = e.submittedAt !== null;
  return (
    <>
      <header className="space-y-2">
        <h1 className="text-xl font-semibold">
          班级评议 · {e.klass.grade.name}
          {e.klass.name}
        </h1>
        <ClassPicker classes={e.classes} currentId={e.klass.id} />
        {locked ? (
          <p role="status" className="text-sm text-green-700">
            评议结果已于 {formatBeijingDateTime(e.submittedAt!)} 提交学校。
          </p>
        ) : null}
        {e.unverified.length ? (
          <p role="alert" className="text-sm text-amber-800" data-testid="unverified-warning">
            以下申请尚未核实，不在评议排序中：{e.unverified.join("、")}。
            {locked ? "核实后可进行补充评议。" : "请先核实；现在提交的话，核实后可进行补充评议。"}
          </p>
        ) : null}
        {locked ? null : (
          <p className="text-sm text-slate-600">
            按家庭困难程度从高到低排序（第1名最困难）。评议小组至少3人，申请人不能担任成员
            {e.representatives
              ? `；高中班级须有本班学生代表，不少于班级人数的10%（本班至少${e.representatives.min}人）`
              : ""}
            。
          </p>
        )}
      </header>
      <Card aria-label="评议排序">
        {e.ranked.length === 0 ? (
          <p className="text-sm text-slate-500">本班还没有班主任已核实的申请。</p>
        ) : (
          <ol className="space-y-1">
            {e.ranked.map((a, i) => (
              <li
                key={a.id}
                className="flex items-center justify-between gap-2 border-b border-slate-100 py-1 text-sm"
                data-testid="ranked-applicant"
              >
                <span>
                  <strong>{i + 1}.</strong> {a.person.name}{" "}
                  <span className="text-slate-500">
                    人均月收入{" "}
                    {a.household?.perCapitaMonthlyIncomeFen != null
                      ? `${fenToYuan(a.household.perCapitaMonthlyIncomeFen)} 元`
                      : "—"}{" "}
                    · 入户调查 {a.homeVisit ? `${a.homeVisit.totalScore} 分` : "未记录"} ·{" "}
                    {APPLICATION_STATE_LABELS[a.state]}
                  </span>
                </span>
                {locked ? null : (
                  <MoveButtons
                    name={a.person.name}
                    first={i === 0}
                    last={i === e.ranked.length - 1}
                    classId={e.klass.id}
                    applicationId={a.id}
                  />
                )}
              </li>
            ))}
          </ol>
        )}
      </Card>
      {e.unranked.length ? (
        <section
          aria-label="未参加评议的申请"
          className="space-y-2 rounded-lg bg-amber-50 p-4 ring-1 ring-amber-200"
        >
          <h2 className="font-semibold">评议提交后才核实的申请（未排序）</h2>
          <ul className="text-sm">
            {e.unranked.map((a) => (
              <li key={a.id} data-testid="unranked-applicant">
                {a.person.name}（未排序）
              </li>
            ))}
          </ul>
          <ActionButton action={supplementAction.bind(null, e.klass.id)} label="开始补充评议" />
        </section>
      ) : null}
      <Card aria-label="评议小组与报告" className="max-w-2xl">
        {locked ? (
          <div className="space-y-2 text-sm">
            <p>评议小组：{e.members.map((m) => `${m.name}（${m.role}）`).join("、")}</p>
            <p className="whitespace-pre-wrap">{e.report}</p>
          </div>
        ) : (
          <EvaluationForm
            action={evaluationAction.bind(null, e.klass.id)}
            members={e.members
              .filter((m) => !(e.representatives && isRep(m)))
              .map((m) => `${m.name} ${m.role}`)
              .join("\n")}
            report={e.report}
            representatives={
              e.representatives
                ? {
                    text: e.members
                      .filter(isRep)
                      .map((m) => m.name)
                      .join("\n"),
                    min: e.representatives.min,
                    classSize: e.representatives.classSize,
                  }
                : null
            }
          />
        )}
        {!locked && e.representatives ? (
          <details className="mt-3 text-sm">
            <summary className="cursor-pointer text-brand-700">
              可担任学生代表的本班学生（{e.representatives.eligible.length} 人，不含本学期申请人）
            </summary>
            <ul aria-label="可担任学生代表的学生" className="mt-2 flex flex-wrap gap-2">
              {e.representatives.eligible.map((n, i) => (
                <li key={`${n}-${i}`} data-testid="eligible-rep" className="rounded bg-slate-100 px-2 py-0.5">
                  {n}
                </li>
              ))}
            </ul>
          </details>
        ) : null}
      </Card>
    </>
  );
}
