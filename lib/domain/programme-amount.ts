/** How much a programme pays, in words a family reads: a fixed sum, or the sum of each level by name. */
import { fenToYuan } from "./household";

export type ProgrammeAmounts = {
  amountMode: "FIXED" | "BY_LEVEL";
  fixedAmountFen: number | null;
  amountSpecialFen: number | null;
  amountHardshipFen: number | null;
  amountGeneralFen: number | null;
};

export function programmeAmountText(p: ProgrammeAmounts): string {
  if (p.amountMode === "FIXED") return `${fenToYuan(p.fixedAmountFen ?? 0)}元`;
  const levels: [string, number | null][] = [
    ["特别困难", p.amountSpecialFen],
    ["困难", p.amountHardshipFen],
    ["一般困难", p.amountGeneralFen],
  ];
  const parts = levels.filter(([, fen]) => fen != null).map(([name, fen]) => `${name}${fenToYuan(fen!)}元`);
  return parts.length ? `按认定等级：${parts.join("，")}` : "按认定等级（金额待定）";
}
