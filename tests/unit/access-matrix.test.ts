import { describe, expect, it } from "vitest";
import { ACCESS, decide, isAllowed, type Action } from "@/lib/auth/access";
import type { SessionUser } from "@/lib/auth/session";
import { ROLES, type Role } from "@/lib/domain/codes";
import { sessionUser } from "../support/session-user";

const user = (role: Role, over: Partial<SessionUser> = {}): SessionUser =>
  sessionUser(
    {
      id: `u-${role}`,
      role,
      displayName: role,
      schoolId: "s1",
      regionId: "r1",
      personId: role === "STUDENT" ? "p1" : null,
    },
    { regionPath: role === "SUPERVISOR" ? "/440000/" : null, ...over },
  );

describe("access matrix", () => {
  const actions = Object.keys(ACCESS) as Action[];

  it("every action allows at least one role and names only known roles", () => {
    for (const a of actions) {
      const roles = Object.keys(ACCESS[a].allow);
      expect(roles.length, a).toBeGreaterThan(0);
      for (const r of roles) expect(ROLES).toContain(r);
    }
  });

  it("decide follows the table for every role × action", () => {
    for (const a of actions) {
      for (const r of ROLES) {
        const d = decide(user(r), a);
        expect(d.ok, `${r} ${a}`).toBe(isAllowed(r, a));
        if (!d.ok) expect(d.status).toBe(403);
      }
    }
  });

  it("refuses the signed-out caller with 401 and one still on an initial password with 403", () => {
    expect(decide(null, "application.view")).toMatchObject({ ok: false, status: 401 });
    expect(decide(user("SCHOOL_ADMIN", { mustChangePassword: true }), "application.view")).toMatchObject({
      ok: false,
      status: 403,
      message: "请先修改初始密码。",
    });
  });

  it("a teacher may not apply; a student may not bind children", () => {
    expect(decide(user("TEACHER"), "application.apply")).toMatchObject({ ok: false, status: 403 });
    expect(decide(user("STUDENT"), "child.bind")).toMatchObject({ ok: false });
    expect(decide(user("PARENT"), "child.bind")).toMatchObject({ ok: true, rule: "bound-child" });
  });
});
