"use client";

import { useRouter } from "next/navigation";
import { useEffect, useRef, useState, type ReactNode } from "react";
import { FormMessage } from "@/components/ui/form";
import { useHydrated } from "@/components/ui/use-hydrated";
import { Card } from "@/components/ui/card";
import { Button } from "@/components/ui/button";

type Job = {
  id: string;
  state: "RUNNING" | "DONE" | "FAILED";
  /** Waiting in the queue for a worker. */
  queued?: boolean;
  progress: number;
  processedRows: number;
  committed: boolean;
  message: string | null;
  created: number;
  updated: number;
  unchanged: number;
  rejected: number;
  matched: number;
  unmatched: number;
  newlyMatched: number;
};

/**
 * Uploads an .xlsx to `endpoint`, then polls `${jobBase}/${jobId}` and shows
 * a progress bar, the counts and a link to the rejected rows
 * (`${jobBase}/${jobId}/rejected`). Extra form fields come as children.
 */
export function ImportUpload({
  endpoint,
  jobBase,
  kind,
  children,
}: {
  endpoint: string;
  jobBase: string;
  kind: "roster" | "special" | "loan";
  children?: ReactNode;
}) {
  const [error, setError] = useState<string | null>(null);
  const [job, setJob] = useState<Job | null>(null);
  const [busy, setBusy] = useState(false);
  const hydrated = useHydrated();
  const router = useRouter();
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
    },
    [],
  );

  const poll = (jobId: string) => {
    timer.current = setTimeout(async () => {
      try {
        const res = await fetch(`${jobBase}/${jobId}`, { cache: "no-store" });
        const body = await res.json();
        if (!res.ok) throw new Error(body.error ?? "无法读取导入进度");
        setJob(body);
        if (body.state === "RUNNING") poll(jobId);
        else {
          setBusy(false);
          // The page's own lists (students, counts, import history) are server-rendered: show the new ones.
          router.refresh();
        }
      } catch (e) {
        setError(e instanceof Error ? e.message : "无法读取导入进度，请刷新页面查看导入记录。");
        setBusy(false);
      }
    }, 600);
  };

  return (
    <div className="space-y-4">
      <form
        method="post"
        className="space-y-3"
        onSubmit={async (e) => {
          e.preventDefault();
          setError(null);
          setJob(null);
          const data = new FormData(e.currentTarget);
          const file = data.get("file");
          if (!(file instanceof File) || file.size === 0) return setError("请选择要导入的 .xlsx 文件。");
          setBusy(true);
          try {
            const res = await fetch(endpoint, { method: "POST", body: data });
            const body = await res.json().catch(() => ({ error: "上传失败，请稍后重试。" }));
            if (!res.ok || !body.jobId) throw new Error(body.error ?? "上传失败，请稍后重试。");
            setJob({
              id: body.jobId,
              state: "RUNNING",
              progress: 0,
              processedRows: 0,
              committed: false,
              message: null,
              created: 0,
              updated: 0,
              unchanged: 0,
              rejected: 0,
              matched: 0,
              unmatched: 0,
              newlyMatched: 0,
            });
            poll(body.jobId);
          } catch (err) {
            setError(err instanceof Error ? err.message : "上传失败，请稍后重试。");
            setBusy(false);
          }
        }}
      >
        <div className="space-y-1">
          <label htmlFor="import-file" className="block text-sm font-medium text-slate-700">
            选择文件（.xlsx）
          </label>
          <input
            id="import-file"
            name="file"
            type="file"
            accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            className="block w-full text-sm"
          />
        </div>
        {children}
        <Button type="submit" disabled={busy || !hydrated}>
          {busy ? "正在导入…" : "开始导入"}
        </Button>
      </form>
      {error ? <FormMessage kind="error">{error}</FormMessage> : null}
      {job ? <JobResult job={job} jobBase={jobBase} kind={kind} /> : null}
    </div>
  );
}

function JobResult({
  job,
  jobBase,
  kind,
}: {
  job: Job;
  jobBase: string;
  kind: "roster" | "special" | "loan";
}) {
  return (
    <Card aria-label="导入结果" className="space-y-2">
      <div
        role="progressbar"
        aria-label="导入进度"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={job.progress}
        className="h-3 w-full overflow-hidden rounded bg-slate-100"
      >
        <div className="h-full bg-brand-600 transition-all" style={{ width: `${job.progress}%` }} />
      </div>
      <p className="text-sm text-slate-600">
        {job.state === "RUNNING" && job.queued
          ? "排队中：前面还有其他导入，轮到后会自动开始，无需重新上传。"
          : job.state === "RUNNING"
            ? `正在导入：已处理 ${job.processedRows} 行（约 ${job.progress}%）`
            : `已处理 ${job.processedRows} 行`}
      </p>
      {job.state !== "RUNNING" ? (
        <>
          <dl className="grid grid-cols-2 gap-2 text-sm md:grid-cols-4">
            {kind === "loan" ? (
              <Count label="已导入（待审核）" value={job.created} />
            ) : kind === "roster" ? (
              <>
                <Count label="新增" value={job.created} />
                <Count label="更新" value={job.updated} />
                <Count label="无变化" value={job.unchanged} />
              </>
            ) : (
              <>
                <Count label="本校学生（比对上）" value={job.matched} />
                <Count label="新比对上" value={job.newlyMatched} />
                <Count label="非本校学生（未比对上）" value={job.unmatched} />
              </>
            )}
            <Count label="未导入（有错误）" value={job.rejected} />
          </dl>
          {job.message ? (
            <FormMessage kind={job.state === "FAILED" || !job.committed ? "error" : "success"}>
              {job.message}
            </FormMessage>
          ) : null}
          {job.rejected > 0 ? (
            <a
              href={`${jobBase}/${job.id}/rejected`}
              className="inline-block text-sm font-medium text-brand-700 underline"
            >
              下载未导入的行（含行号和原因）
            </a>
          ) : null}
        </>
      ) : null}
    </Card>
  );
}

function Count({ label, value }: { label: string; value: number }) {
  return (
    <div className="rounded-md bg-slate-50 p-2">
      <dt className="text-xs text-slate-500">{label}</dt>
      <dd className="text-lg font-semibold" data-testid={`count-${label}`}>
        {value}
      </dd>
    </div>
  );
}
