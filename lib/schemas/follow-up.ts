/** The follow-up forms (满意度调查与回访) and the recovery form: Chinese messages naming the field. */
import { z } from "zod";
import { CONTACT_WAYS } from "@/lib/domain/follow-up-sample";
import { formatBeijingDate } from "@/lib/domain/time";
import { moneyProblem } from "./money";
import { isPrintable, unprintableMessage } from "./text";
import { yuanToFen } from "@/lib/domain/household";

function isCalendarDay(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

/** A day (YYYY-MM-DD) from 2000 up to today (Beijing time). */
const pastDay = (label: string) =>
  z
    .string()
    .max(10, `${label}请填写有效日期，如 2026-11-20`)
    .refine((s) => s.trim() !== "", `请填写${label}`)
    .refine((s) => s.trim() === "" || isCalendarDay(s), `${label}请填写有效日期，如 2026-11-20`)
    .refine(
      (s) => !isCalendarDay(s) || (s >= "2000-01-01" && s <= formatBeijingDate(new Date())),
      `${label}不能晚于今天`,
    );

const text = (label: string, max: number) =>
  z
    .string()
    .max(max, `${label}不能超过${max}字`)
    .refine(isPrintable, unprintableMessage(label))
    .transform((s) => s.trim());

export const contactSchema = z
  .object({
    contactedOn: pastDay("联系日期"),
    way: z.enum(CONTACT_WAYS, { message: "请选择联系方式" }),
    satisfied: z.enum(["true", "false"], { message: "请选择是否满意" }).transform((v) => v === "true"),
    notes: text("情况记录", 500).default(""),
    reason: text("重新调查原因", 500).default(""),
  })
  .superRefine((input, ctx) => {
    if (!input.satisfied && input.reason === "")
      ctx.addIssue({
        code: "custom",
        path: ["reason"],
        message: "不满意时请填写需要重新调查的原因",
      });
  });

export const answerSchema = z.object({
  answer: text("调查答复", 1000).refine((s) => s !== "", "请填写重新调查的结果和向家长解释的情况"),
});

export const recoveryEntrySchema = z.object({
  recoveredOn: pastDay("追回日期"),
  amount: z
    .string()
    .max(20, "追回金额过长")
    .transform((s, ctx) => {
      if (s.trim() === "") {
        ctx.addIssue({ code: "custom", message: "请填写追回金额（元）" });
        return z.NEVER;
      }
      const problem = moneyProblem(s, "追回金额", "500");
      if (problem) {
        ctx.addIssue({ code: "custom", message: problem });
        return z.NEVER;
      }
      return yuanToFen(s.replace(/[,，\s]/g, ""))!;
    }),
  note: text("备注", 500).default(""),
});
