import type { AccessTable } from "./types";

/** The class teacher's workspace (SPEC §2, §5). Rows are added with the features. */
export const TEACHER_ACCESS = {} as const satisfies AccessTable;
