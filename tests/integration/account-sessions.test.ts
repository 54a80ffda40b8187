/**
 * Sessions (SECURITY.md) re-checked on the school admin's account tools: a password reset
 * and an account disable end every live session of that account at once (the
 * cookie it holds resolves to nobody, and its server-side session records are
 * closed), and re-enabling an account does not bring an old session back.
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { SessionUser } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import { createSessionRecord } from "@/lib/db/sessions.repo";
import { resolveSession, type SessionToken } from "@/lib/security/sessions";
import { resetAccountPassword, setStaffDisabled } from "@/lib/services/staff-accounts";
import { makeRegionTree, makeSchool, makeStaff, makeStudent, makeStudentAccount } from "../support/fixtures";
import { sessionUser } from "../support/session-user";

let school: Awaited<ReturnType<typeof makeSchool>>;
let admin: SessionUser;

beforeAll(async () => {
  const { county } = await makeRegionTree();
  school = await makeSchool(county.id);
  const a = (await makeStaff("SCHOOL_ADMIN", { schoolId: school.school.id })).user;
  admin = sessionUser({ id: a.id, role: "SCHOOL_ADMIN", displayName: "管理员", schoolId: school.school.id });
});

async function liveSessions(userId: string, n = 2): Promise<SessionToken[]> {
  const sv = (await db().user.findUniqueOrThrow({ where: { id: userId } })).sessionVersion;
  const tokens: SessionToken[] = [];
  for (let i = 0; i < n; i++) tokens.push({ uid: userId, sv, sid: await createSessionRecord(userId) });
  for (const t of tokens) expect(await resolveSession(t)).not.toBeNull();
  return tokens;
}
const openRecords = (userId: string) => db().authSession.count({ where: { userId, endedAt: null } });

describe("the school admin's account tools end sessions", () => {
  it("a password reset signs the account out on every device", async () => {
    const st = await makeStudent(school);
    const user = await makeStudentAccount(st);
    const tokens = await liveSessions(user.id);
    expect((await resetAccountPassword(admin, { id: user.id })).ok).toBe(true);
    for (const t of tokens) expect(await resolveSession(t)).toBeNull();
    expect(await openRecords(user.id)).toBe(0);
  });

  it("disabling a staff account signs it out everywhere, and re-enabling does not revive the old sessions", async () => {
    const t = (await makeStaff("TEACHER", { schoolId: school.school.id })).user;
    const tokens = await liveSessions(t.id, 3);
    expect((await setStaffDisabled(admin, { id: t.id, disabled: "true" })).ok).toBe(true);
    for (const tok of tokens) expect(await resolveSession(tok)).toBeNull();
    expect(await openRecords(t.id)).toBe(0);
    expect((await setStaffDisabled(admin, { id: t.id, disabled: "false" })).ok).toBe(true);
    for (const tok of tokens) expect(await resolveSession(tok)).toBeNull();
  });

  it("a refused reset (another school's account) leaves that account's sessions alone", async () => {
    const { county } = await makeRegionTree();
    const other = await makeSchool(county.id);
    const t = (await makeStaff("TEACHER", { schoolId: other.school.id })).user;
    const tokens = await liveSessions(t.id, 1);
    expect((await resetAccountPassword(admin, { id: t.id })).ok).toBe(false);
    expect((await setStaffDisabled(admin, { id: t.id, disabled: "true" })).ok).toBe(false);
    expect(await resolveSession(tokens[0])).not.toBeNull();
    expect(await openRecords(t.id)).toBe(1);
  });
});
