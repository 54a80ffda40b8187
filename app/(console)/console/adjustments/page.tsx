import Link from "next/link";
import { inputCls, linkCls } from "@/components/determination/styles";
import { Card } from "@/components/ui/card";
import { ErrorPanel } from "@/components/ui/error-panel";
import { ServerForm } from "@/components/ui/server-form";
import { DataTable, Td, Tr } from "@/components/ui/table";
import { isAllowed, requirePageAccess } from "@/lib/auth/access";
import {
  ADJUSTMENT_EVENTS,
  ADJUSTMENT_EVENT_LABELS,
  ADJUSTMENT_STATE_LABELS,
} from "@/lib/domain/adjustments";
import { APPLICATION_STATE_LABELS, HARDSHIP_LEVEL_LABELS, type HardshipLevel } from "@/lib/domain/codes";
import { formatBeijingDate } from "@/lib/domain/time";
import { loadAdjustments } from "@/lib/services/adjustments";
import { adjustmentPublicityAction, openAdjustmentAction, withdrawAdjustmentAction } from "./actions";

export const metadata = { title: "动态调整" };

const levelText = (level: HardshipLevel | null | undefined) => (level ? HARDSHIP_LEVEL_LABELS[level] : "—");

export default async function AdjustmentsPage({
  searchParams,
}: {
  searchParams: Promise<{ opened?: string }>;
}) {
  const { user } = await requirePageAccess("adjustment.list");
  const { opened } = await searchParams;
  const loaded = await loadAdjustments(user);
  if (!loaded.ok) return <ErrorPanel code="—" title="无法打开" message={loaded.message} />;
  const { term, windowProblem, adjustments, students, publicityCandidates } = loaded.data;
  const canOpen = isAllowed(user.role, "adjustment.open");
  const canWithdraw = isAllowed(user.role, "adjustment.withdraw");
  const canPublicise = isAllowed(user.role, "adjustment.publicise");
  const reviewHref = (applicationId: string) =>
    user.role === "TEACHER"
      ? `/console/teacher/applications/${applicationId}`
      : `/console/determination/${applicationId}`;
  return (
    <>
      <header className="space-y-2">
        <h1 className="text-xl font-semibold">动态调整 · {term.name}</h1>
        <p className="text-sm text-slate-600">
          认定工作每学年进行一次；学期内学生家庭遭遇突发重大疾病、意外事故、家庭变故等特殊情况，可在申报期结束后发起动态调整。调整按正常流程由班主任核实、学校认定，并单独公示；公示期满且异议处理完毕后，新的认定等级自确定之日起生效，原认定记录保留，已按原等级发放的资助不变。
        </p>
      </header>
      {opened === "1" ? (
        <p role="status" className="rounded-md bg-emerald-50 p-3 text-sm text-emerald-800">
          已发起动态调整。请班主任核实后，由学校资助办重新认定并公示。
        </p>
      ) : null}
      {canOpen ? (
        <Card tone="bordered" className="space-y-3" aria-labelledby="open-title">
          <h2 id="open-title" className="font-semibold">
            发起动态调整
          </h2>
          {windowProblem ? (
            <p role="status" className="rounded-md bg-amber-50 p-3 text-sm text-amber-800">
              {windowProblem}
            </p>
          ) : students.length === 0 ? (
            <p className="text-sm text-slate-600">
              没有可调整的学生（需本学期已完成认定，且没有进行中的调整）。
            </p>
          ) : (
            <ServerForm action={openAdjustmentAction} submitLabel="发起调整">
              <div className="grid gap-3 md:grid-cols-2">
                <div>
                  <label className="block text-sm" htmlFor="adj-person">
                    学生
                  </label>
                  <select id="adj-person" name="personId" className={inputCls} required>
                    {students.map((student) => (
                      <option key={student.personId} value={student.personId}>
                        {student.className} {student.name}（现认定：{levelText(student.level)}）
                      </option>
                    ))}
                  </select>
                </div>
                <div>
                  <label className="block text-sm" htmlFor="adj-event">
                    突发情况
                  </label>
                  <select id="adj-event" name="event" className={inputCls} required>
                    {ADJUSTMENT_EVENTS.map((event) => (
                      <option key={event} value={event}>
                        {ADJUSTMENT_EVENT_LABELS[event]}
                      </option>
                    ))}
                  </select>
                </div>
              </div>
              <div>
                <label className="block text-sm" htmlFor="adj-reason">
                  调整理由（必填，写明发生的时间和对家庭经济的影响）
                </label>
                <textarea
                  id="adj-reason"
                  name="reason"
                  rows={3}
                  maxLength={500}
                  required
                  className={`${inputCls} w-full`}
                />
              </div>
            </ServerForm>
          )}
        </Card>
      ) : null}
      {canPublicise ? (
        <Card tone="bordered" className="space-y-3" aria-labelledby="pub-title">
          <h2 id="pub-title" className="font-semibold">
            动态调整结果公示
          </h2>
          <p className="text-sm text-slate-600">
            已重新认定、尚未公示的调整：{publicityCandidates.length}人
            {publicityCandidates.length
              ? `（${publicityCandidates.map((candidate) => candidate.name).join("、")}）`
              : ""}
            。全校范围公示不少于5个工作日，公示页只显示姓名、班级和调整后的等级；期满后在
            <Link
              className="text-brand-700 underline underline-offset-2"
              href="/console/determination/publicity"
            >
              公示与异议
            </Link>
            中处理异议并确定最终结果。
          </p>
          {/* Shown also with nobody to publicise, so its outcome stays on screen after publishing. */}
          <ServerForm
            action={adjustmentPublicityAction}
            submitLabel="发布调整公示"
            className="flex flex-wrap items-end gap-2"
          >
            <div>
              <label className="block text-sm" htmlFor="adj-start">
                公示开始日期
              </label>
              <input
                id="adj-start"
                type="date"
                name="startDate"
                className={inputCls}
                defaultValue={formatBeijingDate(new Date())}
              />
            </div>
          </ServerForm>
        </Card>
      ) : null}
      <section aria-labelledby="list-title" className="space-y-2">
        <h2 id="list-title" className="font-semibold">
          本学期的动态调整
        </h2>
        <DataTable
          columns={["学生", "班级", "突发情况与理由", "原等级", "调整后等级", "状态", "生效日期", "操作"]}
        >
          {adjustments.map((row) => (
            <Tr key={row.applicationId} data-testid="adjustment-row">
              <Td>{row.application.person.name}</Td>
              <Td>
                {row.application.class.grade.name}
                {row.application.class.name}
              </Td>
              <Td>
                {ADJUSTMENT_EVENT_LABELS[row.event]}：{row.reason}
                {row.withdrawReason ? `（撤回理由：${row.withdrawReason}）` : ""}
              </Td>
              <Td>{levelText(row.application.adjusts?.determination?.finalLevel)}</Td>
              <Td>{levelText(row.application.determination?.finalLevel)}</Td>
              <Td>
                {ADJUSTMENT_STATE_LABELS[row.state]}
                {row.state === "OPEN" ? `（${APPLICATION_STATE_LABELS[row.application.state]}）` : ""}
                {row.state === "OPEN" && row.publicityBatchId ? " · 公示中" : ""}
              </Td>
              <Td>{row.effectiveFrom ? row.effectiveFrom.toISOString().slice(0, 10) : "—"}</Td>
              <Td className="space-y-2">
                {row.state === "OPEN" ? (
                  <Link className={linkCls} href={reviewHref(row.applicationId)}>
                    {user.role === "TEACHER" ? "核实" : "审核认定"}
                    <span className="sr-only">{row.application.person.name}的调整申请</span>
                  </Link>
                ) : null}
                {canWithdraw && row.state === "OPEN" ? (
                  <ServerForm
                    action={withdrawAdjustmentAction.bind(null, row.applicationId)}
                    submitLabel={
                      <>
                        撤回<span className="sr-only">{row.application.person.name}的调整</span>
                      </>
                    }
                    variant="danger"
                    inline
                  >
                    <label className="text-sm" htmlFor={`withdraw-${row.applicationId}`}>
                      撤回理由
                    </label>
                    <input
                      id={`withdraw-${row.applicationId}`}
                      name="reason"
                      maxLength={500}
                      className={inputCls}
                    />
                  </ServerForm>
                ) : null}
              </Td>
            </Tr>
          ))}
          {adjustments.length === 0 ? (
            <tr>
              <Td colSpan={8}>本学期还没有动态调整。</Td>
            </tr>
          ) : null}
        </DataTable>
      </section>
    </>
  );
}
