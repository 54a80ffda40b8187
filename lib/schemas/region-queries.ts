/**
 * The filters of the supervisor's region queries, as they come from the page's address (GET form) or an
 * export link. Empty fields mean "all"; anything else that is not a known value is refused with a Chinese
 * message naming the field.
 */
import { z } from "zod";
import { HARDSHIP_LEVELS, SPECIAL_CATEGORIES, SPECIAL_SOURCES, STAGES } from "@/lib/domain/codes";
import { idSchema } from "./id";

/** "" and absent are "all"; other values must be one of `values`. */
const optionalChoice = <T extends string>(values: readonly T[], message: string) =>
  z
    .union([z.literal(""), z.enum(values as [T, ...T[]])], { message })
    .optional()
    .transform((value) => (value ? value : undefined));

const optionalId = (message: string) =>
  z
    .union([z.literal(""), idSchema], { message })
    .optional()
    .transform((value) => (value ? value : undefined));

const page = z
  .union([z.literal(""), z.string().regex(/^\d{1,6}$/, "页码应为正整数")])
  .optional()
  .transform((value) => (value ? Number(value) : 1));

const stage = optionalChoice(STAGES, "学段无效，请从列表中选择");
const category = optionalChoice(SPECIAL_CATEGORIES, "特殊群体类别无效，请从列表中选择");
const source = optionalChoice(SPECIAL_SOURCES, "名单来源无效，请选择中央下发或自采集");
/** A school of the subtree by its 学校标识码 (a select of 5,000 schools would not do for a province). */
const schoolCode = z
  .union(
    [
      z.literal(""),
      z
        .string()
        .trim()
        .regex(/^\d{10}$/),
    ],
    { message: "学校标识码应为10位数字" },
  )
  .optional()
  .transform((value) => (value ? value : undefined));

export const determinationQuerySchema = z.object({
  termId: optionalId("资助学期无效，请从列表中选择"),
  stage,
  schoolCode,
  level: optionalChoice(HARDSHIP_LEVELS, "困难等级无效，请从列表中选择"),
  category,
  page,
});
export type DeterminationQuery = z.output<typeof determinationQuerySchema>;

export const specialGroupQuerySchema = z.object({ category, source, stage, schoolCode, page });
export type SpecialGroupQuery = z.output<typeof specialGroupQuerySchema>;

/** 本地户籍外地就读 ("out") or its converse, studying here with household registration elsewhere ("in"). */
export const HUKOU_DIRECTIONS = ["out", "in"] as const;
export type HukouDirection = (typeof HUKOU_DIRECTIONS)[number];
/** The hukou lists' group: any special-group category (default), every student, or one category. */
export const HUKOU_ALL_STUDENTS = "ALL";

export const hukouQuerySchema = z.object({
  direction: z
    .union([z.literal(""), z.enum(HUKOU_DIRECTIONS, { message: "查询方向无效" })])
    .optional()
    .transform((value): HukouDirection => (value ? value : "out")),
  category: z
    .union([z.literal(""), z.literal(HUKOU_ALL_STUDENTS), z.enum(SPECIAL_CATEGORIES)], {
      message: "学生类别无效，请从列表中选择",
    })
    .optional()
    .transform((value) => (value ? value : undefined)),
  stage,
  page,
});
export type HukouQuery = z.output<typeof hukouQuerySchema>;

/** The export link adds whether the file carries full ID numbers (special-group and hukou lists only). */
export const fullIdSchema = z
  .union([z.literal(""), z.literal("0"), z.literal("1")], { message: "是否含完整身份证号应为 0 或 1" })
  .optional()
  .transform((value) => value === "1");
