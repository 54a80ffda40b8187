import { z } from "zod";
import { isPrintable, unprintableMessage } from "./text";

/** 延长申请时间: the new last day (its 23:59 Beijing time) and why. */
export const extendWindowSchema = z.object({
  applyEnd: z
    .string()
    .max(10)
    .regex(/^\d{4}-\d{2}-\d{2}$/, "请选择新的截止日期（年-月-日）"),
  reason: z
    .string()
    .trim()
    .max(200, "延长原因不能超过200个字")
    .refine(isPrintable, unprintableMessage("延长原因"))
    .refine((s) => s.length >= 4, "请填写延长原因（至少4个字），会记入审计日志"),
});
