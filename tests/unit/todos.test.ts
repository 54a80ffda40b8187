import { describe, expect, it } from "vitest";
import { beijingMonth, feeWaiverTodos, vocationalStageTodos, vocationalTodos } from "@/lib/domain/todos";

const COUNTS = { awaitingPublicity: 2, attachmentMissing: 1, awaitingConfirmation: 3, withdrawalPending: 4 };

describe("console to-dos", () => {
  it("takes the month in Beijing time", () => {
    expect(beijingMonth(new Date("2026-11-30T16:30:00Z"))).toEqual({
      year: 2026,
      month: 12,
      text: "2026-12",
    });
    expect(beijingMonth(new Date("2026-11-30T15:59:00Z")).text).toBe("2026-11");
  });

  it("links the school's 中职 counts to exactly the filtered lists, attachments only in May and December", () => {
    const may = vocationalTodos("school", { month: 5, text: "2027-05" }, COUNTS);
    expect(may.map(({ count, href }) => [count, href])).toEqual([
      [2, "/console/rosters/vocational?month=2027-05&todo=awaiting_publicity"],
      [1, "/console/rosters/vocational?month=2027-05&todo=attachment_missing"],
    ]);
    const december = vocationalTodos("school", { month: 12, text: "2026-12" }, COUNTS);
    expect(december.map((todo) => todo.key)).toContain("vocational.attachment_missing");
    const november = vocationalTodos("school", { month: 11, text: "2026-11" }, COUNTS);
    expect(november.map((todo) => todo.href)).toEqual([
      "/console/rosters/vocational?month=2026-11&todo=awaiting_publicity",
    ]);
  });

  it("links the supervisor's 中职 counts to exactly the filtered lists", () => {
    const todos = vocationalTodos("supervisor", { month: 11, text: "2026-11" }, COUNTS);
    expect(todos.map(({ count, href }) => [count, href])).toEqual([
      [3, "/console/supervisor/vocational?month=2026-11&todo=awaiting_confirmation"],
      [4, "/console/supervisor/vocational?month=2026-11&todo=withdrawal_pending"],
    ]);
  });

  it("gives each role its own 普高 免学杂费 to-do", () => {
    const counts = { schoolPending: 1, supervisorPending: 2, refused: 3 };
    expect(feeWaiverTodos("SCHOOL_LEADER", "t1", counts)).toEqual([
      expect.objectContaining({
        count: 1,
        href: "/console/rosters/fee-waiver?term=t1&review=SCHOOL_PENDING",
      }),
    ]);
    expect(feeWaiverTodos("SCHOOL_ADMIN", "t1", counts)).toEqual([
      expect.objectContaining({ count: 3, href: "/console/rosters/fee-waiver?term=t1&review=REFUSED" }),
    ]);
    expect(feeWaiverTodos("SUPERVISOR", "t1", counts)).toEqual([
      expect.objectContaining({
        count: 2,
        href: "/console/supervisor/fee-waiver?term=t1&review=SUPERVISOR_PENDING",
      }),
    ]);
  });

  it("gives each role the 中职 step waiting on it, the refused lists only when there are some", () => {
    const month = { month: 11, text: "2026-11" };
    const stages = { SCHOOL_REVIEW: 1, SCHOOL_REFUSED: 0, SUPERVISOR_REVIEW: 2, SUPERVISOR_REFUSED: 3 };
    expect(
      vocationalStageTodos("SCHOOL_LEADER", month, stages).map(({ count, href }) => [count, href]),
    ).toEqual([[1, "/console/rosters/vocational?month=2026-11&stage=SCHOOL_REVIEW"]]);
    expect(
      vocationalStageTodos("SCHOOL_ADMIN", month, stages).map(({ label, count, href }) => [
        label,
        count,
        href,
      ]),
    ).toEqual([
      [
        "11月中职资助名单主管部门审核不通过待修改",
        3,
        "/console/rosters/vocational?month=2026-11&stage=SUPERVISOR_REFUSED",
      ],
    ]);
    expect(vocationalStageTodos("SUPERVISOR", month, { ...stages, SUPERVISOR_REVIEW: 0 })).toEqual([
      {
        key: "vocational.supervisor_review",
        label: "11月中职资助名单待主管部门审核",
        count: 0,
        href: "/console/supervisor/vocational?month=2026-11&stage=SUPERVISOR_REVIEW",
      },
    ]);
  });
});
