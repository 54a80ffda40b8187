import { beforeAll, describe, expect, it } from "vitest";
import { authenticate } from "@/lib/auth/authenticate";
import type { SessionUser } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import { findSessionUser } from "@/lib/db/auth.repo";
import { changeOwnPassword } from "@/lib/services/password-change";
import { makeRegionTree, makeSchool, makeStaff, PASSWORD } from "../support/fixtures";

let user: SessionUser;
let username: string;

beforeAll(async () => {
  const { county } = await makeRegionTree();
  const s = await makeSchool(county.id);
  const staff = await makeStaff("TEACHER", { schoolId: s.school.id }, { mustChangePassword: true });
  username = staff.username;
  user = {
    id: staff.user.id,
    role: "TEACHER",
    displayName: "t",
    schoolId: s.school.id,
    regionId: null,
    personId: null,
    regionPath: null,
    mustChangePassword: true,
  };
});

describe("changing the initial password", () => {
  it("refuses a wrong current password, a weak one and a mismatch, in Chinese", async () => {
    expect(
      await changeOwnPassword(
        user,
        { current: "Wrong12345", password: "Better2026", confirm: "Better2026" },
        null,
      ),
    ).toMatchObject({ ok: false, fieldErrors: { current: "当前密码不正确" } });
    expect(
      await changeOwnPassword(user, { current: PASSWORD, password: "12345678", confirm: "12345678" }, null),
    ).toMatchObject({ ok: false, fieldErrors: { password: expect.any(String) } });
    expect(
      await changeOwnPassword(
        user,
        { current: PASSWORD, password: "Better2026", confirm: "Better2027" },
        null,
      ),
    ).toMatchObject({ ok: false, fieldErrors: { confirm: "两次输入的密码不一致" } });
    expect((await findSessionUser(user.id))?.mustChangePassword).toBe(true);
  });

  it("sets the new password, clears the must-change flag and ends every session", async () => {
    const before = (await findSessionUser(user.id))!.sessionVersion;
    expect(
      await changeOwnPassword(
        user,
        { current: PASSWORD, password: "Better2026", confirm: "Better2026" },
        null,
      ),
    ).toEqual({ ok: true, data: undefined });
    const after = (await findSessionUser(user.id))!;
    expect(after.mustChangePassword).toBe(false);
    expect(after.sessionVersion).toBe(before + 1);
    expect(
      await authenticate({ kind: "staff", identifier: username, password: "Better2026" }, null),
    ).toMatchObject({ ok: true });
    expect(
      await authenticate({ kind: "staff", identifier: username, password: PASSWORD }, null),
    ).toMatchObject({ ok: false });
    expect(
      await db().auditLog.count({ where: { actorUserId: user.id, action: "auth.password_changed" } }),
    ).toBe(1);
  });
});
