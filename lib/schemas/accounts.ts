/** zod schemas of the account forms, shared by the forms (client) and the server actions. */
import { z } from "zod";
import "@/lib/schemas/zod-locale";
import { normaliseIdNumber, validateResidentId } from "@/lib/domain/id-number";
import { isValidMobile, normaliseMobile } from "@/lib/domain/mask";
import { normaliseAccessCode } from "@/lib/domain/access-code";
import { passwordProblem } from "@/lib/domain/password-policy";
import { personNameProblem } from "@/lib/domain/person-name";

export const personName = z
  .string()
  .max(100, "姓名不能超过30个字")
  .transform((s) => s.replace(/\s+/g, "").normalize("NFKC"))
  .pipe(
    z
      .string()
      .min(1, "请填写姓名")
      .max(30, "姓名不能超过30个字")
      .refine(
        (s) => !/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/.test(s),
        "姓名含有无法识别的字符，请重新填写",
      )
      // The same rule as the national export (lib/domain/person-name.ts): letters, not emoji or symbols.
      .superRefine((s, ctx) => {
        const problem = s === "" ? null : personNameProblem(s);
        if (problem) ctx.addIssue({ code: "custom", message: problem });
      }),
  );

export const residentIdNumber = z
  .string()
  .max(40, "身份证号过长，请核对")
  .transform((s) => normaliseIdNumber(s))
  .superRefine((id, ctx) => {
    const r = validateResidentId(id);
    if (!r.ok) ctx.addIssue({ code: "custom", message: r.reason });
  });

export const mobile = z
  .string()
  .max(20, "手机号过长，请核对")
  .transform((s) => normaliseMobile(s))
  .refine((s) => isValidMobile(s), "请填写11位手机号码（如 13812345678）");

export const studentNo = z
  .string()
  .max(60, "学籍号应为6–30位字母或数字")
  .transform((s) => s.trim().toUpperCase())
  .pipe(z.string().regex(/^[A-Z0-9]{6,30}$/, "学籍号应为6–30位字母或数字（全国学籍号一般为G加身份证号）"));

const passwordFields = {
  password: z.string().max(128, "密码不能超过128个字符"),
  confirm: z.string().max(128),
};

/** Adds the password-policy and confirmation checks to a form with password + confirm. */
function checkNewPassword(
  v: { password: string; confirm: string },
  ctx: z.RefinementCtx,
  context: { phone?: string; idNumber?: string },
) {
  const problem = passwordProblem(v.password, context);
  if (problem) ctx.addIssue({ code: "custom", path: ["password"], message: problem });
  else if (v.password !== v.confirm)
    ctx.addIssue({ code: "custom", path: ["confirm"], message: "两次输入的密码不一致" });
}

/** The code the school hands out (printed on the 致学生家长的一封信). */
export const accessCode = z
  .string()
  .max(40, "验证码为8位字母或数字，请核对")
  .default("")
  .transform((s, ctx) => {
    const code = normaliseAccessCode(s);
    if (code) return code;
    ctx.addIssue({
      code: "custom",
      message: s.trim()
        ? "验证码为8位字母或数字（如 ABCD-EFGH），请按《致学生家长的一封信》核对"
        : "请填写学校发放的验证码（见《致学生家长的一封信》）",
    });
    return z.NEVER;
  });

/** The one-time SMS code; required only when SMS is configured (checked by the service). */
export const smsCode = z.string().max(20, "短信验证码为6位数字").optional();

export const activationIdentitySchema = z.object({
  name: personName,
  idNumber: residentIdNumber,
  accessCode,
});

export const activationSchema = z
  .object({ name: personName, idNumber: residentIdNumber, accessCode, smsCode, ...passwordFields })
  .superRefine((v, ctx) => checkNewPassword(v, ctx, { idNumber: v.idNumber }));

export const parentRegistrationSchema = z
  .object({ name: personName, phone: mobile, ...passwordFields })
  .superRefine((v, ctx) => checkNewPassword(v, ctx, { phone: v.phone }));

export const bindChildSchema = z.object({
  childName: personName,
  childIdNumber: residentIdNumber,
  accessCode,
  smsCode,
});

export const changePasswordSchema = z
  .object({
    current: z.string().min(1, "请填写当前密码").max(128),
    password: z.string().max(128),
    confirm: z.string().max(128),
  })
  .superRefine((v, ctx) => {
    if (v.password === v.current)
      ctx.addIssue({ code: "custom", path: ["password"], message: "新密码不能与当前密码相同" });
    else if (v.password !== v.confirm)
      ctx.addIssue({ code: "custom", path: ["confirm"], message: "两次输入的密码不一致" });
  });
