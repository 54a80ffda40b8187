import Link from "next/link";
import { redirect } from "next/navigation";
import { LoanReviewForms } from "@/components/console/supervisor/loan-review-forms";
import { RevealIdNumber } from "@/components/console/supervisor/reveal-id-number";
import { Button, LinkButton } from "@/components/ui/button";
import { Field, Select, TextInput } from "@/components/ui/form";
import { DataTable, Td, Tr } from "@/components/ui/table";
import { TitledSection } from "@/components/ui/titled-section";
import { requirePageAccess } from "@/lib/auth/access";
import {
  LOAN_INSTITUTION_CATEGORY_LABELS,
  LOAN_LEVEL_LABELS,
  LOAN_LEVELS,
  LOAN_REVIEW_STATE_LABELS,
  LOAN_TYPE_LABELS,
} from "@/lib/domain/codes";
import { fenToYuan } from "@/lib/domain/household";
import { academicYearLabel, chinaTimeText } from "@/lib/domain/loans";
import { viewLoanRecords } from "@/lib/services/loans";
import { revealLoanIdAction, reviewRecordAction } from "../actions";

export const metadata = { title: "贷款和还款记录" };

type Search = Promise<Record<string, string | string[] | undefined>>;

export default async function LoanRecordsPage({ searchParams }: { searchParams: Search }) {
  const { user } = await requirePageAccess("loan.view");
  const raw = await searchParams;
  const view = await viewLoanRecords(user, raw);
  if (!view.ok) redirect("/forbidden");
  const { duty, filter, page, pages, loans, repayments } = view.data;
  const leader = duty === "LEADER";
  const query = new URLSearchParams(
    Object.entries(raw).flatMap(([key, value]) =>
      typeof value === "string" && key !== "page" ? [[key, value]] : [],
    ),
  );
  const pageLink = (to: number) => `?${new URLSearchParams([...query, ["page", String(to)]])}`;
  const text = (key: string) => (typeof raw[key] === "string" ? (raw[key] as string) : "");
  return (
    <>
      <h1 className="text-xl font-semibold">贷款和还款记录</h1>
      <p className="text-sm">
        <Link href="/console/supervisor/loans" className="text-brand-700 underline">
          返回国家助学贷款
        </Link>
      </p>

      <form method="get" className="grid gap-3 md:grid-cols-4" aria-label="筛选贷款记录">
        {filter.importId ? <input type="hidden" name="importId" value={filter.importId} /> : null}
        <Field id="filter-year" label="学年（如 2024-2025）">
          <TextInput id="filter-year" name="year" defaultValue={text("year")} maxLength={12} />
        </Field>
        <Field id="filter-state" label="审核状态">
          <Select id="filter-state" name="state" defaultValue={filter.reviewState ?? ""}>
            <option value="">全部</option>
            {Object.entries(LOAN_REVIEW_STATE_LABELS).map(([state, label]) => (
              <option key={state} value={state}>
                {label}
              </option>
            ))}
          </Select>
        </Field>
        <Field id="filter-level" label="培养层次">
          <Select id="filter-level" name="level" defaultValue={filter.level ?? ""}>
            <option value="">全部</option>
            {LOAN_LEVELS.map((level) => (
              <option key={level} value={level}>
                {LOAN_LEVEL_LABELS[level]}
              </option>
            ))}
          </Select>
        </Field>
        <Field id="filter-bank" label="经办银行（包含）">
          <TextInput id="filter-bank" name="bank" defaultValue={text("bank")} maxLength={50} />
        </Field>
        <Field id="filter-contract" label="合同编号">
          <TextInput
            id="filter-contract"
            name="contractNo"
            defaultValue={text("contractNo")}
            maxLength={60}
          />
        </Field>
        <Field id="filter-id" label="证件号码">
          <TextInput
            id="filter-id"
            name="idNumber"
            defaultValue={text("idNumber")}
            maxLength={20}
            autoComplete="off"
          />
        </Field>
        <div className="flex items-end gap-2">
          <Button type="submit">筛选</Button>
          <LinkButton variant="secondary" href={`/console/supervisor/loans/export?${query}`}>
            导出筛选结果
          </LinkButton>
        </div>
      </form>

      <TitledSection id="loans-heading" title={`贷款记录（共 ${loans.total} 条）`}>
        {loans.rows.length === 0 ? (
          <p className="text-sm text-slate-600">没有符合条件的贷款记录。</p>
        ) : (
          <DataTable
            columns={[
              "学年",
              "借款学生",
              "证件号码",
              "学校",
              "层次 / 类型",
              "合同编号",
              "经办银行",
              "金额（元）",
              "审核",
              leader ? "审核操作" : "",
            ]}
          >
            {loans.rows.map((row) => (
              <Tr key={row.id}>
                <Td>{academicYearLabel(row.academicYear)}</Td>
                <Td>{row.studentName}</Td>
                <Td>
                  <RevealIdNumber
                    masked={row.idNumberMasked}
                    who={row.studentName}
                    reveal={revealLoanIdAction.bind(null, row.id)}
                  />
                </Td>
                <Td>
                  {row.institutionName}
                  <div className="text-xs text-slate-500">
                    {row.institutionCode}
                    {row.institutionCategory
                      ? ` · ${LOAN_INSTITUTION_CATEGORY_LABELS[row.institutionCategory]}`
                      : ""}
                  </div>
                </Td>
                <Td>
                  {LOAN_LEVEL_LABELS[row.level]} · {LOAN_TYPE_LABELS[row.loanType]}
                </Td>
                <Td className="font-mono">{row.contractNo}</Td>
                <Td>{row.bank}</Td>
                <Td>{fenToYuan(row.amountFen)}</Td>
                <Td>
                  {LOAN_REVIEW_STATE_LABELS[row.reviewState]}
                  {row.reviewComment ? (
                    <div className="text-xs text-slate-500">{row.reviewComment}</div>
                  ) : null}
                </Td>
                <Td>
                  {leader && row.reviewState === "PENDING" ? (
                    <LoanReviewForms
                      action={reviewRecordAction.bind(null, "LOAN", row.id)}
                      idPrefix={`loan-${row.id}`}
                      what={`${row.studentName} 合同 ${row.contractNo}`}
                    />
                  ) : null}
                </Td>
              </Tr>
            ))}
          </DataTable>
        )}
        {pages > 1 ? (
          <nav aria-label="分页" className="flex gap-3 text-sm">
            {page > 1 ? <Link href={pageLink(page - 1)}>上一页</Link> : null}
            <span>
              第 {page} / {pages} 页
            </span>
            {page < pages ? <Link href={pageLink(page + 1)}>下一页</Link> : null}
          </nav>
        ) : null}
      </TitledSection>

      <TitledSection
        id="repayments-heading"
        title={`还款记录（共 ${repayments.total} 条，显示最近 ${repayments.rows.length} 条）`}
      >
        {repayments.rows.length === 0 ? (
          <p className="text-sm text-slate-600">没有符合条件的还款记录。</p>
        ) : (
          <DataTable
            columns={[
              "还款时间",
              "合同编号",
              "借款学生",
              "还款金额（元）",
              "贷款金额（元）",
              "审核",
              leader ? "审核操作" : "",
            ]}
          >
            {repayments.rows.map((row) => (
              <Tr key={row.id}>
                <Td>{chinaTimeText(row.repaidAt)}</Td>
                <Td className="font-mono">{row.loan.contractNo}</Td>
                <Td>
                  {row.loan.studentName}
                  <div className="font-mono text-xs text-slate-500">{row.loan.idNumberMasked}</div>
                </Td>
                <Td>{fenToYuan(row.amountFen)}</Td>
                <Td>{fenToYuan(row.loan.amountFen)}</Td>
                <Td>
                  {LOAN_REVIEW_STATE_LABELS[row.reviewState]}
                  {row.reviewComment ? (
                    <div className="text-xs text-slate-500">{row.reviewComment}</div>
                  ) : null}
                </Td>
                <Td>
                  {leader && row.reviewState === "PENDING" ? (
                    <LoanReviewForms
                      action={reviewRecordAction.bind(null, "REPAYMENT", row.id)}
                      idPrefix={`repayment-${row.id}`}
                      what={`合同 ${row.loan.contractNo} 的还款`}
                    />
                  ) : null}
                </Td>
              </Tr>
            ))}
          </DataTable>
        )}
      </TitledSection>
    </>
  );
}
