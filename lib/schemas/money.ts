/** Money typed in yuan by people ("3600", "1,234.50"), parsed to integer fen with a message that names the actual fault. */
import { z } from "zod";
import { yuanToFen } from "@/lib/domain/household";

/** 2000万元: the largest amount any form accepts. */
export const MAX_MONEY_FEN = 2_000_000_000;

/** The Chinese problem with a typed amount, or null when it is a valid amount (empty is not checked here). */
export function moneyProblem(text: string, label: string, example = "36000"): string | null {
  const t = text.replace(/[,，\s]/g, "");
  if (/^[-−－]/.test(t)) return `${label}不能为负数，请填写不小于0的金额（元）`;
  const fen = yuanToFen(t);
  if (fen === null) {
    if (/^\d+(\.\d+)?$/.test(t) && !/\.\d{3,}$/.test(t)) return `${label}不能超过2000万元`;
    return `${label}请填写金额（元，最多两位小数），如 ${example}`;
  }
  if (fen > MAX_MONEY_FEN) return `${label}不能超过2000万元`;
  return null;
}

/** A form's money field: empty → null, otherwise fen, or the problem from {@link moneyProblem}. */
export const yuanField = (label: string, example = "36000") =>
  z
    .string()
    .max(20, `${label}过长`)
    .transform((s, ctx) => {
      if (s.trim() === "") return null;
      const problem = moneyProblem(s, label, example);
      if (problem) {
        ctx.addIssue({ code: "custom", message: problem });
        return z.NEVER;
      }
      return yuanToFen(s)!;
    });
