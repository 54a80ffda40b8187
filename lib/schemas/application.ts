/** zod schemas of the applicant's forms, shared by the client forms and the server actions. */
import { z } from "zod";
import { isPrintable, unprintableMessage } from "./text";
import { formatBeijingDate } from "@/lib/domain/time";
import "@/lib/schemas/zod-locale";
import { RESIDENCES, SPECIAL_CATEGORIES, SUDDEN_EVENT_KINDS, WORK_STATUSES } from "@/lib/domain/codes";
import { yuanField } from "./money";

import { idSchema as id } from "./id";

/** Money typed in yuan ("3600", "1,234.50") → fen; empty → null. */
const yuan = (label: string) => yuanField(label);

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
  workStatus: z.enum([...WORK_STATUSES, ""], {
    message: "请选择工作状况",
  }),
  annualIncome: yuan("年收入"),
  seriousIllness: z.boolean(),
  disability: z.boolean(),
  healthNote: shortText("健康说明", 100),
  inSchool: z.boolean(),
});

/** A day typed in a date field (YYYY-MM-DD), not in the future (Beijing time) and not before 2000. */
const pastDay = (label: string) =>
  z
    .string()
    .max(10)
    .refine((s) => s.trim() !== "", `请填写${label}`)
    .refine((s) => s.trim() === "" || isCalendarDay(s), `${label}请填写有效日期，如 2026-09-01`)
    .refine(
      (s) => !isCalendarDay(s) || (s >= "2000-01-01" && s <= formatBeijingDate(new Date())),
      `${label}不能晚于今天`,
    );

function isCalendarDay(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

export const suddenEventSchema = z.object({
  kind: z.enum(SUDDEN_EVENT_KINDS, {
    message: "请选择突发事件类型",
  }),
  occurredOn: pastDay("事件发生日期"),
  amount: yuan("损失金额").refine((v) => v !== null, "请填写损失金额（元）"),
  description: shortText("事件说明", 200),
});

export const householdSchema = z.object({
  residence: z.enum([...RESIDENCES, ""]).transform((v) => (v === "" ? null : v)),
  /** 户籍所在地: a county-level region code (6 digits) from the picker; empty = not chosen. */
  regionCode: z
    .string()
    .max(6, "请从列表中选择户籍所在地")
    .default("")
    .refine((s) => s === "" || /^\d{6}$/.test(s), "请从列表中选择户籍所在地")
    .transform((s) => (s === "" ? null : s)),
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
  /** The child boards at school (asked for the 寄宿生生活补助). */
  boarding: z
    .enum(["yes", "no", ""])
    .default("")
    .transform((v) => (v === "" ? null : v === "yes")),
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

/**
 * What the household step still needs before the applicant leaves it for the next step (a draft may be
 * saved incomplete): the fields the submission requires, keyed by the form's paths. The residence is
 * always required (城镇/农村 is scored); whether the child boards only when a chosen programme asks.
 */
export function householdStepProblems(
  v: HouseholdInput,
  opts: { askBoarding: boolean },
): Record<string, string> {
  const out: Record<string, string> = {};
  if (!v.residence) out.residence = "请选择家庭居住地（城镇或农村）";
  if (!v.totalAnnualIncome?.trim()) out.totalAnnualIncome = "请填写家庭年总收入（元），没有收入请填 0";
  if (!v.memberCount?.trim()) out.memberCount = "请填写家庭人口数";
  if (!v.stateEmployedParent) out.stateEmployedParent = "请选择“是”或“否”";
  if (!v.stableIncome) out.stableIncome = "请选择“是”或“否”";
  if (opts.askBoarding && !v.boarding) out.boarding = "请选择孩子是否在校寄宿";
  if (v.familyMembers.length === 0) out.familyMembers = "请至少添加一位家庭成员";
  return out;
}
