import Link from "next/link";

export function StepHeader({
  personId,
  title,
  index,
  total,
}: {
  personId: string;
  title: string;
  index: number;
  total: number;
}) {
  return (
    <header className="space-y-1">
      <Link href={`/portal/apply/${personId}`} className="text-sm text-brand-600">
        ← 返回申请概览
      </Link>
      <p className="text-xs text-slate-500">
        第 {index} 步，共 {total} 步（每一步都会保存，可以换设备继续填写）
      </p>
      <h1 className="text-lg font-semibold">{title}</h1>
    </header>
  );
}
