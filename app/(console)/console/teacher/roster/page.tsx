import { EnrolmentIssueCard } from "@/components/teacher/enrolment-issue-card";
import { Notice, Pager } from "@/components/teacher/notice";
import { ActionButton } from "@/components/ui/action-button";
import { ActionForm } from "@/components/ui/action-form";
import { requirePageAccess } from "@/lib/auth/access";
import { ENROLMENT_STATUS_LABELS } from "@/lib/domain/codes";
import { formatBeijingDate } from "@/lib/domain/time";
import { loadRoster } from "@/lib/services/class-roster";
import { escalateIssueAction, fixIssueAction } from "./actions";
import { maskStudentNo } from "@/lib/domain/mask";
import { StackedTable } from "@/components/ui/stacked-table";
import { RosterRows } from "./roster-rows";
import { ClassPicker } from "@/components/teacher/class-picker";

export const metadata = { title: "班级花名册" };

export default async function RosterPage({
  searchParams,
}: {
  searchParams: Promise<{ classId?: string; page?: string }>;
}) {
  const { user } = await requirePageAccess("teacher.roster.view");
  const sp = await searchParams;
  const r = await loadRoster(user, sp.classId || undefined, Number(sp.page ?? 1));
  if (!r.ok) return <Notice kind="error">{r.message}</Notice>;
  const { classes, klass, rows, total, page, pageSize, issues } = r.data;
  const open = issues.filter((i) => i.state === "OPEN");
  return (
    <>
      <header className="space-y-2">
        <h1 className="text-xl font-semibold">班级花名册</h1>
        {classes.length === 0 ? (
          <Notice>学校资助管理员还没有为您分配班级。</Notice>
        ) : (
          <ClassPicker classes={classes} currentId={klass?.id} />
        )}
      </header>

      <section aria-label="学籍信息纠错" className="space-y-2">
        <h2 className="font-semibold">学籍信息纠错（{open.length} 条待处理）</h2>
        {issues.length === 0 ? (
          <p className="text-sm text-slate-500">暂无申请人报告的学籍信息错误。</p>
        ) : (
          <ul className="space-y-2">
            {issues.map((i) => (
              <EnrolmentIssueCard key={i.id} issue={i}>
                {i.escalated ? (
                  <p className="text-amber-700">已转交学校资助管理员，等待处理。</p>
                ) : (
                  <div className="grid gap-3 md:grid-cols-2">
                    <ActionForm
                      idPrefix={`i-${i.id}`}
                      action={fixIssueAction.bind(null, i.id)}
                      submitLabel="标记为已更正"
                      fields={[
                        {
                          name: "resolution",
                          label: "处理说明",
                          maxLength: 500,
                          hint: "如：已核对户口簿，更正了出生日期",
                        },
                      ]}
                    />
                    <div className="self-end">
                      <ActionButton
                        action={escalateIssueAction.bind(null, i.id)}
                        label="转交学校资助管理员"
                        variant="secondary"
                      />
                    </div>
                  </div>
                )}
              </EnrolmentIssueCard>
            ))}
          </ul>
        )}
      </section>

      {klass ? (
        <section aria-label="学生名单" className="space-y-2">
          <h2 className="font-semibold">{klass.label} 学生名单</h2>
          {/* One table; on a phone each row stacks as a card (a 7-column table would wrap names one
              character a line; components/ui/stacked-table.tsx). */}
          <StackedTable
            label="学生名单"
            columns={["姓名", "学籍号", "身份证号", "入学年月 / 学制", "学籍状态", "监护人", "操作"]}
          >
            <RosterRows
              rows={rows.map((s) => ({
                id: s.id,
                name: s.person.name,
                studentNo: maskStudentNo(s.studentNo),
                idNumber: s.person.idNumberMasked,
                enrolment: `${formatBeijingDate(s.enrolledOn).slice(0, 7)} / ${s.programmeYears}年`,
                status: ENROLMENT_STATUS_LABELS[s.status],
                guardians: s.guardians.map((g) => ({
                  id: g.id,
                  text: `${g.name}（${g.relation}）${g.phoneMasked}`,
                })),
              }))}
            />
          </StackedTable>
          <Pager
            page={page}
            pageSize={pageSize}
            total={total}
            href={(p) => `?classId=${klass.id}&page=${p}`}
          />
        </section>
      ) : null}
    </>
  );
}
