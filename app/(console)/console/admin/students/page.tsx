import { ImportUpload } from "@/components/console/admin/import-upload";
import { requirePageAccess } from "@/lib/auth/access";
import { listImportJobs } from "@/lib/db/import-jobs.repo";
import { listGradeRefs } from "@/lib/db/roster.repo";
import { STAGE_LABELS } from "@/lib/domain/codes";
import { ROSTER_HEADERS } from "@/lib/domain/roster-row";
import { formatBeijingDateTime } from "@/lib/domain/time";

export const metadata = { title: "学生名册导入" };

export default async function StudentsImportPage() {
  const { scope } = await requirePageAccess("roster.import");
  const [jobs, grades] = await Promise.all([listImportJobs(scope, "ROSTER"), listGradeRefs(scope)]);
  return (
    <>
      <header className="space-y-1">
        <h1 className="text-xl font-semibold">在校生信息导入</h1>
        <p className="text-sm text-slate-600">
          上传 .xlsx 名册：第一行为列名，从第二行起每行一名学生。可使用本系统模板，也可直接上传全国学籍系统导出的学生信息（按列名识别，列的顺序不限）。
          学生按身份证件号识别：已在系统中的学生（包括从其他学校转来、升学来的）会保留原有的认定和资助记录。
        </p>
      </header>

      <section className="flex flex-wrap gap-3 text-sm">
        <a href="/console/admin/students/template" className="rounded-md bg-white px-3 py-2 ring-1 ring-slate-300 hover:bg-slate-50">下载导入模板</a>
        <a href="/console/admin/students/export" className="rounded-md bg-white px-3 py-2 ring-1 ring-slate-300 hover:bg-slate-50">导出本校名册（含完整证件号，将记入审计日志）</a>
      </section>

      <section className="space-y-3 rounded-lg bg-white p-4 ring-1 ring-slate-200">
        <h2 className="font-semibold">导入名册</h2>
        <ImportUpload endpoint="/console/admin/students/import" jobBase="/console/admin/students/jobs" kind="roster">
          <fieldset className="space-y-1 text-sm">
            <legend className="font-medium text-slate-700">有错误行时</legend>
            <label className="flex items-center gap-2"><input type="radio" name="mode" value="GOOD_ROWS" defaultChecked /> 只导入正确的行，错误行下载后改正再导入</label>
            <label className="flex items-center gap-2"><input type="radio" name="mode" value="ALL_OR_NOTHING" /> 有任何错误则全部不导入</label>
          </fieldset>
        </ImportUpload>
      </section>

      <section className="space-y-2 text-sm">
        <h2 className="font-semibold">模板列</h2>
        <p className="text-slate-600">{ROSTER_HEADERS.join("、")}。必填：姓名、证件号码、全国学籍号、年级、班级、入学年月（如 2025-09）。证件类型默认居民身份证；性别可由身份证号推出；学制留空按学段默认；就读状态默认在读。</p>
        <p className="text-slate-600">本校已设置的年级：{grades.length ? grades.map((g) => `${STAGE_LABELS[g.stage]}·${g.name}（${g.classes.map((c) => c.name).join("、") || "无班级"}）`).join("；") : "还没有年级，请先在“年级与班级”中添加。"}</p>
      </section>

      <section className="space-y-2">
        <h2 className="font-semibold">最近的导入</h2>
        {jobs.length === 0 ? <p className="text-sm text-slate-600">还没有导入记录。</p> : (
          <div className="overflow-x-auto rounded-lg bg-white ring-1 ring-slate-200">
            <table className="w-full text-sm">
              <thead className="bg-slate-50 text-left text-slate-600">
                <tr><th className="px-3 py-2">时间</th><th className="px-3 py-2">文件</th><th className="px-3 py-2">结果</th><th className="px-3 py-2">错误行</th></tr>
              </thead>
              <tbody>
                {jobs.map((j) => (
                  <tr key={j.id} className="border-t border-slate-100">
                    <td className="px-3 py-2 whitespace-nowrap">{formatBeijingDateTime(j.createdAt)}</td>
                    <td className="px-3 py-2">{j.fileName}</td>
                    <td className="px-3 py-2">{j.state === "RUNNING" ? `导入中（${j.progress}%）` : j.message}</td>
                    <td className="px-3 py-2">{j.rejected > 0 ? <a className="text-brand-700 underline" href={`/console/admin/students/jobs/${j.id}/rejected`}>下载 {j.rejected} 行</a> : "—"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </>
  );
}
