import { describe, expect, it } from "vitest";
import { applicantTodos, type ApplicantTodoFacts } from "@/lib/domain/todos-applicant";

const DATES = {
  applyStart: new Date("2026-09-01T00:00:00Z"),
  applyEnd: new Date("2026-09-20T09:00:00Z"),
  verifyDeadline: new Date("2026-09-25T09:00:00Z"),
  reviewDeadline: new Date("2026-10-15T09:00:00Z"),
};
const IN_WINDOW = new Date("2026-09-10T02:00:00Z");
const AFTER_WINDOW = new Date("2026-09-22T02:00:00Z");

const child = (over: Partial<ApplicantTodoFacts>): ApplicantTodoFacts => ({
  personId: "p1",
  name: "李小明",
  canApply: true,
  dates: DATES,
  application: null,
  openPublicity: [],
  unsignedPayments: 0,
  ...over,
});
const draft = { state: "draft" as const, returnReason: null, returnDeadline: null };

describe("the applicant's to-dos", () => {
  it("asks to start or submit before the window closes, and not after it", () => {
    expect(applicantTodos([child({})], IN_WINDOW)).toEqual([
      {
        key: "apply.p1",
        label: "李小明：尚未申请",
        count: 1,
        href: "/portal/apply/p1",
        deadline: DATES.applyEnd,
      },
    ]);
    expect(applicantTodos([child({ application: draft })], IN_WINDOW).map((todo) => todo.label)).toEqual([
      "李小明：申请草稿待提交",
    ]);
    expect(applicantTodos([child({ application: draft })], AFTER_WINDOW)).toEqual([]);
  });

  it("asks to fix a returned application with its reason and deadline, until the deadline has passed", () => {
    const returnDeadline = new Date("2026-09-23T09:00:00Z");
    const returned = child({
      application: { state: "returned", returnReason: "缺少低保证明", returnDeadline },
    });
    expect(applicantTodos([returned], AFTER_WINDOW)).toEqual([
      {
        key: "returned.p1",
        label: "李小明：申请被退回，请修改后重新提交",
        count: 1,
        href: "/portal/apply/p1",
        deadline: returnDeadline,
        note: "退回原因：缺少低保证明",
      },
    ]);
    expect(applicantTodos([returned], new Date("2026-09-23T09:00:01Z"))).toEqual([]);
  });

  it("shows the publicity's 复议 window until the end of its last day and the payments to sign for", () => {
    const todos = applicantTodos(
      [
        child({
          application: { state: "determined", returnReason: null, returnDeadline: null },
          openPublicity: [{ batchId: "b1", endDay: "2026-10-20" }],
          unsignedPayments: 2,
        }),
      ],
      new Date("2026-10-18T02:00:00Z"),
    );
    expect(todos.map(({ key, href, count }) => ({ key, href, count }))).toEqual([
      { key: "publicity.p1.b1", href: "/portal/result/p1", count: 1 },
      { key: "receipt.p1", href: "/portal/result/p1", count: 2 },
    ]);
    expect(todos[0]!.deadline!.toISOString()).toBe("2026-10-20T15:59:59.999Z");
  });

  it("shows nothing for a child the viewer does not apply for (a 中职 student applies in person)", () => {
    expect(applicantTodos([child({ canApply: false, unsignedPayments: 1 })], IN_WINDOW)).toEqual([]);
  });

  it("puts the nearest deadline first across children", () => {
    const returnDeadline = new Date("2026-09-12T09:00:00Z");
    const todos = applicantTodos(
      [
        child({ personId: "a", name: "甲" }),
        child({
          personId: "b",
          name: "乙",
          application: { state: "returned", returnReason: "", returnDeadline },
        }),
      ],
      IN_WINDOW,
    );
    expect(todos.map((todo) => todo.key)).toEqual(["returned.b", "apply.a"]);
    expect(todos[0]!.note).toBe("退回原因：请按班主任的要求修改");
  });
});
