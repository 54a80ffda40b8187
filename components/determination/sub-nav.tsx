import { isAllowed, type Action } from "@/lib/auth/access";
import { getSessionUser } from "@/lib/auth/session";

// Each link with the page's own access check: a role sees only the pages it may open (no link to a 403).
const LINKS: { href: string; label: string; action: Action }[] = [
  { href: "/console/determination", label: "审核认定", action: "determination.queue" },
  { href: "/console/determination/process", label: "审核环节与签字", action: "determination.queue" },
  { href: "/console/determination/survey", label: "满意度调查与回访", action: "follow_up.view" },
  { href: "/console/determination/publicity", label: "公示与异议", action: "publicity.manage" },
  { href: "/console/determination/export", label: "导出家庭经济信息", action: "exports.national" },
  {
    href: "/console/determination/follow-up",
    label: "特殊群体未资助跟进",
    action: "special_group.follow_up",
  },
  {
    href: "/console/determination/no-aid-reasons",
    label: "未资助原因上报",
    action: "special_group.view",
  },
  { href: "/console/determination/model", label: "量化认定模型", action: "determination.view" },
];

/** Plain links, like the console's main navigation: no prefetch of every sibling page on each view. */
export async function DeterminationNav({ current }: { current: string }) {
  const user = await getSessionUser();
  const links = user ? LINKS.filter((l) => isAllowed(user.role, l.action)) : [];
  return (
    <nav aria-label="认定工作" className="flex flex-wrap gap-2 text-sm">
      {links.map((l) => (
        <a
          key={l.href}
          href={l.href}
          aria-current={l.href === current ? "page" : undefined}
          className={`rounded-md px-3 py-1.5 ${l.href === current ? "bg-brand-600 text-white" : "bg-white text-slate-700 ring-1 ring-slate-200 hover:bg-slate-50"}`}
        >
          {l.label}
        </a>
      ))}
    </nav>
  );
}
