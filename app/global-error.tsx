"use client";

import Link from "next/link";

// Last-resort error page (the root layout failed). No stack trace, no error message.
export default function GlobalError({ error }: { error: Error & { digest?: string } }) {
  return (
    <html lang="zh-CN">
      <body style={{ fontFamily: "sans-serif", padding: "3rem", textAlign: "center" }}>
        <h1>系统繁忙，请稍后再试</h1>
        <p>
          处理您的请求时出错了。如果问题持续，请联系学校资助管理员
          {error.digest ? `（编号 ${error.digest}）` : ""}。
        </p>
        <Link href="/">返回首页</Link>
      </body>
    </html>
  );
}
