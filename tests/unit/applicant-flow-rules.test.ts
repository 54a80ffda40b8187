/** The applicant's side as a parent meets it: home card actions, step checks, and messages that say the right thing. */
import { describe, expect, it } from "vitest";
import { homeCardAction } from "@/lib/domain/next-step";
import { submissionProblemItems } from "@/lib/domain/submission";
import { personNameProblem } from "@/lib/domain/person-name";
import { FAMILY_ECONOMY_TEMPLATE, validateExport } from "@/lib/domain/national-export";
import { buildResidentId } from "@/lib/domain/id-number";
import { bindChildSchema, parentRegistrationSchema } from "@/lib/schemas/accounts";
import { householdSchema, householdStepProblems, type HouseholdInput } from "@/lib/schemas/application";
import { addEntrySchema, paymentSchema } from "@/lib/schemas/determination";
import { COMPLETE_SUBMISSION } from "../support/submission-facts";

const at = (iso: string) => new Date(iso);
const dates = {
  applyStart: at("2026-11-20T00:00:00+08:00"),
  applyEnd: at("2026-11-30T23:59:00+08:00"),
  verifyDeadline: at("2026-12-05T23:59:00+08:00"),
  reviewDeadline: at("2026-12-15T23:59:00+08:00"),
};
const now = at("2026-11-24T10:00:00+08:00");

describe("the home card states the action and its deadline", () => {
  it("a returned application: the reason and the deadline to resubmit", () => {
    const a = homeCardAction(
      { state: "returned", returnReason: "缺少收入证明", returnDeadline: at("2026-11-27T23:59:00+08:00") },
      dates,
      now,
    );
    expect(a).toEqual({
      text: "需要修改：缺少收入证明，请在 11-27 23:59 前重新提交。",
      tone: "todo",
      button: "去修改",
    });
  });
  it("no application yet: 去申请, with the closing date", () => {
    expect(homeCardAction(null, dates, now)).toEqual({
      text: "尚未申请：请在 11-30 23:59 前填写并提交申请。",
      tone: "todo",
      button: "去申请",
    });
  });
  it("a draft: finish and submit by the closing date", () => {
    const a = homeCardAction({ state: "draft", returnReason: null, returnDeadline: null }, dates, now);
    expect(a.text).toBe("草稿未提交：请在 11-30 23:59 前完成填写并提交。");
    expect(a.button).toBe("去申请");
  });
  it("submitted: the school's turn, with the verification deadline", () => {
    const a = homeCardAction({ state: "submitted", returnReason: null, returnDeadline: null }, dates, now);
    expect(a.text).toContain("等待班主任核实（12-05 23:59 前）");
    expect(a.tone).toBe("wait");
  });
  it("after the window: no 去申请 button", () => {
    expect(homeCardAction(null, dates, at("2026-12-01T00:00:00+08:00")).button).toBeNull();
  });
});

const complete = COMPLETE_SUBMISSION;

describe("every missing item names the step where it is fixed", () => {
  it("城镇/农村 is required whatever the programmes ask (it is scored)", () => {
    const p = submissionProblemItems({
      ...complete,
      requiredFields: [],
      household: { ...complete.household!, residence: null },
    });
    expect(p).toEqual([{ step: "household", message: expect.stringContaining("城镇/农村") }]);
  });
  it("each problem points at its step", () => {
    const p = submissionProblemItems({
      ...complete,
      enrolmentConfirmed: false,
      programmeCount: 0,
      household: null,
      familyMemberCount: 0,
    });
    expect(p.map((x) => x.step)).toEqual(["confirm", "programmes", "household", "household"]);
  });
  it("the boarding subsidy asks whether the child boards, and refuses a child who does not", () => {
    const boardingFacts = { ...complete, requiredFields: [...complete.requiredFields, "household.boarding"] };
    expect(submissionProblemItems(boardingFacts)).toEqual([
      { step: "household", message: "所选资助项目要求填写：孩子是否在校寄宿。" },
    ]);
    expect(
      submissionProblemItems({ ...boardingFacts, household: { ...complete.household!, boarding: false } }),
    ).toEqual([{ step: "programmes", message: expect.stringContaining("只面向在校寄宿的学生") }]);
    expect(
      submissionProblemItems({ ...boardingFacts, household: { ...complete.household!, boarding: true } }),
    ).toEqual([]);
  });
});

const household = (patch: Partial<HouseholdInput> = {}): HouseholdInput => ({
  residence: "RURAL",
  regionCode: "440106",
  address: "",
  totalAnnualIncome: "36000",
  memberCount: "3",
  housing: "",
  vehicles: "",
  stateEmployedParent: "no",
  stableIncome: "no",
  boarding: "",
  declaredCategories: [],
  notes: "",
  familyMembers: [
    {
      name: "刘大山",
      relation: "父亲",
      age: "42",
      occupation: "",
      workStatus: "灵活就业",
      annualIncome: "30000",
      seriousIllness: false,
      disability: false,
      healthNote: "",
      inSchool: false,
    },
  ],
  suddenEvents: [],
  ...patch,
});

describe("the household step is checked when leaving it", () => {
  it("a complete step has nothing missing", () => {
    expect(householdStepProblems(household(), { askBoarding: false })).toEqual({});
  });
  it("names each required field that is empty", () => {
    const p = householdStepProblems(
      household({ residence: "", totalAnnualIncome: "", stableIncome: "", familyMembers: [] }),
      { askBoarding: true },
    );
    expect(Object.keys(p).sort()).toEqual(
      ["boarding", "familyMembers", "residence", "stableIncome", "totalAnnualIncome"].sort(),
    );
    expect(p.residence).toContain("城镇或农村");
  });
  it("keeps the 户籍 region and whether the child boards", () => {
    const d = householdSchema.parse(household({ boarding: "yes" }));
    expect(d.regionCode).toBe("440106");
    expect(d.boarding).toBe(true);
    expect(householdSchema.safeParse(household({ regionCode: "44x106" })).success).toBe(false);
  });
  it("a sudden event needs the day it happened, not in the future", () => {
    const ev = (occurredOn: string) =>
      householdSchema.safeParse(
        household({ suddenEvents: [{ kind: "ACCIDENT", occurredOn, amount: "5000", description: "" }] }),
      );
    const missing = ev("");
    expect(missing.success).toBe(false);
    expect(missing.error?.issues[0]?.message).toBe("请填写事件发生日期");
    expect(ev("2999-01-01").error?.issues[0]?.message).toBe("事件发生日期不能晚于今天");
    expect(ev("2026-02-30").error?.issues[0]?.message).toContain("有效日期");
    const ok = ev("2026-03-15");
    expect(ok.success && ok.data.suddenEvents[0]?.occurredOn).toBe("2026-03-15");
  });
});

describe("validation messages say what is actually wrong", () => {
  const incomeMessage = (v: string) =>
    householdSchema.safeParse(household({ totalAnnualIncome: v })).error?.issues[0]?.message;
  it("10^12 yuan is too large, not 'less than 0'", () => {
    expect(incomeMessage("1000000000000")).toBe("家庭年总收入不能超过2000万元");
    expect(incomeMessage("20000001")).toBe("家庭年总收入不能超过2000万元");
    expect(incomeMessage("20000000")).toBeUndefined();
  });
  it("a negative amount is negative, not 'over 2000万'", () => {
    const r = addEntrySchema.safeParse({
      rosterId: "c".repeat(25),
      studentNo: "G123456",
      amount: "-5",
      note: "补录",
    });
    expect(r.error?.issues.find((i) => i.path[0] === "amount")?.message).toBe(
      "金额不能为负数，请填写不小于0的金额（元）",
    );
    expect(paymentSchema.safeParse({ entryId: "c".repeat(25), amount: "−5" }).error?.issues[0]?.message).toBe(
      "实发金额不能为负数，请填写不小于0的金额（元）",
    );
    expect(incomeMessage("12.345")).toContain("最多两位小数");
    expect(incomeMessage("abc")).toContain("最多两位小数");
  });
});

describe("a name is a name: registration and the national export share one rule", () => {
  const idNumber = buildResidentId("440106", "2010-03-15", 101, "MALE");
  it("an emoji-only name is refused at registration and at binding", () => {
    for (const name of ["😀😀", "👨‍👩‍👧", "★★", "123"]) {
      const r = parentRegistrationSchema.safeParse({
        name,
        phone: "13800001234",
        password: "Zizhu2026x",
        confirm: "Zizhu2026x",
      });
      expect(r.success, name).toBe(false);
      expect(r.error?.issues.find((i) => i.path[0] === "name")?.message, name).toMatch(/姓名/);
      expect(
        bindChildSchema.safeParse({ childName: name, childIdNumber: idNumber, accessCode: "WXBA-2345" })
          .success,
      ).toBe(false);
    }
  });
  it("real names of every kind pass", () => {
    for (const name of ["王小明", "欧阳娜娜", "阿卜杜·热合曼", "Anna-Lena", "玛丽亚·O'Neil"]) {
      expect(personNameProblem(name), name).toBeNull();
      expect(
        bindChildSchema.safeParse({ childName: name, childIdNumber: idNumber, accessCode: "WXBA-2345" })
          .success,
        name,
      ).toBe(true);
    }
  });
  it("the national-export validator refuses an emoji name too", () => {
    const row = { name: "😀😀", idType: "居民身份证", idNumber };
    const problems = validateExport(FAMILY_ECONOMY_TEMPLATE, [row]);
    expect(problems).toContainEqual(
      expect.objectContaining({ column: "姓名", message: expect.stringContaining("表情符号") }),
    );
    const fine = validateExport(FAMILY_ECONOMY_TEMPLATE, [{ ...row, name: "王小明" }]);
    expect(fine.filter((p) => p.column === "姓名")).toEqual([]);
  });
});
