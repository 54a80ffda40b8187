import { DetForm } from "@/components/determination/det-form";
import { DeterminationNav } from "@/components/determination/sub-nav";
import { cardCls, inputCls } from "@/components/determination/styles";
import { ErrorPanel } from "@/components/ui/error-panel";
import { isAllowed, requirePageAccess } from "@/lib/auth/access";
import { formatBeijingDateTime } from "@/lib/domain/time";
import { loadModel } from "@/lib/services/determination";
import { modelAction } from "../actions";

export const metadata = { title: "量化认定模型" };

export default async function ModelPage() {
  const { user } = await requirePageAccess("determination.view");
  const r = await loadModel(user);
  if (!r.ok) return <ErrorPanel code="—" title="无法打开" message={r.message} />;
  const m = r.data;
  return (
    <>
      <header className="space-y-2">
        <h1 className="text-xl font-semibold">量化认定模型</h1>
        <DeterminationNav current="/console/determination/model" />
        <p className="text-sm text-slate-600">模型由指标（选项与分值，或按家庭数据分档）、等级分数线和各学段分档设置组成。每次保存生成新版本；已认定的结果保留其使用的版本。</p>
      </header>
      {m ? (
        <section className={cardCls}>
          <p className="text-sm">当前使用：{m.name} · 第{m.version}版{m.schoolId ? "（本校）" : "（系统默认）"} · {formatBeijingDateTime(m.createdAt)}</p>
          {isAllowed(user.role, "determination.model") ? (
            <DetForm action={modelAction} submitLabel="保存为新版本">
              <label className="block text-sm">模型名称<input name="name" className={inputCls} defaultValue={m.schoolId ? m.name : `本校${m.name}`} maxLength={60} /></label>
              <label className="block text-sm">模型配置（JSON）<textarea name="config" className={`${inputCls} font-mono`} rows={24} defaultValue={JSON.stringify(m.config, null, 2)} /></label>
            </DetForm>
          ) : <pre className="overflow-x-auto text-xs">{JSON.stringify(m.config, null, 2)}</pre>}
        </section>
      ) : <p>尚未设置模型。</p>}
    </>
  );
}
