import Link from "next/link";
import { redirect } from "next/navigation";
import { ServerForm } from "@/components/ui/server-form";
import { PublicityTable, toPublicityView } from "@/components/determination/publicity-table";
import { inputCls } from "@/components/determination/styles";
import { ErrorPanel } from "@/components/ui/error-panel";
import { isAllowed } from "@/lib/auth/access";
import { getSessionUser } from "@/lib/auth/session";
import { formatBeijingDateTime } from "@/lib/domain/time";
import { viewPublicity } from "@/lib/services/publicity";
import { objectionAction } from "../actions";

export const metadata = { title: "认定结果公示" };

/** The publicity page for the school community: name, class and level only. */
export default async function PublicPublicityPage({ params }: { params: Promise<{ batchId: string }> }) {
  const user = await getSessionUser();
  if (!user) redirect("/login");
  const { batchId } = await params;
  const r = await viewPublicity(user, batchId);
  if (!r.ok)
    return (
      <main className="mx-auto max-w-3xl p-4">
        <ErrorPanel code="404" title="未找到" message={r.message} />
      </main>
    );
  return (
    <main className="mx-auto max-w-3xl space-y-6 p-4">
      <PublicityTable view={toPublicityView(r.data)} />
      {r.data.phase === "open" && isAllowed(user.role, "publicity.object") ? (
        <section
          className="space-y-2 rounded-lg border border-slate-200 bg-white p-4"
          aria-labelledby="obj-title"
        >
          <h2 id="obj-title" className="font-semibold">
            提出异议
          </h2>
          <p className="text-sm text-slate-600">
            对公示名单有异议的，请写明情况。学校将调查核实并答复，处理完毕前结果不作最终确定。
          </p>
          <ServerForm action={objectionAction.bind(null, batchId)} submitLabel="提交异议">
            <label className="block text-sm">
              异议内容
              <textarea name="content" className={inputCls} rows={3} maxLength={500} />
            </label>
          </ServerForm>
        </section>
      ) : r.data.phase === "ended" ? (
        <p className="text-sm text-slate-600">公示期已结束。</p>
      ) : null}
      {r.data.ownObjections.length ? (
        <section
          aria-labelledby="own-obj-title"
          className="space-y-2 rounded-lg border border-slate-200 bg-white p-4"
        >
          <h2 id="own-obj-title" className="font-semibold">
            我提出的异议
          </h2>
          <ul className="space-y-3">
            {r.data.ownObjections.map((o) => (
              <li key={o.id} className="space-y-1 text-sm" data-testid="own-objection">
                <p className="text-xs text-slate-500">{formatBeijingDateTime(o.createdAt)} 提出</p>
                <p>{o.content}</p>
                {o.state === "DONE" && o.answer ? (
                  <p className="rounded bg-green-50 p-2 text-green-800">
                    学校答复（{o.answeredAt ? formatBeijingDateTime(o.answeredAt) : ""}）：{o.answer}
                  </p>
                ) : (
                  <p className="rounded bg-amber-50 p-2 text-amber-800">
                    学校正在调查核实，答复后会显示在这里。
                  </p>
                )}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <Link
        href={user.role === "STUDENT" || user.role === "PARENT" ? "/portal" : "/console"}
        className="text-sm text-brand-700"
      >
        返回首页
      </Link>
    </main>
  );
}
