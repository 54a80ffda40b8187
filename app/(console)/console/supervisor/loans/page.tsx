import Link from "next/link";
import { redirect } from "next/navigation";
import { ImportUpload } from "@/components/console/admin/import-upload";
import { LoanReviewForms } from "@/components/console/supervisor/loan-review-forms";
import { LinkButton } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Field, Select, TextInput } from "@/components/ui/form";
import { RefreshWhileRunning } from "@/components/ui/refresh-while-running";
import { ServerForm } from "@/components/ui/server-form";
import { DataTable, Td, Tr } from "@/components/ui/table";
import { TitledSection } from "@/components/ui/titled-section";
import { requirePageAccess } from "@/lib/auth/access";
import { LOAN_LEVEL_LABELS, LOAN_LEVELS } from "@/lib/domain/codes";
import { fenToYuan } from "@/lib/domain/household";
import { academicYearLabel } from "@/lib/domain/loans";
import { formatBeijingDateTime } from "@/lib/domain/time";
import { viewLoanOverview } from "@/lib/services/loans";
import { reviewImportAction, saveCapAction } from "./actions";

export const metadata = { title: "国家助学贷款" };

/** Academic years offered for an import: the current one (from September) and ten before it. */
function importYears(now = new Date()): number[] {
  const china = new Date(now.getTime() + 8 * 3600_000);
  const current = china.getUTCMonth() >= 8 ? china.getUTCFullYear() : china.getUTCFullYear() - 1;
  return Array.from({ length: 11 }, (_, index) => current - index);
}

const STATE_TEXT = { RUNNING: "正在导入", DONE: "导入完成", FAILED: "导入失败" } as const;

export default async function LoansPage() {
  const { user } = await requirePageAccess("loan.view");
  const view = await viewLoanOverview(user);
  if (!view.ok) redirect("/forbidden");
  const { duty, imports, totals, caps } = view.data;
  const operator = duty === "OPERATOR";
  const leader = duty === "LEADER";
  const years = importYears();
  return (
    <>
      <h1 className="text-xl font-semibold">国家助学贷款</h1>
      <p className="text-sm text-slate-600">
        省级主管部门管理本省经办银行发放的国家助学贷款：业务操作人员导入贷款和还款信息，业务主管领导审核；
        统计只计审核通过的记录。
        <Link href="/console/supervisor/loans/records" className="ml-2 text-brand-700 underline">
          查看贷款和还款记录
        </Link>
        <Link href="/console/supervisor/loans/statistics" className="ml-2 text-brand-700 underline">
          贷款统计与录入进展
        </Link>
      </p>
      <RefreshWhileRunning running={imports.some((row) => row.state === "RUNNING" && !row.stale)} />

      <TitledSection id="totals-heading" title="审核通过的贷款（按学年）">
        {totals.length === 0 ? (
          <p className="text-sm text-slate-600">还没有审核通过的贷款记录。</p>
        ) : (
          <DataTable columns={["学年", "贷款笔数", "借款学生人数", "发放金额（元）", "已还款金额（元）"]}>
            {totals.map((row) => (
              <Tr key={row.academicYear}>
                <Td>{academicYearLabel(row.academicYear)}</Td>
                <Td data-testid={`loans-${row.academicYear}`}>{row.loans}</Td>
                <Td>{row.students}</Td>
                <Td data-testid={`amount-${row.academicYear}`}>{fenToYuan(row.amountFen)}</Td>
                <Td data-testid={`repaid-${row.academicYear}`}>{fenToYuan(row.repaidFen)}</Td>
              </Tr>
            ))}
          </DataTable>
        )}
      </TitledSection>

      {operator ? (
        <Card aria-labelledby="import-heading" className="space-y-3">
          <h2 id="import-heading" className="font-semibold">
            导入贷款或还款信息
          </h2>
          <p className="text-sm text-slate-600">
            按模板填写（列说明见模板表头；还款时间精确到秒，时间不详填
            00:00:00）。导入的记录待业务主管领导审核； 已审核通过的合同编号不会重复导入。
          </p>
          <div className="flex flex-wrap gap-3 text-sm">
            <LinkButton variant="secondary" href="/console/supervisor/loans/template">
              下载贷款信息模板
            </LinkButton>
            <LinkButton variant="secondary" href="/console/supervisor/loans/template?kind=repayment">
              下载还款信息模板
            </LinkButton>
          </div>
          <ImportUpload
            endpoint="/console/supervisor/loans/import"
            jobBase="/console/supervisor/loans/jobs"
            kind="loan"
          >
            <Field id="loan-import-kind" label="导入内容">
              <Select id="loan-import-kind" name="kind" defaultValue="LOAN">
                <option value="LOAN">贷款信息</option>
                <option value="REPAYMENT">还款信息</option>
              </Select>
            </Field>
            <Field
              id="loan-import-year"
              label="贷款学年（导入贷款信息时）"
              hint="往年数据选择对应学年；已有审核通过记录的学年为补充导入。"
            >
              <Select id="loan-import-year" name="academicYear" defaultValue={String(years[0])}>
                {years.map((year) => (
                  <option key={year} value={String(year)}>
                    {academicYearLabel(year)}
                  </option>
                ))}
              </Select>
            </Field>
            <fieldset className="space-y-1 text-sm">
              <legend className="font-medium text-slate-700">有错误行时</legend>
              <label className="flex items-center gap-2">
                <input type="radio" name="mode" value="GOOD_ROWS" defaultChecked />{" "}
                只导入正确的行，错误行按行号改正后再导入
              </label>
              <label className="flex items-center gap-2">
                <input type="radio" name="mode" value="ALL_OR_NOTHING" /> 有任何错误则全部不导入
              </label>
            </fieldset>
          </ImportUpload>
        </Card>
      ) : null}

      <TitledSection id="imports-heading" title="导入记录与审核">
        {imports.length === 0 ? (
          <p className="text-sm text-slate-600">还没有导入记录。</p>
        ) : (
          <DataTable
            columns={[
              "导入时间",
              "内容",
              "文件",
              "结果",
              "待审核 / 通过 / 不通过",
              leader ? "整批审核" : "明细",
            ]}
          >
            {imports.map((row) => (
              <Tr key={row.id}>
                <Td>{formatBeijingDateTime(row.createdAt)}</Td>
                <Td>
                  {row.kind === "LOAN" ? "贷款信息" : "还款信息"}
                  {row.academicYear !== null ? (
                    <div className="text-xs text-slate-500">
                      {academicYearLabel(row.academicYear)}
                      {row.scope === "SUPPLEMENTARY" ? " · 补充导入" : ""}
                    </div>
                  ) : null}
                </Td>
                <Td className="break-all">{row.fileName}</Td>
                <Td>
                  {row.stale ? "导入中断，请重新导入" : STATE_TEXT[row.state]}
                  {row.state === "RUNNING" && !row.stale ? `（${row.progress}%）` : ""}
                  {row.message ? <div className="text-xs text-slate-500">{row.message}</div> : null}
                  {operator && row.rejected > 0 ? (
                    <a
                      href={`/console/supervisor/loans/jobs/${row.id}/rejected`}
                      className="text-xs text-brand-700 underline"
                    >
                      下载未导入的 {row.rejected} 行
                    </a>
                  ) : null}
                </Td>
                <Td data-testid={`review-counts-${row.id}`}>
                  {row.pending} / {row.approved} / {row.refused}
                </Td>
                <Td className="space-y-2">
                  {leader && row.pending > 0 && row.state !== "RUNNING" ? (
                    <LoanReviewForms
                      action={reviewImportAction.bind(null, row.id)}
                      idPrefix={`import-${row.id}`}
                      what={`${row.fileName} 的 ${row.pending} 条待审核记录`}
                    />
                  ) : null}
                  <Link
                    href={`/console/supervisor/loans/records?importId=${row.id}`}
                    className="text-sm text-brand-700 underline"
                  >
                    查看记录<span className="sr-only">：{row.fileName}</span>
                  </Link>
                </Td>
              </Tr>
            ))}
          </DataTable>
        )}
      </TitledSection>

      <TitledSection id="caps-heading" title="每人每年贷款额度标准">
        <DataTable columns={["培养层次", "自学年起", "最高额度（元）"]}>
          {caps.map((cap) => (
            <Tr key={cap.id}>
              <Td>{LOAN_LEVEL_LABELS[cap.level]}</Td>
              <Td>{academicYearLabel(cap.fromYear)}</Td>
              <Td>{fenToYuan(cap.capFen)}</Td>
            </Tr>
          ))}
        </DataTable>
        {operator ? (
          <ServerForm action={saveCapAction} submitLabel="保存额度标准" className="max-w-md space-y-2">
            <Field id="cap-level" label="培养层次" required>
              <Select id="cap-level" name="level" defaultValue="UNDERGRADUATE">
                {LOAN_LEVELS.map((level) => (
                  <option key={level} value={level}>
                    {LOAN_LEVEL_LABELS[level]}
                  </option>
                ))}
              </Select>
            </Field>
            <Field id="cap-from-year" label="自学年起（填起始年份，如 2025 即 2025-2026学年）" required>
              <TextInput id="cap-from-year" name="fromYear" inputMode="numeric" maxLength={4} />
            </Field>
            <Field id="cap-yuan" label="最高额度（元）" required>
              <TextInput id="cap-yuan" name="capYuan" inputMode="decimal" maxLength={12} />
            </Field>
          </ServerForm>
        ) : null}
      </TitledSection>
    </>
  );
}
