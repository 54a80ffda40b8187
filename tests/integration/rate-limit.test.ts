/**
 * Rate limits stored in PostgreSQL (lib/security/rate-limit.ts) and the per-address sign-in
 * lockout (§4): atomic counters, per account and per source address for
 * sign-in, activation and child binding, with a clear Chinese message.
 */
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { authenticate } from "@/lib/auth/authenticate";
import { db } from "@/lib/db/client";
import { buildResidentId } from "@/lib/domain/id-number";
import { deleteExpiredCounters } from "@/lib/db/rate-limit.repo";
import { checkRateLimit, limitAttempt, objectionLimits } from "@/lib/security/rate-limit";
import {
  activateStudent,
  bindChildToParent,
  NO_MATCH_ACTIVATION,
  NO_MATCH_BINDING,
} from "@/lib/services/applicant-accounts";
import {
  makeParent,
  makeRegionTree,
  makeSchool,
  makeStaff,
  makeStudent,
  PASSWORD,
  type StudentFixture,
} from "../support/fixtures";
import { issueCode } from "../support/access-code-fixtures";

let seniorCode: string;
let juniorCode: string;
let teacher: string;
let teacher2: string;
let senior: StudentFixture;
let junior: StudentFixture;
let parentId: string;

beforeAll(async () => {
  const { county } = await makeRegionTree();
  const s = await makeSchool(county.id);
  teacher = (await makeStaff("TEACHER", { schoolId: s.school.id })).username;
  teacher2 = (await makeStaff("TEACHER", { schoolId: s.school.id })).username;
  senior = await makeStudent(s, { name: "赵一鸣" });
  junior = await makeStudent(await makeSchool(county.id, "JUNIOR"), {
    name: "钱小朵",
    guardianPhone: "13622223333",
  });
  parentId = (await makeParent("13622223333")).id;
  seniorCode = await issueCode(senior);
  juniorCode = await issueCode(junior);
});

afterEach(() => {
  delete process.env.RATE_SIGNIN_ADDRESS;
  delete process.env.RATE_ACTIVATION_ADDRESS;
});

describe("checkRateLimit", () => {
  it("lets exactly `limit` of many concurrent attempts through", async () => {
    const results = await Promise.all(
      Array.from({ length: 20 }, () => checkRateLimit("test:concurrent", 5, 60)),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(5);
    const refused = results.find((r) => !r.ok);
    expect(refused).toMatchObject({ ok: false });
    if (refused && !refused.ok) {
      expect(refused.message).toMatch(/过于频繁.*请于1分钟后再试/);
      expect(refused.retryAfterSeconds).toBeGreaterThan(0);
      expect(refused.retryAfterSeconds).toBeLessThanOrEqual(60);
    }
  });

  it("starts a new window once the old one has ended", async () => {
    const t0 = new Date("2026-10-01T00:00:00Z");
    for (let i = 0; i < 3; i++) expect((await checkRateLimit("test:window", 3, 600, t0)).ok).toBe(true);
    expect((await checkRateLimit("test:window", 3, 600, new Date(t0.getTime() + 599_000))).ok).toBe(false);
    expect((await checkRateLimit("test:window", 3, 600, new Date(t0.getTime() + 600_000))).ok).toBe(true);
  });

  it("keeps counts in the database (another connection sees them)", async () => {
    await checkRateLimit("test:stored", 10, 3600);
    await checkRateLimit("test:stored", 10, 3600);
    const row = await db().$queryRaw<
      { count: number }[]
    >`SELECT "count" FROM "RateLimit" WHERE "key" = 'test:stored'`;
    expect(row[0]?.count).toBe(2);
  });

  it("housekeeping removes only counters whose window is long over", async () => {
    await checkRateLimit("test:old", 5, 60, new Date("2020-01-01T00:00:00Z"));
    await checkRateLimit("test:fresh", 5, 60);
    await deleteExpiredCounters(new Date(Date.now() - 2 * 86_400_000));
    const keys = (await db().rateLimit.findMany({ where: { key: { in: ["test:old", "test:fresh"] } } })).map(
      (r) => r.key,
    );
    expect(keys).toEqual(["test:fresh"]);
  });

  it("limits objection filing per account (exported for the publicity feature)", async () => {
    const specs = objectionLimits("user-x", "10.9.9.9");
    for (let i = 0; i < 5; i++) expect((await limitAttempt(specs)).ok).toBe(true);
    const r = await limitAttempt(specs);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(/^提交异议或复议申请过于频繁/);
  });
});

describe("sign-in", () => {
  it("limits wrong attempts per identifier, also for identifiers without an account", async () => {
    // The first 4 are plain wrong passwords; from the 5th the identifier is locked like a real account.
    for (let i = 0; i < 10; i++) {
      expect(
        await authenticate({ kind: "staff", identifier: "ghost_user", password: "Wrong1234" }, null),
      ).toMatchObject({ ok: false, message: i < 4 ? "账号或密码错误，请核对后重试。" : /账号已锁定/ });
    }
    const r = await authenticate({ kind: "staff", identifier: "ghost_user", password: "Wrong1234" }, null);
    expect(r).toMatchObject({ ok: false });
    if (!r.ok) expect(r.message).toMatch(/^该账号登录失败过于频繁，已暂时限制。请于1[0-9]分钟后再试/);
    const audit = await db().auditLog.findFirst({
      where: { action: "auth.sign_in_failed" },
      orderBy: { id: "desc" },
    });
    expect(audit?.detail).toMatchObject({ reason: "rate_limited" });
  });

  it("counts every spelling of a mobile number as the same identifier", async () => {
    for (const spelling of [
      "13699990000",
      "+86 136 9999 0000",
      "136-9999-0000",
      "0086 13699990000",
      "１３６９９９９００００",
    ]) {
      for (let i = 0; i < 2; i++)
        await authenticate({ kind: "parent", identifier: spelling, password: "Wrong1234" }, null);
    }
    const r = await authenticate(
      { kind: "parent", identifier: "136 9999 0000", password: "Wrong1234" },
      null,
    );
    expect(r).toMatchObject({ ok: false, message: expect.stringMatching(/^该账号登录失败过于频繁/) });
  });

  it("locks out a source address after too many failures, for every account, but not other addresses", async () => {
    process.env.RATE_SIGNIN_ADDRESS = "6";
    for (let i = 0; i < 6; i++)
      await authenticate({ kind: "staff", identifier: `guess_${i}`, password: "Wrong1234" }, "203.0.113.7");
    const r = await authenticate({ kind: "staff", identifier: teacher, password: PASSWORD }, "203.0.113.7");
    expect(r).toMatchObject({ ok: false });
    if (!r.ok) expect(r.message).toMatch(/^您所在网络地址登录失败过于频繁/);
    expect(
      await authenticate({ kind: "staff", identifier: teacher, password: PASSWORD }, "198.51.100.1"),
    ).toMatchObject({ ok: true });
  });

  it("does not count successful sign-ins (a school behind one address keeps working)", async () => {
    process.env.RATE_SIGNIN_ADDRESS = "3";
    for (let i = 0; i < 8; i++) {
      expect(
        await authenticate({ kind: "staff", identifier: teacher2, password: PASSWORD }, "192.0.2.50"),
      ).toMatchObject({ ok: true });
    }
  });
});

describe("activation", () => {
  const good = () => ({
    name: "赵一鸣",
    idNumber: senior.idNumber,
    accessCode: seniorCode,
    password: "Huaxia2026x",
    confirm: "Huaxia2026x",
  });

  it("blocks an ID number after 5 failed activations, even with the right details", async () => {
    for (let i = 0; i < 5; i++)
      expect(await activateStudent({ ...good(), name: "赵二鸣" }, null)).toEqual({
        ok: false,
        code: "INVALID",
        message: NO_MATCH_ACTIVATION,
      });
    const r = await activateStudent(good(), null);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(/^该身份证号的激活尝试过于频繁.*请于(5[0-9]分钟|1小时)后再试/);
    expect(await db().user.count({ where: { personId: senior.person.id } })).toBe(0);
  });

  it("limits failed activations per source address across ID numbers", async () => {
    process.env.RATE_ACTIVATION_ADDRESS = "4";
    for (let i = 0; i < 4; i++) {
      const id = buildResidentId("440106", "2009-01-0" + (i + 1), 500 + i, "MALE");
      expect(await activateStudent({ ...good(), idNumber: id }, "203.0.113.20")).toEqual({
        ok: false,
        code: "INVALID",
        message: NO_MATCH_ACTIVATION,
      });
    }
    const r = await activateStudent({ ...good(), idNumber: junior.idNumber }, "203.0.113.20");
    expect(r).toMatchObject({ ok: false, code: "LIMIT" });
  });
});

describe("child binding", () => {
  it("blocks a parent account after 5 failed bindings", async () => {
    for (let i = 0; i < 5; i++) {
      expect(
        await bindChildToParent(
          parentId,
          { childName: "钱小多", childIdNumber: junior.idNumber, accessCode: juniorCode },
          null,
        ),
      ).toEqual({ ok: false, code: "INVALID", message: NO_MATCH_BINDING });
    }
    const r = await bindChildToParent(
      parentId,
      { childName: "钱小朵", childIdNumber: junior.idNumber, accessCode: juniorCode },
      null,
    );
    expect(r).toMatchObject({ ok: false, code: "LIMIT" });
    expect(await db().parentChild.count({ where: { parentId } })).toBe(0);
  });
});
