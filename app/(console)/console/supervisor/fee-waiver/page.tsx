import Link from "next/link";
import { FeeWaiverListFilter, FeeWaiverListTable } from "@/components/console/fee-waiver/fee-waiver-lists";
import { queryParams } from "@/components/console/supervisor/region-query";
import { linkCls } from "@/components/determination/styles";
import { ErrorPanel } from "@/components/ui/error-panel";
import { requirePageAccess } from "@/lib/auth/access";
import { loadFeeWaiverLists } from "@/lib/services/fee-waiver-list";

export const metadata = { title: "建档立卡等免学杂费名单审核" };
const PATH = "/console/supervisor/fee-waiver";

/** 资助名单审核 of the 普高 免学杂费 lists of the subtree's schools, by 学年学期 and review state. */
export default async function SupervisorFeeWaiverPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { user } = await requirePageAccess("fee_waiver_list.view");
  const result = await loadFeeWaiverLists(user, queryParams(await searchParams));
  if (!result.ok) return <ErrorPanel code="—" title="无法打开" message={result.message} />;
  return (
    <>
      <header className="space-y-1">
        <h1 className="text-xl font-semibold">建档立卡等免学杂费 · 资助名单审核</h1>
        <p className="text-sm text-slate-600">
          本辖区普通高中按学年学期报送的名单；学校审核通过后由学校所属主管部门审核，不通过时退回学校修改。
          <Link className={`${linkCls} ml-1 underline`} href={`${PATH}/payments`}>
            资金发放查看
          </Link>
        </p>
      </header>
      <FeeWaiverListFilter data={result.data} path={PATH} />
      <FeeWaiverListTable data={result.data} path={PATH} />
    </>
  );
}
