import { Field, TextArea } from "@/components/ui/form";
import { Card } from "@/components/ui/card";
import { ErrorPanel } from "@/components/ui/error-panel";
import { ServerForm } from "@/components/ui/server-form";
import { requirePageAccess } from "@/lib/auth/access";
import { AUDIENCE_LABELS, PLACEHOLDER_LABELS } from "@/lib/domain/notifications/catalogue";
import { loadNotificationTemplates } from "@/lib/services/notifications/inbox";
import { saveTemplateAction } from "../actions";

export const metadata = { title: "通知模板" };

/** The school admin words the school's notifications within each kind's placeholders and length. */
export default async function NotificationTemplatesPage() {
  const { user } = await requirePageAccess("notifications.templates");
  const templates = await loadNotificationTemplates(user);
  if (!templates.ok) return <ErrorPanel code={templates.code} title="无法显示" message={templates.message} />;
  return (
    <>
      <h1 className="text-xl font-semibold">通知模板</h1>
      <p className="text-sm text-slate-600">
        可按本校习惯修改通知的措辞。花括号中的占位符（如 {"{student}"}）发送时替换为实际内容；
        只能使用每类通知列出的占位符。通知中不得出现身份证号、收入或特殊困难群体类别。
      </p>
      {templates.data.map((item) => (
        <Card as="section" key={item.kind} aria-labelledby={`template-${item.kind}`} className="space-y-2">
          <h2 id={`template-${item.kind}`} className="font-semibold">
            {item.label}
            <span className="ml-2 text-xs font-normal text-slate-500">
              发给{AUDIENCE_LABELS[item.audience]}
            </span>
          </h2>
          <p className="text-xs text-slate-600">
            可用占位符：
            {item.placeholders
              .map((name) => `{${name}}（${PLACEHOLDER_LABELS[name]}）`)
              .join("、")}；最多 {item.maxLength} 字。默认内容：{item.template}
          </p>
          <ServerForm
            action={saveTemplateAction}
            submitLabel={`保存“${item.label}”模板`}
            className="space-y-2"
          >
            <input type="hidden" name="kind" value={item.kind} />
            <Field id={`body-${item.kind}`} label="通知内容">
              <TextArea
                id={`body-${item.kind}`}
                name="body"
                rows={3}
                maxLength={item.maxLength + 50}
                defaultValue={item.own ?? item.template}
              />
            </Field>
          </ServerForm>
          {item.own ? (
            <ServerForm action={saveTemplateAction} submitLabel="恢复默认内容" variant="secondary" inline>
              <input type="hidden" name="kind" value={item.kind} />
              <input type="hidden" name="reset" value="yes" />
            </ServerForm>
          ) : null}
        </Card>
      ))}
    </>
  );
}
