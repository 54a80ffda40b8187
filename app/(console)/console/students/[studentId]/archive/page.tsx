import Link from "next/link";
import { notFound } from "next/navigation";
import { PrintPageButton } from "@/components/archive/print-page-button";
import { StudentArchiveView } from "@/components/archive/student-archive-view";
import { decide, requirePageAccess } from "@/lib/auth/access";
import { requestIp } from "@/lib/auth/request";
import { ENROLMENT_STATUS_LABELS, STAGE_LABELS, type Role } from "@/lib/domain/codes";
import { formatBeijingDateTime } from "@/lib/domain/time";
import { viewStudentArchive } from "@/lib/services/student-archive";

export const metadata = { title: "学生资助档案" };

/** Where each role came from: the class roster, the school's student list, the determination queue. */
const BACK: Partial<Record<Role, (studentId: string) => { href: string; label: string }>> = {
  TEACHER: (studentId) => ({ href: `/console/teacher/roster/${studentId}`, label: "返回学生信息" }),
  SCHOOL_ADMIN: () => ({ href: "/console/admin/students", label: "返回在校生名册" }),
  SCHOOL_LEADER: () => ({ href: "/console/determination", label: "返回认定审核" }),
};

/**
 * 资助档案: a student's aid file across terms and schools (档案全学段衔接), read-only and print-friendly (the
 * console's navigation and the buttons are hidden on paper). Who sees which school's records:
 * lib/domain/student-archive.ts; every view is audited (lib/services/student-archive.ts).
 */
export default async function StudentArchivePage({ params }: { params: Promise<{ studentId: string }> }) {
  const { user } = await requirePageAccess("student_archive.view");
  const { studentId } = await params;
  const result = await viewStudentArchive(user, studentId, await requestIp());
  if (!result.ok) {
    if (result.code === "NOT_FOUND") notFound();
    return <p className="text-sm text-red-600">{result.message}</p>;
  }
  const archive = result.data;
  const { student } = archive;
  const back = BACK[user.role]?.(studentId);
  const leftThisSchool =
    archive.viewer === "school" && !archive.schools.some((school) => school.own && school.current);
  return (
    <>
      <header className="space-y-2">
        {back ? (
          <p className="text-sm print:hidden">
            <Link href={back.href} className="text-brand-600 underline">
              ← {back.label}
            </Link>
          </p>
        ) : null}
        <div className="flex flex-wrap items-start justify-between gap-3">
          <h1 className="text-xl font-semibold">{student.name} 的资助档案</h1>
          <PrintPageButton label="打印档案" />
        </div>
        <p className="text-sm text-slate-700">
          {student.schoolName} · {STAGE_LABELS[student.stage]} · {student.className} · 学籍号{" "}
          <span className="font-mono">{student.studentNoMasked}</span> · 身份证号{" "}
          <span className="font-mono">{student.idNumberMasked}</span> ·{" "}
          {ENROLMENT_STATUS_LABELS[student.status]}
        </p>
        <p className="text-xs text-slate-600" data-testid="archive-scope-note">
          {archive.viewer === "region"
            ? "主管部门只读查看：辖区内学校的记录完整显示，辖区外学校的记录已脱敏（不显示班级，说明中的号码以*代替）。"
            : leftThisSchool
              ? "该生已不在本校就读：只显示本校的记录，不显示其转入学校的记录。"
              : "本校记录完整显示；该生原就读学校的记录随档案转入，只读，个人信息已脱敏（不显示班级，说明中的号码以*代替）。"}
          身份证号始终脱敏显示，银行账号不在档案中显示。每次查看均记入审计日志。
        </p>
        <p className="hidden text-xs text-slate-500 print:block">
          打印时间：{formatBeijingDateTime(new Date())}
        </p>
      </header>
      <StudentArchiveView archive={archive} canOpenDetermination={decide(user, "determination.view").ok} />
    </>
  );
}
