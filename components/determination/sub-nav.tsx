import Link from "next/link";

const LINKS = [
  { href: "/console/determination", label: "审核认定" },
  { href: "/console/determination/process", label: "审核环节与签字" },
  { href: "/console/determination/publicity", label: "公示与异议" },
  { href: "/console/determination/export", label: "导出家庭经济信息" },
  { href: "/console/determination/follow-up", label: "特殊群体未资助跟进" },
  { href: "/console/determination/model", label: "量化认定模型" },
];

export function DeterminationNav({ current }: { current: string }) {
  return (
    <nav aria-label="认定工作" className="flex flex-wrap gap-2 text-sm">
      {LINKS.map((l) => (
        <Link
          key={l.href}
          href={l.href}
          aria-current={l.href === current ? "page" : undefined}
          className={`rounded-md px-3 py-1.5 ${l.href === current ? "bg-brand-600 text-white" : "bg-white text-slate-700 ring-1 ring-slate-200 hover:bg-slate-50"}`}
        >
          {l.label}
        </Link>
      ))}
    </nav>
  );
}
