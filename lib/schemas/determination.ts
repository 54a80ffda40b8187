/** zod schemas of the determination, publicity and roster forms (Chinese messages name the field and the fix). */
import { z } from "zod";
import { isPrintable, unprintableMessage } from "./text";
import { HARDSHIP_LEVELS, PUBLICITY_SCOPES, REVOKE_REASONS } from "@/lib/domain/codes";
import { yuanField } from "./money";

export { idSchema } from "./id";
import { idSchema } from "./id";
const version = z.coerce
  .number({ message: "版本号无效，请刷新页面" })
  .int("版本号无效，请刷新页面")
  .min(0, "版本号无效，请刷新页面")
  .max(1_000_000_000, "版本号无效，请刷新页面");
const text = (label: string, min: number, max: number) =>
  z
    .string()
    .trim()
    .min(min, min > 1 ? `请填写${label}（至少${min}个字）` : `请填写${label}`)
    .max(max, `${label}不能超过${max}个字`)
    .refine(isPrintable, unprintableMessage(label));
/** Optional free text (may be empty). */
const optText = (label: string, max: number) =>
  z.string().trim().max(max, `${label}不能超过${max}个字`).refine(isPrintable, unprintableMessage(label));

export const reviewSchema = z
  .object({
    applicationId: idSchema,
    version,
    decision: z.enum(["approve", "return"], { message: "请选择审核通过或退回" }),
    comment: optText("意见", 200),
  })
  .superRefine((v, ctx) => {
    if (v.decision === "return" && v.comment.length < 4)
      ctx.addIssue({
        code: "custom",
        path: ["comment"],
        message: "退回时请在“意见”中写明需要修改的内容（至少4个字）",
      });
  });

export const setLevelSchema = z.object({
  applicationId: idSchema,
  version,
  level: z.enum(HARDSHIP_LEVELS, { message: "请选择认定等级" }),
  reason: optText("调整理由", 200),
});

export const gradeAdjustSchema = z.object({
  applicationId: idSchema,
  level: z.enum(HARDSHIP_LEVELS, { message: "请选择调整后的等级" }),
  reason: optText("调整理由", 200),
});

export const bulkAcceptSchema = z.object({
  classId: idSchema,
  exclude: z.array(idSchema).max(500),
});

export const stepSchema = z
  .object({
    kind: z.enum(["GRADE_COMMITTEE", "SCHOOL_COMMITTEE", "CENTRE_SCHOOL_REVIEW", "REPORTED_UPWARD"], {
      message: "请选择审核环节",
    }),
    gradeId: z.union([idSchema, z.literal("")]).transform((v) => v || null),
    members: optText("小组成员", 300),
    comment: text("审核意见", 2, 500),
  })
  .superRefine((v, ctx) => {
    if (v.kind === "GRADE_COMMITTEE" || v.kind === "SCHOOL_COMMITTEE") {
      const n = v.members.split(/[，,、\s]+/).filter(Boolean).length;
      if (n < 3)
        ctx.addIssue({
          code: "custom",
          path: ["members"],
          message: "认定小组成员不少于3人，请用顿号或逗号分隔填写成员姓名",
        });
    }
  });

export const signOffSchema = z.object({ comment: text("签字意见", 2, 300) });

export const revokeSchema = z.object({
  applicationId: idSchema,
  version,
  reason: z.enum(REVOKE_REASONS, { message: "请选择取消资格的原因" }),
  detail: text("具体情况", 4, 300),
});

export const publicitySchema = z
  .object({
    scope: z.enum(PUBLICITY_SCOPES, { message: "请选择公示范围" }),
    gradeId: z.union([idSchema, z.literal("")]).transform((v) => v || null),
    startDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "开始日期格式应为 YYYY-MM-DD"),
    workingDays: z.coerce
      .number({ message: "公示天数请填写整数" })
      .int("公示天数请填写整数")
      .min(1, "公示天数至少1天")
      .max(30, "公示天数不能超过30个工作日"),
    /** "yes": publish although applications are still undetermined (they are not on the list). */
    acknowledgePending: z
      .string()
      .max(10)
      .nullish()
      .transform((v) => v === "yes"),
  })
  .superRefine((v, ctx) => {
    if (v.scope === "GRADE" && !v.gradeId)
      ctx.addIssue({ code: "custom", path: ["gradeId"], message: "年级公示请选择年级" });
  });

export const objectionSchema = z.object({ batchId: idSchema, content: text("异议内容", 5, 500) });
export const answerSchema = z.object({ objectionId: idSchema, answer: text("处理结果", 4, 500) });
export const reviewRequestSchema = z.object({ personId: idSchema, content: text("复议理由", 5, 500) });

const yuan = (label: string) => yuanField(label, "1250");
const optInt = (label: string) =>
  z
    .string()
    .trim()
    .max(9)
    .transform((s, ctx) => {
      if (s === "") return null;
      const n = Number(s);
      if (!Number.isInteger(n) || n < 0) {
        ctx.addIssue({ code: "custom", message: `${label}请填写不小于0的整数` });
        return z.NEVER;
      }
      return n;
    });

export const termProgrammeSchema = z
  .object({
    programmeId: idSchema,
    amountMode: z.enum(["FIXED", "BY_LEVEL"], { message: "请选择金额方式" }),
    fixedAmount: yuan("固定金额"),
    amountSpecial: yuan("特别困难金额"),
    amountHardship: yuan("困难金额"),
    amountGeneral: yuan("一般困难金额"),
    quota: optInt("名额"),
    budget: yuan("预算"),
  })
  .superRefine((v, ctx) => {
    if (v.amountMode === "FIXED" && v.fixedAmount === null)
      ctx.addIssue({ code: "custom", path: ["fixedAmount"], message: "固定金额方式请填写每人金额" });
    if (
      v.amountMode === "BY_LEVEL" &&
      v.amountSpecial === null &&
      v.amountHardship === null &&
      v.amountGeneral === null
    ) {
      ctx.addIssue({
        code: "custom",
        path: ["amountHardship"],
        message: "按等级方式请至少填写一个等级的金额",
      });
    }
  });

export const addEntrySchema = z.object({
  rosterId: idSchema,
  studentNo: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9]{6,30}$/, "学籍号应为6–30位字母或数字"),
  amount: yuan("金额").refine((v) => v !== null, "请填写金额"),
  note: text("补录原因", 2, 100),
  /** "yes" when the admin knowingly adds a student outside the programme's levels/groups (recorded exception). */
  exception: z
    .enum(["", "yes"])
    .optional()
    .transform((v) => v === "yes"),
});
export const unlockSchema = z.object({ rosterId: idSchema, reason: text("解锁原因", 4, 300) });
const paidAmount = yuan("实发金额")
  .refine((v) => v !== null, "请填写实发金额")
  .refine((v) => v === null || v > 0, "实发金额应大于0元；未发放的不要登记");
export const paymentSchema = z.object({
  entryId: idSchema,
  amount: paidAmount,
  /** Needed only when the amount is above the entry's standard. */
  reason: optText("超标准发放原因", 200).optional().default(""),
});
export const paymentCorrectionSchema = z.object({
  entryId: idSchema,
  amount: paidAmount,
  reason: text("更正原因", 4, 200),
});
export const paymentReversalSchema = z.object({
  entryId: idSchema,
  reason: text("冲销原因", 4, 200),
});
export const calendarDaySchema = z.object({
  day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "日期格式应为 YYYY-MM-DD"),
  working: z.enum(["yes", "no"], { message: "请选择放假或调休上班" }).transform((v) => v === "yes"),
  note: optText("说明", 50),
});
export const modelSchema = z.object({
  name: text("模型名称", 2, 60),
  config: z.string().max(50_000, "配置过长"),
});
