import Link from "next/link";
import { ServerForm } from "@/components/ui/server-form";
import { DeterminationNav } from "@/components/determination/sub-nav";
import { inputCls, linkCls } from "@/components/determination/styles";
import { ErrorPanel } from "@/components/ui/error-panel";
import { isAllowed, requirePageAccess } from "@/lib/auth/access";
import { APPLICATION_STATE_LABELS, HARDSHIP_LEVEL_LABELS, type ApplicationState } from "@/lib/domain/codes";
import { loadQueue } from "@/lib/services/determination-queue";
import { ActionButton } from "@/components/ui/action-button";
import { acceptClassLevelsAction, recomputeSimulationsAction } from "./actions";
import { HeadRow, Td } from "@/components/ui/table";
import { QueueRows } from "./queue-rows";
import { Card } from "@/components/ui/card";
import { RefreshWhileRunning } from "@/components/ui/refresh-while-running";
import { recomputeStatus } from "@/lib/services/recompute-task";

export const metadata = { title: "家庭经济困难学生审核认定" };

const STATES: ApplicationState[] = ["verified", "reviewed", "determined", "revoked"];

export default async function DeterminationQueue({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  const { user } = await requirePageAccess("determination.queue");
  const sp = await searchParams;
  const state = STATES.includes(sp.state as ApplicationState) ? (sp.state as ApplicationState) : undefined;
  const r = await loadQueue(user, {
    page: Number(sp.page ?? 1) || 1,
    gradeId: sp.gradeId || undefined,
    classId: sp.classId || undefined,
    state,
  });
  if (!r.ok) return <ErrorPanel code="—" title="无法打开" message={r.message} />;
  const { rows, total, page, pageSize, grades, classes, gradeId, classId, term } = r.data;
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const qs = (p: number) =>
    `?${new URLSearchParams({ ...(gradeId ? { gradeId } : {}), ...(classId ? { classId } : {}), ...(state ? { state } : {}), page: String(p) })}`;
  const canRecompute = isAllowed(user.role, "determination.recompute");
  const recompute = canRecompute ? await recomputeStatus(user) : null;
  const canBulk = isAllowed(user.role, "determination.bulk_accept") && classId;
  const pending = rows.filter((x) => x.state === "verified" || x.state === "reviewed");
  return (
    <>
      <header className="space-y-2">
        <h1 className="text-xl font-semibold">审核认定 · {term.name}</h1>
        <DeterminationNav current="/console/determination" />
      </header>
      <form className="flex flex-wrap items-end gap-3 text-sm" method="get">
        <label className="space-y-1" htmlFor="f-grade">
          <span className="block">年级</span>
        </label>
        <select id="f-grade" name="gradeId" defaultValue={gradeId ?? ""} className={inputCls}>
          <option value="">全部年级</option>
          {grades.map((g) => (
            <option key={g.id} value={g.id}>
              {g.name}
            </option>
          ))}
        </select>
        <label className="space-y-1" htmlFor="f-class">
          <span className="block">班级</span>
        </label>
        {gradeId ? (
          <select id="f-class" name="classId" defaultValue={classId ?? ""} className={inputCls}>
            <option value="">本年级全部班级</option>
            {classes.map((c) => (
              <option key={c.id} value={c.id}>
                {c.grade.name}
                {c.name}
              </option>
            ))}
          </select>
        ) : (
          <select
            id="f-class"
            name="classId"
            defaultValue=""
            disabled
            className={inputCls}
            title="先选择年级并点击“筛选”，再选择班级"
          >
            <option value="">先选年级</option>
          </select>
        )}
        <label className="space-y-1" htmlFor="f-state">
          <span className="block">状态</span>
        </label>
        <select id="f-state" name="state" defaultValue={state ?? ""} className={inputCls}>
          <option value="">全部</option>
          {STATES.map((s) => (
            <option key={s} value={s}>
              {APPLICATION_STATE_LABELS[s]}
            </option>
          ))}
        </select>
        <button className="rounded-md bg-white px-3 py-2 ring-1 ring-slate-300">筛选</button>
      </form>
      <p className="text-sm text-slate-600">
        共 {total} 份申请（第 {page}/{pages} 页）
      </p>
      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
        <table className="min-w-full text-sm">
          <HeadRow
            weight="medium"
            columns={["姓名", "班级", "状态", "班级评议排名", "模拟积分", "模拟等级", "认定等级", ""]}
          />
          <tbody>
            <QueueRows
              rows={rows.map((x) => ({
                id: x.id,
                name: x.name,
                className: `${x.gradeName}${x.className}`,
                state: APPLICATION_STATE_LABELS[x.state],
                classRank: x.classRank === null ? "—" : String(x.classRank),
                simulatedScore: x.simulatedScore === null ? "—" : String(x.simulatedScore),
                simulatedLevel: x.simulatedLevel ? HARDSHIP_LEVEL_LABELS[x.simulatedLevel] : "—",
                gradeAdjusted:
                  x.gradeAdjustedLevel && x.gradeAdjustedLevel !== x.simulatedLevel
                    ? HARDSHIP_LEVEL_LABELS[x.gradeAdjustedLevel]
                    : null,
                finalLevel: x.finalLevel ? HARDSHIP_LEVEL_LABELS[x.finalLevel] : "—",
                adjusted: Boolean(x.overrideReason),
              }))}
            />
            {rows.length === 0 ? (
              <tr>
                <Td colSpan={8}>没有符合条件的申请。班主任核实后的申请会出现在这里。</Td>
              </tr>
            ) : null}
          </tbody>
        </table>
      </div>
      <nav aria-label="分页" className="flex gap-3 text-sm">
        {page > 1 ? (
          <Link className={linkCls} href={qs(page - 1)}>
            上一页
          </Link>
        ) : null}
        {page < pages ? (
          <Link className={linkCls} href={qs(page + 1)}>
            下一页
          </Link>
        ) : null}
      </nav>
      {canRecompute ? (
        <Card tone="bordered" className="space-y-3" aria-labelledby="recompute-title">
          <h2 id="recompute-title" className="font-semibold">
            重新计算模拟等级
          </h2>
          <p className="text-sm text-slate-600">
            修改评分模型后，用当前模型重新计算本学期所有尚未认定等级的申请的模拟积分和模拟等级。已认定等级的申请不变。
          </p>
          {recompute ? (
            <p
              role="status"
              data-testid="recompute-status"
              className={`text-sm ${recompute.state === "FAILED" ? "text-red-700" : "text-slate-700"}`}
            >
              <RefreshWhileRunning running={recompute.state === "RUNNING"} />
              {recompute.state === "RUNNING"
                ? `正在重新计算（${recompute.createdAt.toLocaleTimeString("zh-CN", { timeZone: "Asia/Shanghai" })} 开始），完成后本页自动显示结果。`
                : `${recompute.message ?? ""}（${recompute.finishedAt?.toLocaleString("zh-CN", { timeZone: "Asia/Shanghai" }) ?? ""}）`}
            </p>
          ) : null}
          <div className="max-w-xs">
            <ActionButton
              action={recomputeSimulationsAction}
              label="重新计算模拟等级"
              confirmText="确定用当前评分模型重新计算所有未认定申请的模拟等级吗？"
              variant="secondary"
            />
          </div>
        </Card>
      ) : null}
      {canBulk ? (
        <Card tone="bordered" className="space-y-3" aria-labelledby="bulk-title">
          <h2 id="bulk-title" className="font-semibold">
            批量确认本班模拟等级
          </h2>
          <p className="text-sm text-slate-600">
            本班所有“班主任已核实”或“学校已审核”的申请按模拟等级认定。需要单独认定的学生请勾选排除；无法处理的会逐一列出原因。
          </p>
          <ServerForm
            action={acceptClassLevelsAction}
            submitLabel="确认本班模拟等级"
            confirmText="确定按模拟等级认定本班申请吗？"
          >
            <input type="hidden" name="classId" value={classId} />
            <fieldset className="space-y-1 text-sm">
              <legend className="font-medium">排除（单独认定）</legend>
              {pending.map((x) => (
                <label key={x.id} className="flex items-center gap-2">
                  <input type="checkbox" name="exclude" value={x.id} />
                  {x.name}（模拟：{x.simulatedLevel ? HARDSHIP_LEVEL_LABELS[x.simulatedLevel] : "—"}）
                </label>
              ))}
              {pending.length === 0 ? <p className="text-slate-500">本页没有待认定的申请。</p> : null}
            </fieldset>
          </ServerForm>
        </Card>
      ) : isAllowed(user.role, "determination.bulk_accept") ? (
        <p className="text-sm text-slate-600">选择一个班级后可批量确认该班的模拟等级。</p>
      ) : null}
    </>
  );
}
