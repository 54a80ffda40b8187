import { notFound } from "next/navigation";
import {
  AttachmentsList,
  EntriesTable,
  HistoryTable,
  ListStates,
  listTitle,
  PaymentRecords,
} from "@/components/console/vocational/list-parts";
import { DetailHeader } from "@/components/determination/detail-header";
import { inputCls } from "@/components/determination/styles";
import { Card } from "@/components/ui/card";
import { ErrorPanel } from "@/components/ui/error-panel";
import { ServerForm } from "@/components/ui/server-form";
import { requirePageAccess } from "@/lib/auth/access";
import type { FormState } from "@/lib/forms/state";
import { viewList } from "@/lib/services/vocational-list-pages";
import {
  confirmAction,
  grantWithdrawalAction,
  refusePublicityAction,
  refuseWithdrawalAction,
  reviewPassAction,
  reviewRefuseAction,
} from "../actions";

export const metadata = { title: "中职月度名单确认" };

type FormAction = (state: FormState, form: FormData) => Promise<FormState>;

/** A decision pair: pass (comment optional) and refuse (comment required). */
function Decision({
  id,
  title,
  pass,
  refuse,
  dataVersion,
}: {
  id: string;
  title: string;
  pass: { action: FormAction; label: string };
  refuse: { action: FormAction; label: string; comment: string };
  dataVersion: string;
}) {
  return (
    <Card tone="bordered" className="space-y-3" aria-labelledby={id}>
      <h2 id={id} className="font-semibold">
        {title}
      </h2>
      <div className="grid gap-4 md:grid-cols-2">
        <ServerForm dataVersion={dataVersion} action={pass.action} submitLabel={pass.label}>
          <label className="block text-sm">
            意见（可不填）
            <input name="comment" maxLength={500} className={inputCls} />
          </label>
        </ServerForm>
        <ServerForm
          dataVersion={dataVersion}
          action={refuse.action}
          submitLabel={refuse.label}
          variant="danger"
        >
          <label className="block text-sm">
            {refuse.comment}
            <input name="comment" maxLength={500} className={inputCls} />
          </label>
        </ServerForm>
      </div>
    </Card>
  );
}

/**
 * One school's 中职 monthly list for its supervisor: states, entries, the publicity attachments (viewed and
 * downloaded through the audited route), 主管部门审核, 名单公示确认, 公示退回审核 and the history. A list outside
 * the supervisor's subtree is 404; a supervisor above the school's region sees it without the decisions.
 */
export default async function RegionVocationalListPage({
  params,
}: {
  params: Promise<{ rosterId: string }>;
}) {
  const { user } = await requirePageAccess("vocational_list.supervise");
  const { rosterId } = await params;
  const result = await viewList(user, rosterId);
  if (!result.ok) {
    if (result.code === "NOT_FOUND") notFound();
    return <ErrorPanel code="—" title="无法打开" message={result.message} />;
  }
  const { detail, state, direct } = result.data;
  const dataVersion = [JSON.stringify(state), detail.vocationalHistory.length].join(":");
  return (
    <>
      <DetailHeader
        backHref="/console/supervisor/vocational"
        backLabel="返回名单确认"
        title={`${detail.school.name} · ${listTitle(detail)}名单`}
      >
        <p className="text-sm text-slate-600">
          学校标识码 {detail.school.code} · {detail.term.name}
        </p>
      </DetailHeader>
      <Card tone="bordered" aria-label="名单状态">
        <ListStates state={state} />
      </Card>
      {!direct ? (
        <p className="rounded-md bg-slate-100 p-2 text-sm text-slate-700">
          该学校不属于本级主管部门直接管理：可以查看，审核和确认由学校所属主管部门进行。
        </p>
      ) : null}
      {direct && state.schoolReview === "PASSED" && state.supervisorReview === "PENDING" ? (
        <Decision
          id="review-title"
          title="主管部门审核"
          dataVersion={dataVersion}
          pass={{ action: reviewPassAction.bind(null, detail.id), label: "审核通过" }}
          refuse={{
            action: reviewRefuseAction.bind(null, detail.id),
            label: "审核不通过",
            comment: "不通过原因（必填）",
          }}
        />
      ) : null}
      <Card tone="bordered" className="space-y-2" aria-labelledby="attachments-title">
        <h2 id="attachments-title" className="font-semibold">
          公示附件
        </h2>
        <p className="text-sm text-slate-600">
          公示期：{state.publicityStart ? `${state.publicityStart} 至 ${state.publicityEnd}` : "学校尚未公示"}
        </p>
        <AttachmentsList detail={detail} />
      </Card>
      {direct && state.publicity === "PUBLISHED" && state.confirmation === "PENDING" ? (
        <Decision
          id="confirm-title"
          title="名单公示确认"
          dataVersion={dataVersion}
          pass={{ action: confirmAction.bind(null, detail.id), label: "公示通过" }}
          refuse={{
            action: refusePublicityAction.bind(null, detail.id),
            label: "公示不通过",
            comment: "公示不通过的原因（必填；学校须修改名单后重新审核、公示）",
          }}
        />
      ) : null}
      {direct && state.withdrawal === "PENDING" ? (
        <Decision
          id="withdrawal-title"
          title="公示退回审核"
          dataVersion={dataVersion}
          pass={{ action: grantWithdrawalAction.bind(null, detail.id), label: "同意退回" }}
          refuse={{
            action: refuseWithdrawalAction.bind(null, detail.id),
            label: "不同意退回",
            comment: "不同意的原因（必填）",
          }}
        />
      ) : null}
      <EntriesTable detail={detail} />
      <PaymentRecords detail={detail} />
      <HistoryTable detail={detail} />
    </>
  );
}
