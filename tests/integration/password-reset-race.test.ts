/**
 * A reset that finds the account resettable, but whose write finds it gone from the school's reach (the
 * student transferred out in between), must say so: no password shown, no audit entry, nothing changed.
 * The transfer is slotted in deterministically while the new password is hashed (between the look-up
 * and the write in lib/services/staff-accounts.ts); the database is the real one.
 */
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { authenticate } from "@/lib/auth/authenticate";
import type { SessionUser } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import { resetAccountPassword } from "@/lib/services/staff-accounts";
import {
  makeRegionTree,
  makeSchool,
  makeStaff,
  makeStudent,
  makeStudentAccount,
  PASSWORD,
} from "../support/fixtures";
import { sessionUser } from "../support/session-user";

const hook = vi.hoisted(() => ({ beforeHash: null as null | (() => Promise<void>) }));
vi.mock("@/lib/auth/password", async (importOriginal) => {
  const real = await importOriginal<typeof import("@/lib/auth/password")>();
  return {
    ...real,
    hashPassword: async (password: string) => {
      const run = hook.beforeHash;
      hook.beforeHash = null;
      if (run) await run();
      return real.hashPassword(password);
    },
  };
});

let school: Awaited<ReturnType<typeof makeSchool>>;
let admin: SessionUser;

beforeAll(async () => {
  const { county } = await makeRegionTree();
  school = await makeSchool(county.id, "SENIOR");
  const staff = (await makeStaff("SCHOOL_ADMIN", { schoolId: school.school.id })).user;
  admin = sessionUser(staff);
});
afterEach(() => {
  hook.beforeHash = null;
});

describe("password reset racing a transfer", () => {
  it("fails with a Chinese message, shows no password and writes no audit entry when nothing was reset", async () => {
    const st = await makeStudent(school);
    const account = await makeStudentAccount(st);
    hook.beforeHash = async () => {
      await db().student.update({ where: { id: st.student.id }, data: { status: "TRANSFERRED_OUT" } });
    };
    const r = await resetAccountPassword(admin, { id: account.id });
    expect(r).toMatchObject({ ok: false, code: "REFUSED" });
    expect(r.ok ? r.data : null).toBeNull();
    expect(
      await db().auditLog.count({ where: { action: "account.reset_password", targetId: account.id } }),
    ).toBe(0);
    const u = await db().user.findUniqueOrThrow({ where: { id: account.id } });
    expect(u).toMatchObject({ mustChangePassword: false, sessionVersion: 0 });
    expect(
      await authenticate({ kind: "student", identifier: st.idNumber, password: PASSWORD }, null),
    ).toMatchObject({ ok: true });
  });

  it("still resets (and audits) when nothing changed in between", async () => {
    const st = await makeStudent(school);
    const account = await makeStudentAccount(st);
    const r = await resetAccountPassword(admin, { id: account.id });
    expect(r.ok).toBe(true);
    expect(
      await db().auditLog.count({ where: { action: "account.reset_password", targetId: account.id } }),
    ).toBe(1);
  });
});
