/**
 * The database refuses what lib/domain/vocational-roster.ts calls impossible (migration 500): a state row for a
 * semester roster, a supervisor review before the school's pass, publicity without both passes or without dates,
 * a confirmation of an unpublished list, payment or a withdrawal request before 公示通过; and the history of a
 * list is append-only for the app role.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { makeRoster } from "../support/determination-fixtures";
import { makeCurrentTerm, makeRegionTree, makeSchool } from "../support/fixtures";

let monthlyRosterId: string;
let semesterRosterId: string;

beforeAll(async () => {
  const { county } = await makeRegionTree();
  const school = await makeSchool(county.id, "VOCATIONAL");
  await makeCurrentTerm({ stage: "VOCATIONAL" });
  const semester = await makeRoster(school.school.id, []);
  semesterRosterId = semester.id;
  const monthly = await makeRoster(school.school.id, []);
  await db().roster.update({ where: { id: monthly.id }, data: { month: 5 } });
  monthlyRosterId = monthly.id;
});

const day = (text: string) => new Date(`${text}T00:00:00Z`);

describe("VocationalList constraints", () => {
  it("exists only for a monthly roster, with the roster's own month", async () => {
    await expect(
      db().vocationalList.create({ data: { rosterId: semesterRosterId, month: 5 } }),
    ).rejects.toThrow();
    await expect(
      db().vocationalList.create({ data: { rosterId: monthlyRosterId, month: 6 } }),
    ).rejects.toThrow();
    await db().vocationalList.create({ data: { rosterId: monthlyRosterId, month: 5 } });
  });

  it.each([
    ["a supervisor review before the school's pass", { supervisorReview: "PASSED" }],
    [
      "publicity without the supervisor's pass",
      {
        schoolReview: "PASSED",
        publicity: "PUBLISHED",
        publicityStart: day("2026-05-06"),
        publicityEnd: day("2026-05-12"),
      },
    ],
    [
      "publicity without dates",
      { schoolReview: "PASSED", supervisorReview: "PASSED", publicity: "PUBLISHED" },
    ],
    ["dates without publicity", { publicityStart: day("2026-05-06"), publicityEnd: day("2026-05-12") }],
    ["公示通过 of an unpublished list", { confirmation: "PASSED" }],
    ["payment before 公示通过", { payment: "PAID" }],
    ["a withdrawal request before 公示通过", { withdrawal: "PENDING" }],
  ] as const)("refuses %s", async (_name, data) => {
    await expect(db().vocationalList.update({ where: { rosterId: monthlyRosterId }, data })).rejects.toThrow(
      /VocationalList_.*_check/,
    );
  });

  it("accepts a confirmed, paid list", async () => {
    await db().vocationalList.update({
      where: { rosterId: monthlyRosterId },
      data: {
        schoolReview: "PASSED",
        supervisorReview: "PASSED",
        publicity: "PUBLISHED",
        publicityStart: day("2026-05-06"),
        publicityEnd: day("2026-05-12"),
        confirmation: "PASSED",
        payment: "PAID",
      },
    });
  });
});

describe("VocationalListHistory", () => {
  it("can be added to but never changed or deleted by the app", async () => {
    const row = await db().vocationalListHistory.create({
      data: { rosterId: monthlyRosterId, action: "EDIT", fromState: {}, toState: {}, comment: "测试" },
    });
    await expect(
      db().vocationalListHistory.update({ where: { id: row.id }, data: { comment: "改" } }),
    ).rejects.toThrow();
    await expect(db().vocationalListHistory.delete({ where: { id: row.id } })).rejects.toThrow();
    expect(await db().vocationalListHistory.count({ where: { id: row.id } })).toBe(1);
  });
});
