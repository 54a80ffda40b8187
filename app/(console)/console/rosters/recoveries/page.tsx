import { RecoveryList } from "@/components/console/follow-up/recoveries";
import { ErrorPanel } from "@/components/ui/error-panel";
import { requirePageAccess } from "@/lib/auth/access";
import { loadRecoveries } from "@/lib/services/aid-recovery";
import { recordRecoveryAction } from "./actions";

export const metadata = { title: "资助资金追回" };

/** The school's recoveries of revoked aid already paid; the aid officer records each amount recovered. */
export default async function SchoolRecoveriesPage({
  searchParams,
}: {
  searchParams: Promise<{ state?: string }>;
}) {
  const { user } = await requirePageAccess("aid_recovery.view");
  const result = await loadRecoveries(user, (await searchParams).state ?? "open");
  if (!result.ok) return <ErrorPanel code="—" title="无法打开" message={result.message} />;
  return (
    <>
      <header className="space-y-2">
        <h1 className="text-xl font-semibold">资助资金追回</h1>
        <p className="text-sm text-slate-600">
          取消资格时已发放的资助资金须追回：每笔记录的应追回金额为取消前已发放的金额，每次追回登记日期和金额，累计不能超过应追回金额，全部追回后自动办结。
        </p>
      </header>
      <RecoveryList
        view={result.data}
        path="/console/rosters/recoveries"
        showSchool={false}
        recordAction={result.data.mayRecord ? (id) => recordRecoveryAction.bind(null, id) : undefined}
      />
    </>
  );
}
