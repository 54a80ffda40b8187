import type { ProbeTable } from "./types";

/** Probes for the admin actions of lib/auth/access/admin.ts: one per action. */
export const ADMIN_PROBES: ProbeTable = {};
