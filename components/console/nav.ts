import type { Role } from "@/lib/domain/codes";

export type NavItem = { href: string; label: string };

/** The console's navigation per role. Later features add their pages here. */
export const CONSOLE_NAV: Record<Exclude<Role, "STUDENT" | "PARENT">, NavItem[]> = {
  TEACHER: [{ href: "/console", label: "工作台" }],
  SCHOOL_ADMIN: [{ href: "/console", label: "工作台" }],
  SCHOOL_LEADER: [{ href: "/console", label: "工作台" }],
  SUPERVISOR: [{ href: "/console", label: "工作台" }],
};
