import "server-only";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { fieldErrorsOf } from "@/lib/forms/field-errors";
import { findPasswordHash, updatePassword } from "@/lib/db/auth.repo";
import { passwordProblem } from "@/lib/domain/password-policy";
import { changePasswordSchema } from "@/lib/schemas/accounts";
import type { SessionUser } from "@/lib/domain/session-user";
import { audit } from "./audit";
import { fail, ok, type ActionResult } from "@/lib/domain/result";

/** Changes the signed-in user's password; every session of the account ends (they sign in again). */
export async function changeOwnPassword(
  user: SessionUser,
  raw: unknown,
  ip: string | null,
): Promise<ActionResult<undefined>> {
  const parsed = changePasswordSchema.safeParse(raw);
  if (!parsed.success) return fail("INVALID", "请按提示修改后再提交。", fieldErrorsOf(parsed.error));
  const row = await findPasswordHash(user.id);
  if (!row) return fail("NOT_FOUND", "账号不存在。");
  if (!(await verifyPassword(row.passwordHash, parsed.data.current))) {
    await audit({ user, schoolId: user.schoolId }, "auth.password_change_failed", null, undefined, { ip });
    return fail("INVALID", "当前密码不正确。", { current: "当前密码不正确" });
  }
  const problem = passwordProblem(parsed.data.password, { username: row.username ?? undefined });
  if (problem) return fail("INVALID", "请按提示修改后再提交。", { password: problem });
  await updatePassword(user.id, await hashPassword(parsed.data.password), new Date());
  await audit({ user, schoolId: user.schoolId }, "auth.password_changed", null, undefined, { ip });
  return ok(undefined);
}
