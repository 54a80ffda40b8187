import { describe, expect, it } from "vitest";
import {
  INITIAL_STATE,
  isPossibleState,
  listMonthStart,
  paymentGate,
  publicityEndsAt,
  transition,
  type ListAction,
  type ListActor,
  type ListContext,
  type MonthlyListState,
} from "@/lib/domain/vocational-roster";
import { buildCalendar, NO_HOLIDAYS } from "@/lib/domain/working-days";

const OFFICER: ListActor = { role: "SCHOOL_ADMIN", relation: "OWN_SCHOOL" };
const LEADER: ListActor = { role: "SCHOOL_LEADER", relation: "OWN_SCHOOL" };
const COUNTY: ListActor = { role: "SUPERVISOR", relation: "DIRECT" };
const CITY: ListActor = { role: "SUPERVISOR", relation: "ABOVE" };
const OTHER_COUNTY: ListActor = { role: "SUPERVISOR", relation: "OTHER" };
const OTHER_SCHOOL: ListActor = { role: "SCHOOL_ADMIN", relation: "OTHER" };
const TEACHER: ListActor = { role: "TEACHER", relation: "OTHER" };

const SUBSIDY_MARCH: ListContext = { month: 3, programmeKind: "SUBSIDY" };
const WAIVER_MARCH: ListContext = { month: 3, programmeKind: "FEE_WAIVER" };

// 2026-03-02 is a Monday: 5 working days end on Friday 2026-03-06.
const TODAY = "2026-03-02";
const publicise = (attachments = 1, calendar = NO_HOLIDAYS): ListAction => ({
  kind: "PUBLICISE",
  attachments,
  today: TODAY,
  calendar,
});

const S = (over: Partial<MonthlyListState>): MonthlyListState => ({ ...INITIAL_STATE, ...over });
const SCHOOL_PASSED = S({ schoolReview: "PASSED" });
const BOTH_PASSED = S({ schoolReview: "PASSED", supervisorReview: "PASSED" });
const PUBLISHED = S({
  schoolReview: "PASSED",
  supervisorReview: "PASSED",
  publicity: "PUBLISHED",
  publicityStart: TODAY,
  publicityEnd: "2026-03-06",
});
const CONFIRMED = { ...PUBLISHED, confirmation: "PASSED" as const };
const PAID = { ...CONFIRMED, payment: "PAID" as const };
const WITHDRAWAL_ASKED = { ...PAID, withdrawal: "PENDING" as const };
const AFTER_END = new Date("2026-03-06T16:00:00.000Z"); // 2026-03-07 00:00 Beijing

type Row = [
  name: string,
  from: MonthlyListState,
  action: ListAction,
  actor: ListActor,
  expected: Partial<MonthlyListState> | RegExp,
];

const TABLE: Row[] = [
  // 资助名单录入
  ["officer edits a new list", INITIAL_STATE, { kind: "EDIT" }, OFFICER, { schoolReview: "PENDING" }],
  ["leader cannot edit", INITIAL_STATE, { kind: "EDIT" }, LEADER, /只有本校资助经办人员/],
  ["another school cannot edit", INITIAL_STATE, { kind: "EDIT" }, OTHER_SCHOOL, /只有本校资助经办人员/],
  ["supervisor cannot edit", INITIAL_STATE, { kind: "EDIT" }, COUNTY, /只有本校资助经办人员/],
  ["no edit while awaiting the county", SCHOOL_PASSED, { kind: "EDIT" }, OFFICER, /等待主管部门审核/],
  ["no edit after both passes", BOTH_PASSED, { kind: "EDIT" }, OFFICER, /请公示/],
  ["no edit once published", PUBLISHED, { kind: "EDIT" }, OFFICER, /已公示/],
  [
    "edit after the school refused",
    S({ schoolReview: "REFUSED" }),
    { kind: "EDIT" },
    OFFICER,
    { schoolReview: "PENDING", supervisorReview: "PENDING" },
  ],
  [
    "edit after the county refused resets both reviews",
    S({ schoolReview: "PASSED", supervisorReview: "REFUSED" }),
    { kind: "EDIT" },
    OFFICER,
    { schoolReview: "PENDING", supervisorReview: "PENDING" },
  ],
  // 学校审核
  ["leader passes", INITIAL_STATE, { kind: "SCHOOL_REVIEW", pass: true }, LEADER, { schoolReview: "PASSED" }],
  [
    "leader refuses with a reason",
    INITIAL_STATE,
    { kind: "SCHOOL_REVIEW", pass: false, comment: "漏报" },
    LEADER,
    { schoolReview: "REFUSED" },
  ],
  ["refusal needs a reason", INITIAL_STATE, { kind: "SCHOOL_REVIEW", pass: false }, LEADER, /填写原因/],
  ["officer cannot review", INITIAL_STATE, { kind: "SCHOOL_REVIEW", pass: true }, OFFICER, /学校领导/],
  ["no second school review", SCHOOL_PASSED, { kind: "SCHOOL_REVIEW", pass: true }, LEADER, /已是“通过”/],
  // 主管部门审核
  [
    "county passes",
    SCHOOL_PASSED,
    { kind: "SUPERVISOR_REVIEW", pass: true },
    COUNTY,
    { supervisorReview: "PASSED" },
  ],
  [
    "county refuses",
    SCHOOL_PASSED,
    { kind: "SUPERVISOR_REVIEW", pass: false, comment: "金额有误" },
    COUNTY,
    { supervisorReview: "REFUSED" },
  ],
  [
    "county waits for the school",
    INITIAL_STATE,
    { kind: "SUPERVISOR_REVIEW", pass: true },
    COUNTY,
    /尚未通过学校审核/,
  ],
  [
    "city above cannot review",
    SCHOOL_PASSED,
    { kind: "SUPERVISOR_REVIEW", pass: true },
    CITY,
    /所属主管部门/,
  ],
  [
    "other county cannot review",
    SCHOOL_PASSED,
    { kind: "SUPERVISOR_REVIEW", pass: true },
    OTHER_COUNTY,
    /所属主管部门/,
  ],
  [
    "school cannot do the county's review",
    SCHOOL_PASSED,
    { kind: "SUPERVISOR_REVIEW", pass: true },
    LEADER,
    /所属主管部门/,
  ],
  // 资助名单公示
  [
    "officer publicises after both passes",
    BOTH_PASSED,
    publicise(),
    OFFICER,
    { publicity: "PUBLISHED", confirmation: "PENDING", publicityStart: TODAY, publicityEnd: "2026-03-06" },
  ],
  [
    "no publicity before the county passes",
    SCHOOL_PASSED,
    publicise(),
    OFFICER,
    /须先通过学校审核和主管部门审核/,
  ],
  ["no second publicity", PUBLISHED, publicise(), OFFICER, /名单已公示/],
  ["teacher cannot publicise", BOTH_PASSED, publicise(), TEACHER, /只有本校资助经办人员/],
  // 名单公示确认
  ["county confirms", PUBLISHED, { kind: "CONFIRM" }, COUNTY, { confirmation: "PASSED" }],
  ["school cannot confirm its own list", PUBLISHED, { kind: "CONFIRM" }, OFFICER, /所属主管部门/],
  ["leader cannot confirm its own list", PUBLISHED, { kind: "CONFIRM" }, LEADER, /所属主管部门/],
  ["other county cannot confirm", PUBLISHED, { kind: "CONFIRM" }, OTHER_COUNTY, /所属主管部门/],
  ["no confirmation before publicity", BOTH_PASSED, { kind: "CONFIRM" }, COUNTY, /尚未公示/],
  ["no second confirmation", CONFIRMED, { kind: "CONFIRM" }, COUNTY, /已是“公示通过”/],
  [
    "公示不通过 resets publicity and both reviews",
    PUBLISHED,
    { kind: "REFUSE_PUBLICITY", comment: "附件不清晰" },
    COUNTY,
    {
      confirmation: "REFUSED",
      publicity: "UNPUBLISHED",
      schoolReview: "PENDING",
      supervisorReview: "PENDING",
      publicityStart: null,
      publicityEnd: null,
    },
  ],
  ["公示不通过 needs a reason", PUBLISHED, { kind: "REFUSE_PUBLICITY", comment: "  " }, COUNTY, /填写原因/],
  [
    "a confirmed list cannot be refused",
    CONFIRMED,
    { kind: "REFUSE_PUBLICITY", comment: "x" },
    COUNTY,
    /申请公示退回/,
  ],
  // 资金发放
  [
    "payment after the end",
    CONFIRMED,
    { kind: "RECORD_PAYMENT", at: AFTER_END },
    OFFICER,
    { payment: "PAID" },
  ],
  [
    "payment before confirmation",
    PUBLISHED,
    { kind: "RECORD_PAYMENT", at: AFTER_END },
    OFFICER,
    /尚未确认公示通过/,
  ],
  [
    "county cannot record payment",
    CONFIRMED,
    { kind: "RECORD_PAYMENT", at: AFTER_END },
    COUNTY,
    /只有本校资助经办人员/,
  ],
  // 申请公示退回 / 公示退回审核
  [
    "officer asks to withdraw",
    PAID,
    { kind: "REQUEST_WITHDRAWAL", comment: "名单有误" },
    OFFICER,
    { withdrawal: "PENDING" },
  ],
  [
    "withdrawal needs a confirmed list",
    PUBLISHED,
    { kind: "REQUEST_WITHDRAWAL", comment: "x" },
    OFFICER,
    /已确认公示通过/,
  ],
  ["withdrawal needs a reason", PAID, { kind: "REQUEST_WITHDRAWAL", comment: "" }, OFFICER, /填写原因/],
  [
    "no second request",
    WITHDRAWAL_ASKED,
    { kind: "REQUEST_WITHDRAWAL", comment: "x" },
    OFFICER,
    /正在审核中/,
  ],
  [
    "county cannot ask to withdraw",
    PAID,
    { kind: "REQUEST_WITHDRAWAL", comment: "x" },
    COUNTY,
    /本校资助经办人员/,
  ],
  [
    "granted withdrawal resets everything and unpays",
    WITHDRAWAL_ASKED,
    { kind: "DECIDE_WITHDRAWAL", grant: true },
    COUNTY,
    {
      withdrawal: "GRANTED",
      confirmation: "REFUSED",
      publicity: "UNPUBLISHED",
      schoolReview: "PENDING",
      supervisorReview: "PENDING",
      payment: "UNPAID",
      publicityStart: null,
      publicityEnd: null,
    },
  ],
  [
    "refused withdrawal keeps the list",
    WITHDRAWAL_ASKED,
    { kind: "DECIDE_WITHDRAWAL", grant: false, comment: "理由不足" },
    COUNTY,
    { withdrawal: "REFUSED", confirmation: "PASSED", payment: "PAID" },
  ],
  [
    "refusing needs a reason",
    WITHDRAWAL_ASKED,
    { kind: "DECIDE_WITHDRAWAL", grant: false },
    COUNTY,
    /填写原因/,
  ],
  ["no request to decide", PAID, { kind: "DECIDE_WITHDRAWAL", grant: true }, COUNTY, /没有待审核/],
  [
    "school cannot grant its own withdrawal",
    WITHDRAWAL_ASKED,
    { kind: "DECIDE_WITHDRAWAL", grant: true },
    OFFICER,
    /所属主管部门/,
  ],
  [
    "city above cannot grant",
    WITHDRAWAL_ASKED,
    { kind: "DECIDE_WITHDRAWAL", grant: true },
    CITY,
    /所属主管部门/,
  ],
];

describe("monthly list transitions (from-state × action × actor)", () => {
  it.each(TABLE)("%s", (_name, from, action, actor, expected) => {
    const result = transition(from, action, actor, SUBSIDY_MARCH);
    if (expected instanceof RegExp) {
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.reason).toMatch(expected);
    } else {
      expect(result.ok).toBe(true);
      if (result.ok) {
        expect(result.state).toMatchObject(expected);
        expect(isPossibleState(result.state)).toBe(true);
      }
    }
  });

  it("only the states reachable from a new list are possible ones", () => {
    expect(isPossibleState(INITIAL_STATE)).toBe(true);
    expect(isPossibleState(S({ supervisorReview: "PASSED" }))).toBe(false);
    expect(isPossibleState(S({ confirmation: "PASSED" }))).toBe(false);
    expect(
      isPossibleState({
        ...SCHOOL_PASSED,
        publicity: "PUBLISHED",
        publicityStart: TODAY,
        publicityEnd: TODAY,
      }),
    ).toBe(false);
    expect(isPossibleState({ ...BOTH_PASSED, payment: "PAID" })).toBe(false);
  });
});

describe("effects", () => {
  it("公示通过 of a 免学费 list fills the actual amounts; of a 助学金 list it does not", () => {
    const waiver = transition(PUBLISHED, { kind: "CONFIRM" }, COUNTY, WAIVER_MARCH);
    const subsidy = transition(PUBLISHED, { kind: "CONFIRM" }, COUNTY, SUBSIDY_MARCH);
    expect(waiver.ok && waiver.effects).toEqual({ fillActualAmounts: true });
    expect(subsidy.ok && subsidy.effects).toEqual({});
  });

  it("a granted withdrawal of a paid list zeroes the paid amounts; of an unpaid list there is nothing to zero", () => {
    const paid = transition(
      WITHDRAWAL_ASKED,
      { kind: "DECIDE_WITHDRAWAL", grant: true },
      COUNTY,
      SUBSIDY_MARCH,
    );
    expect(paid.ok && paid.effects).toEqual({ zeroPaidAmounts: true });
    const unpaid = transition(
      { ...CONFIRMED, withdrawal: "PENDING" },
      { kind: "DECIDE_WITHDRAWAL", grant: true },
      COUNTY,
      SUBSIDY_MARCH,
    );
    expect(unpaid.ok && unpaid.effects).toEqual({});
  });

  it("a full month: refused, fixed, confirmed, paid, withdrawn — and publicised again", () => {
    let state = INITIAL_STATE;
    const step = (action: ListAction, actor: ListActor) => {
      const result = transition(state, action, actor, { month: 5, programmeKind: "SUBSIDY" });
      if (!result.ok) throw new Error(result.reason);
      state = result.state;
      return result.effects;
    };
    step({ kind: "EDIT" }, OFFICER);
    step({ kind: "SCHOOL_REVIEW", pass: true }, LEADER);
    step({ kind: "SUPERVISOR_REVIEW", pass: true }, COUNTY);
    step(publicise(1), OFFICER);
    step({ kind: "REFUSE_PUBLICITY", comment: "附件缺页" }, COUNTY);
    step({ kind: "EDIT" }, OFFICER);
    step({ kind: "SCHOOL_REVIEW", pass: true }, LEADER);
    step({ kind: "SUPERVISOR_REVIEW", pass: true }, COUNTY);
    step(publicise(2), OFFICER);
    expect(state.confirmation).toBe("PENDING");
    step({ kind: "CONFIRM" }, COUNTY);
    step({ kind: "RECORD_PAYMENT", at: AFTER_END }, OFFICER);
    step({ kind: "REQUEST_WITHDRAWAL", comment: "漏发一人" }, OFFICER);
    expect(step({ kind: "DECIDE_WITHDRAWAL", grant: true }, COUNTY)).toEqual({ zeroPaidAmounts: true });
    step({ kind: "EDIT" }, OFFICER);
    expect(state).toMatchObject({ confirmation: "REFUSED", withdrawal: "GRANTED", payment: "UNPAID" });
  });
});

describe("the May / December attachment rule", () => {
  it.each([1, 2, 3, 4, 6, 7, 8, 9, 10, 11])("month %i may be publicised without an attachment", (month) => {
    expect(transition(BOTH_PASSED, publicise(0), OFFICER, { month, programmeKind: "SUBSIDY" }).ok).toBe(true);
  });
  it.each([5, 12])("month %i needs an attachment", (month) => {
    const without = transition(BOTH_PASSED, publicise(0), OFFICER, { month, programmeKind: "FEE_WAIVER" });
    expect(without.ok).toBe(false);
    if (!without.ok) expect(without.reason).toBe(`${month}月的名单公示必须上传公示附件（PDF 或图片）。`);
    expect(transition(BOTH_PASSED, publicise(1), OFFICER, { month, programmeKind: "FEE_WAIVER" }).ok).toBe(
      true,
    );
  });
});

describe("publicity end and the payment gate", () => {
  it("counts 5 working days from the school calendar (holidays skipped, make-up days counted)", () => {
    // 2026-10-01..08 National Day; 2026-10-10 (Saturday) a make-up working day.
    const calendar = buildCalendar({ holidays: [["2026-10-01", "2026-10-08"]], workdays: ["2026-10-10"] });
    const result = transition(
      BOTH_PASSED,
      { kind: "PUBLICISE", attachments: 0, today: "2026-09-30", calendar },
      OFFICER,
      { month: 9, programmeKind: "SUBSIDY" },
    );
    // working days: 09-30, 10-09, 10-10, 10-12, 10-13
    expect(result.ok && result.state.publicityEnd).toBe("2026-10-13");
  });

  it("opens at Beijing midnight after the last publicity day, not a millisecond earlier", () => {
    const endsAt = publicityEndsAt("2026-03-06");
    expect(endsAt.toISOString()).toBe("2026-03-06T16:00:00.000Z");
    const before = new Date(endsAt.getTime() - 1);
    expect(paymentGate(CONFIRMED, endsAt)).toBeNull();
    expect(paymentGate(CONFIRMED, before)).toBe(
      "暂不能发放资金：公示期至 2026-03-06（北京时间）结束，2026-03-07 起才能发放（今天是 2026-03-06）。",
    );
    const late = transition(CONFIRMED, { kind: "RECORD_PAYMENT", at: before }, OFFICER, SUBSIDY_MARCH);
    expect(late.ok).toBe(false);
  });

  it("names every missing condition", () => {
    const message = paymentGate(PUBLISHED, new Date("2026-03-03T02:00:00Z"));
    expect(message).toContain("主管部门尚未确认公示通过（名单公示确认：待确认）");
    expect(message).toContain("公示期至 2026-03-06");
    expect(paymentGate(INITIAL_STATE, AFTER_END)).toContain("名单尚未公示");
    expect(paymentGate({ ...CONFIRMED, withdrawal: "PENDING" }, AFTER_END)).toContain(
      "公示退回申请正在审核中",
    );
  });
});

describe("the list month in the academic year", () => {
  it("puts September–December in the first year and January–August in the second", () => {
    expect(listMonthStart("2026-2027", 9)).toBe("2026-09-01");
    expect(listMonthStart("2026-2027", 12)).toBe("2026-12-01");
    expect(listMonthStart("2026-2027", 1)).toBe("2027-01-01");
    expect(listMonthStart("2026-2027", 8)).toBe("2027-08-01");
    expect(listMonthStart("2026", 5)).toBeNull();
    expect(listMonthStart("2026-2027", 13)).toBeNull();
  });
});
