/** zod schemas of the applicant's forms, shared by the client forms and the server actions. */
import { z } from "zod";
import { isPrintable, unprintableMessage } from "./text";
import "@/lib/schemas/zod-locale";
import { SPECIAL_CATEGORIES } from "@/lib/domain/codes";
import { yuanToFen } from "@/lib/domain/household";

import { idSchema as id } from "./id";

/** Money typed in yuan ("3600", "1,234.50") → fen; empty → null. */
const yuan = (label: string) =>
  z
    .string()
    .max(20, `${label}过长`)
    .transform((s, ctx) => {
      if (s.trim() === "") return null;
      const fen = yuanToFen(s);
      if (fen === null || fen > 2_000_000_000) {
        ctx.addIssue({
          code: "custom",
          message: `${label}请填写不小于0的金额（元，最多两位小数），如 36000`,
        });
        return z.NEVER;
      }
      return fen;
    });

const shortText = (label: string, max: number) =>
  z.string().trim().max(max, `${label}不能超过${max}个字`).refine(isPrintable, unprintableMessage(label));
const yesNo = z.enum(["yes", "no", ""]).transform((v) => (v === "" ? null : v === "yes"));

export const familyMemberSchema = z.object({
  name: shortText("成员姓名", 30).min(1, "请填写家庭成员姓名"),
  relation: shortText("与学生关系", 10).min(1, "请填写与学生的关系，如 父亲"),
  age: z
    .string()
    .max(3)
    .transform((s, ctx) => {
      if (s.trim() === "") return null;
      const n = Number(s);
      if (!Number.isInteger(n) || n < 0 || n > 130) {
        ctx.addIssue({ code: "custom", message: "年龄请填写0–130的整数" });
        return z.NEVER;
      }
      return n;
    }),
  occupation: shortText("职业", 30),
  workStatus: z.enum(["在岗", "灵活就业", "务农", "失业", "退休", "丧失劳动能力", "在校", ""], {
    message: "请选择工作状况",
  }),
  annualIncome: yuan("年收入"),
  seriousIllness: z.boolean(),
  disability: z.boolean(),
  healthNote: shortText("健康说明", 100),
  inSchool: z.boolean(),
});

export const suddenEventSchema = z.object({
  kind: z.enum(["NATURAL_DISASTER", "ACCIDENT", "SERIOUS_ILLNESS", "OTHER"], {
    message: "请选择突发事件类型",
  }),
  amount: yuan("损失金额").refine((v) => v !== null, "请填写损失金额（元）"),
  description: shortText("事件说明", 200),
});

export const householdSchema = z.object({
  residence: z.enum(["URBAN", "RURAL", ""]).transform((v) => (v === "" ? null : v)),
  address: shortText("家庭住址", 100),
  totalAnnualIncome: yuan("家庭年总收入"),
  memberCount: z
    .string()
    .max(2)
    .transform((s, ctx) => {
      if (s.trim() === "") return null;
      const n = Number(s);
      if (!Number.isInteger(n) || n < 1 || n > 30) {
        ctx.addIssue({ code: "custom", message: "家庭人口数请填写1–30的整数" });
        return z.NEVER;
      }
      return n;
    }),
  housing: shortText("住房情况", 100),
  vehicles: shortText("车辆情况", 100),
  stateEmployedParent: yesNo,
  stableIncome: yesNo,
  declaredCategories: z.array(z.enum(SPECIAL_CATEGORIES)).max(13),
  notes: shortText("其他情况说明", 500),
  familyMembers: z.array(familyMemberSchema).max(15, "家庭成员最多填写15人"),
  suddenEvents: z.array(suddenEventSchema).max(5, "突发事件最多填写5项"),
});
export type HouseholdInput = z.input<typeof householdSchema>;
export type HouseholdData = z.output<typeof householdSchema>;

/** The draft's version as the form read it (a hidden field), so a stale save is refused instead of overwriting. */
export const draftVersionSchema = z.coerce
  .number({ message: "页面已过期，请刷新后再保存。" })
  .int("页面已过期，请刷新后再保存。")
  .min(0, "页面已过期，请刷新后再保存。")
  .max(2_000_000_000, "页面已过期，请刷新后再保存。");

export const programmeChoiceSchema = z.object({ programmeIds: z.array(id).max(10) });
export const waiveSchema = z.object({ reason: shortText("放弃原因", 200) });
export const enrolmentIssueSchema = z.object({
  content: shortText("问题描述", 300).min(2, "请写明哪项学籍信息有误，正确的是什么"),
});
export const personIdSchema = id;

/** Chinese messages keyed by dotted path ("familyMembers.0.name"), for the form. */
export function issuesByPath(error: z.ZodError): Record<string, string> {
  const out: Record<string, string> = {};
  for (const i of error.issues) out[i.path.join(".") || "_"] ??= i.message;
  return out;
}
