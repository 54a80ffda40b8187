import { ValidationReport } from "@/components/determination/validation-report";
import { LinkButton } from "@/components/ui/button";
import { RefreshWhileRunning } from "@/components/ui/refresh-while-running";
import type { ExportTaskView } from "@/lib/db/export-tasks.repo";

const time = (at: Date) => at.toLocaleString("zh-CN", { timeZone: "Asia/Shanghai" });

function progressText(task: ExportTaskView): string {
  if (task.rowsTotal === null) return "正在读取数据…";
  return `已校验 ${task.rowsDone} / ${task.rowsTotal} 行`;
}

/** One task: running (progress), failed (the reason), or done (summary and download link). */
function TaskState({ task, latest }: { task: ExportTaskView; latest: boolean }) {
  if (task.state === "RUNNING") {
    const percent = task.rowsTotal ? Math.floor((task.rowsDone / task.rowsTotal) * 100) : 0;
    return (
      <div className="space-y-1">
        <p className="text-sm text-slate-700">
          正在导出（{time(task.createdAt)} 开始）：{progressText(task)}。
        </p>
        <progress
          className="h-2 w-full max-w-md"
          max={100}
          value={percent}
          aria-label="导出进度"
          aria-valuetext={progressText(task)}
        />
      </div>
    );
  }
  if (task.state === "FAILED")
    return <p className="text-sm text-red-700">{task.message ?? "导出失败，没有生成文件。请重新导出。"}</p>;
  return (
    <div className="space-y-2">
      {latest ? (
        <ValidationReport summary={task.summary ?? ""} problems={task.problems} />
      ) : (
        <p className={`text-sm ${task.valid ? "text-green-700" : "text-red-700"}`}>{task.summary}</p>
      )}
      {latest && task.problemCount > task.problems.length ? (
        <p className="text-sm text-slate-600">
          共{task.problemCount}个问题，页面只列出前{task.problems.length}个，请下载校验报告查看全部。
        </p>
      ) : null}
      {task.hasFile ? (
        <LinkButton href={`/console/exports/${task.id}`} download variant={latest ? "primary" : "small"}>
          {task.valid ? "下载导入文件（.xlsx）" : "下载校验报告（.xlsx）"}
        </LinkButton>
      ) : (
        <p className="text-sm text-slate-600">文件已超过保留期被删除，如需要请重新导出。</p>
      )}
    </div>
  );
}

/**
 * The school's recent export tasks of one export (newest first) with their state; re-rendered every
 * second while one runs, so the progress shows whichever app server answers.
 */
export function ExportTasks({ tasks }: { tasks: readonly ExportTaskView[] }) {
  if (tasks.length === 0)
    return <p className="text-sm text-slate-600">还没有导出过。点“开始导出”生成文件。</p>;
  const running = tasks.some((task) => task.state === "RUNNING");
  return (
    <>
      <RefreshWhileRunning running={running} seconds={1} />
      <ol className="space-y-3" aria-label="导出记录" data-testid="export-tasks">
        {tasks.map((task, index) => (
          <li
            key={task.id}
            className="rounded-md border border-slate-200 p-3"
            data-testid="export-task"
            data-state={task.state}
          >
            {/* the latest task's changes are announced to screen readers as the page refreshes */}
            <div className="space-y-1" role={index === 0 ? "status" : undefined}>
              <p className="text-xs text-slate-500">
                {time(task.createdAt)} 发起
                {task.finishedAt ? `，${time(task.finishedAt)} 完成` : ""}
              </p>
              <TaskState task={task} latest={index === 0} />
            </div>
          </li>
        ))}
      </ol>
    </>
  );
}
