/**
 * Sign-in and registration against guessing, racing and enumeration:
 *   - concurrent sign-ins cannot check more than 5 passwords per lock, and a
 *     right password racing wrong ones cannot clear the lock they earned;
 *     the ID number and the 学籍号 ("G" + ID number) are one account;
 *   - an identifier without an account locks exactly like a real one;
 *   - registration answers the same for a registered mobile number, and is
 *     rate-limited per number and per address;
 *   - a site-wide budget of failed sign-ins bounds spraying from many addresses.
 */
import { afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { authenticate, lockedMessage, WRONG_CREDENTIALS } from "@/lib/auth/authenticate";
import { reserveSignInAttempt } from "@/lib/db/auth.repo";
import { db } from "@/lib/db/client";
import { buildResidentId } from "@/lib/domain/id-number";
import { registerParent } from "@/lib/services/applicant-accounts";
import {
  makeParent,
  makeRegionTree,
  makeSchool,
  makeStaff,
  makeStudent,
  makeStudentAccount,
  PASSWORD,
} from "../support/fixtures";

let school: Awaited<ReturnType<typeof makeSchool>>;

beforeAll(async () => {
  const { county } = await makeRegionTree();
  school = await makeSchool(county.id);
});

afterEach(() => {
  delete process.env.RATE_SIGNIN_GLOBAL;
  delete process.env.RATE_SIGNIN_ADDRESS;
  delete process.env.RATE_REGISTER_ADDRESS;
});

const T0 = new Date("2026-10-08T01:00:00Z");
const minutes = (m: number) => new Date(T0.getTime() + m * 60_000);

/** How many passwords of this account were actually checked (audit: wrong password or success). */
async function passwordChecks(userId: string): Promise<number> {
  const rows = await db().auditLog.findMany({
    where: { actorUserId: userId, action: { in: ["auth.sign_in", "auth.sign_in_failed"] } },
  });
  return rows.filter(
    (r) =>
      r.action === "auth.sign_in" || (r.detail as { reason?: string } | null)?.reason === "wrong_password",
  ).length;
}

describe("concurrent sign-ins (lock, count and verify atomically per account)", () => {
  // Only the account lockout here: the per-identifier rate limit (10 / 15 min) would refuse first.
  beforeEach(() => {
    process.env.RATE_SIGNIN_ACCOUNT = "1000";
  });
  afterEach(() => {
    delete process.env.RATE_SIGNIN_ACCOUNT;
  });

  it("20 wrong passwords at once: exactly 5 are checked, the rest are refused as locked", async () => {
    const { user, username } = await makeStaff("TEACHER", { schoolId: school.school.id });
    const results = await Promise.all(
      Array.from({ length: 20 }, () =>
        authenticate({ kind: "staff", identifier: username, password: "Wrong12345" }, null, T0),
      ),
    );
    expect(await passwordChecks(user.id)).toBe(5);
    const locked = lockedMessage(minutes(15));
    expect(results.filter((r) => !r.ok && r.message === locked)).toHaveLength(16); // the 5th and 15 refused
    expect(results.filter((r) => !r.ok && r.message === WRONG_CREDENTIALS)).toHaveLength(4);
    // The right password is refused too until the lock ends.
    expect(
      await authenticate({ kind: "staff", identifier: username, password: PASSWORD }, null, minutes(1)),
    ).toEqual({ ok: false, message: locked });
  });

  it("of 10 racing attempts exactly 5 reach the password check; the 5th locks the account", async () => {
    const { user } = await makeStaff("TEACHER", { schoolId: school.school.id });
    const reservations = await Promise.all(
      Array.from({ length: 10 }, () => reserveSignInAttempt(user.id, T0)),
    );
    const admitted = reservations.filter((r) => r.ok);
    expect(admitted.map((r) => r.state.failedLogins).sort()).toEqual([0, 1, 2, 3, 4]);
    expect(admitted.filter((r) => r.state.lockedUntil?.getTime() === minutes(15).getTime())).toHaveLength(1);
    const refused = reservations.filter((r) => !r.ok);
    expect(refused).toHaveLength(5);
    for (const r of refused) expect(r.lockedUntil).toEqual(minutes(15));
  });

  it("once 5 wrong passwords are counted, the right one is refused even while they are still being checked", async () => {
    const { user, username } = await makeStaff("TEACHER", { schoolId: school.school.id });
    const attempt = (password: string) =>
      authenticate({ kind: "staff", identifier: username, password }, null, T0);
    let wrong: Promise<unknown>[] = [];
    // Hold the account row so the 5 wrong attempts queue on it, then let them through together.
    await db().$transaction(
      async (tx) => {
        await tx.$queryRaw`SELECT 1 FROM "User" WHERE id = ${user.id} FOR UPDATE`;
        wrong = Array.from({ length: 5 }, (_, i) => attempt(`Wrong${i}2345`));
        for (let i = 0; i < 400; i++) {
          const [row] = await db().$queryRaw<{ count: bigint }[]>`
            SELECT count(*) AS count FROM pg_stat_activity
            WHERE datname = current_database() AND wait_event_type = 'Lock'
              AND query LIKE '%"lockedUntil" FROM "User"%FOR UPDATE%'`;
          if (Number(row!.count) >= 5) break;
          await new Promise((resolve) => setTimeout(resolve, 25));
        }
      },
      { timeout: 20_000 },
    );
    // The lock is in place as soon as the 5 attempts are counted, before their passwords are checked.
    for (let i = 0; i < 400; i++) {
      const row = await db().user.findUniqueOrThrow({ where: { id: user.id } });
      if (row.lockedUntil) break;
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    expect(await attempt(PASSWORD)).toEqual({ ok: false, message: lockedMessage(minutes(15)) });
    await Promise.all(wrong);
    expect(await passwordChecks(user.id)).toBe(5);
    expect((await db().user.findUniqueOrThrow({ where: { id: user.id } })).lockedUntil).toEqual(minutes(15));
  });

  it("the ID number and the 学籍号 count towards the same lock, also when racing", async () => {
    const student = await makeStudent(school);
    const account = await makeStudentAccount(student);
    const results = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        authenticate(
          {
            kind: "student",
            identifier: i % 2 ? student.idNumber : student.studentNo,
            password: "Wrong12345",
          },
          null,
          T0,
        ),
      ),
    );
    expect(await passwordChecks(account.id)).toBe(5);
    expect(results.filter((r) => !r.ok && r.message === WRONG_CREDENTIALS)).toHaveLength(4);
  });

  it("the ID number and the 学籍号 share one failure budget of the rate limit", async () => {
    delete process.env.RATE_SIGNIN_ACCOUNT;
    const id = buildResidentId("440106", "2010-09-09", 771, "MALE");
    for (let i = 0; i < 10; i++)
      await authenticate(
        { kind: "student", identifier: i % 2 ? id : `G${id}`, password: "Wrong12345" },
        null,
        minutes(i),
      );
    const r = await authenticate(
      { kind: "student", identifier: id, password: "Wrong12345" },
      null,
      minutes(10),
    );
    expect(r).toMatchObject({ ok: false, message: expect.stringMatching(/^该账号登录失败过于频繁/) });
  });
});

describe("no enumeration by the lockout message", () => {
  /** Six wrong passwords a minute apart, then the (right or any) password after 16 and 21 minutes. */
  async function answers(kind: "student" | "parent" | "staff", identifier: string, start: number) {
    const out: string[] = [];
    for (let i = 0; i < 6; i++) {
      const r = await authenticate({ kind, identifier, password: "Wrong12345" }, null, minutes(start + i));
      out.push(r.ok ? "OK" : r.message.replace(/\d{4}-\d{2}-\d{2} \d{2}:\d{2}/, "<time>"));
    }
    const later = await authenticate({ kind, identifier, password: "Wrong12345" }, null, minutes(start + 20));
    out.push(later.ok ? "OK" : later.message);
    return out;
  }

  it("an unknown ID number, phone number or username answers exactly like a real account", async () => {
    const student = await makeStudent(school);
    await makeStudentAccount(student);
    await makeParent("13755556666");
    const { username } = await makeStaff("TEACHER", { schoolId: school.school.id });

    const realStudent = await answers("student", student.idNumber, 100);
    const ghostStudent = await answers("student", buildResidentId("440106", "2011-01-01", 551, "MALE"), 100);
    expect(realStudent[4]).toMatch(/账号已锁定/);
    expect(ghostStudent).toEqual(realStudent);
    expect(await answers("parent", "13755550000", 200)).toEqual(await answers("parent", "13755556666", 200));
    expect(await answers("staff", "no_such_teacher", 300)).toEqual(await answers("staff", username, 300));
  });

  it("the lock of an unknown ID number also answers for its 学籍号 spelling, like a real student's", async () => {
    const ghost = buildResidentId("440106", "2011-02-02", 561, "FEMALE");
    for (let i = 0; i < 5; i++)
      await authenticate({ kind: "student", identifier: ghost, password: "Wrong12345" }, null, minutes(i));
    expect(
      await authenticate(
        { kind: "student", identifier: `G${ghost}`, password: "Wrong12345" },
        null,
        minutes(6),
      ),
    ).toEqual({ ok: false, message: lockedMessage(minutes(4 + 15)) });
  });
});

describe("parent registration", () => {
  const form = (phone: string) => ({ name: "孙立新", phone, password: "Reg2026abc", confirm: "Reg2026abc" });

  it("answers a registered mobile number exactly like a new one, and changes nothing", async () => {
    const existing = await makeParent("13911112222");
    const before = await db().user.findUniqueOrThrow({ where: { id: existing.id } });
    const fresh = await registerParent(form("13911113333"), "192.0.2.10");
    const again = await registerParent(form("139 1111 2222"), "192.0.2.10");
    expect(fresh).toEqual({ ok: true, data: undefined });
    expect(again).toEqual(fresh);
    const after = await db().user.findUniqueOrThrow({ where: { id: existing.id } });
    expect(after.passwordHash).toBe(before.passwordHash);
    expect(after.displayName).toBe(before.displayName);
    expect(await db().user.count({ where: { phoneHash: after.phoneHash } })).toBe(1);
    const audit = await db().auditLog.findFirst({
      where: { action: "account.parent_registration_duplicate", targetId: existing.id },
    });
    expect(audit?.ip).toBe("192.0.2.10");
  });

  it("is rate-limited per mobile number, whatever the address", async () => {
    for (let i = 0; i < 5; i++)
      expect(await registerParent(form("13922224444"), `198.51.100.${i + 1}`)).toMatchObject({ ok: true });
    const r = await registerParent(form("13922224444"), "198.51.100.99");
    expect(r).toMatchObject({ ok: false, code: "LIMIT" });
  });

  it("is rate-limited per address, across mobile numbers", async () => {
    process.env.RATE_REGISTER_ADDRESS = "3";
    for (let i = 0; i < 3; i++)
      expect(await registerParent(form(`1393333000${i}`), "203.0.113.77")).toMatchObject({ ok: true });
    const r = await registerParent(form("13933330009"), "203.0.113.77");
    expect(r).toMatchObject({ ok: false, code: "LIMIT" });
    expect(await registerParent(form("13933330009"), "203.0.113.78")).toMatchObject({ ok: true });
  });
});

describe("site-wide failed sign-in budget", () => {
  it("stops password spraying from many addresses once the budget is spent", async () => {
    await db().rateLimit.deleteMany({ where: { key: "signin:global" } });
    process.env.RATE_SIGNIN_GLOBAL = "6";
    for (let i = 0; i < 6; i++)
      expect(
        await authenticate(
          { kind: "staff", identifier: `spray_${i}`, password: "Zizhu2026" },
          `198.18.0.${i + 1}`,
        ),
      ).toEqual({ ok: false, message: WRONG_CREDENTIALS });
    const r = await authenticate(
      { kind: "staff", identifier: "spray_9", password: "Zizhu2026" },
      "198.18.1.1",
    );
    expect(r).toMatchObject({ ok: false, message: expect.stringMatching(/^本系统登录失败过于频繁/) });
    const audit = await db().auditLog.findFirst({ where: { ip: "198.18.1.1" } });
    expect(audit?.detail).toMatchObject({ reason: "rate_limited_site" });
    await db().rateLimit.deleteMany({ where: { key: "signin:global" } });
  });

  it("one address hammering past its own limit does not spend everyone's budget", async () => {
    await db().rateLimit.deleteMany({ where: { key: "signin:global" } });
    process.env.RATE_SIGNIN_GLOBAL = "6";
    process.env.RATE_SIGNIN_ADDRESS = "3";
    for (let i = 0; i < 20; i++)
      await authenticate({ kind: "staff", identifier: `hammer_${i}`, password: "Zizhu2026" }, "198.18.2.1");
    const budget = await db().rateLimit.findUnique({ where: { key: "signin:global" } });
    expect(budget?.count).toBe(3);
    const { username } = await makeStaff("TEACHER", { schoolId: school.school.id });
    expect(
      await authenticate({ kind: "staff", identifier: username, password: PASSWORD }, "198.18.2.2"),
    ).toMatchObject({ ok: true });
    await db().rateLimit.deleteMany({ where: { key: "signin:global" } });
  });
});
