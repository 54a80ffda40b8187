import Link from "next/link";

/**
 * The top of every step page. Once the application can no longer be edited (submitted, verified …) the
 * page is read-only: a banner says why, and "back" leads to the application record (申请记录) instead of
 * the step list.
 */
export function StepHeader({
  personId,
  title,
  index,
  total,
  readOnly,
}: {
  personId: string;
  title: string;
  index: number;
  total: number;
  /** Why the step cannot be edited, or null/undefined while it can. */
  readOnly?: string | null;
}) {
  return (
    <header className="space-y-1">
      {readOnly ? (
        <Link href={`/portal/apply/${personId}/timeline`} className="text-sm text-brand-600">
          ← 返回申请记录
        </Link>
      ) : (
        <Link href={`/portal/apply/${personId}`} className="text-sm text-brand-600">
          ← 返回申请概览
        </Link>
      )}
      <p className="text-xs text-slate-500">
        第 {index} 步，共 {total} 步{readOnly ? "（只读）" : "（每一步都会保存，可以换设备继续填写）"}
      </p>
      <h1 className="text-lg font-semibold">{title}</h1>
      {readOnly ? (
        <div
          role="status"
          data-testid="read-only-banner"
          className="rounded-xl bg-amber-50 p-3 text-sm text-amber-800"
        >
          <p className="font-medium">{readOnly}</p>
          <Link href={`/portal/apply/${personId}`} className="text-brand-700 underline">
            查看申请概览{readOnly.includes("撤回") ? "（撤回申请）" : ""}
          </Link>
        </div>
      ) : null}
    </header>
  );
}
