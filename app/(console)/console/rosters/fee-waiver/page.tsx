import Link from "next/link";
import { FeeWaiverListFilter, FeeWaiverListTable } from "@/components/console/fee-waiver/fee-waiver-lists";
import { queryParams } from "@/components/console/supervisor/region-query";
import { linkCls } from "@/components/determination/styles";
import { Card } from "@/components/ui/card";
import { ErrorPanel } from "@/components/ui/error-panel";
import { ServerForm } from "@/components/ui/server-form";
import { requirePageAccess } from "@/lib/auth/access";
import { loadFeeWaiverLists } from "@/lib/services/fee-waiver-list";
import { buildFeeWaiverAction } from "./actions";

export const metadata = { title: "建档立卡等免学杂费" };
const PATH = "/console/rosters/fee-waiver";

/** 普高 建档立卡等免学杂费 of the school: its lists by 学年学期, 资助名单录入 for the aid officer. */
export default async function SchoolFeeWaiverPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { user } = await requirePageAccess("fee_waiver_list.view");
  const result = await loadFeeWaiverLists(user, queryParams(await searchParams));
  if (!result.ok) return <ErrorPanel code="—" title="无法打开" message={result.message} />;
  const { data } = result;
  return (
    <>
      <header className="space-y-1">
        <h1 className="text-xl font-semibold">建档立卡等免学杂费 · 资助名单</h1>
        <p className="text-sm text-slate-600">
          按学年学期录入和审核：资助经办人员按本学期认定结果和特殊群体名单生成名单，学校领导审核后报主管部门审核；审核不通过时退回修改。
          <Link className={`${linkCls} ml-1 underline`} href={`${PATH}/payments`}>
            资金发放查看
          </Link>
        </p>
      </header>
      {data.programmes.map((programme) => (
        <Card tone="bordered" key={programme.id} className="space-y-2">
          <h2 className="font-semibold">
            {programme.name} · {data.term.name}
          </h2>
          <ServerForm
            action={buildFeeWaiverAction.bind(null, programme.id)}
            submitLabel="按认定结果和特殊群体名单生成名单"
            variant="secondary"
          />
        </Card>
      ))}
      <FeeWaiverListFilter data={data} path={PATH} />
      <FeeWaiverListTable data={data} path={PATH} />
    </>
  );
}
