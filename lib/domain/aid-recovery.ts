/**
 * Recovery of revoked aid (migration 631): the amount due is what was paid before the revocation; recoveries add
 * up to it and close the record. The database refuses an entry above what is still due; this is the same rule
 * for the form's message.
 */
export type RecoveryAmounts = { dueFen: number; recoveredFen: number };

export const remainingFen = (recovery: RecoveryAmounts) => recovery.dueFen - recovery.recoveredFen;

export const isClosed = (recovery: RecoveryAmounts) => remainingFen(recovery) === 0;

/** Why `amountFen` cannot be recorded now (Chinese, for the amount field), or null. */
export function recoveryAmountProblem(recovery: RecoveryAmounts, amountFen: number): string | null {
  const remaining = remainingFen(recovery);
  if (remaining <= 0) return "该笔追回已全部完成，不能再登记。";
  if (!Number.isInteger(amountFen) || amountFen <= 0) return "追回金额须大于0。";
  if (amountFen > remaining) return `追回金额不能超过尚未追回的${(remaining / 100).toFixed(2)}元。`;
  return null;
}
