import Link from "next/link";
import { linkCls } from "@/components/determination/styles";
import { ExportTasks } from "@/components/exports/export-tasks";
import { ActionButton } from "@/components/ui/action-button";
import { Card } from "@/components/ui/card";
import { ErrorPanel } from "@/components/ui/error-panel";
import { DataTable, Td, Tr } from "@/components/ui/table";
import { isAllowed, requirePageAccess } from "@/lib/auth/access";
import { AID_RECORD_STATE_LABELS, aidPeriodLabel } from "@/lib/domain/aid-record";
import { fenToYuan } from "@/lib/domain/household";
import { loadAidRecordOverview } from "@/lib/services/aid-records";
import { exportTasks } from "@/lib/services/export-task";
import { exportFileRetentionDays } from "@/lib/services/housekeeping";
import { startAidRecordExportAction } from "../actions";

export const metadata = { title: "受助情况" };

/**
 * The school's aid records (受助情况) of the current term by programme and period, and their national export
 * (a job, lib/services/export-job.ts): this page starts it and shows the recent tasks.
 */
export default async function AidRecordsPage() {
  const { user } = await requirePageAccess("rosters.view");
  const overview = await loadAidRecordOverview(user);
  if (!overview.ok) return <ErrorPanel code="—" title="无法打开" message={overview.message} />;
  const { term, rows, paid, reversed } = overview.data;
  const canExport = isAllowed(user.role, "exports.national");
  const tasks = canExport ? await exportTasks(user, { kind: "AID_RECORDS" }) : [];
  return (
    <>
      <header className="space-y-2">
        <h1 className="text-xl font-semibold">受助情况 · {term.name}</h1>
        <p className="text-sm text-slate-600">
          每登记一笔发放，系统即为该学生记一条受助记录：中职按月，其他学段按学期，每名学生每个资助项目每个发放期一条。冲销（或中职公示退回）后记录保留并标为“已冲销”，不计入受助人次和已发放金额。
        </p>
        <Link className={linkCls} href="/console/rosters">
          返回资助项目与名单
        </Link>
      </header>
      <Card tone="bordered" className="space-y-3" aria-labelledby="aid-records-title">
        <h2 id="aid-records-title" className="font-semibold">
          本学期受助记录
        </h2>
        <p className="text-sm" data-testid="aid-record-totals">
          已发放 {paid.records} 人次，{fenToYuan(paid.amountFen)} 元；已冲销 {reversed.records} 人次，
          {fenToYuan(reversed.amountFen)} 元。
        </p>
        <DataTable columns={["资助项目", "发放期", "状态", "人次", "金额（元）"]}>
          {rows.length === 0 ? (
            <tr>
              <td colSpan={5} className="px-3 py-4 text-center text-slate-500">
                本学期尚无受助记录。
              </td>
            </tr>
          ) : (
            rows.map((row) => (
              <Tr key={`${row.programme}:${row.period}:${row.state}`}>
                <Td>{row.programme}</Td>
                <Td>{aidPeriodLabel(row.period)}</Td>
                <Td>{AID_RECORD_STATE_LABELS[row.state]}</Td>
                <Td>{row.records}</Td>
                <Td>{fenToYuan(row.amountFen)}</Td>
              </Tr>
            ))
          )}
        </DataTable>
      </Card>
      {canExport ? (
        <Card tone="bordered" className="space-y-3" aria-labelledby="aid-record-export-title">
          <h2 id="aid-record-export-title" className="font-semibold">
            导出受助情况（全国学生资助管理信息系统导入格式）
          </h2>
          <p className="text-sm text-slate-600">
            导出本学期已发放且未冲销的受助记录。点“开始导出”后系统在后台逐行校验（与学籍核对学籍号、姓名、证件；同一学生同一项目同一发放期不得重复）并生成文件；校验全部通过时可下载导入文件，否则可下载列出每个问题的校验报告。文件含完整身份证件号，仅限学校资助管理员下载，每次下载均记入操作日志，
            {exportFileRetentionDays()}天后自动删除。
          </p>
          <div className="max-w-xs">
            <ActionButton action={startAidRecordExportAction} label="开始导出" />
          </div>
          <ExportTasks tasks={tasks} />
        </Card>
      ) : null}
    </>
  );
}
