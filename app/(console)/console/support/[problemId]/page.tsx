import { CityContact } from "@/components/support/city-contact";
import { notFound } from "next/navigation";
import { Notice } from "@/components/teacher/notice";
import { categoryText, stageText } from "@/components/support/labels";
import { MessageForm } from "@/components/support/message-form";
import { Card } from "@/components/ui/card";
import { Field, Select, TextArea } from "@/components/ui/form";
import { ServerForm } from "@/components/ui/server-form";
import { TitledSection } from "@/components/ui/titled-section";
import { requirePageAccess } from "@/lib/auth/access";
import { ROLE_LABELS } from "@/lib/domain/codes";
import { formatBytes } from "@/lib/domain/evidence";
import {
  SUPPORT_EVENT_LABELS,
  SUPPORT_LEVEL_LABELS,
  SUPPORT_STATE_LABELS,
  type SupportEventAction,
} from "@/lib/domain/support";
import { formatBeijingDateTime } from "@/lib/domain/time";
import { loadSupportProblem } from "@/lib/services/support-desk";
import { answerFromProblemAction } from "../answers/actions";
import { confirmAction, passUpAction, reopenAction, resolveAction, takeAction } from "./actions";

export const metadata = { title: "问题详情" };

type FileLink = { id: string; originalName: string; sizeBytes: number };

function Files({ files }: { files: readonly FileLink[] }) {
  if (files.length === 0) return null;
  return (
    <ul className="mt-1 space-y-1 text-sm">
      {files.map((file) => (
        <li key={file.id}>
          <a
            href={`/api/support/files/${file.id}`}
            className="text-brand-700 underline"
            target="_blank"
            rel="noopener"
          >
            {file.originalName}
          </a>{" "}
          <span className="text-xs text-slate-500">（{formatBytes(file.sizeBytes)}）</span>
        </li>
      ))}
    </ul>
  );
}

export default async function SupportProblemPage({ params }: { params: Promise<{ problemId: string }> }) {
  const { user } = await requirePageAccess("support.view_own");
  const r = await loadSupportProblem(user, (await params).problemId);
  if (!r.ok) {
    if (r.code === "NOT_FOUND") notFound();
    return <Notice kind="error">{r.message}</Notice>;
  }
  const { problem, events, messages, files, can } = r.data;
  const id = problem.id;
  return (
    <>
      <h1 className="text-xl font-semibold">
        {problem.subject}
        {problem.urgent ? <span className="ml-2 text-base text-red-700">【紧急】</span> : null}
      </h1>
      <CityContact user={user} />
      <Card as="section" aria-label="问题信息">
        <dl className="grid gap-2 text-sm sm:grid-cols-2">
          <div>
            <dt className="text-slate-500">状态</dt>
            <dd className="font-medium">
              {SUPPORT_STATE_LABELS[problem.state]} · {SUPPORT_LEVEL_LABELS[problem.level]}级
              {problem.queueSchool?.name || problem.queueRegion?.name
                ? `（${problem.queueSchool?.name ?? problem.queueRegion?.name}）`
                : ""}
              {problem.owner ? ` · 受理人：${problem.owner.displayName}` : " · 待受理"}
            </dd>
          </div>
          <div>
            <dt className="text-slate-500">答复期限</dt>
            <dd className={problem.status.overdue ? "font-bold text-red-700" : undefined}>
              {problem.deadlineDay}（
              {problem.status.overdue ? `⚠ ${problem.status.text}` : problem.status.text}）
            </dd>
          </div>
          <div>
            <dt className="text-slate-500">类别 / 学段</dt>
            <dd>
              {categoryText(problem.category, problem.subcategory)} / {stageText(problem.stage)}
            </dd>
          </div>
          <div>
            <dt className="text-slate-500">提交人</dt>
            <dd>
              {problem.filerUnit} · {ROLE_LABELS[problem.filerRole]} · {problem.filerName} ·{" "}
              {problem.filerContact}
            </dd>
          </div>
          <div>
            <dt className="text-slate-500">提交时间</dt>
            <dd>{formatBeijingDateTime(problem.filedAt)}</dd>
          </div>
          {problem.pagePath ? (
            <div>
              <dt className="text-slate-500">问题所在页面</dt>
              <dd className="font-mono break-all">{problem.pagePath}</dd>
            </div>
          ) : null}
        </dl>
        <h2 className="mt-3 text-sm font-semibold">问题描述</h2>
        <p className="text-sm whitespace-pre-wrap">{problem.description}</p>
        <Files files={files} />
        {problem.resolution ? (
          <div className="mt-3 rounded-md bg-green-50 p-3 text-sm ring-1 ring-green-200">
            <h2 className="font-semibold">处理结果</h2>
            <p className="whitespace-pre-wrap">{problem.resolution}</p>
            {problem.rating ? <p className="mt-1">满意度：{problem.rating} 分（满分5分）</p> : null}
          </div>
        ) : null}
      </Card>

      {can.take ? (
        <ServerForm action={takeAction.bind(null, id)} submitLabel="受理此问题（首接负责）" />
      ) : null}

      {can.confirm ? (
        <TitledSection id="confirm-heading" title="确认处理结果">
          <p className="text-sm text-slate-600">
            问题解决了请确认并评价；没有解决，可在 {problem.confirmBy?.toISOString().slice(0, 10)}
            前重新打开，原受理人会继续处理。
          </p>
          <ServerForm action={confirmAction.bind(null, id)} submitLabel="确认已解决">
            <Field id="rating" label="满意度评分" required>
              <Select id="rating" name="rating" defaultValue="" aria-required="true">
                <option value="">请选择</option>
                <option value="5">5分 非常满意</option>
                <option value="4">4分 满意</option>
                <option value="3">3分 一般</option>
                <option value="2">2分 不满意</option>
                <option value="1">1分 很不满意</option>
              </Select>
            </Field>
          </ServerForm>
          {can.reopen ? (
            <ServerForm
              action={reopenAction.bind(null, id)}
              submitLabel="未解决，重新打开"
              variant="secondary"
            >
              <Field id="reason" label="未解决的原因" required>
                <TextArea id="reason" name="reason" rows={3} maxLength={2000} aria-required="true" />
              </Field>
            </ServerForm>
          ) : null}
        </TitledSection>
      ) : null}

      <TitledSection id="steps-heading" title="处理过程">
        <ol className="space-y-2 text-sm">
          {events.map((event) => (
            <li key={event.id} className="rounded-md bg-white p-2 ring-1 ring-slate-200">
              <span className="font-medium">{SUPPORT_EVENT_LABELS[event.action as SupportEventAction]}</span>
              {" · "}
              {SUPPORT_LEVEL_LABELS[event.level]}级
              {event.toLevel ? ` → ${SUPPORT_LEVEL_LABELS[event.toLevel]}级` : ""}
              {" · "}
              {event.actor.displayName} · {formatBeijingDateTime(event.at)}
              {event.comment ? (
                <p className="mt-1 whitespace-pre-wrap text-slate-700">{event.comment}</p>
              ) : null}
            </li>
          ))}
        </ol>
      </TitledSection>

      <TitledSection id="thread-heading" title="沟通记录">
        {messages.length === 0 ? <p className="text-sm text-slate-600">还没有回复。</p> : null}
        <ol className="space-y-2 text-sm">
          {messages.map((message) => (
            <li
              key={message.id}
              className={`rounded-md p-2 ring-1 ${message.internal ? "bg-amber-50 ring-amber-300" : "bg-white ring-slate-200"}`}
            >
              <p className="text-xs text-slate-600">
                {message.internal ? "【内部备注，仅处理人员可见】" : null}
                {message.author.displayName} · {formatBeijingDateTime(message.createdAt)}
              </p>
              <p className="whitespace-pre-wrap">{message.body}</p>
              <Files files={message.attachments.map((a) => a.evidenceFile)} />
            </li>
          ))}
        </ol>
        {can.reply || can.note ? (
          <MessageForm problemId={id} mode={can.reply && can.note ? "both" : can.reply ? "reply" : "note"} />
        ) : null}
      </TitledSection>

      {can.makeAnswer ? (
        <TitledSection id="answer-heading" title="转为常见问题">
          <ServerForm action={answerFromProblemAction.bind(null, id)} submitLabel="转为常见问题">
            <input type="hidden" name="kind" value="KNOWN_ISSUE" />
            <Field id="answer-title" label="标题" required>
              <TextArea
                id="answer-title"
                name="title"
                rows={1}
                maxLength={100}
                aria-required="true"
                defaultValue={problem.description.slice(0, 60)}
              />
            </Field>
            <Field id="answer-body" label="解答" required>
              <TextArea
                id="answer-body"
                name="body"
                rows={4}
                maxLength={4000}
                aria-required="true"
                defaultValue={problem.resolution ?? ""}
              />
            </Field>
          </ServerForm>
        </TitledSection>
      ) : null}

      {can.resolve ? (
        <TitledSection id="handle-heading" title="答复办结或上报">
          <ServerForm action={resolveAction.bind(null, id)} submitLabel="答复并办结">
            <Field
              id="resolution"
              label="处理结果"
              required
              hint="提交人会看到，并在5个工作日内确认或重新打开。"
            >
              <TextArea id="resolution" name="resolution" rows={3} maxLength={2000} aria-required="true" />
            </Field>
          </ServerForm>
          {can.passUp ? (
            <ServerForm
              action={passUpAction.bind(null, id)}
              submitLabel="本级无法解决，上报上级"
              variant="secondary"
            >
              <Field id="tried" label="已采取的处理措施" required hint="上级会看到您已经试过什么。">
                <TextArea id="tried" name="tried" rows={3} maxLength={2000} aria-required="true" />
              </Field>
            </ServerForm>
          ) : null}
        </TitledSection>
      ) : null}
    </>
  );
}
