import { DeterminationNav } from "@/components/determination/sub-nav";
import { ExportTasks } from "@/components/exports/export-tasks";
import { ActionButton } from "@/components/ui/action-button";
import { Card } from "@/components/ui/card";
import { requirePageAccess } from "@/lib/auth/access";
import { exportTasks } from "@/lib/services/export-task";
import { exportFileRetentionDays } from "@/lib/services/housekeeping";
import { startDeterminationExportAction } from "../actions";

export const metadata = { title: "导出家庭经济信息" };

/**
 * The export runs as a job (lib/services/export-job.ts): this page only starts it and shows the recent
 * tasks — it never reads or validates the rows itself.
 */
export default async function ExportPage() {
  const { user } = await requirePageAccess("exports.national");
  const tasks = await exportTasks(user, { kind: "DETERMINATION" });
  return (
    <>
      <header className="space-y-2">
        <h1 className="text-xl font-semibold">导出家庭经济信息（全国学生资助管理信息系统导入格式）</h1>
        <DeterminationNav current="/console/determination/export" />
      </header>
      <Card tone="bordered" className="space-y-3">
        <p className="text-sm text-slate-600">
          导出本学期已认定学生的认定结果。点“开始导出”后系统在后台逐行校验并生成文件，本页显示进度；校验全部通过时可下载导入文件，否则可下载列出每个问题的校验报告。文件含完整身份证件号，仅限学校资助管理员下载，每次下载均记入操作日志，
          {exportFileRetentionDays()}天后自动删除。特殊群体标识仅依据名单比对填“是”，其余留空。
        </p>
        <div className="max-w-xs">
          <ActionButton action={startDeterminationExportAction} label="开始导出" />
        </div>
      </Card>
      <Card tone="bordered" className="space-y-3" aria-labelledby="export-tasks-title">
        <h2 id="export-tasks-title" className="font-semibold">
          导出记录
        </h2>
        <ExportTasks tasks={tasks} />
      </Card>
    </>
  );
}
