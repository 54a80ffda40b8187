/**
 * lib/services/context.ts accepts the access matrix's decision by its scope rule (not by a role list): each
 * context serves its rules and refuses the others with a code.
 */
import { describe, expect, it } from "vitest";
import type { SessionUser } from "@/lib/domain/session-user";
import { accessContext, regionContext, schoolContext, teacherContext } from "@/lib/services/context";

const user = (role: SessionUser["role"], extra: Partial<SessionUser> = {}): SessionUser => ({
  id: `u-${role}`,
  role,
  displayName: role,
  schoolId: role === "SUPERVISOR" || role === "PARENT" || role === "STUDENT" ? null : "school-1",
  regionId: role === "SUPERVISOR" ? "region-1" : null,
  personId: role === "STUDENT" ? "person-1" : null,
  regionPath: role === "SUPERVISOR" ? "/440000/440100/" : null,
  mustChangePassword: false,
  ...extra,
});

describe("service contexts follow the matrix's scope rule", () => {
  it("schoolContext: an admin (rule school) and a teacher (rule own-classes) act for their school", () => {
    expect(schoolContext(user("SCHOOL_ADMIN"), "letters.print")).toMatchObject({
      ok: true,
      data: { rule: "school", schoolId: "school-1" },
    });
    expect(schoolContext(user("TEACHER"), "letters.print")).toMatchObject({
      ok: true,
      data: { rule: "own-classes", schoolId: "school-1", scope: { role: "TEACHER" } },
    });
  });

  it("schoolContext refuses a rule it does not serve, and a role the matrix refuses", () => {
    // application.view: a supervisor's rule is "region", a student's "self".
    expect(schoolContext(user("SUPERVISOR"), "application.view")).toMatchObject({
      ok: false,
      code: "FORBIDDEN",
    });
    expect(schoolContext(user("STUDENT"), "application.view")).toMatchObject({
      ok: false,
      code: "FORBIDDEN",
    });
    expect(schoolContext(user("TEACHER"), "binding.release")).toMatchObject({ ok: false, code: "FORBIDDEN" });
  });

  it("teacherContext serves only the own-classes rule", () => {
    expect(teacherContext(user("TEACHER"), "application.view")).toMatchObject({ ok: true });
    expect(teacherContext(user("SCHOOL_ADMIN"), "application.view")).toMatchObject({
      ok: false,
      code: "FORBIDDEN",
    });
  });

  it("regionContext gives a supervisor's region and subtree, and refuses school staff", () => {
    expect(regionContext(user("SUPERVISOR"), "application.view")).toEqual({
      ok: true,
      data: expect.objectContaining({
        rule: "region",
        regionId: "region-1",
        regionPath: "/440000/440100/",
        schoolId: null,
      }),
    });
    expect(regionContext(user("SCHOOL_ADMIN"), "application.view")).toMatchObject({
      ok: false,
      code: "FORBIDDEN",
    });
  });

  it("refusals carry UNAUTHENTICATED for nobody and FORBIDDEN while a password must be changed", () => {
    expect(accessContext(null, "application.view")).toMatchObject({ ok: false, code: "UNAUTHENTICATED" });
    expect(accessContext(user("TEACHER", { mustChangePassword: true }), "application.view")).toMatchObject({
      ok: false,
      code: "FORBIDDEN",
    });
  });
});
