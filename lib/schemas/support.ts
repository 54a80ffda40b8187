/** zod schemas of the support desk's forms (lib/domain/support.ts); every message names the field and the fix. */
import { z } from "zod";
import { STAGES } from "@/lib/domain/codes";
import { SUPPORT_CATEGORIES, SUPPORT_LEVELS, SUPPORT_STATES, validSubcategory } from "@/lib/domain/support";
import { isPrintable, unprintableMessage } from "./text";

/** "YYYY-MM-DD" as typed in a date field. */
const DAY_RE_TEXT = /^\d{4}-\d{2}-\d{2}$/;

const text = (label: string, max: number) =>
  z
    .string({ message: `请填写${label}` })
    .trim()
    .min(1, `请填写${label}`)
    .max(max, `${label}不能超过${max}个字`)
    .refine(isPrintable, unprintableMessage(label));

/** An optional text field: absent or blank is null, anything else must pass `schema` (its messages kept). */
const optional = <T extends z.ZodType<unknown, string>>(schema: T) =>
  z
    .string()
    .max(4000, "内容不能超过4000个字")
    .trim()
    .default("")
    .transform((text, ctx): z.output<T> | null => {
      if (text === "") return null;
      const parsed = schema.safeParse(text);
      if (parsed.success) return parsed.data;
      for (const issue of parsed.error.issues) ctx.addIssue({ code: "custom", message: issue.message });
      return z.NEVER;
    });

/** A checkbox: "on" (or "true"/"1") when ticked, absent otherwise. */
const checkbox = z
  .string()
  .max(10)
  .default("")
  .transform((v) => v === "on" || v === "true" || v === "1");

export const fileProblemSchema = z
  .object({
    category: z.enum(SUPPORT_CATEGORIES, { message: "请选择问题类别" }),
    subcategory: optional(z.string().max(20)),
    stage: optional(z.enum(STAGES, { message: "请选择学段" })),
    description: text("问题描述", 4000),
    urgent: checkbox,
    pagePath: optional(
      z
        .string()
        .max(300, "所在页面地址不能超过300个字符")
        .regex(/^\/[\x21-\x7e]*$/, "所在页面请填写本系统内的页面地址，以“/”开头，如 /console/teacher/roster"),
    ),
    contact: text("联系方式", 100),
  })
  .superRefine((input, ctx) => {
    if (!validSubcategory(input.category, input.subcategory))
      ctx.addIssue({
        code: "custom",
        path: ["subcategory"],
        message:
          input.category === "APPLICATION" || input.category === "TECHNICAL"
            ? "请选择问题细类（应用类：操作、系统登录、培训指导；技术类：数据问题、系统漏洞）"
            : "用户申请和需求建议不分细类，请不要选择细类",
      });
  });
export type FileProblemInput = z.output<typeof fileProblemSchema>;

export const convertSignInSchema = z.object({
  note: optional(text("补充说明", 2000)),
  contact: text("联系方式", 100),
  urgent: checkbox,
});

export const passUpSchema = z.object({ tried: text("已采取的处理措施", 2000) });
export const messageSchema = z.object({ body: text("内容", 4000), internal: checkbox });
export const resolveSchema = z.object({ resolution: text("处理结果", 2000) });
export const confirmSchema = z.object({
  rating: z.coerce
    .number({ message: "请选择满意度评分（1–5分）" })
    .int("请选择满意度评分（1–5分）")
    .min(1, "请选择满意度评分（1–5分）")
    .max(5, "请选择满意度评分（1–5分）"),
});
export const reopenSchema = z.object({ reason: text("未解决的原因", 2000) });

const filterValue = <T extends readonly [string, ...string[]]>(values: T) =>
  z
    .string()
    .max(40)
    .optional()
    .transform((s) => ((values as readonly string[]).includes(s ?? "") ? (s as T[number]) : undefined));

/** The progress list's filters from the address bar: anything unknown is simply no filter. */
export const progressFilterSchema = z.object({
  level: filterValue(SUPPORT_LEVELS),
  category: filterValue(SUPPORT_CATEGORIES),
  state: filterValue(SUPPORT_STATES),
  owner: filterValue(["me", "none"] as const),
  stage: filterValue(STAGES),
});

/** The 学段 filter of the handler's queue (问题受理). */
export const queueFilterSchema = z.object({ stage: filterValue(STAGES) });

export const holidayFormSchema = z.object({
  kind: z.enum(["holiday", "workday"], { message: "请选择放假或调休上班" }),
  from: z
    .string()
    .max(10, "日期应为 YYYY-MM-DD")
    .regex(DAY_RE_TEXT, "开始日期应为 YYYY-MM-DD，如 2027-02-06"),
  to: optional(
    z.string().max(10, "日期应为 YYYY-MM-DD").regex(DAY_RE_TEXT, "结束日期应为 YYYY-MM-DD，如 2027-02-12"),
  ),
  note: text("说明（如：2027年春节）", 100),
});
export const holidayDeleteSchema = z.object({
  day: z.string().max(10, "日期应为 YYYY-MM-DD").regex(DAY_RE_TEXT, "日期应为 YYYY-MM-DD"),
});

export const answerSchema = z.object({
  kind: z.enum(["TRAINED", "KNOWN_ISSUE", "FAQ"], {
    message: "请选择类型（已培训内容、已知问题或常见问题）",
  }),
  category: optional(z.enum(SUPPORT_CATEGORIES, { message: "请选择问题类别" })),
  title: text("标题", 100),
  body: text("解答", 4000),
});
export const answerFromProblemSchema = z.object({
  kind: z.enum(["TRAINED", "KNOWN_ISSUE", "FAQ"], {
    message: "请选择类型（已培训内容、已知问题或常见问题）",
  }),
  title: text("标题", 100),
  body: text("解答", 4000),
});
export const answerDeleteSchema = z.object({ id: z.string().min(1).max(40) });
