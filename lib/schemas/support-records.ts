/** zod schemas of the support desk's 备案 and training forms (lib/domain/support-records.ts). */
import { z } from "zod";
import { TRAINING_MAX_ATTENDEES, TRAINING_WAYS } from "@/lib/domain/support-records";
import { idSchema } from "./id";
import { isPrintable, unprintableMessage } from "./text";

const text = (label: string, max: number) =>
  z
    .string({ message: `请填写${label}` })
    .trim()
    .min(1, `请填写${label}`)
    .max(max, `${label}不能超过${max}个字`)
    .refine(isPrintable, unprintableMessage(label));

export const contactFilingSchema = z.object({
  phone: text("受理电话", 40).refine(
    (v) => /^[0-9+\-()（） ，,、转]+$/.test(v),
    "受理电话只能含数字、“-”和“转”，如 020-12345678",
  ),
  mailbox: text("受理邮箱", 100).refine(
    (v) => /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v),
    "受理邮箱格式不对，如 zizhu@example.cn",
  ),
  staffNames: text("负责人员", 200),
});

const DAY_RE = /^\d{4}-\d{2}-\d{2}$/;

export const trainingSessionSchema = z.object({
  day: z
    .string({ message: "请填写培训日期" })
    .max(20, "培训日期格式应为 2026-09-15")
    .trim()
    .refine(
      (v) => DAY_RE.test(v) && !Number.isNaN(Date.parse(`${v}T00:00:00Z`)),
      "培训日期格式应为 2026-09-15",
    ),
  topic: text("培训主题", 100),
  way: z.enum(TRAINING_WAYS as [string, ...string[]], { message: "请选择培训方式" }),
  trainer: text("培训人", 50),
  regionId: idSchema.optional(),
  attendeeIds: z
    .array(idSchema, { message: "请选择参训人员" })
    .min(1, "请至少选择一名参训人员")
    .max(TRAINING_MAX_ATTENDEES, `参训人员一次最多${TRAINING_MAX_ATTENDEES}人`),
});
