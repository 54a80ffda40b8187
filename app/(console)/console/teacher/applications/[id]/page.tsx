import Link from "next/link";
import { Notice } from "@/components/teacher/notice";
import { ActionButton } from "@/components/ui/action-button";
import { ReturnForm } from "@/components/teacher/return-form";
import { requirePageAccess } from "@/lib/auth/access";
import {
  APPLICATION_STATE_LABELS,
  ROLE_LABELS,
  SPECIAL_CATEGORY_LABELS,
  RESIDENCE_LABELS,
  suddenEventKindLabel,
} from "@/lib/domain/codes";
import { EvidenceGallery } from "@/components/determination/evidence-gallery";
import { fenToYuan } from "@/lib/domain/household";
import { formatBeijingDate, formatBeijingDateTime } from "@/lib/domain/time";
import { loadReview } from "@/lib/services/teacher-verification";
import { returnAction, verifyAction } from "../actions";
import { maskStudentNo } from "@/lib/domain/mask";
import { Card } from "@/components/ui/card";

export const metadata = { title: "核实申请" };

const yuan = (fen: number | null | undefined) => (fen == null ? "未填写" : `${fenToYuan(fen)} 元`);
const yn = (b: boolean | null | undefined) => (b == null ? "未填写" : b ? "是" : "否");

export default async function ReviewPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ visit?: string }>;
}) {
  const { user } = await requirePageAccess("application.inspect");
  const { id } = await params;
  const { visit } = await searchParams;
  const r = await loadReview(user, id);
  if (!r.ok) return <Notice kind="error">{r.message}</Notice>;
  const { app, changes, verifyDeadline, defaultDeadline, quickPicks } = r.data;
  const h = app.household;
  const canDecide = app.state === "submitted";
  return (
    <>
      <header className="space-y-1">
        <Link
          href={`/console/teacher/applications?classId=${app.classId}`}
          className="text-sm text-brand-600"
        >
          ← 返回班级申请列表
        </Link>
        <h1 className="text-xl font-semibold">{app.person.name} 的申请</h1>
        <p className="text-sm text-slate-600">
          {app.student.class.grade.name}
          {app.student.class.name} · 学籍号 {maskStudentNo(app.student.studentNo)} · 身份证号{" "}
          {app.person.idNumberMasked}
          {app.enteredOnPaper ? " · 班主任代录纸质申请" : ""}
        </p>
        <p className="text-sm">
          当前状态：<strong data-testid="application-state">{APPLICATION_STATE_LABELS[app.state]}</strong>
          {app.state === "returned" && app.returnDeadline
            ? `（修改截止 ${formatBeijingDateTime(app.returnDeadline)}）`
            : ""}
        </p>
        {app.state !== "draft" ? (
          <p className="flex gap-4 text-sm">
            <Link className="text-brand-600 underline" href={`/print/applications?applicationId=${app.id}`}>
              打印认定申请表
            </Link>
            {app.homeVisit ? (
              <Link className="text-brand-600 underline" href={`/print/home-visits?applicationId=${app.id}`}>
                打印入户调查量化计分表
              </Link>
            ) : null}
          </p>
        ) : null}
        {app.state === "returned" ? (
          <p role="status" className="rounded bg-amber-50 p-2 text-sm text-amber-800">
            已退回申请人修改。退回原因：{app.returnReason}
            {app.returnDeadline ? `；修改截止 ${formatBeijingDateTime(app.returnDeadline)}` : ""}
            。申请人重新提交后会回到待核实列表。
          </p>
        ) : null}
        {visit ? (
          <p role="status" className="text-sm text-green-700">
            入户调查已保存。
          </p>
        ) : null}
      </header>

      {changes ? (
        <section aria-label="退回后修改的内容" className="rounded-lg bg-amber-50 p-4 ring-1 ring-amber-200">
          <h2 className="font-semibold text-amber-900">重新提交：与退回时相比的变化</h2>
          {changes.length === 0 ? (
            <p className="text-sm">申请人未修改任何内容。</p>
          ) : (
            <table className="mt-2 w-full text-sm">
              <thead className="text-left text-amber-900">
                <tr>
                  <th className="py-1">项目</th>
                  <th>退回时</th>
                  <th>现在</th>
                </tr>
              </thead>
              <tbody>
                {changes.map((c) => (
                  <tr key={c.field + c.before} data-testid="change-row" className="border-t border-amber-200">
                    <td className="py-1 font-medium">{c.field}</td>
                    <td className="text-slate-600 line-through">{c.before}</td>
                    <td>
                      <mark className="bg-amber-200">{c.after}</mark>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
      ) : null}

      <div className="grid gap-4 lg:grid-cols-2">
        <Card aria-label="家庭经济情况" className="space-y-3 text-sm">
          <h2 className="font-semibold">家庭经济情况</h2>
          {h ? (
            <dl className="grid grid-cols-[8rem_1fr] gap-x-2 gap-y-1">
              <dt className="text-slate-500">城乡</dt>
              <dd>{h.residence ? RESIDENCE_LABELS[h.residence] : "未填写"}</dd>
              <dt className="text-slate-500">家庭住址</dt>
              <dd>{h.address ?? "未填写"}</dd>
              <dt className="text-slate-500">家庭年总收入</dt>
              <dd data-testid="total-income">{yuan(h.totalAnnualIncomeFen)}</dd>
              <dt className="text-slate-500">家庭人口</dt>
              <dd>{h.memberCount ?? "未填写"} 人</dd>
              <dt className="text-slate-500">人均月收入</dt>
              <dd>{yuan(h.perCapitaMonthlyIncomeFen)}</dd>
              <dt className="text-slate-500">住房</dt>
              <dd>{h.housing ?? "未填写"}</dd>
              <dt className="text-slate-500">车辆</dt>
              <dd>{h.vehicles ?? "未填写"}</dd>
              <dt className="text-slate-500">父母在机关/事业单位/国企</dt>
              <dd>{yn(h.stateEmployedParent)}</dd>
              <dt className="text-slate-500">稳定收入项目或财产</dt>
              <dd>{yn(h.stableIncome)}</dd>
              <dt className="text-slate-500">特殊群体</dt>
              <dd>{h.declaredCategories.map((c) => SPECIAL_CATEGORY_LABELS[c]).join("、") || "无"}</dd>
              <dt className="text-slate-500">其他说明</dt>
              <dd>{h.notes ?? "—"}</dd>
            </dl>
          ) : (
            <p className="text-slate-500">未填写家庭经济情况。</p>
          )}
          <h3 className="font-medium">家庭成员（{app.familyMembers.length} 人）</h3>
          <ul className="space-y-2" data-testid="family-members">
            {app.familyMembers.map((m) => (
              <li key={m.id} className="rounded border border-slate-200 p-2" data-testid="family-member">
                <p className="font-medium">
                  {m.relation} · {m.name}
                </p>
                <dl className="grid grid-cols-[5rem_1fr] gap-x-2 gap-y-0.5 sm:grid-cols-[5rem_1fr_5rem_1fr]">
                  <dt className="text-slate-500">年龄</dt>
                  <dd>{m.age != null ? `${m.age} 岁` : "未填写"}</dd>
                  <dt className="text-slate-500">职业</dt>
                  <dd>{m.occupation || "未填写"}</dd>
                  <dt className="text-slate-500">工作状况</dt>
                  <dd>{m.workStatus || "未填写"}</dd>
                  <dt className="text-slate-500">年收入</dt>
                  <dd>{yuan(m.annualIncomeFen)}</dd>
                  <dt className="text-slate-500">健康状况</dt>
                  <dd>
                    {[m.seriousIllness && "患重大疾病", m.disability && "残疾", m.healthNote]
                      .filter(Boolean)
                      .join("，") || "无特殊情况"}
                  </dd>
                  <dt className="text-slate-500">是否在读</dt>
                  <dd>{m.inSchool ? "在读" : "否"}</dd>
                </dl>
              </li>
            ))}
          </ul>
          {app.suddenEvents.length ? (
            <>
              <h3 className="font-medium">突发事件</h3>
              <ul className="list-disc pl-5" data-testid="sudden-events">
                {app.suddenEvents.map((e) => (
                  <li key={e.id}>
                    {suddenEventKindLabel(e.kind)}
                    {e.occurredOn ? `（${formatBeijingDate(e.occurredOn)}）` : ""}：损失 {yuan(e.amountFen)}
                    {e.description ? `；${e.description}` : ""}
                  </li>
                ))}
              </ul>
            </>
          ) : null}
          <p>资助项目：{app.programmes.map((p) => p.programme.name).join("、") || "未选择"}</p>
        </Card>

        <Card aria-label="佐证材料" className="space-y-2 text-sm">
          <h2 className="font-semibold">佐证材料（{app.evidence.length} 份）</h2>
          <EvidenceGallery files={app.evidence} />
          <h2 className="pt-2 font-semibold">入户调查</h2>
          {app.homeVisit ? (
            <p data-testid="home-visit-summary">
              {formatBeijingDate(app.homeVisit.visitDate)}，走访人员 {app.homeVisit.visitors}；入户调查得分{" "}
              {app.homeVisit.totalScore} 分。
              <br />
              {app.homeVisit.findings}
            </p>
          ) : (
            <p className="text-slate-500">尚未记录。</p>
          )}
          {["submitted", "returned", "verified"].includes(app.state) ? (
            <Link className="text-brand-600" href={`/console/teacher/applications/${app.id}/home-visit`}>
              {app.homeVisit ? "修改入户调查" : "记录入户调查"}
            </Link>
          ) : null}
        </Card>
      </div>

      {canDecide ? (
        <section aria-label="核实" className="grid gap-4 lg:grid-cols-2">
          <Card as="div" className="space-y-2">
            <h2 className="font-semibold">核实通过</h2>
            <p className="text-sm text-slate-600">已对照佐证材料核对家庭经济情况，信息属实。</p>
            <ActionButton action={verifyAction.bind(null, app.id, app.version)} label="核实通过" />
          </Card>
          <Card as="div" className="space-y-2">
            <h2 className="font-semibold">退回修改</h2>
            <ReturnForm
              action={returnAction.bind(null, app.id, app.version)}
              today={formatBeijingDate(new Date())}
              latest={formatBeijingDate(verifyDeadline)}
              defaultDeadline={defaultDeadline}
              verifyDeadlineText={formatBeijingDateTime(verifyDeadline)}
              quickPicks={quickPicks}
            />
          </Card>
        </section>
      ) : null}

      <Card aria-label="申请记录">
        <h2 className="font-semibold">申请记录</h2>
        <ol className="mt-2 space-y-2 text-sm">
          {app.transitions.map((t) => (
            <li key={t.id} data-testid="timeline-entry">
              <span className="font-medium">{APPLICATION_STATE_LABELS[t.toState]}</span>
              <span className="text-slate-500">
                {" "}
                · {formatBeijingDateTime(t.at)} · {t.actorRole ? ROLE_LABELS[t.actorRole] : "系统"}
                {t.actor ? ` ${t.actor.displayName}` : ""}
              </span>
              {t.comment ? <p className="text-slate-700">{t.comment}</p> : null}
            </li>
          ))}
        </ol>
      </Card>
    </>
  );
}
