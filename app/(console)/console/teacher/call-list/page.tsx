import { Notice } from "@/components/teacher/notice";
import { requirePageAccess } from "@/lib/auth/access";
import { formatBeijingDateTime } from "@/lib/domain/time";
import { loadCallList } from "@/lib/services/guardian-contact";
import { CallRows } from "./call-rows";
import { Card } from "@/components/ui/card";
import { ClassPicker } from "@/components/teacher/class-picker";

export const metadata = { title: "联系家长" };

const STATE = { not_started: "未开始", draft: "草稿", returned: "已退回" } as const;
const ORDER = ["not_started", "draft", "returned"] as const;

/** The families the class teacher should phone: no application yet, a draft, or one returned for correction. */
export default async function CallListPage({
  searchParams,
}: {
  searchParams: Promise<{ classId?: string }>;
}) {
  const { user } = await requirePageAccess("guardian.call_list");
  const sp = await searchParams;
  const r = await loadCallList(user, sp.classId || undefined);
  if (!r.ok) return <Notice kind="error">{r.message}</Notice>;
  const { classes, klass, termOpen, rows } = r.data;
  return (
    <>
      <header className="space-y-2">
        <h1 className="text-xl font-semibold">联系家长</h1>
        <p className="text-sm text-slate-600">
          本学期尚未申请、只填了草稿或被退回修改的学生，按学籍号排列。号码默认隐藏中间四位；点“显示完整号码”后可直接拨打，每次查看都会记入审计日志。
        </p>
        {classes.length === 0 ? (
          <Notice>学校资助管理员还没有为您分配班级。</Notice>
        ) : (
          <ClassPicker classes={classes} currentId={klass?.id} />
        )}
      </header>
      {!termOpen ? <Notice>当前没有开放的资助学期。</Notice> : null}
      {klass && termOpen ? (
        <section aria-label="待联系的家庭" className="space-y-3">
          <p className="text-sm" data-testid="call-summary">
            {klass.label}：共 {rows.length} 个家庭待联系（
            {ORDER.map((s) => `${STATE[s]} ${rows.filter((x) => x.state === s).length}`).join("，")}）
          </p>
          {rows.length === 0 ? (
            <Card as="p" className="text-sm text-slate-500">
              全班学生都已提交申请，没有需要联系的家庭。
            </Card>
          ) : (
            <ul className="grid gap-3 md:grid-cols-2">
              <CallRows
                rows={rows.map((s) => ({
                  studentId: s.studentId,
                  name: s.name,
                  state: `${STATE[s.state]}${
                    s.state === "returned" && s.returnDeadline
                      ? `，修改截止 ${formatBeijingDateTime(s.returnDeadline)}`
                      : ""
                  }`,
                  returned: s.state === "returned",
                  guardians: s.guardians,
                }))}
              />
            </ul>
          )}
        </section>
      ) : null}
    </>
  );
}
