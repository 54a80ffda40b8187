import { describe, expect, it } from "vitest";
import {
  editRefusal,
  INITIAL_FEE_WAIVER_STATE,
  isPossibleState,
  transition,
  type FeeWaiverAction,
  type FeeWaiverState,
  type ListActor,
} from "@/lib/domain/fee-waiver-list";
import { REVIEW_STATES } from "@/lib/domain/vocational-roster";

const OFFICER: ListActor = { role: "SCHOOL_ADMIN", relation: "OWN_SCHOOL" };
const LEADER: ListActor = { role: "SCHOOL_LEADER", relation: "OWN_SCHOOL" };
const COUNTY: ListActor = { role: "SUPERVISOR", relation: "DIRECT" };
const CITY: ListActor = { role: "SUPERVISOR", relation: "ABOVE" };
const OTHER_COUNTY: ListActor = { role: "SUPERVISOR", relation: "OTHER" };
const OTHER_SCHOOL_LEADER: ListActor = { role: "SCHOOL_LEADER", relation: "OTHER" };
const TEACHER: ListActor = { role: "TEACHER", relation: "OTHER" };

const S = (
  schoolReview: FeeWaiverState["schoolReview"],
  supervisorReview: FeeWaiverState["supervisorReview"],
) => ({
  schoolReview,
  supervisorReview,
});
const NEW = INITIAL_FEE_WAIVER_STATE;
const SCHOOL_REFUSED = S("REFUSED", "PENDING");
const AWAITING_COUNTY = S("PASSED", "PENDING");
const COUNTY_REFUSED = S("PASSED", "REFUSED");
const COUNTY_PASSED = S("PASSED", "PASSED");

const BUILD: FeeWaiverAction = { kind: "BUILD" };
const REMOVE: FeeWaiverAction = { kind: "REMOVE_ENTRY" };
const SCHOOL_PASS: FeeWaiverAction = { kind: "SCHOOL_REVIEW", pass: true, entries: 3 };
const SCHOOL_REFUSE: FeeWaiverAction = {
  kind: "SCHOOL_REVIEW",
  pass: false,
  comment: "名单有误",
  entries: 3,
};
const COUNTY_PASS: FeeWaiverAction = { kind: "SUPERVISOR_REVIEW", pass: true };
const COUNTY_REFUSE: FeeWaiverAction = { kind: "SUPERVISOR_REVIEW", pass: false, comment: "缺少学生" };

type Row = [string, FeeWaiverState, FeeWaiverAction, ListActor, FeeWaiverState | RegExp];

// from-state × action × actor → the new state, or the refusal's wording
const TABLE: Row[] = [
  ["officer builds a new list", NEW, BUILD, OFFICER, NEW],
  ["officer edits a list the school refused", SCHOOL_REFUSED, REMOVE, OFFICER, NEW],
  [
    "officer edits a list the county refused: both reviews back to 待审核",
    COUNTY_REFUSED,
    BUILD,
    OFFICER,
    NEW,
  ],
  ["officer cannot edit while the county reviews", AWAITING_COUNTY, REMOVE, OFFICER, /等待主管部门审核/],
  ["officer cannot edit a passed list", COUNTY_PASSED, BUILD, OFFICER, /已通过主管部门审核/],
  ["leader cannot build", NEW, BUILD, LEADER, /只有本校资助经办人员/],
  ["county cannot build", NEW, BUILD, COUNTY, /只有本校资助经办人员/],
  ["leader passes", NEW, SCHOOL_PASS, LEADER, AWAITING_COUNTY],
  ["leader refuses with a reason", NEW, SCHOOL_REFUSE, LEADER, SCHOOL_REFUSED],
  [
    "leader refuses without a reason",
    NEW,
    { kind: "SCHOOL_REVIEW", pass: false, entries: 2 },
    LEADER,
    /填写原因/,
  ],
  [
    "leader cannot pass an empty list",
    NEW,
    { kind: "SCHOOL_REVIEW", pass: true, entries: 0 },
    LEADER,
    /没有学生/,
  ],
  ["leader cannot review twice", AWAITING_COUNTY, SCHOOL_PASS, LEADER, /已是“通过”/],
  [
    "leader cannot review a refused list before it is edited",
    SCHOOL_REFUSED,
    SCHOOL_PASS,
    LEADER,
    /修改名单后/,
  ],
  [
    "leader cannot review a county-refused list before it is edited",
    COUNTY_REFUSED,
    SCHOOL_PASS,
    LEADER,
    /修改名单后/,
  ],
  ["officer cannot do the school review", NEW, SCHOOL_PASS, OFFICER, /本校审核人员/],
  ["another school's leader cannot review", NEW, SCHOOL_PASS, OTHER_SCHOOL_LEADER, /本校审核人员/],
  ["a school cannot do the supervisor review", AWAITING_COUNTY, COUNTY_PASS, LEADER, /学校所属主管部门/],
  ["county passes", AWAITING_COUNTY, COUNTY_PASS, COUNTY, COUNTY_PASSED],
  ["county refuses with a reason", AWAITING_COUNTY, COUNTY_REFUSE, COUNTY, COUNTY_REFUSED],
  [
    "county refuses without a reason",
    AWAITING_COUNTY,
    { kind: "SUPERVISOR_REVIEW", pass: false, comment: " " },
    COUNTY,
    /填写原因/,
  ],
  ["county cannot review before the school passed", NEW, COUNTY_PASS, COUNTY, /尚未通过学校审核/],
  ["county cannot review a school-refused list", SCHOOL_REFUSED, COUNTY_PASS, COUNTY, /尚未通过学校审核/],
  ["county cannot review twice", COUNTY_PASSED, COUNTY_REFUSE, COUNTY, /已是“通过”/],
  ["county cannot review a refused list again", COUNTY_REFUSED, COUNTY_PASS, COUNTY, /已是“不通过”/],
  ["the city above cannot review", AWAITING_COUNTY, COUNTY_PASS, CITY, /学校所属主管部门/],
  ["another county cannot review", AWAITING_COUNTY, COUNTY_PASS, OTHER_COUNTY, /学校所属主管部门/],
  ["a teacher cannot review", AWAITING_COUNTY, COUNTY_PASS, TEACHER, /学校所属主管部门/],
];

describe("fee-waiver list transitions", () => {
  it.each(TABLE)("%s", (_name, from, action, actor, expected) => {
    const result = transition(from, action, actor);
    if (expected instanceof RegExp) {
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.reason).toMatch(expected);
    } else {
      expect(result).toEqual({ ok: true, state: expected });
    }
  });

  it("every successful transition lands on a possible state", () => {
    const actions = [BUILD, REMOVE, SCHOOL_PASS, SCHOOL_REFUSE, COUNTY_PASS, COUNTY_REFUSE];
    for (const schoolReview of REVIEW_STATES)
      for (const supervisorReview of REVIEW_STATES) {
        const from = S(schoolReview, supervisorReview);
        if (!isPossibleState(from)) continue;
        for (const action of actions)
          for (const actor of [OFFICER, LEADER, COUNTY]) {
            const result = transition(from, action, actor);
            if (result.ok) expect(isPossibleState(result.state)).toBe(true);
          }
      }
  });

  it("entries are frozen exactly while the school's pass stands", () => {
    expect(editRefusal(NEW)).toBeNull();
    expect(editRefusal(SCHOOL_REFUSED)).toBeNull();
    expect(editRefusal(COUNTY_REFUSED)).toBeNull();
    expect(editRefusal(AWAITING_COUNTY)).not.toBeNull();
    expect(editRefusal(COUNTY_PASSED)).not.toBeNull();
    expect(isPossibleState(S("PENDING", "PASSED"))).toBe(false);
    expect(isPossibleState(S("REFUSED", "REFUSED"))).toBe(false);
  });
});
