/** zod schemas of the class teacher's forms and the admin queues they feed. */
import { z } from "zod";
import { isPrintable, unprintableMessage } from "./text";
import { validateResidentId } from "@/lib/domain/id-number";
import { isValidMobile, normaliseMobile } from "@/lib/domain/mask";
import { MONITOR_STATES, type MonitorState } from "@/lib/domain/teacher-review";

export { idSchema } from "./id";
import { idSchema } from "./id";
const text = (label: string, max: number) =>
  z.string().trim().max(max, `${label}不能超过${max}个字`).refine(isPrintable, unprintableMessage(label));

export const guardianSchema = z.object({
  name: text("监护人姓名", 30).min(1, "请填写监护人姓名"),
  relation: z.enum(["父亲", "母亲", "祖父", "祖母", "外祖父", "外祖母", "兄", "姐", "其他监护人"], {
    message: "请选择与学生的关系",
  }),
  mobile: z
    .string()
    .max(20, "手机号码过长")
    .refine(isValidMobile, "手机号码应为11位手机号，如 13812345678")
    .transform(normaliseMobile),
  /** Empty = unchanged when the guardian has one, none otherwise. */
  idNumber: z
    .string()
    .max(30, "身份证号过长")
    .transform((s, ctx) => {
      if (s.trim() === "") return null;
      const r = validateResidentId(s);
      if (!r.ok) {
        ctx.addIssue({ code: "custom", message: `监护人${r.reason}` });
        return z.NEVER;
      }
      return r.id;
    }),
});
export type GuardianData = z.output<typeof guardianSchema>;

/** "YYYY-MM-DD" (Beijing date) or empty. */
const dateText = z
  .string()
  .max(10)
  .refine((s) => s === "" || /^\d{4}-\d{2}-\d{2}$/.test(s), "日期格式应为 年-月-日，如 2026-10-08");

export const returnSchema = z.object({
  reason: text("退回原因", 300).min(2, "请填写退回原因，告诉申请人需要修改什么"),
  deadline: dateText,
});

export const monitorQuerySchema = z.object({
  classId: idSchema.optional(),
  state: z.enum(MONITOR_STATES as [MonitorState, ...MonitorState[]]).optional(),
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
});

export const homeVisitSchema = z.object({
  visitDate: dateText.refine((s) => s !== "", "请填写走访日期"),
  visitors: text("走访人员", 100).min(2, "请填写参加走访的人员姓名"),
  findings: text("走访情况", 2000).min(5, "请填写走访了解到的情况（至少5个字）"),
  scores: z
    .record(z.string().max(40), z.string().max(40))
    .refine((r) => Object.keys(r).length <= 100, "走访评分项过多，请刷新页面后重新填写"),
});

export const evaluationSchema = z.object({
  members: text("评议小组成员", 2000),
  representatives: text("学生代表", 2000).optional().default(""),
  report: text("评议报告", 3000),
  order: z.array(idSchema).max(500),
});

export const signInProblemSchema = z.object({
  classId: idSchema,
  subjectName: text("姓名", 30).min(1, "请填写不能登录的学生或家长姓名"),
  subjectRole: z.enum(["STUDENT", "PARENT"], { message: "请选择是学生还是家长" }),
  description: text("问题描述", 500).min(4, "请写明登录时发生了什么（如提示“身份证号或密码错误”）"),
});

export const resolutionSchema = z.object({
  resolution: text("处理结果", 500).min(2, "请写明做了什么处理（如 已重置密码、已更正学籍号）"),
});
