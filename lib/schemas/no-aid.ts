/**
 * 未资助原因 of a special-group student without aid this term — one schema for
 * both places that record it (the special-group list and the determination
 * follow-up after the rosters).
 */
import { z } from "zod";
import { isPrintable, unprintableMessage } from "./text";
import { NO_AID_REASONS } from "@/lib/domain/codes";
import { idSchema } from "./id";

export const noAidSchema = z
  .object({
    studentId: idSchema,
    reason: z.enum(NO_AID_REASONS, { message: "请选择未资助原因" }),
    detail: z
      .string()
      .max(500, "说明不能超过500个字")
      .refine(isPrintable, unprintableMessage("说明"))
      .transform((s) => s.trim()),
  })
  .superRefine((v, ctx) => {
    if (v.reason === "OTHER" && v.detail.length === 0)
      ctx.addIssue({ code: "custom", path: ["detail"], message: "选择“其他原因”时请在“说明”中写明具体原因" });
  });
