/**
 * A filled-in household step as the applicant's form sends it (strings as
 * typed): a rural family of three living on 36,000 元 a year, the mother
 * seriously ill. `over` replaces any field, also with values the schema refuses.
 */
export const householdForm = (over: Record<string, unknown> = {}) => ({
  residence: "RURAL",
  address: "天河区龙洞街1号",
  totalAnnualIncome: "36000",
  memberCount: "3",
  housing: "租房",
  vehicles: "无",
  stateEmployedParent: "no",
  stableIncome: "no",
  declaredCategories: [],
  notes: "",
  familyMembers: [
    {
      name: "陈父",
      relation: "父亲",
      age: "45",
      occupation: "务工",
      workStatus: "灵活就业",
      annualIncome: "30000",
      seriousIllness: false,
      disability: false,
      healthNote: "",
      inSchool: false,
    },
    {
      name: "陈母",
      relation: "母亲",
      age: "43",
      occupation: "",
      workStatus: "丧失劳动能力",
      annualIncome: "6000",
      seriousIllness: true,
      disability: false,
      healthNote: "尿毒症",
      inSchool: false,
    },
  ],
  suddenEvents: [],
  ...over,
});
