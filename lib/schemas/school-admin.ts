/** zod schemas of the school aid office's forms (accounts, structure, special groups). */
import { z } from "zod";
import { isPrintable, unprintableMessage } from "./text";
import { SPECIAL_CATEGORIES, STAGES } from "@/lib/domain/codes";
import { idSchema as recordId } from "./id";

const trimmed = (label: string, max: number) =>
  z
    .string()
    .max(max + 100, `${label}不能超过${max}个字`)
    .refine(isPrintable, unprintableMessage(label))
    .transform((s) => s.trim())
    .pipe(z.string().min(1, `请填写${label}`).max(max, `${label}不能超过${max}个字`));

export const createStaffSchema = z.object({
  role: z.enum(["TEACHER", "SCHOOL_LEADER"], { message: "请选择账号类型（班主任或校领导）" }),
  displayName: trimmed("姓名", 30),
  username: z
    .string()
    .max(100, "登录名应为3–40位英文字母、数字或 _ . -")
    .transform((s) => s.trim())
    .pipe(z.string().regex(/^[A-Za-z0-9_.-]{3,40}$/, "登录名应为3–40位英文字母、数字或 _ . -")),
});

export const idSchema = z.object({ id: recordId });
export const disableSchema = idSchema.extend({
  disabled: z.enum(["true", "false"]).transform((v) => v === "true"),
});
export const assignSchema = z.object({
  teacherId: z.string().min(1, "请选择班主任").max(40, "编号无效").pipe(recordId),
  classId: z.string().min(1, "请选择班级").max(40, "编号无效").pipe(recordId),
  assigned: z.enum(["true", "false"]).transform((v) => v === "true"),
});

export const gradeSchema = z.object({
  stage: z.enum(STAGES, { message: "请选择学段" }),
  name: trimmed("年级名称", 20),
  entryYear: z
    .string()
    .max(10, "入学年份应为4位年份")
    .transform((s) => Number(s.trim()))
    .pipe(
      z
        .number({ message: "入学年份应为4位年份" })
        .int("入学年份应为4位年份")
        .min(1990, "入学年份应在1990年之后")
        .max(2100, "入学年份过大"),
    ),
});
export const gradeUpdateSchema = gradeSchema.omit({ stage: true }).extend({ id: z.string().min(1).max(64) });
export const classSchema = z.object({
  gradeId: z.string().min(1, "请选择年级").max(64),
  name: trimmed("班级名称", 20),
});
export const classRenameSchema = z.object({ id: z.string().min(1).max(64), name: trimmed("班级名称", 20) });

export const specialEntrySchema = z.object({
  category: z.enum(SPECIAL_CATEGORIES, { message: "请选择特殊群体类别" }),
  name: trimmed("姓名", 50),
  idNumber: z.string().max(40, "身份证号过长，请核对"),
  listYear: z
    .string()
    .max(10, "名单年度应为4位年份")
    .transform((s) => Number(s.trim()))
    .pipe(
      z.number().int("名单年度应为4位年份").min(2000, "名单年度应在2000年之后").max(2100, "名单年度过大"),
    ),
  note: trimmed("佐证说明", 500),
});

/** The options sent with a special-group list upload: a category for rows without one (or none), and the list's year. */
export const specialImportOptionsSchema = z.object({
  category: z
    .union([z.literal(""), z.enum(SPECIAL_CATEGORIES)], { message: "请选择名单类别，或留空使用文件中的类别" })
    .transform((c) => c || null),
  listYear: z.coerce
    .number({ message: "请填写名单年度（4位年份）。" })
    .int("请填写名单年度（4位年份）。")
    .min(2000, "请填写名单年度（4位年份）。")
    .max(2100, "请填写名单年度（4位年份）。"),
});
