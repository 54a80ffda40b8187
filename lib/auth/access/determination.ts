import type { AccessTable } from "./types";

/** Determination, publicity, rosters and exports (SPEC §4, §6–8). Rows are added with the features. */
export const DETERMINATION_ACCESS = {} as const satisfies AccessTable;
