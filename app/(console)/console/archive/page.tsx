import Link from "next/link";
import { ArchiveTasks } from "@/components/print/archive-tasks";
import { Card } from "@/components/ui/card";
import { Select } from "@/components/ui/form";
import { ServerForm } from "@/components/ui/server-form";
import { requirePageAccess } from "@/lib/auth/access";
import { exportFileRetentionDays } from "@/lib/services/housekeeping";
import { loadTermArchives } from "@/lib/services/term-archive";
import { startTermArchiveAction } from "./actions";

export const metadata = { title: "学期资助档案" };

/** The school's archive of a term as one zip, built by a job (lib/services/term-archive-job.ts). */
export default async function TermArchivePage() {
  const { user } = await requirePageAccess("archive.term");
  const loaded = await loadTermArchives(user);
  const { terms, tasks } = loaded.ok ? loaded.data : { terms: [], tasks: [] };
  return (
    <>
      <header className="space-y-2">
        <h1 className="text-xl font-semibold">学期资助档案</h1>
        <p className="text-sm text-slate-600">
          按学校资助档案管理要求，把一个学期的纸质表格（认定申请表、入户走访调查和量化计分表、班级评议记录、资助发放签收表、公示表、认定结果汇总表，均为
          PDF）和名单（家庭经济信息、受助情况、资助名册，.xlsx）打包为一个 zip
          文件下载。系统在后台生成，本页显示进度。名单含完整身份证件号，仅限学校资助管理员下载，每次下载均记入操作日志，
          {exportFileRetentionDays()}天后自动删除。单份表格可在
          <Link href="/print" className="text-brand-600 underline">
            打印表格
          </Link>
          中打印。
        </p>
      </header>
      <Card tone="bordered" className="space-y-3">
        <ServerForm action={startTermArchiveAction} submitLabel="生成资助档案">
          <label className="block space-y-1 text-sm">
            <span className="font-medium">学期</span>
            <Select name="termId" defaultValue={terms.find((term) => term.isCurrent)?.id ?? terms[0]?.id}>
              {terms.map((term) => (
                <option key={term.id} value={term.id}>
                  {term.name}
                  {term.isCurrent ? "（当前学期）" : ""}
                </option>
              ))}
            </Select>
          </label>
        </ServerForm>
      </Card>
      <Card tone="bordered" className="space-y-3" aria-labelledby="archive-tasks-title">
        <h2 id="archive-tasks-title" className="font-semibold">
          生成记录
        </h2>
        <ArchiveTasks tasks={tasks} />
      </Card>
    </>
  );
}
