import Link from "next/link";
import { Notice } from "@/components/teacher/notice";
import { ProblemTable } from "@/components/support/problem-table";
import { StageFilter } from "@/components/support/stage-filter";
import { inputCls } from "@/components/ui/form-styles";
import { requirePageAccess } from "@/lib/auth/access";
import {
  SUPPORT_CATEGORIES,
  SUPPORT_CATEGORY_LABELS,
  SUPPORT_LEVEL_LABELS,
  SUPPORT_LEVELS,
  SUPPORT_STATE_LABELS,
  SUPPORT_STATES,
} from "@/lib/domain/support";
import { loadSupportProgress } from "@/lib/services/support-desk";

export const metadata = { title: "问题处理进度清单" };

type Search = Record<string, string | string[] | undefined>;

export default async function SupportProgressPage({ searchParams }: { searchParams: Promise<Search> }) {
  const { user } = await requirePageAccess("support.handle");
  const search = await searchParams;
  const one = (key: string) => (typeof search[key] === "string" ? search[key] : undefined);
  const r = await loadSupportProgress(user, {
    level: one("level"),
    category: one("category"),
    state: one("state"),
    owner: one("owner"),
    stage: one("stage"),
  });
  if (!r.ok) return <Notice kind="error">{r.message}</Notice>;
  const { filter, rows, today } = r.data;
  const overdue = rows.filter((row) => row.status.overdue).length;
  const province = user.regionPath?.split("/").filter(Boolean).length === 1;
  return (
    <>
      <h1 className="text-xl font-semibold">问题处理进度清单</h1>
      <p className="text-sm text-slate-600">
        本{user.role === "SUPERVISOR" ? "辖区" : "校"}的问题及其答复期限（按工作日计算，{today}
        ）。应用类问题2个工作日、技术类问题3个工作日、
        用户申请和需求建议5个工作日内答复；已超期的排在最前并标明“已超期”。
        {province ? (
          <>
            {" "}
            节假日按
            <Link href="/console/supervisor/holidays" className="text-brand-700 underline">
              全国节假日安排
            </Link>
            计算。
          </>
        ) : null}
      </p>
      <form method="get" className="flex flex-wrap items-end gap-3" aria-label="筛选">
        <label className="text-sm">
          <span className="block text-slate-600">层级</span>
          <select name="level" defaultValue={filter.level ?? ""} className={inputCls}>
            <option value="">全部</option>
            {SUPPORT_LEVELS.map((level) => (
              <option key={level} value={level}>
                {SUPPORT_LEVEL_LABELS[level]}
              </option>
            ))}
          </select>
        </label>
        <label className="text-sm">
          <span className="block text-slate-600">类别</span>
          <select name="category" defaultValue={filter.category ?? ""} className={inputCls}>
            <option value="">全部</option>
            {SUPPORT_CATEGORIES.map((category) => (
              <option key={category} value={category}>
                {SUPPORT_CATEGORY_LABELS[category]}
              </option>
            ))}
          </select>
        </label>
        <StageFilter value={filter.stage} />
        <label className="text-sm">
          <span className="block text-slate-600">受理人</span>
          <select name="owner" defaultValue={filter.owner ?? ""} className={inputCls}>
            <option value="">全部</option>
            <option value="me">我受理的</option>
            <option value="none">尚无人受理</option>
          </select>
        </label>
        <label className="text-sm">
          <span className="block text-slate-600">状态</span>
          <select name="state" defaultValue={filter.state ?? ""} className={inputCls}>
            <option value="">未办结（待受理、处理中）</option>
            {SUPPORT_STATES.map((state) => (
              <option key={state} value={state}>
                {SUPPORT_STATE_LABELS[state]}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="server-form-button server-form-button-secondary">
          筛选
        </button>
      </form>
      <p className="text-sm" role="status">
        共 {rows.length} 个问题，其中已超期 {overdue} 个。
      </p>
      {rows.length === 0 ? null : <ProblemTable rows={rows} showFiler />}
    </>
  );
}
