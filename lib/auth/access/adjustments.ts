import type { AccessTable } from "./types";

/** Adjustment within the year (动态调整, lib/services/adjustments.ts). */
export const ADJUSTMENT_ACCESS = {
  "adjustment.list": {
    description: "list the term's adjustments (a teacher: own classes) and the students that may be adjusted",
    allow: { TEACHER: "own-classes", SCHOOL_ADMIN: "school", SCHOOL_LEADER: "school" },
  },
  "adjustment.open": {
    description:
      "open an adjustment for one student outside the application window (sudden event, reason required)",
    allow: { TEACHER: "own-classes", SCHOOL_ADMIN: "school" },
  },
  "adjustment.withdraw": {
    description: "withdraw an open adjustment with a reason (the earlier level stays)",
    allow: { SCHOOL_ADMIN: "school" },
  },
  "adjustment.publicise": {
    description: "publish the publicity of the determined adjustments (school-wide, working-day minimum)",
    allow: { SCHOOL_ADMIN: "school" },
  },
} as const satisfies AccessTable;
