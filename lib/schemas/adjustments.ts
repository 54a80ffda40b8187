/** zod schemas of the adjustment forms (动态调整; Chinese messages name the field and the fix). */
import { z } from "zod";
import { ADJUSTMENT_EVENTS } from "@/lib/domain/adjustments";
import { idSchema } from "./id";
import { isPrintable, unprintableMessage } from "./text";

const text = (label: string, min: number, max: number) =>
  z
    .string({ message: `请填写${label}` })
    .trim()
    .min(min, `请填写${label}（至少${min}个字）`)
    .max(max, `${label}不能超过${max}个字`)
    .refine(isPrintable, unprintableMessage(label));

export const openAdjustmentSchema = z.object({
  personId: idSchema,
  event: z.enum(ADJUSTMENT_EVENTS, { message: "请选择突发情况" }),
  reason: text("调整理由", 5, 500),
});

export const withdrawAdjustmentSchema = z.object({
  applicationId: idSchema,
  reason: text("撤回理由", 4, 500),
});

export const adjustmentPublicitySchema = z.object({
  startDate: z.string({ message: "请选择公示开始日期" }).regex(/^\d{4}-\d{2}-\d{2}$/, "请选择公示开始日期"),
});
