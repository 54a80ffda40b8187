/** Form input of the loan pages (Chinese messages naming the field). */
import { z } from "zod";
import { LOAN_LEVELS } from "@/lib/domain/codes";

export const reviewDecisionSchema = z
  .object({
    decision: z.enum(["APPROVE", "REFUSE"], { message: "请选择审核结果（通过或不通过）" }),
    comment: z
      .string()
      .trim()
      .max(500, "审核意见不超过500字")
      .optional()
      .transform((text) => text || null),
  })
  .refine((input) => input.decision === "APPROVE" || input.comment, {
    message: "审核不通过时请填写审核意见（原因和改正方法）",
    path: ["comment"],
  });

const recordId = z.string().regex(/^[a-z0-9]{20,40}$/, "记录编号无效");

export const recordReviewSchema = z.intersection(
  reviewDecisionSchema,
  z.object({
    kind: z.enum(["LOAN", "REPAYMENT"], { message: "记录类型无效" }),
    ids: z
      .array(recordId, { message: "请选择要审核的记录" })
      .min(1, "请选择要审核的记录")
      .max(1000, "一次最多审核1000条"),
  }),
);

export const loanCapSchema = z.object({
  level: z.enum(LOAN_LEVELS, { message: "请选择培养层次（本专科或研究生）" }),
  fromYear: z.coerce
    .number({ message: "起始学年应为如 2025 的年份" })
    .int("起始学年应为如 2025 的年份")
    .min(1999, "起始学年应在1999年以后")
    .max(2100, "起始学年过大，请核对"),
  capYuan: z
    .string()
    .trim()
    .regex(/^\d{1,6}(\.\d{1,2})?$/, "额度应为以元为单位的金额，最多两位小数，如 20000"),
});
