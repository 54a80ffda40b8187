import {
  AttachmentsList,
  EntriesTable,
  HistoryTable,
  ListStates,
  listTitle,
  PaymentRecords,
} from "@/components/console/vocational/list-parts";
import { AttachmentUpload } from "@/components/console/vocational/attachment-upload";
import { DetailHeader } from "@/components/determination/detail-header";
import { inputCls } from "@/components/determination/styles";
import { Card } from "@/components/ui/card";
import { ErrorPanel } from "@/components/ui/error-panel";
import { FormMessage } from "@/components/ui/form";
import { ServerForm } from "@/components/ui/server-form";
import { TitledSection } from "@/components/ui/titled-section";
import { isAllowed, requirePageAccess } from "@/lib/auth/access";
import { fenToYuan } from "@/lib/domain/household";
import { attachmentRequired, transition } from "@/lib/domain/vocational-roster";
import { viewList } from "@/lib/services/vocational-list-pages";
import {
  addEntryAction,
  amountAction,
  payAction,
  publiciseAction,
  removeEntryAction,
  schoolPassAction,
  schoolRefuseAction,
  withdrawAction,
} from "../actions";

export const metadata = { title: "中职月度资助名单" };

/**
 * One 中职 monthly list of the school: its states, entries (overdue flagged), 资助名单录入 by the aid officer,
 * 学校审核 by the leader, 资助名单公示 with attachments, 资金发放, 申请公示退回, and the history of every step.
 */
export default async function VocationalListPage({
  params,
  searchParams,
}: {
  params: Promise<{ rosterId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { user } = await requirePageAccess("vocational_list.view");
  const { rosterId } = await params;
  const built = (await searchParams).built;
  const result = await viewList(user, rosterId);
  if (!result.ok || user.role === "SUPERVISOR")
    return (
      <ErrorPanel code="404" title="未找到" message={result.ok ? "未找到该月度资助名单。" : result.message} />
    );
  const { detail, state, paymentBlocked } = result.data;
  const officer = isAllowed(user.role, "vocational_list.edit");
  const leader = isAllowed(user.role, "vocational_list.school_review");
  const list = { month: detail.month ?? 0, programmeKind: detail.programme.kind as "SUBSIDY" | "FEE_WAIVER" };
  const editCheck = transition(
    state,
    { kind: "EDIT" },
    { role: "SCHOOL_ADMIN", relation: "OWN_SCHOOL" },
    list,
  );
  const editable = officer && editCheck.ok;
  const unpublished = state.publicity === "UNPUBLISHED";
  const needsAttachment = attachmentRequired(list.month);
  // Any change clears the other forms' old messages (components/ui/server-form.tsx).
  const dataVersion = [
    JSON.stringify(state),
    detail.entries.length,
    detail.vocationalHistory.length,
    detail.vocationalList?.attachments.length,
  ].join(":");
  const builtText = typeof built === "string" ? /^(\d+)-(\d+)$/.exec(built) : null;
  return (
    <>
      <DetailHeader
        backHref="/console/rosters/vocational"
        backLabel="返回月度名单"
        title={`${listTitle(detail)}名单`}
      >
        <p className="text-sm text-slate-600">
          {detail.school.name} · {detail.term.name}
        </p>
      </DetailHeader>
      {builtText ? (
        <FormMessage kind="success">
          已生成名单：新增 {builtText[1]} 人，标记逾期 {builtText[2]} 人。
        </FormMessage>
      ) : null}
      <Card tone="bordered" aria-label="名单状态">
        <ListStates state={state} />
      </Card>

      {leader && unpublished && state.schoolReview === "PENDING" ? (
        <Card tone="bordered" className="space-y-3" aria-labelledby="school-review-title">
          <h2 id="school-review-title" className="font-semibold">
            学校审核
          </h2>
          <div className="grid gap-4 md:grid-cols-2">
            <ServerForm
              dataVersion={dataVersion}
              action={schoolPassAction.bind(null, detail.id)}
              submitLabel="学校审核通过"
            >
              <label className="block text-sm">
                审核意见（可不填）
                <input name="comment" maxLength={500} className={inputCls} />
              </label>
            </ServerForm>
            <ServerForm
              dataVersion={dataVersion}
              action={schoolRefuseAction.bind(null, detail.id)}
              submitLabel="学校审核不通过"
              variant="danger"
            >
              <label className="block text-sm">
                不通过原因（必填）
                <input name="comment" maxLength={500} className={inputCls} />
              </label>
            </ServerForm>
          </div>
        </Card>
      ) : null}

      <Card tone="bordered" className="space-y-3" aria-labelledby="publicity-title">
        <h2 id="publicity-title" className="font-semibold">
          资助名单公示
        </h2>
        <p className="text-sm text-slate-600">
          {needsAttachment
            ? `${list.month}月的名单公示必须上传公示附件（PDF 或图片）。`
            : "本月公示附件可选（5月、12月必须上传）。"}
          名单须先通过学校审核和主管部门审核才能公示；公示期不少于 5 个工作日。
        </p>
        <AttachmentsList detail={detail} />
        {officer && unpublished ? (
          <>
            <AttachmentUpload
              endpoint={`/console/rosters/vocational/${detail.id}/attachments`}
              required={needsAttachment}
            />
            <ServerForm
              dataVersion={dataVersion}
              action={publiciseAction.bind(null, detail.id)}
              submitLabel="公示名单"
            />
          </>
        ) : null}
      </Card>

      {officer && state.publicity === "PUBLISHED" ? (
        <Card tone="bordered" className="space-y-3" aria-labelledby="payment-title">
          <h2 id="payment-title" className="font-semibold">
            资金发放
          </h2>
          {state.payment === "PAID" ? (
            <p className="text-sm">资金已发放。</p>
          ) : (
            <>
              <p className="text-sm text-slate-600" data-testid="payment-gate">
                {paymentBlocked ?? "主管部门已确认公示通过，公示期已结束，可以登记发放。"}
              </p>
              <ServerForm
                dataVersion={dataVersion}
                action={payAction.bind(null, detail.id)}
                submitLabel="登记资金发放"
              />
            </>
          )}
          {state.confirmation === "PASSED" && state.withdrawal !== "PENDING" ? (
            <ServerForm
              dataVersion={dataVersion}
              action={withdrawAction.bind(null, detail.id)}
              submitLabel="申请公示退回"
              variant="danger"
            >
              <label className="block text-sm">
                申请公示退回的原因（必填；同意后已发放金额清零，名单回到待审核）
                <input name="comment" maxLength={500} className={inputCls} />
              </label>
            </ServerForm>
          ) : null}
          {state.withdrawal === "PENDING" ? (
            <p className="text-sm text-amber-800">公示退回申请已提交，等待主管部门审核。</p>
          ) : null}
        </Card>
      ) : null}

      <EntriesTable
        detail={detail}
        actions={
          editable
            ? (entry) => (
                <div className="space-y-1">
                  {list.programmeKind === "SUBSIDY" ? (
                    <ServerForm
                      dataVersion={dataVersion}
                      action={amountAction.bind(null, detail.id)}
                      submitLabel={
                        <>
                          改金额<span className="sr-only">：{entry.student.person.name}</span>
                        </>
                      }
                      variant="secondary"
                      inline
                    >
                      <input type="hidden" name="entryId" value={entry.id} />
                      <label className="sr-only" htmlFor={`amount-${entry.id}`}>
                        {entry.student.person.name}的实际金额（元）
                      </label>
                      <input
                        id={`amount-${entry.id}`}
                        name="amount"
                        defaultValue={fenToYuan(entry.actualAmountFen ?? entry.amountFen)}
                        className={`${inputCls} w-24`}
                      />
                      <label className="sr-only" htmlFor={`reason-${entry.id}`}>
                        {entry.student.person.name}的超标准发放原因（高于标准金额时必填）
                      </label>
                      <input
                        id={`reason-${entry.id}`}
                        name="reason"
                        maxLength={200}
                        placeholder="超标准发放原因"
                        defaultValue={entry.overStandardReason ?? ""}
                        className={`${inputCls} w-40`}
                      />
                    </ServerForm>
                  ) : null}
                  <ServerForm
                    dataVersion={dataVersion}
                    action={removeEntryAction.bind(null, detail.id, entry.id)}
                    submitLabel={
                      <>
                        移出<span className="sr-only">：{entry.student.person.name}</span>
                      </>
                    }
                    variant="secondary"
                    inline
                  />
                </div>
              )
            : undefined
        }
      />

      {officer ? (
        <Card tone="bordered" className="space-y-2" aria-labelledby="edit-title">
          <h2 id="edit-title" className="font-semibold">
            资助名单录入
          </h2>
          {editCheck.ok ? (
            <ServerForm
              dataVersion={dataVersion}
              action={addEntryAction.bind(null, detail.id)}
              submitLabel="添加学生"
              variant="secondary"
              className="flex flex-wrap items-end gap-2"
            >
              <div>
                <label className="block text-sm" htmlFor="add-student-no">
                  学籍号
                </label>
                <input id="add-student-no" name="studentNo" maxLength={30} className={inputCls} />
              </div>
              <div>
                <label className="block text-sm" htmlFor="add-amount">
                  实发金额（元，不填按标准金额）
                </label>
                <input id="add-amount" name="amount" className={`${inputCls} w-28`} />
              </div>
              <div>
                <label className="block text-sm" htmlFor="add-reason">
                  超标准发放原因（高于标准金额时必填）
                </label>
                <input id="add-reason" name="reason" maxLength={200} className={inputCls} />
              </div>
              <div>
                <label className="block text-sm" htmlFor="add-note">
                  备注
                </label>
                <input id="add-note" name="note" maxLength={100} className={inputCls} />
              </div>
              <p className="w-full text-xs text-slate-600">
                标准金额按本学期该项目对该学生的资助标准自动确定。修改名单后，学校审核和主管部门审核都回到待审核。
              </p>
            </ServerForm>
          ) : (
            <p className="text-sm text-slate-600" data-testid="edit-locked">
              {editCheck.reason}
            </p>
          )}
        </Card>
      ) : null}

      <PaymentRecords detail={detail} />
      <HistoryTable detail={detail} />
      <TitledSection id="help-title" title="说明" className="space-y-1 text-sm text-slate-600">
        <p>逾期：入学年月加学制年限已到的学生，不再列入新名单；已在名单中的标记为逾期，不发放。</p>
      </TitledSection>
    </>
  );
}
