import { ServerForm } from "@/components/ui/server-form";
import { DeterminationNav } from "@/components/determination/sub-nav";
import { inputCls } from "@/components/determination/styles";
import { ErrorPanel } from "@/components/ui/error-panel";
import { isAllowed, requirePageAccess } from "@/lib/auth/access";
import {
  SPECIAL_CATEGORY_LABELS,
  type SpecialCategory,
  NO_AID_REASON_LABELS,
  NO_AID_REASONS,
  type NoAidReasonCode,
} from "@/lib/domain/codes";
import { loadFollowUp } from "@/lib/services/rosters";
import { recordNoAidReasonAction } from "../actions";
import { Card } from "@/components/ui/card";

export const metadata = { title: "特殊群体未资助跟进" };

export default async function FollowUpPage() {
  const { user } = await requirePageAccess("special_group.follow_up");
  const r = await loadFollowUp(user);
  if (!r.ok) return <ErrorPanel code="—" title="无法打开" message={r.message} />;
  const canRecord = isAllowed(user.role, "follow_up.record_reason");
  const missing = r.data.rows.filter((x) => !x.reason).length;
  return (
    <>
      <header className="space-y-2">
        <h1 className="text-xl font-semibold">特殊群体学生未资助原因上报 · {r.data.term.name}</h1>
        <DeterminationNav current="/console/determination/follow-up" />
        <p className="text-sm text-slate-600">
          名单比对到的特殊群体学生应认定为特别困难并确保应助尽助。以下学生未认定为特别困难或未列入本学期任何资助名单，请逐一记录原因。共
          {r.data.rows.length}人，其中{missing}人尚未记录原因。
        </p>
        <a
          href="/console/determination/follow-up/download"
          className="inline-block rounded-md bg-white px-3 py-1.5 text-sm ring-1 ring-slate-300"
          download
        >
          导出名单（.xlsx）
        </a>
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
          {canRecord ? (
            <ServerForm
              action={recordNoAidReasonAction}
              submitLabel={x.reason ? "修改原因" : "记录原因"}
              className="flex flex-wrap items-end gap-2"
            >
              <input type="hidden" name="studentId" value={x.studentId} />
              <label className="text-sm">
                原因
                <select name="reason" defaultValue={x.reason ?? "WAIVED"} className={inputCls}>
                  {NO_AID_REASONS.map((k) => (
                    <option key={k} value={k}>
                      {NO_AID_REASON_LABELS[k]}
                    </option>
                  ))}
                </select>
              </label>
              <label className="text-sm">
                说明
                <input name="detail" defaultValue={x.detail ?? ""} className={inputCls} maxLength={500} />
              </label>
            </ServerForm>
          ) : null}
        </Card>
      ))}
      {r.data.rows.length === 0 ? (
        <p className="text-sm text-green-700">所有特殊群体学生均已认定为特别困难并列入资助名单。</p>
      ) : null}
    </>
  );
}
