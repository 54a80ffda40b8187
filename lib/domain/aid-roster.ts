/**
 * Aid-roster (资助名单) rules: amount per level or fixed, candidate order
 * (special-group students first — 应助尽助), and totals against quota and budget.
 */
import type { HardshipLevel, SpecialCategory } from "./codes";
import { fenToYuan } from "./household";

export interface ProgrammeAmounts {
  amountMode: "FIXED" | "BY_LEVEL";
  fixedAmountFen: number | null;
  amountSpecialFen: number | null;
  amountHardshipFen: number | null;
  amountGeneralFen: number | null;
}

/** The amount for a level, or null when the programme pays nothing for it. */
export function amountFor(p: ProgrammeAmounts, level: HardshipLevel | null): number | null {
  if (p.amountMode === "FIXED") return p.fixedAmountFen;
  switch (level) {
    case "SPECIAL":
      return p.amountSpecialFen ?? p.amountHardshipFen;
    case "HARDSHIP":
      return p.amountHardshipFen;
    case "GENERAL":
      return p.amountGeneralFen;
    default:
      return p.amountSpecialFen ?? p.amountHardshipFen ?? null; // special group without a level: paid as the top level
  }
}

const RANK: Record<HardshipLevel, number> = { SPECIAL: 0, HARDSHIP: 1, GENERAL: 2, NONE: 3 };

/** Special-group students first, then by level (特别困难 first), then by class and name. */
export function orderCandidates<
  T extends {
    categories: readonly SpecialCategory[];
    level: HardshipLevel | null;
    className: string;
    name: string;
  },
>(list: readonly T[]): T[] {
  return [...list].sort(
    (a, b) =>
      Number(b.categories.length > 0) - Number(a.categories.length > 0) ||
      RANK[a.level ?? "NONE"] - RANK[b.level ?? "NONE"] ||
      a.className.localeCompare(b.className, "zh-CN") ||
      a.name.localeCompare(b.name, "zh-CN"),
  );
}

export interface RosterTotals {
  count: number;
  totalFen: number;
  warnings: string[];
}

/** Totals with Chinese warnings when over quota or budget (approval is refused while any remain). */
export function rosterTotals(
  entries: readonly { amountFen: number }[],
  limits: { quota: number | null; budgetFen: number | null },
): RosterTotals {
  const count = entries.length;
  let totalFen = 0;
  for (const e of entries) totalFen += e.amountFen;
  const warnings: string[] = [];
  if (limits.quota !== null && count > limits.quota)
    warnings.push(`人数${count}人，超过名额${limits.quota}人（多${count - limits.quota}人）`);
  if (limits.budgetFen !== null && totalFen > limits.budgetFen)
    warnings.push(
      `金额合计${fenToYuan(totalFen)}元，超过预算${fenToYuan(limits.budgetFen)}元（多${fenToYuan(totalFen - limits.budgetFen)}元）`,
    );
  return { count, totalFen, warnings };
}
