import type { ProbeTable } from "./types";

/** Probes for the determination actions of lib/auth/access/determination.ts: one per action. */
export const DETERMINATION_PROBES: ProbeTable = {};
