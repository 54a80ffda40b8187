import { describe, expect, it } from "vitest";
import { committeeProblems, mergeOrder, moveInOrder, parseMembers } from "@/lib/domain/class-evaluation";
import { homeVisitIndicators, scoreSheet } from "@/lib/domain/home-visit";
import { DEFAULT_SCORING_MODEL } from "@/lib/db/seed/default-scoring-model";

describe("moveInOrder / mergeOrder", () => {
  it("swaps with the neighbour and is a no-op at the ends or for unknown ids", () => {
    expect(moveInOrder(["a", "b", "c"], "b", "up")).toEqual(["b", "a", "c"]);
    expect(moveInOrder(["a", "b", "c"], "b", "down")).toEqual(["a", "c", "b"]);
    expect(moveInOrder(["a", "b", "c"], "a", "up")).toEqual(["a", "b", "c"]);
    expect(moveInOrder(["a", "b", "c"], "c", "down")).toEqual(["a", "b", "c"]);
    expect(moveInOrder(["a", "b"], "x", "up")).toEqual(["a", "b"]);
  });
  it("keeps the saved order, drops ids no longer present and appends new ones", () => {
    expect(mergeOrder(["c", "x", "a"], ["a", "b", "c"])).toEqual(["c", "a", "b"]);
  });
});

describe("committeeProblems", () => {
  const m = (name: string) => ({ name, role: "成员", isStudent: false });
  it("needs at least 3 named members", () => {
    expect(committeeProblems([m("李老师"), m("张老师"), m(" ")], [])).toEqual([
      "评议小组成员至少3人，目前只有2人。",
    ]);
    expect(committeeProblems([m("李老师"), m("张老师"), m("王同学")], [])).toEqual([]);
  });
  it("refuses an applicant of the class and duplicates", () => {
    const p = committeeProblems([m("李老师"), m("陈 思远"), m("王同学"), m("王同学")], ["陈思远"]);
    expect(p).toContain("申请人不能担任评议小组成员：陈 思远。");
    expect(p).toContain("评议小组成员重复：王同学。");
  });
  it("matches names as lib/domain/person-name.ts does: another middle dot or full-width letters are the same name", () => {
    const p = committeeProblems(
      [m("李老师"), m("阿依古丽.买买提"), m("ＬＩ Ｍｉｎｇ"), m("LI Ming")],
      ["阿依古丽·买买提"],
    );
    expect(p).toContain("申请人不能担任评议小组成员：阿依古丽.买买提。");
    expect(p).toContain("评议小组成员重复：LI Ming。");
  });
  it("parses one member per line, marking student representatives", () => {
    expect(parseMembers("李慧敏 班主任\n\n王小丽，学生代表\n张伟")).toEqual([
      { name: "李慧敏", role: "班主任", isStudent: false },
      { name: "王小丽", role: "学生代表", isStudent: true },
      { name: "张伟", role: "成员", isStudent: false },
    ]);
  });
});

describe("home-visit scoring sheet", () => {
  const inds = homeVisitIndicators(DEFAULT_SCORING_MODEL.config);
  it("reads only the home-visit indicators from the model config", () => {
    expect(inds.map((i) => i.key)).toEqual(["family_structure", "housing", "consumption", "home_visit"]);
    expect(homeVisitIndicators(null)).toEqual([]);
    expect(homeVisitIndicators({ indicators: "x" })).toEqual([]);
  });
  it("sums the chosen options' points", () => {
    const all = {
      family_structure: "single_parent_deceased",
      housing: "poor",
      consumption: "frugal",
      home_visit: "very_poor",
    };
    expect(scoreSheet(inds, all)).toEqual({ ok: true, scores: all, total: 25 });
    expect(
      scoreSheet(inds, {
        family_structure: "none",
        housing: "good",
        consumption: "high",
        home_visit: "good",
      }),
    ).toMatchObject({ ok: true, total: -15 });
  });
  it("names every indicator left unchosen or with an unknown option", () => {
    const r = scoreSheet(inds, { family_structure: "none", housing: "poor", consumption: "nope" });
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.fieldErrors).toEqual({
        "score.consumption": "请为“学生消费情况”选择一项",
        "score.home_visit": "请为“入户调查综合评价”选择一项",
      });
  });
});
