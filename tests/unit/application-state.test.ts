import { describe, expect, it } from "vitest";
import { APPLICATION_STATES, ROLES, type ApplicationState, type Role } from "@/lib/domain/codes";
import {
  applicantCanEdit,
  decideTransition,
  defaultReturnDeadline,
  TRANSITIONS,
  type ApplicationAction,
} from "@/lib/domain/application-state";

const now = new Date("2026-09-25T04:00:00Z");
const open = { now, windowOpen: true };
const later = (h: number) => new Date(now.getTime() + h * 3_600_000);

describe("every action × role × state", () => {
  const actions = Object.keys(TRANSITIONS) as ApplicationAction[];
  for (const action of actions) {
    for (const role of ROLES) {
      for (const from of APPLICATION_STATES) {
        const rule = TRANSITIONS[action];
        const allowed = rule.roles.includes(role) && rule.from.includes(from);
        it(`${action} by ${role} from ${from} → ${allowed ? rule.to : "refused"}`, () => {
          const r = decideTransition(
            {
              action,
              actorRole: role as Role,
              from: from as ApplicationState,
              reason: "原因",
              deadline: later(24),
            },
            open,
          );
          expect(r.ok).toBe(allowed);
          if (r.ok) expect(r.to).toBe(rule.to);
          else expect(r.message).toMatch(/[\u4e00-\u9fa5]/);
        });
      }
    }
  }
});

describe("the main path", () => {
  it("goes draft → submitted → verified → reviewed → determined", () => {
    const steps: [ApplicationAction, Role][] = [
      ["submit", "PARENT"],
      ["verify", "TEACHER"],
      ["review", "SCHOOL_ADMIN"],
      ["determine", "SCHOOL_ADMIN"],
    ];
    let state: ApplicationState = "draft";
    for (const [action, role] of steps) {
      const r = decideTransition({ action, actorRole: role, from: state }, open);
      if (!r.ok) throw new Error(r.message);
      state = r.to;
    }
    expect(state).toBe("determined");
  });
});

describe("window rules", () => {
  const closed = { now, windowOpen: false, windowMessage: "申请已截止（申请时间为 …）" };
  it("refuses submitting, waiving and reopening outside the window with the window's message", () => {
    for (const [action, from] of [
      ["submit", "draft"],
      ["waive", "draft"],
      ["reopen", "withdrawn"],
    ] as const) {
      expect(decideTransition({ action, actorRole: "STUDENT", from }, closed)).toEqual({
        ok: false,
        message: closed.windowMessage,
      });
    }
  });
  it("lets a returned application be resubmitted after the window, until its correction deadline", () => {
    expect(
      decideTransition(
        { action: "submit", actorRole: "STUDENT", from: "returned" },
        { ...closed, returnDeadline: later(1) },
      ),
    ).toEqual({ ok: true, to: "submitted" });
    const late = decideTransition(
      { action: "submit", actorRole: "STUDENT", from: "returned" },
      { ...open, returnDeadline: later(-1) },
    );
    expect(late).toMatchObject({ ok: false, message: expect.stringContaining("修改期限已过") });
  });
  it("lets the teacher enter a paper application after the window", () => {
    expect(decideTransition({ action: "submit", actorRole: "TEACHER", from: "draft" }, closed)).toEqual({
      ok: true,
      to: "submitted",
    });
  });
  it("allows withdrawing until the teacher verifies, not after", () => {
    expect(decideTransition({ action: "withdraw", actorRole: "PARENT", from: "submitted" }, open)).toEqual({
      ok: true,
      to: "withdrawn",
    });
    expect(decideTransition({ action: "withdraw", actorRole: "PARENT", from: "verified" }, open)).toEqual({
      ok: false,
      message: "班主任已核实，申请不能再撤回；如有变化请联系班主任。",
    });
  });
});

describe("returning for correction", () => {
  it("needs a reason and a future deadline", () => {
    expect(
      decideTransition(
        { action: "return", actorRole: "TEACHER", from: "submitted", deadline: later(24) },
        open,
      ),
    ).toMatchObject({ ok: false, message: expect.stringContaining("退回原因") });
    expect(
      decideTransition(
        {
          action: "return",
          actorRole: "TEACHER",
          from: "submitted",
          reason: "材料不清",
          deadline: later(-1),
        },
        open,
      ),
    ).toMatchObject({ ok: false, message: "修改截止时间须晚于现在。" });
  });
  it("never lets the teacher's deadline pass the verification deadline", () => {
    const r = decideTransition(
      { action: "return", actorRole: "TEACHER", from: "submitted", reason: "材料不清", deadline: later(48) },
      { ...open, verifyDeadline: later(24) },
    );
    expect(r).toMatchObject({ ok: false, message: expect.stringContaining("不能晚于班主任核实截止时间") });
  });
  it("defaults to 3 days, capped at the verification deadline", () => {
    expect(defaultReturnDeadline(now, later(24 * 10))).toEqual(later(72));
    expect(defaultReturnDeadline(now, later(30))).toEqual(later(30));
  });
});

describe("editing", () => {
  it("is open to the applicant only in draft and returned", () => {
    expect(APPLICATION_STATES.filter(applicantCanEdit)).toEqual(["draft", "returned"]);
  });
});
