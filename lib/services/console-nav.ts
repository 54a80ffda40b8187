/**
 * The console's navigation for one signed-in user: the role's items (components/console/nav.ts), less the
 * items the user's post cannot open. 国家助学贷款 is for province-level supervisors only
 * (lib/services/loan-context.ts); city and county supervisors would land on /forbidden, so they do not see it.
 */
import "server-only";
import { CONSOLE_NAV, type NavItem } from "@/components/console/nav";
import { supervisorPost } from "@/lib/db/loans.repo";
import type { SessionUser } from "@/lib/domain/session-user";

const PROVINCE_ONLY_PREFIXES = ["/console/supervisor/loans"];

const provinceOnly = (item: NavItem) =>
  PROVINCE_ONLY_PREFIXES.some((prefix) => item.href === prefix || item.href.startsWith(`${prefix}/`));

export async function consoleNavFor(user: SessionUser): Promise<NavItem[]> {
  const nav = CONSOLE_NAV[user.role as keyof typeof CONSOLE_NAV] ?? [];
  if (user.role !== "SUPERVISOR" || !nav.some(provinceOnly)) return nav;
  const post = await supervisorPost(user.id);
  return post?.level === "PROVINCE" ? nav : nav.filter((item) => !provinceOnly(item));
}
