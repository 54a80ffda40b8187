import type { AccessTable } from "./types";

/** The school aid office's groundwork (SPEC §1, §2, §6). Rows are added with the features. */
export const ADMIN_ACCESS = {
  "audit.search": { description: "search the audit log of the admin's own school", allow: { SCHOOL_ADMIN: "school" } },
} as const satisfies AccessTable;
