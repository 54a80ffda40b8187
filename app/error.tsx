"use client";

import { ErrorPanel } from "@/components/ui/error-panel";

// Never shows the error's message or stack: only a reference the support desk can look up in the server log.
export default function ErrorPage({
  error,
  reset,
}: {
  error: Error & { digest?: string };
  reset: () => void;
}) {
  return (
    <ErrorPanel
      code="500"
      title="系统繁忙，请稍后再试"
      message={`处理您的请求时出错了，您填写的内容没有丢失。请稍后重试；如果问题持续，请把下面的编号告诉学校资助管理员。${error.digest ? `（编号 ${error.digest}）` : ""}`}
    >
      <button type="button" onClick={reset} className="rounded bg-brand-600 px-4 py-2 text-white">
        重试
      </button>
    </ErrorPanel>
  );
}
