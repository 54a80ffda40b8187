import Link from "next/link";
import { FeeWaiverPayments } from "@/components/console/fee-waiver/fee-waiver-payments";
import { queryParams } from "@/components/console/supervisor/region-query";
import { linkCls } from "@/components/determination/styles";
import { ErrorPanel } from "@/components/ui/error-panel";
import { requirePageAccess } from "@/lib/auth/access";
import { viewFeeWaiverPayments } from "@/lib/services/fee-waiver-payments";

export const metadata = { title: "免学杂费资金发放查看" };
const PATH = "/console/supervisor/fee-waiver/payments";

/** 资金发放查看 of the subtree's passed 普高 免学杂费 lists, with the five 是/否 filters. */
export default async function SupervisorFeeWaiverPaymentsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { user } = await requirePageAccess("fee_waiver_payments.view");
  const params = queryParams(await searchParams);
  const result = await viewFeeWaiverPayments(user, params);
  if (!result.ok) return <ErrorPanel code="—" title="无法打开" message={result.message} />;
  return (
    <>
      <header className="space-y-1">
        <h1 className="text-xl font-semibold">建档立卡等免学杂费 · 资金发放查看</h1>
        <p className="text-sm text-slate-600">
          {result.data.term.name}
          本辖区主管部门审核通过的名单学生；五个“是否”项由特殊群体名单比对得出，农村低保、农村特困按学生家庭户口性质（农村）判断。
          <Link className={`${linkCls} ml-1 underline`} href="/console/supervisor/fee-waiver">
            返回名单审核
          </Link>
        </p>
      </header>
      <FeeWaiverPayments view={result.data} path={PATH} params={params} />
    </>
  );
}
