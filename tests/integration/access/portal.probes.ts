import type { ProbeTable } from "./types";

/** Probes for the portal actions of lib/auth/access/portal.ts: one per action. */
export const PORTAL_PROBES: ProbeTable = {};
