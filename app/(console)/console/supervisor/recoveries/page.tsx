import { RecoveryList } from "@/components/console/follow-up/recoveries";
import { ErrorPanel } from "@/components/ui/error-panel";
import { requirePageAccess } from "@/lib/auth/access";
import { loadRecoveries } from "@/lib/services/aid-recovery";

export const metadata = { title: "资助资金追回" };

/** The recoveries of revoked aid of the schools in the supervisor's region (read-only). */
export default async function SupervisorRecoveriesPage({
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
        <h1 className="text-xl font-semibold">资助资金追回 · 辖区学校</h1>
        <p className="text-sm text-slate-600">
          辖区内学校取消资格时已发放、须追回的资助资金，以及各校登记的追回情况（由学校登记）。
        </p>
      </header>
      <RecoveryList view={result.data} path="/console/supervisor/recoveries" showSchool />
    </>
  );
}
