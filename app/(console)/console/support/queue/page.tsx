import { Notice } from "@/components/teacher/notice";
import { ProblemTable } from "@/components/support/problem-table";
import { requirePageAccess } from "@/lib/auth/access";
import { loadSupportQueue } from "@/lib/services/support-desk";

export const metadata = { title: "问题受理" };

export default async function SupportQueuePage() {
  const { user } = await requirePageAccess("support.handle");
  const r = await loadSupportQueue(user);
  if (!r.ok) return <Notice kind="error">{r.message}</Notice>;
  return (
    <>
      <h1 className="text-xl font-semibold">问题受理</h1>
      <p className="text-sm text-slate-600">
        本级待受理的问题和您已受理、尚未办结的问题，已超期的排在最前。实行首接负责制：谁先受理，谁负责到答复办结；
        本级解决不了的，写明已采取的措施后上报上级。
      </p>
      {r.data.length === 0 ? (
        <p className="text-sm text-slate-600">目前没有待受理或待处理的问题。</p>
      ) : (
        <ProblemTable rows={r.data} showFiler />
      )}
    </>
  );
}
