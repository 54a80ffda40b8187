/** zod schemas of the supervisor console's account forms (Chinese messages naming the field). */
import { z } from "zod";
import { SUPERVISOR_DUTIES } from "@/lib/domain/codes";
import { idSchema as recordId } from "./id";
import { isPrintable, unprintableMessage } from "./text";

const trimmed = (label: string, max: number) =>
  z
    .string({ message: `请填写${label}` })
    .max(max + 100, `${label}不能超过${max}个字`)
    .refine(isPrintable, unprintableMessage(label))
    .transform((s) => s.trim())
    .pipe(z.string().min(1, `请填写${label}`).max(max, `${label}不能超过${max}个字`));

const USERNAME_MESSAGE = "登录名应为3–40位英文字母、数字或 _ . -";
const username = z
  .string({ message: USERNAME_MESSAGE })
  .max(100, USERNAME_MESSAGE)
  .transform((s) => s.trim())
  .pipe(z.string().regex(/^[A-Za-z0-9_.-]{3,40}$/, USERNAME_MESSAGE));
const duty = z.enum(SUPERVISOR_DUTIES, { message: "请选择岗位（业务操作人员或业务主管领导）" });

/** `unit` is "region:<id>" (a supervisor account of that region) or "school:<id>" (its aid officer). */
export const unitSchema = z
  .string({ message: "请选择所属单位" })
  .max(60, "请选择所属单位")
  .regex(/^(region|school):[A-Za-z0-9_-]{1,40}$/, "请选择所属单位")
  .transform((value) => {
    const [kind, id] = value.split(":") as ["region" | "school", string];
    return { kind, id };
  });

export const createSupervisorAccountSchema = z.object({
  unit: unitSchema,
  displayName: trimmed("姓名", 30),
  username,
  /** Required for a supervisor account; ignored for a school account. */
  duty: duty.optional(),
});

export const accountIdSchema = z.object({ id: recordId });
export const accountDisableSchema = accountIdSchema.extend({
  disabled: z.enum(["true", "false"]).transform((v) => v === "true"),
});

export const fileAccountRequestSchema = z.object({
  displayName: trimmed("姓名", 30),
  username,
  duty: duty.optional(),
  reason: trimmed("申请理由", 200),
});

export const refuseAccountRequestSchema = z.object({
  id: recordId,
  refusalReason: trimmed("不同意的理由", 200),
});
