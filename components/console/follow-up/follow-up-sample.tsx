/**
 * The follow-up sample of a school and term (app/(console)/console/determination/survey): the groups and what
 * still blocks the school's publicity, the draw (seed shown), and per sampled student the contacts, the form
 * to record one, and the aid officer's answer to a re-investigation.
 */
import { Card } from "@/components/ui/card";
import { inputCls } from "@/components/ui/form-styles";
import { ServerForm } from "@/components/ui/server-form";
import { DataTable, Td, Tr } from "@/components/ui/table";
import {
  CONTACT_WAY_LABELS,
  CONTACT_WAYS,
  FOLLOW_UP_GROUP_LABELS,
  FOLLOW_UP_GROUPS,
  type ContactWayCode,
  type FollowUpGroupCode,
} from "@/lib/domain/follow-up-sample";
import { formatBeijingDate, formatBeijingDateTime } from "@/lib/domain/time";
import type { FormState } from "@/lib/forms/state";
import type { loadFollowUp } from "@/lib/services/follow-up";

type View = Extract<Awaited<ReturnType<typeof loadFollowUp>>, { ok: true }>["data"];
type Member = NonNullable<View["sample"]>["members"][number];
type FormAction = (state: FormState, form: FormData) => Promise<FormState>;

const day = (d: Date) => d.toISOString().slice(0, 10);

export function FollowUpSample({
  view,
  drawAction,
  contactAction,
  answerAction,
}: {
  view: View;
  drawAction?: () => Promise<FormState>;
  contactAction?: (memberId: string) => FormAction;
  answerAction?: (contactId: string) => FormAction;
}) {
  const { progress, sample, problem, feedback } = view;
  const version = `${sample?.id ?? "none"}:${progress.groups.map((g) => `${g.sampled}/${g.contacted}`).join(",")}:${progress.openReinvestigations}`;
  return (
    <>
      {problem ? (
        <p
          role="alert"
          className="rounded-md bg-amber-50 p-3 text-sm text-amber-900"
          data-testid="follow-up-problem"
        >
          {problem}
        </p>
      ) : (
        <p className="rounded-md bg-emerald-50 p-3 text-sm text-emerald-900" data-testid="follow-up-problem">
          满意度调查与回访已完成（或本学期无需调查），可以进行学校公示。
        </p>
      )}
      <p className="text-sm text-slate-600">
        结果反馈：本学期已认定 {feedback.determined} 份申请，其中 {feedback.fedBack}{" "}
        份已向申请人反馈结果（申请人登录查看认定结果，或老师联系家长时自动记录）。
      </p>
      <section aria-label="调查对象" className="space-y-2">
        <h2 className="font-semibold">调查对象与抽样</h2>
        <DataTable columns={["组别", "现有人数", "抽样时人数", "抽中（不少于30%）", "已联系"]}>
          {progress.groups.map((group) => (
            <Tr key={group.group} data-testid="follow-up-group">
              <Td>{FOLLOW_UP_GROUP_LABELS[group.group]}</Td>
              <Td>{group.population}</Td>
              <Td>{sample ? group.drawnFrom : "—"}</Td>
              <Td>{sample ? group.sampled : "—"}</Td>
              <Td>{sample ? group.contacted : "—"}</Td>
            </Tr>
          ))}
        </DataTable>
        <p className="text-xs text-slate-500">
          满意度调查对象：本学期已申请、认定为“不困难”的学生；回访对象：本校特殊群体名单中本学期放弃申请或登记“本人（监护人）自愿放弃”的在校学生。每组按随机种子抽取不少于30%（向上取整，1人的组抽1人）；凭种子可复核抽样结果（每名学生的排序值为
          SHA-256(种子, 组别, 学生编号)，取最小者）。
        </p>
        {sample ? (
          <p className="text-sm" data-testid="sample-seed">
            抽样时间 {formatBeijingDateTime(sample.drawnAt)}，随机种子{" "}
            <span className="font-mono">{sample.seed}</span>
          </p>
        ) : null}
        {drawAction ? (
          <ServerForm
            action={drawAction}
            dataVersion={version}
            submitLabel={sample ? "重新抽取样本" : "抽取样本"}
            confirmText={sample ? "重新抽取将替换现有样本（尚无联系记录）。确定吗？" : undefined}
          />
        ) : null}
      </section>
      {sample
        ? FOLLOW_UP_GROUPS.map((group) => (
            <GroupMembers
              key={group}
              group={group}
              members={sample.members.filter((member) => member.group === group)}
              version={version}
              contactAction={contactAction}
              answerAction={answerAction}
            />
          ))
        : null}
    </>
  );
}

function GroupMembers({
  group,
  members,
  version,
  contactAction,
  answerAction,
}: {
  group: FollowUpGroupCode;
  members: Member[];
  version: string;
  contactAction?: (memberId: string) => FormAction;
  answerAction?: (contactId: string) => FormAction;
}) {
  return (
    <section aria-label={FOLLOW_UP_GROUP_LABELS[group]} className="space-y-2">
      <h2 className="font-semibold">{FOLLOW_UP_GROUP_LABELS[group]}</h2>
      <DataTable columns={["学生", "年级班级", "联系记录", "操作"]}>
        {members.length === 0 ? (
          <tr>
            <td colSpan={4} className="px-3 py-4 text-center text-slate-500">
              没有抽中的学生。
            </td>
          </tr>
        ) : (
          members.map((member) => (
            <Tr key={member.id} className="align-top" data-testid="sampled-student">
              <Td>{member.student.person.name}</Td>
              <Td>
                {member.student.sortGradeName}
                {member.student.sortClassName}
              </Td>
              <Td>
                {member.contacts.length === 0 ? (
                  <span className="text-amber-800">未联系</span>
                ) : (
                  <ul className="space-y-2">
                    {member.contacts.map((contact) => (
                      <li key={contact.id} data-testid="contact">
                        {day(contact.contactedOn)} {CONTACT_WAY_LABELS[contact.way as ContactWayCode]}：
                        {contact.satisfied ? "满意" : <strong className="text-red-700">不满意</strong>}
                        {contact.notes ? `。${contact.notes}` : ""}
                        {contact.satisfied ? null : (
                          <div className="text-xs">
                            重新调查原因：{contact.reinvestigationReason}
                            <br />
                            {contact.answer ? (
                              <>
                                学校答复（{formatBeijingDate(contact.answer.answeredAt)}）：
                                {contact.answer.answer}
                              </>
                            ) : (
                              <span className="text-amber-800">待学校答复</span>
                            )}
                          </div>
                        )}
                        {!contact.satisfied && !contact.answer && answerAction ? (
                          <AnswerForm
                            contactId={contact.id}
                            action={answerAction(contact.id)}
                            version={version}
                          />
                        ) : null}
                      </li>
                    ))}
                  </ul>
                )}
              </Td>
              <Td>
                {contactAction ? (
                  <ContactForm
                    memberId={member.id}
                    name={member.student.person.name}
                    action={contactAction(member.id)}
                    version={version}
                  />
                ) : null}
              </Td>
            </Tr>
          ))
        )}
      </DataTable>
    </section>
  );
}

function ContactForm({
  memberId,
  name,
  action,
  version,
}: {
  memberId: string;
  name: string;
  action: FormAction;
  version: string;
}) {
  const id = (field: string) => `c-${memberId}-${field}`;
  return (
    <details className="min-w-64">
      <summary className="cursor-pointer text-brand-700">
        记录联系情况<span className="sr-only">：{name}</span>
      </summary>
      <Card tone="bordered" className="mt-2 space-y-2">
        <ServerForm action={action} dataVersion={version} submitLabel="保存联系记录">
          <div className="grid gap-2 text-sm">
            <label htmlFor={id("contactedOn")}>联系日期</label>
            <input
              id={id("contactedOn")}
              name="contactedOn"
              type="date"
              required
              defaultValue={formatBeijingDate(new Date())}
              className={inputCls}
            />
            <label htmlFor={id("way")}>联系方式</label>
            <select id={id("way")} name="way" className={inputCls} defaultValue="PHONE">
              {CONTACT_WAYS.map((way) => (
                <option key={way} value={way}>
                  {CONTACT_WAY_LABELS[way]}
                </option>
              ))}
            </select>
            <fieldset>
              <legend>家长是否满意</legend>
              <label className="mr-4 inline-flex items-center gap-1">
                <input type="radio" name="satisfied" value="true" defaultChecked /> 满意
              </label>
              <label className="inline-flex items-center gap-1">
                <input type="radio" name="satisfied" value="false" /> 不满意（转为重新调查）
              </label>
            </fieldset>
            <label htmlFor={id("notes")}>情况记录（不超过500字）</label>
            <textarea id={id("notes")} name="notes" rows={2} maxLength={500} className={inputCls} />
            <label htmlFor={id("reason")}>重新调查原因（不满意时必填）</label>
            <textarea id={id("reason")} name="reason" rows={2} maxLength={500} className={inputCls} />
          </div>
        </ServerForm>
      </Card>
    </details>
  );
}

function AnswerForm({
  contactId,
  action,
  version,
}: {
  contactId: string;
  action: FormAction;
  version: string;
}) {
  const fieldId = `a-${contactId}`;
  return (
    <ServerForm action={action} dataVersion={version} submitLabel="答复重新调查" className="mt-1 space-y-1">
      <label htmlFor={fieldId} className="block text-xs">
        重新调查结果与解释情况
      </label>
      <textarea id={fieldId} name="answer" rows={2} maxLength={1000} required className={inputCls} />
    </ServerForm>
  );
}
