import type { ProbeTable } from "./types";

/** Probes for the teacher actions of lib/auth/access/teacher.ts: one per action. */
export const TEACHER_PROBES: ProbeTable = {};
