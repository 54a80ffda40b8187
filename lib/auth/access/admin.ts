import type { AccessTable } from "./types";

/** The school aid office's groundwork (SPEC §1, §2, §6). Rows are added with the features. */
export const ADMIN_ACCESS = {} as const satisfies AccessTable;
