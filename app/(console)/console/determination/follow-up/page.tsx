import Link from "next/link";
import { DeterminationNav } from "@/components/determination/sub-nav";
import { ErrorPanel } from "@/components/ui/error-panel";
import { requirePageAccess } from "@/lib/auth/access";
import {
  SPECIAL_CATEGORY_LABELS,
  type SpecialCategory,
  NO_AID_REASON_LABELS,
  type NoAidReasonCode,
} from "@/lib/domain/codes";
import { loadFollowUp } from "@/lib/services/aid-roster";
import { Card } from "@/components/ui/card";

export const metadata = { title: "特殊群体未资助跟进" };

export default async function FollowUpPage() {
  const { user } = await requirePageAccess("special_group.follow_up");
  const r = await loadFollowUp(user);
  if (!r.ok) return <ErrorPanel code="—" title="无法打开" message={r.message} />;
  const missing = r.data.rows.filter((x) => !x.reason).length;
  return (
    <>
      <header className="space-y-2">
        <h1 className="text-xl font-semibold">特殊群体学生未资助原因上报 · {r.data.term.name}</h1>
        <DeterminationNav current="/console/determination/follow-up" />
        <p className="text-sm text-slate-600">
          名单比对到的特殊群体学生应认定为特别困难并确保应助尽助。以下学生未认定为特别困难或未列入本学期任何资助名单，未列入资助名单的学生，请在“未资助原因上报”中逐一记录原因。共
          {r.data.rows.length}人，其中{missing}人尚未记录原因。
        </p>
        <Link
          href="/console/determination/no-aid-reasons"
          className="inline-block rounded-md bg-white px-3 py-1.5 text-sm ring-1 ring-slate-300"
        >
          未资助原因上报（记录、查看与导出）
        </Link>
      </header>
      {r.data.rows.map((x) => (
        <Card
          tone="bordered"
          as="article"
          key={x.studentId}
          className="space-y-3"
          data-testid="follow-up-row"
        >
          <p className="text-sm">
            <strong>{x.name}</strong> · {x.className} · {x.idNumberMasked} ·{" "}
            {x.categories.map((c) => SPECIAL_CATEGORY_LABELS[c as SpecialCategory]).join("、")}
          </p>
          <p className="text-sm text-amber-800">{x.problem}</p>
          {x.reason ? (
            <p className="text-sm text-green-700">
              已记录原因：{NO_AID_REASON_LABELS[x.reason as NoAidReasonCode]}
              {x.detail ? `（${x.detail}）` : ""}
            </p>
          ) : null}
        </Card>
      ))}
      {r.data.rows.length === 0 ? (
        <p className="text-sm text-green-700">所有特殊群体学生均已认定为特别困难并列入资助名单。</p>
      ) : null}
    </>
  );
}
