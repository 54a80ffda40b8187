import { DeterminationNav } from "@/components/determination/sub-nav";

import { ValidationReport } from "@/components/determination/validation-report";
import { ErrorPanel } from "@/components/ui/error-panel";
import { requirePageAccess } from "@/lib/auth/access";
import { prepareDeterminationExport } from "@/lib/services/national-export";
import { LinkButton } from "@/components/ui/button";
import { Card } from "@/components/ui/card";

export const metadata = { title: "导出家庭经济信息" };

export default async function ExportPage() {
  const { user } = await requirePageAccess("exports.national");
  const r = await prepareDeterminationExport(user);
  if (!r.ok) return <ErrorPanel code="—" title="无法打开" message={r.message} />;
  const valid = r.data.problems.length === 0;
  return (
    <>
      <header className="space-y-2">
        <h1 className="text-xl font-semibold">导出家庭经济信息（全国学生资助管理信息系统导入格式）</h1>
        <DeterminationNav current="/console/determination/export" />
      </header>
      <Card tone="bordered" className="space-y-3">
        <p className="text-sm text-slate-600">
          导出本学期已认定学生的认定结果，共 {r.data.rowCount}{" "}
          行。文件含完整身份证件号，仅限学校资助管理员下载，每次下载均记入操作日志。特殊群体标识仅依据名单比对填“是”，其余留空。
        </p>
        <ValidationReport summary={r.data.summary} problems={r.data.problems} />
        <LinkButton
          href="/console/determination/export/download"

          download
        >
          {valid ? "下载导入文件（.xlsx）" : "下载校验报告（.xlsx）"}
        </LinkButton>
      </Card>
    </>
  );
}
