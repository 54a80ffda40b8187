import { LinkButton } from "@/components/ui/button";
import { RefreshWhileRunning } from "@/components/ui/refresh-while-running";
import type { ExportTaskView } from "@/lib/db/export-tasks.repo";

const time = (at: Date) => at.toLocaleString("zh-CN", { timeZone: "Asia/Shanghai" });

const progressText = (task: ExportTaskView) =>
  task.rowsTotal === null ? "正在准备…" : `已完成 ${task.rowsDone} / ${task.rowsTotal} 项`;

/** The school's recent term archives (newest first): progress while running, then the download or the reason. */
export function ArchiveTasks({ tasks }: { tasks: readonly ExportTaskView[] }) {
  if (tasks.length === 0) return <p className="text-sm text-slate-600">还没有生成过资助档案。</p>;
  return (
    <>
      <RefreshWhileRunning running={tasks.some((task) => task.state === "RUNNING")} seconds={2} />
      <ol className="space-y-3" aria-label="资助档案记录">
        {tasks.map((task, index) => (
          <li
            key={task.id}
            className="space-y-1 rounded-md border border-slate-200 p-3"
            data-testid="archive-task"
            data-state={task.state}
          >
            <div role={index === 0 ? "status" : undefined} className="space-y-1">
              <p className="font-medium">{task.fileName}</p>
              <p className="text-xs text-slate-500">
                {time(task.createdAt)} 发起{task.finishedAt ? `，${time(task.finishedAt)} 完成` : ""}
              </p>
              {task.state === "RUNNING" ? (
                <>
                  <p className="text-sm text-slate-700">正在生成：{progressText(task)}。</p>
                  <progress
                    className="h-2 w-full max-w-md"
                    max={task.rowsTotal ?? 1}
                    value={task.rowsDone}
                    aria-label="生成进度"
                    aria-valuetext={progressText(task)}
                  />
                </>
              ) : task.state === "FAILED" ? (
                <p className="text-sm text-red-700">{task.message ?? "资助档案生成失败，请重新生成。"}</p>
              ) : (
                <p className="text-sm text-green-700">
                  {task.summary}
                  {task.problemCount > 0 ? `其中 ${task.problemCount} 份名单有问题，以校验报告存档。` : ""}
                </p>
              )}
            </div>
            {task.state === "DONE" ? (
              task.hasFile ? (
                <LinkButton
                  href={`/console/archive/${task.id}`}
                  download
                  variant={index === 0 ? "primary" : "small"}
                >
                  下载资助档案（.zip）
                </LinkButton>
              ) : (
                <p className="text-sm text-slate-600">文件已超过保留期被删除，如需要请重新生成。</p>
              )
            ) : null}
          </li>
        ))}
      </ol>
    </>
  );
}
