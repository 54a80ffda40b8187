import { describe, expect, it } from "vitest";
import {
  minStudentRepresentatives,
  parseMembers,
  parseRepresentatives,
  representativeProblems,
} from "@/lib/domain/class-evaluation";

const names = (n: number) => Array.from({ length: n }, (_, i) => `学生${i + 1}`);
const teachers = parseMembers("李老师 班主任\n张老师 科任教师");

describe("minStudentRepresentatives", () => {
  it("is 10% of the class rounded up", () => {
    expect(minStudentRepresentatives(0)).toBe(0);
    expect(minStudentRepresentatives(1)).toBe(1);
    expect(minStudentRepresentatives(10)).toBe(1);
    expect(minStudentRepresentatives(11)).toBe(2);
    expect(minStudentRepresentatives(25)).toBe(3);
    expect(minStudentRepresentatives(30)).toBe(3);
    expect(minStudentRepresentatives(31)).toBe(4);
  });
});

describe("parseRepresentatives", () => {
  it("takes one name per line (extra words ignored) and marks them as students", () => {
    expect(parseRepresentatives(" 王小明 \n\n李四 学生\r\n")).toEqual([
      { name: "王小明", role: "学生代表", isStudent: true },
      { name: "李四", role: "学生代表", isStudent: true },
    ]);
  });
});

describe("representativeProblems", () => {
  const cls = names(25);
  it("does not apply to other stages", () => {
    expect(representativeProblems("JUNIOR", teachers, cls, [])).toEqual([]);
    expect(representativeProblems("VOCATIONAL", teachers, cls, [])).toEqual([]);
  });
  it("refuses a senior committee with too few representatives and names the minimum", () => {
    const p = representativeProblems(
      "SENIOR",
      [...teachers, ...parseRepresentatives("学生1\n学生2")],
      cls,
      [],
    );
    expect(p).toEqual([
      "高中班级评议小组中学生代表不少于班级人数的10%（本班25人，至少3人），目前符合条件的学生代表2人。",
    ]);
  });
  it("accepts enough representatives from the class", () => {
    expect(
      representativeProblems(
        "SENIOR",
        [...teachers, ...parseRepresentatives("学生1\n学生2\n学生3")],
        cls,
        [],
      ),
    ).toEqual([]);
  });
  it("counts members whose role says 学生代表 in the members list as representatives", () => {
    expect(
      representativeProblems(
        "SENIOR",
        parseMembers("李老师 班主任\n学生1 学生代表\n学生2 学生代表\n学生3 学生代表"),
        cls,
        [],
      ),
    ).toEqual([]);
  });
  it("does not count students of other classes, applicants or the same name twice", () => {
    const p = representativeProblems(
      "SENIOR",
      [...teachers, ...parseRepresentatives("外班同学\n学生1\n学生2\n学生2")],
      cls,
      ["学生1"],
    );
    expect(p).toEqual([
      "学生代表须为本班学生：外班同学不是本班学生。",
      "高中班级评议小组中学生代表不少于班级人数的10%（本班25人，至少3人），目前符合条件的学生代表1人。",
    ]);
  });
});
