/**
 * Sessions (lib/security/session-policy.ts): idle timeout (30 min staff), absolute lifetime,
 * invalidation on sign-out, password change and account disable, staff
 * password expiry — decided on the server for every request from the
 * session record the cookie points to (lib/security/sessions.ts).
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { SessionUser } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import { createSessionRecord, endSessionRecord } from "@/lib/db/sessions.repo";
import { resolveSession, type SessionToken } from "@/lib/security/sessions";
import { changeOwnPassword } from "@/lib/services/password-change";
import { makeParent, makeRegionTree, makeSchool, makeStaff, PASSWORD } from "../support/fixtures";

let schoolId: string;
const T0 = new Date();
const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);

beforeAll(async () => {
  const { county } = await makeRegionTree();
  schoolId = (await makeSchool(county.id)).school.id;
});

async function signedIn(
  role: "TEACHER" | "PARENT" = "TEACHER",
  now = T0,
): Promise<{ userId: string; token: SessionToken }> {
  const userId =
    role === "TEACHER"
      ? (await makeStaff("TEACHER", { schoolId })).user.id
      : (await makeParent(`1390000${String(Math.floor(Math.random() * 10_000)).padStart(4, "0")}`)).id;
  const sv = (await db().user.findUniqueOrThrow({ where: { id: userId } })).sessionVersion;
  return { userId, token: { uid: userId, sv, sid: await createSessionRecord(userId, now) } };
}

describe("idle timeout and absolute lifetime", () => {
  it("keeps an active staff session and ends it after 30 idle minutes", async () => {
    const { userId, token } = await signedIn();
    expect(await resolveSession(token, at(1))).toMatchObject({ id: userId, role: "TEACHER" });
    expect(await resolveSession(token, at(25))).not.toBeNull();
    expect(await resolveSession(token, at(54))).not.toBeNull(); // 29 min after the last request
    expect(await resolveSession(token, at(85))).toBeNull(); // 31 idle minutes
    // Once ended it stays ended, even if the clock looks fine again.
    expect(await resolveSession(token, at(86))).toBeNull();
  });

  it("gives applicants 60 idle minutes", async () => {
    const { token } = await signedIn("PARENT");
    expect(await resolveSession(token, at(50))).not.toBeNull();
    expect(await resolveSession(token, at(111))).toBeNull();
  });

  it("ends any session 8 hours after sign-in however active", async () => {
    const { token } = await signedIn();
    for (let m = 20; m < 480; m += 20)
      expect(await resolveSession(token, at(m)), `minute ${m}`).not.toBeNull();
    expect(await resolveSession(token, at(480))).toBeNull();
  });

  it("refuses tokens without a session record, or with another user's record", async () => {
    const a = await signedIn();
    const b = await signedIn();
    expect(await resolveSession({ uid: a.userId, sv: a.token.sv }, at(1))).toBeNull();
    expect(await resolveSession({ ...a.token, sid: "made-up" }, at(1))).toBeNull();
    expect(await resolveSession({ ...a.token, sid: b.token.sid }, at(1))).toBeNull();
  });
});

describe("invalidation", () => {
  it("on sign-out of this browser only", async () => {
    const { userId, token } = await signedIn();
    const other = { ...token, sid: await createSessionRecord(userId, T0) };
    await endSessionRecord(token.sid!, at(1));
    expect(await resolveSession(token, at(2))).toBeNull();
    expect(await resolveSession(other, at(2))).not.toBeNull();
  });

  it("on password change: every existing session ends", async () => {
    const { userId, token } = await signedIn();
    const user = (await resolveSession(token, at(1))) as SessionUser;
    expect(
      await changeOwnPassword(
        user,
        { current: PASSWORD, password: "Lanting2026x", confirm: "Lanting2026x" },
        null,
      ),
    ).toMatchObject({ ok: true });
    expect(await resolveSession(token, at(2))).toBeNull();
    // A new sign-in (new version, new record) works.
    const sv = (await db().user.findUniqueOrThrow({ where: { id: userId } })).sessionVersion;
    expect(
      await resolveSession({ uid: userId, sv, sid: await createSessionRecord(userId, at(2)) }, at(3)),
    ).not.toBeNull();
  });

  it("on account disable, at the next request", async () => {
    const { userId, token } = await signedIn();
    expect(await resolveSession(token, at(1))).not.toBeNull();
    await db().user.update({ where: { id: userId }, data: { disabled: true } });
    expect(await resolveSession(token, at(2))).toBeNull();
  });
});

describe("staff password expiry", () => {
  it("sends staff whose password is older than 180 days to change it, and lets them on afterwards", async () => {
    const { userId, token } = await signedIn();
    await db().user.update({
      where: { id: userId },
      data: { passwordChangedAt: new Date(T0.getTime() - 181 * 86_400_000) },
    });
    const user = await resolveSession(token, at(1));
    expect(user).toMatchObject({ mustChangePassword: true, passwordExpired: true });
    expect(
      await changeOwnPassword(
        user!,
        { current: PASSWORD, password: "Qingshan2026", confirm: "Qingshan2026" },
        null,
      ),
    ).toMatchObject({ ok: true });
    const sv = (await db().user.findUniqueOrThrow({ where: { id: userId } })).sessionVersion;
    const again = await resolveSession(
      { uid: userId, sv, sid: await createSessionRecord(userId, at(2)) },
      at(3),
    );
    expect(again).toMatchObject({ mustChangePassword: false, passwordExpired: false });
  });

  it("never expires applicants' passwords", async () => {
    const { userId, token } = await signedIn("PARENT");
    await db().user.update({
      where: { id: userId },
      data: { passwordChangedAt: new Date(T0.getTime() - 1000 * 86_400_000) },
    });
    expect(await resolveSession(token, at(1))).toMatchObject({ mustChangePassword: false });
  });
});

describe("password policy on change", () => {
  it("refuses common passwords with a Chinese reason", async () => {
    const { token } = await signedIn();
    const user = (await resolveSession(token, at(1)))!;
    for (const pw of ["Password123", "woaini1314", "Abc123456", "qwe123456"]) {
      const r = await changeOwnPassword(user, { current: PASSWORD, password: pw, confirm: pw }, null);
      expect(r, pw).toMatchObject({
        ok: false,
        fieldErrors: { password: "该密码过于常见，容易被猜到，请换一个更复杂的密码" },
      });
    }
  });
});

describe("sign-in wiring (next-auth callbacks)", () => {
  it("creates a session record at sign-in and sends only ids to the browser", async () => {
    const { authOptions } = await import("@/lib/auth/options");
    const userId = (await makeStaff("TEACHER", { schoolId })).user.id;
    const jwt = authOptions.callbacks!.jwt!;
    const token = await jwt({
      token: {},
      user: { id: userId },
      account: null,
      trigger: "signIn",
    } as Parameters<typeof jwt>[0]);
    expect(token).toMatchObject({ uid: userId, sv: 0, sid: expect.any(String) });
    expect(await db().authSession.findUnique({ where: { id: token.sid as string } })).toMatchObject({
      userId,
      endedAt: null,
    });
    expect(await resolveSession(token as SessionToken)).toMatchObject({ id: userId });
    const session = await authOptions.callbacks!.session!({
      session: { expires: "" },
      token,
      user: undefined,
      newSession: undefined,
      trigger: "update",
    } as never);
    expect(session).toEqual({ expires: "", uid: userId, sv: 0, sid: token.sid, user: undefined });
  });
});

describe("cookies", () => {
  it("are Secure (__Secure- prefixed) when the site is served over https, also behind a TLS proxy", async () => {
    const saved = process.env.NEXTAUTH_URL;
    try {
      const { secureCookiesFor } = await import("@/lib/auth/options");
      process.env.NEXTAUTH_URL = "https://aid.example.cn";
      expect(secureCookiesFor(new Headers())).toBe(true);
      process.env.NEXTAUTH_URL = "http://127.0.0.1:3000";
      expect(secureCookiesFor(new Headers())).toBe(false);
      // NEXTAUTH_URL still http, but the reverse proxy terminated TLS: the cookie must not go out without Secure.
      expect(secureCookiesFor(new Headers({ "x-forwarded-proto": "https" }))).toBe(true);
    } finally {
      process.env.NEXTAUTH_URL = saved;
    }
  });
});
