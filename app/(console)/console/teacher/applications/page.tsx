import Link from "next/link";
import { Notice, Pager } from "@/components/teacher/notice";
import { requirePageAccess } from "@/lib/auth/access";
import { APPLICATION_STATE_LABELS } from "@/lib/domain/codes";
import { MONITOR_STATES, type MonitorState } from "@/lib/domain/teacher-review";
import { formatBeijingDateTime } from "@/lib/domain/time";
import { loadMonitor } from "@/lib/services/teacher-verification";
import { maskStudentNo } from "@/lib/domain/mask";
import { StackedTable } from "@/components/ui/stacked-table";
import { MonitorRows } from "./monitor-rows";
import { Card } from "@/components/ui/card";
import { ClassPicker } from "@/components/teacher/class-picker";

export const metadata = { title: "申请监控与核实" };

const label = (s: MonitorState) => (s === "not_started" ? "未开始" : APPLICATION_STATE_LABELS[s]);

export default async function MonitorPage({
  searchParams,
}: {
  searchParams: Promise<{ classId?: string; state?: string; page?: string }>;
}) {
  const { user } = await requirePageAccess("application.monitor");
  const sp = await searchParams;
  const r = await loadMonitor(user, {
    classId: sp.classId || undefined,
    state: sp.state || undefined,
    page: sp.page ?? "1",
  });
  if (!r.ok) return <Notice kind="error">{r.message}</Notice>;
  const m = r.data;
  const qs = (over: Record<string, string | number | undefined>) => {
    const p = new URLSearchParams();
    const v = { classId: m.klass?.id, state: m.state, ...over };
    for (const [k, x] of Object.entries(v)) if (x !== undefined && x !== "") p.set(k, String(x));
    return `?${p.toString()}`;
  };
  return (
    <>
      <header className="space-y-2">
        <h1 className="text-xl font-semibold">申请监控与核实</h1>
        {m.classes.length === 0 ? (
          <Notice>学校资助管理员还没有为您分配班级。</Notice>
        ) : (
          <ClassPicker classes={m.classes} currentId={m.klass?.id} />
        )}
      </header>
      {!m.termId ? <Notice>当前没有开放的资助学期。</Notice> : null}
      {m.klass && m.counts && m.rate ? (
        <Card aria-label="统计" className="space-y-2">
          <p className="text-sm">
            <strong>{m.klass.label}</strong>：共 {m.rate.total} 人，已回收 {m.rate.back} 份，
            <span data-testid="collection-rate">回收率 {m.rate.percent}%</span>
          </p>
          <ul className="flex flex-wrap gap-2 text-sm">
            <li>
              <Link
                href={qs({ state: undefined, page: undefined })}
                className={`rounded px-2 py-1 ${!m.state ? "bg-brand-600 text-white" : "bg-slate-100"}`}
              >
                全部 {m.rate.total}
              </Link>
            </li>
            {MONITOR_STATES.filter((s) => m.counts![s] > 0 || s === "not_started" || s === "submitted").map(
              (s) => (
                <li key={s}>
                  <Link
                    href={qs({ state: s, page: undefined })}
                    className={`rounded px-2 py-1 ${m.state === s ? "bg-brand-600 text-white" : "bg-slate-100"}`}
                  >
                    {label(s)} {m.counts![s]}
                  </Link>
                </li>
              ),
            )}
          </ul>
          <a
            href={`/console/teacher/applications/export${qs({ page: undefined })}`}
            className="inline-block text-sm text-brand-600"
          >
            导出 Excel（当前筛选）
          </a>
        </Card>
      ) : null}
      {m.klass && m.termId ? (
        <section aria-label="学生申请列表" className="space-y-2">
          {/* One table; on a phone each row stacks as a card (components/ui/stacked-table.tsx). */}
          <StackedTable label="学生申请" columns={["姓名", "学籍号", "申请状态", "提交时间", "操作"]}>
            <MonitorRows
              rows={m.rows.map((s) => {
                const a = s.applications[0];
                return {
                  id: s.id,
                  name: s.person.name,
                  studentNo: maskStudentNo(s.studentNo),
                  state: `${a ? APPLICATION_STATE_LABELS[a.state] : "未开始"}${a?.enteredOnPaper ? "（纸质）" : ""}`,
                  returnDeadline:
                    a?.state === "returned" && a.returnDeadline
                      ? formatBeijingDateTime(a.returnDeadline)
                      : null,
                  submittedAt: a?.submittedAt ? formatBeijingDateTime(a.submittedAt) : "—",
                  link: a
                    ? {
                        href: `/console/teacher/applications/${a.id}`,
                        text: a.state === "submitted" ? "核实" : "查看",
                      }
                    : null,
                };
              })}
            />
          </StackedTable>
          {m.rows.length === 0 ? (
            <Card as="p" className="text-sm text-slate-500">
              没有符合条件的学生。
            </Card>
          ) : null}
          <Pager page={m.page} pageSize={m.pageSize} total={m.total} href={(p) => qs({ page: p })} />
        </section>
      ) : null}
    </>
  );
}
