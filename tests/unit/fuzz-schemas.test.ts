/**
 * Property-based fuzzing of the form schemas: random and
 * hostile input never throws; it is either accepted with values inside the
 * limits, or refused with Chinese messages only.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { z } from "zod";
import {
  activationSchema,
  bindChildSchema,
  changePasswordSchema,
  parentRegistrationSchema,
} from "@/lib/schemas/accounts";
import {
  enrolmentIssueSchema,
  familyMemberSchema,
  householdSchema,
  personIdSchema,
  programmeChoiceSchema,
  suddenEventSchema,
  waiveSchema,
} from "@/lib/schemas/application";
import { signInSchema } from "@/lib/auth/authenticate";
import { objectionSchema, revokeSchema, reviewSchema, setLevelSchema } from "@/lib/schemas/determination";
import { guardianSchema, homeVisitSchema, returnSchema } from "@/lib/schemas/teacher";
import {
  familyMemberInput,
  hostileString,
  hostileValue,
  householdInput,
  isChinese,
  suddenEventInput,
} from "../support/hostile";

const RUNS = { numRuns: 400 };

function expectChineseOrOk(schema: z.ZodType, input: unknown) {
  let r: ReturnType<typeof schema.safeParse>;
  expect(() => {
    r = schema.safeParse(input);
  }).not.toThrow();
  if (!r!.success)
    for (const issue of r!.error.issues) expect(issue.message, JSON.stringify(issue)).toSatisfy(isChinese);
  return r!;
}

const noNul = (v: unknown): boolean =>
  typeof v === "string"
    ? !v.includes("\u0000")
    : Array.isArray(v)
      ? v.every(noNul)
      : v && typeof v === "object"
        ? Object.values(v).every(noNul)
        : true;

describe("application form schemas", () => {
  it("household: accepted values stay in range; refusals are Chinese", () => {
    fc.assert(
      fc.property(householdInput, (input) => {
        const r = expectChineseOrOk(householdSchema, input);
        if (r.success) {
          const d = r.data as z.output<typeof householdSchema>;
          expect(d.familyMembers.length).toBeLessThanOrEqual(15);
          expect(d.suddenEvents.length).toBeLessThanOrEqual(5);
          if (d.totalAnnualIncome !== null)
            expect(
              Number.isSafeInteger(d.totalAnnualIncome) &&
                d.totalAnnualIncome >= 0 &&
                d.totalAnnualIncome <= 2_000_000_000,
            ).toBe(true);
          if (d.memberCount !== null) expect(d.memberCount >= 1 && d.memberCount <= 30).toBe(true);
          expect(d.address.length).toBeLessThanOrEqual(100);
          expect(d.notes.length).toBeLessThanOrEqual(500);
          for (const m of d.familyMembers) {
            expect(m.name.length >= 1 && m.name.length <= 30).toBe(true);
            if (m.age !== null) expect(Number.isInteger(m.age) && m.age >= 0 && m.age <= 130).toBe(true);
            if (m.annualIncome !== null)
              expect(m.annualIncome >= 0 && m.annualIncome <= 2_000_000_000).toBe(true);
          }
          for (const e of d.suddenEvents) expect(e.amount! >= 0).toBe(true);
          // Text the database cannot store (NUL) never gets through.
          expect(noNul(d)).toBe(true);
        }
      }),
      RUNS,
    );
  });

  it("household: control characters in any text field are refused (NUL cannot be stored)", () => {
    const valid = {
      residence: "RURAL",
      address: "龙洞街1号",
      totalAnnualIncome: "36000",
      memberCount: "3",
      housing: "",
      vehicles: "",
      stateEmployedParent: "no",
      stableIncome: "no",
      declaredCategories: [],
      notes: "",
      familyMembers: [],
      suddenEvents: [],
    };
    const member = {
      name: "陈父",
      relation: "父亲",
      age: "45",
      occupation: "",
      workStatus: "",
      annualIncome: "",
      seriousIllness: false,
      disability: false,
      healthNote: "",
      inSchool: false,
    };
    expect(householdSchema.safeParse(valid).success).toBe(true);
    const bad = fc.constantFrom("\u0000", "\u001b", "\u202e", "\u0085");
    fc.assert(
      fc.property(
        fc.constantFrom("address", "housing", "vehicles", "notes"),
        bad,
        fc.string({ maxLength: 5 }),
        (field, c, text) => {
          const r = householdSchema.safeParse({ ...valid, [field]: text + c + text });
          expect(r.success).toBe(false);
          if (!r.success) expect(r.error.issues[0]!.message).toMatch(/控制字符/);
        },
      ),
    );
    fc.assert(
      fc.property(fc.constantFrom("name", "relation", "occupation", "healthNote"), bad, (field, c) => {
        expect(
          householdSchema.safeParse({ ...valid, familyMembers: [{ ...member, [field]: `a${c}` }] }).success,
        ).toBe(false);
      }),
    );
  });

  it("household: anything at all (wrong types, nesting) is refused in Chinese, never thrown", () => {
    fc.assert(
      fc.property(fc.anything(), (input) => {
        expectChineseOrOk(householdSchema, input);
      }),
      RUNS,
    );
  });

  it("family members and sudden events on their own", () => {
    fc.assert(
      fc.property(familyMemberInput, (m) => {
        expectChineseOrOk(familyMemberSchema, m);
      }),
      RUNS,
    );
    fc.assert(
      fc.property(suddenEventInput, (e) => {
        expectChineseOrOk(suddenEventSchema, e);
      }),
      RUNS,
    );
  });

  it("programme choice, waiver, enrolment issue and person id", () => {
    fc.assert(
      fc.property(
        fc.record({ programmeIds: fc.oneof(fc.array(hostileString, { maxLength: 12 }), hostileValue) }),
        (v) => {
          expectChineseOrOk(programmeChoiceSchema, v);
        },
      ),
      RUNS,
    );
    fc.assert(
      fc.property(fc.record({ reason: hostileValue }), (v) => {
        const r = expectChineseOrOk(waiveSchema, v);
        if (r.success) expect((r.data as { reason: string }).reason.length).toBeLessThanOrEqual(200);
      }),
      RUNS,
    );
    fc.assert(
      fc.property(fc.record({ content: hostileValue }), (v) => {
        const r = expectChineseOrOk(enrolmentIssueSchema, v);
        if (r.success) expect(noNul(r.data)).toBe(true);
      }),
      RUNS,
    );
    fc.assert(
      fc.property(hostileValue, (v) => {
        const r = expectChineseOrOk(personIdSchema, v);
        if (r.success) expect(r.data).toMatch(/^[a-z0-9]{1,40}$/);
      }),
      RUNS,
    );
  });
});

describe("account and sign-in schemas", () => {
  const rec = <K extends string>(keys: K[]) =>
    fc.record(Object.fromEntries(keys.map((k) => [k, hostileValue])) as Record<K, fc.Arbitrary<unknown>>);
  it.each([
    ["activation", activationSchema, ["name", "idNumber", "studentNo", "password", "confirm"]],
    ["parent registration", parentRegistrationSchema, ["name", "phone", "password", "confirm"]],
    ["child binding", bindChildSchema, ["childName", "childIdNumber"]],
    ["password change", changePasswordSchema, ["current", "password", "confirm"]],
    ["sign-in", signInSchema, ["kind", "identifier", "password"]],
  ] as const)("%s", (_name, schema, keys) => {
    fc.assert(
      fc.property(rec([...keys]), (v) => {
        const r = expectChineseOrOk(schema as z.ZodType, v);
        if (r.success) expect(noNul(r.data)).toBe(true);
      }),
      RUNS,
    );
    fc.assert(
      fc.property(fc.anything(), (v) => {
        expectChineseOrOk(schema as z.ZodType, v);
      }),
      { numRuns: 200 },
    );
  });
});

describe("teacher and determination schemas (return, guardian, home visit, level override, revocation, objection)", () => {
  const rec = <K extends string>(keys: K[]) =>
    fc.record(Object.fromEntries(keys.map((k) => [k, hostileValue])) as Record<K, fc.Arbitrary<unknown>>);
  it.each([
    ["return for changes", returnSchema, ["reason", "deadline"]],
    ["guardian correction", guardianSchema, ["name", "relation", "mobile", "idNumber"]],
    ["home visit", homeVisitSchema, ["visitDate", "visitors", "findings", "scores"]],
    ["level override", setLevelSchema, ["applicationId", "version", "level", "reason"]],
    ["review", reviewSchema, ["applicationId", "version", "decision", "comment"]],
    ["revocation", revokeSchema, ["applicationId", "version", "reason", "detail"]],
    ["objection", objectionSchema, ["batchId", "content"]],
  ] as const)("%s", (_name, schema, keys) => {
    fc.assert(
      fc.property(rec([...keys]), (v) => {
        expectChineseOrOk(schema as z.ZodType, v);
      }),
      RUNS,
    );
    fc.assert(
      fc.property(fc.anything(), (v) => {
        expectChineseOrOk(schema as z.ZodType, v);
      }),
      { numRuns: 200 },
    );
  });

  it("a version the database cannot hold (PostgreSQL integer) is refused in Chinese, not passed on", () => {
    for (const version of [
      "2147483648",
      "1e12",
      String(Number.MAX_SAFE_INTEGER),
      new Date("2026-01-01") as unknown as string,
    ]) {
      const r = expectChineseOrOk(setLevelSchema, {
        applicationId: "abc123",
        version,
        level: "HARDSHIP",
        reason: "",
      });
      expect(r.success, String(version)).toBe(false);
    }
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_000_000_000 }), (v) => {
        expect(
          setLevelSchema.safeParse({
            applicationId: "abc123",
            version: String(v),
            level: "HARDSHIP",
            reason: "",
          }).success,
        ).toBe(true);
      }),
    );
  });

  it("the home-visit score sheet holds at most 100 answers", () => {
    const scores = Object.fromEntries(Array.from({ length: 101 }, (_, i) => [`k${i}`, "a"]));
    const r = expectChineseOrOk(homeVisitSchema, {
      visitDate: "2026-10-08",
      visitors: "张老师、李老师",
      findings: "家中两间瓦房。",
      scores,
    });
    expect(r.success).toBe(false);
  });
});
