import Link from "next/link";
import { Notice, Pager } from "@/components/teacher/notice";
import { ActionButton } from "@/components/ui/action-button";
import { ActionForm } from "@/components/ui/action-form";
import { requirePageAccess } from "@/lib/auth/access";
import { ENROLMENT_STATUS_LABELS, ROLE_LABELS } from "@/lib/domain/codes";
import { formatBeijingDate, formatBeijingDateTime } from "@/lib/domain/time";
import { loadRoster } from "@/lib/services/class-roster";
import { escalateIssueAction, fixIssueAction } from "./actions";
import { maskStudentNo } from "@/lib/domain/mask";
import { TableFrame, TableHead, Tr, Th, Td } from "@/components/ui/table";
import { Card } from "@/components/ui/card";
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
              <Card
                as="li"
                padding="sm"
                key={i.id}
                className="space-y-2 text-sm"
                data-testid="enrolment-issue"
              >
                <p>
                  <strong>{i.student.person.name}</strong>（{i.student.class.grade.name}
                  {i.student.class.name}）· {ROLE_LABELS[i.reportedBy.role]} {i.reportedBy.displayName} ·{" "}
                  {formatBeijingDateTime(i.createdAt)}
                </p>
                <p>{i.content}</p>
                {i.state === "DONE" ? (
                  <p className="text-green-700">
                    已处理：{i.resolution}（{i.handledBy?.displayName}）
                  </p>
                ) : i.escalated ? (
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
              </Card>
            ))}
          </ul>
        )}
      </section>

      {klass ? (
        <section aria-label="学生名单" className="space-y-2">
          <h2 className="font-semibold">{klass.label} 学生名单</h2>
          {/* On a phone each student is a card (a 7-column table would wrap names one character a line). */}
          <ul className="space-y-2 md:hidden" aria-label="学生名单（卡片）">
            {rows.map((s) => (
              <Card as="li" padding="sm" key={s.id} className="space-y-1 text-sm" data-testid="roster-card">
                <p className="flex items-baseline justify-between gap-2">
                  <strong className="text-base">{s.person.name}</strong>
                  <span className="text-xs text-slate-600">{ENROLMENT_STATUS_LABELS[s.status]}</span>
                </p>
                <p className="text-xs text-slate-600">
                  学籍号 {maskStudentNo(s.studentNo)} · 入学 {formatBeijingDate(s.enrolledOn).slice(0, 7)} /{" "}
                  {s.programmeYears}年
                </p>
                {s.guardians.map((g) => (
                  <p key={g.id}>
                    {g.relation} {g.name} {g.phoneMasked}
                  </p>
                ))}
                <Link className="inline-block py-1 text-brand-600" href={`/console/teacher/roster/${s.id}`}>
                  更正监护人信息<span className="sr-only">：{s.person.name}</span>
                </Link>
              </Card>
            ))}
          </ul>
          <TableFrame className="hidden md:block">
            <table className="w-full text-sm">
              <TableHead>
                <tr>
                  <Th>姓名</Th>
                  <Th>学籍号</Th>
                  <Th>身份证号</Th>
                  <Th>入学年月 / 学制</Th>
                  <Th>学籍状态</Th>
                  <Th>监护人</Th>
                  <Th />
                </tr>
              </TableHead>
              <tbody>
                {rows.map((s) => (
                  <Tr key={s.id} data-testid="class-roster-row">
                    <Td className="whitespace-nowrap">{s.person.name}</Td>
                    <Td className="text-xs">{maskStudentNo(s.studentNo)}</Td>
                    <Td className="text-xs">{s.person.idNumberMasked}</Td>
                    <Td>
                      {formatBeijingDate(s.enrolledOn).slice(0, 7)} / {s.programmeYears}年
                    </Td>
                    <Td>{ENROLMENT_STATUS_LABELS[s.status]}</Td>
                    <Td>
                      {s.guardians.map((g) => (
                        <div key={g.id}>
                          {g.name}（{g.relation}）{g.phoneMasked}
                        </div>
                      ))}
                    </Td>
                    <Td>
                      <Link className="text-brand-600" href={`/console/teacher/roster/${s.id}`}>
                        更正<span className="sr-only">{s.person.name}的监护人信息</span>
                      </Link>
                    </Td>
                  </Tr>
                ))}
              </tbody>
            </table>
          </TableFrame>
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
