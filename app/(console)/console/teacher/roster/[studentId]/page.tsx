import Link from "next/link";
import { GuardianForm } from "@/components/teacher/guardian-form";
import { Notice } from "@/components/teacher/notice";
import { requirePageAccess } from "@/lib/auth/access";
import { ENROLMENT_STATUS_LABELS } from "@/lib/domain/codes";
import { formatBeijingDate } from "@/lib/domain/time";
import { loadRosterStudent } from "@/lib/services/class-roster";
import { guardianAction } from "../actions";
import { maskStudentNo } from "@/lib/domain/mask";
import { Card } from "@/components/ui/card";

export const metadata = { title: "学生信息" };

export default async function RosterStudentPage({ params }: { params: Promise<{ studentId: string }> }) {
  const { user } = await requirePageAccess("teacher.roster.view");
  const { studentId } = await params;
  const r = await loadRosterStudent(user, studentId);
  if (!r.ok) return <Notice kind="error">{r.message}</Notice>;
  const s = r.data;
  return (
    <>
      <header className="space-y-1">
        <Link href={`/console/teacher/roster?classId=${s.classId}`} className="text-sm text-brand-600">
          ← 返回花名册
        </Link>
        <h1 className="text-xl font-semibold">{s.person.name}</h1>
        <p className="text-sm text-slate-600">
          {s.class.grade.name}
          {s.class.name} · 学籍号 {maskStudentNo(s.studentNo)} · 身份证号 {s.person.idNumberMasked} · 入学{" "}
          {formatBeijingDate(s.enrolledOn).slice(0, 7)} · 学制 {s.programmeYears} 年 ·{" "}
          {ENROLMENT_STATUS_LABELS[s.status]}
        </p>
        <p className="text-sm">
          <Link href={`/console/bindings/${s.id}`} className="text-brand-600">
            账号与家长绑定记录
          </Link>
          {" · "}
          <Link href={`/console/students/${s.id}/archive`} className="text-brand-600">
            资助档案
          </Link>
        </p>
        <p className="text-xs text-slate-500">
          学生本人的学籍信息由学校资助管理员维护；发现错误请在花名册的“学籍信息纠错”中转交。
        </p>
      </header>
      <div className="grid gap-4 md:grid-cols-2">
        {s.guardians.map((g, i) => (
          <Card key={g.id} aria-label={`监护人${i + 1}`}>
            <h2 className="mb-2 font-semibold">
              监护人{i + 1}：{g.name}（{g.relation}）
            </h2>
            <GuardianForm action={guardianAction.bind(null, g.id, s.id)} guardian={g} prefix={`g${i}`} />
          </Card>
        ))}
      </div>
    </>
  );
}
