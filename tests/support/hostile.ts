/**
 * fast-check arbitraries for fuzzing forms: random and hostile
 * strings (injection payloads, control characters, NUL, lone surrogates,
 * bidi overrides, full-width digits, huge numbers, very long text), numbers,
 * dates and values of the wrong type.
 */
import fc from "fast-check";
import { expect } from "vitest";
import type { ActionResult } from "@/lib/domain/result";

export const HOSTILE_STRINGS = [
  "",
  " ",
  "\u0000",
  "abc\u0000def",
  "\t\n\r",
  "\u0007\u001b[31m",
  "<script>alert(1)</script>",
  "<img src=x onerror=alert(1)>",
  '\'; DROP TABLE "User"; --',
  "' OR '1'='1",
  "=cmd|' /C calc'!A0",
  "+SUM(A1:A9)",
  '@HYPERLINK("http://x")',
  "-1+1",
  "\u202Eexe.pdf",
  "\uD800",
  "\uDFFF\uD800",
  "𠮷野家",
  "👨‍👩‍👧‍👦",
  "١٢٣",
  "３６０００",
  "NaN",
  "Infinity",
  "-Infinity",
  "-0",
  "1e309",
  "0x10",
  "0b11",
  "  36000  ",
  "-1",
  "9".repeat(40),
  "1,234.567",
  "1.",
  ".5",
  "{{7*7}}",
  "${7*7}",
  "__proto__",
  "constructor",
  "null",
  "undefined",
  "true",
  "[]",
  "{}",
  "a".repeat(5_000),
  "中".repeat(600),
  "%00",
  "../../etc/passwd",
  "\\\\server\\share",
];

export const hostileString: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: fc.constantFrom(...HOSTILE_STRINGS), weight: 4 },
  { arbitrary: fc.string({ maxLength: 40 }), weight: 2 },
  { arbitrary: fc.string({ unit: "grapheme", maxLength: 120 }), weight: 2 },
  { arbitrary: fc.string({ unit: "binary", maxLength: 60 }), weight: 1 },
  { arbitrary: fc.integer().map(String), weight: 1 },
  { arbitrary: fc.double().map(String), weight: 1 },
);

/** Anything a hostile client could put where a form value is expected (server actions accept more than strings). */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { arbitrary: hostileString, weight: 6 },
  {
    arbitrary: fc.oneof(
      fc.integer(),
      fc.double(),
      fc.constantFrom(Number.NaN, Infinity, -0, Number.MAX_SAFE_INTEGER + 2),
    ),
    weight: 1,
  },
  { arbitrary: fc.boolean(), weight: 1 },
  { arbitrary: fc.constantFrom(null, undefined), weight: 1 },
  { arbitrary: fc.date(), weight: 1 },
  { arbitrary: fc.bigInt(), weight: 1 },
  { arbitrary: fc.array(fc.string({ maxLength: 5 }), { maxLength: 3 }), weight: 1 },
  { arbitrary: fc.object({ maxDepth: 1, maxKeys: 3 }), weight: 1 },
);

/** Mostly right, sometimes hostile: keeps a share of inputs valid so success paths are exercised too. */
export const sometimes = <T>(valid: fc.Arbitrary<T>) =>
  fc.oneof({ arbitrary: valid, weight: 3 }, { arbitrary: hostileValue, weight: 1 });

const yuanText = fc.oneof(
  fc.constant(""),
  fc.integer({ min: 0, max: 200_000 }).map(String),
  fc.constantFrom("36000", "1,234.50", "0.01"),
);

type Wrap = <T>(valid: fc.Arbitrary<T>) => fc.Arbitrary<unknown>;

function familyMember(w: Wrap) {
  return fc.record({
    name: w(fc.constantFrom("陈父", "陈母", "王奶奶")),
    relation: w(fc.constantFrom("父亲", "母亲", "祖母")),
    age: w(fc.oneof(fc.constant(""), fc.integer({ min: 0, max: 130 }).map(String))),
    occupation: w(fc.constantFrom("", "务工", "务农")),
    workStatus: w(fc.constantFrom("在岗", "灵活就业", "务农", "失业", "")),
    annualIncome: w(yuanText),
    seriousIllness: w(fc.boolean()),
    disability: w(fc.boolean()),
    healthNote: w(fc.constantFrom("", "尿毒症")),
    inSchool: w(fc.boolean()),
  });
}

function suddenEvent(w: Wrap) {
  return fc.record({
    kind: w(fc.constantFrom("NATURAL_DISASTER", "ACCIDENT", "SERIOUS_ILLNESS", "OTHER")),
    amount: w(fc.integer({ min: 0, max: 500_000 }).map(String)),
    description: w(fc.constantFrom("", "台风损毁房屋")),
  });
}

function household(w: Wrap) {
  return fc.record({
    residence: w(fc.constantFrom("URBAN", "RURAL", "")),
    address: w(fc.constantFrom("", "天河区龙洞街1号", "  前后有空格  ")),
    totalAnnualIncome: w(yuanText),
    memberCount: w(fc.oneof(fc.constant(""), fc.integer({ min: 1, max: 30 }).map(String))),
    housing: w(fc.constantFrom("", "租房")),
    vehicles: w(fc.constantFrom("", "无")),
    stateEmployedParent: w(fc.constantFrom("yes", "no", "")),
    stableIncome: w(fc.constantFrom("yes", "no", "")),
    declaredCategories: w(fc.subarray(["ORPHAN", "MINIMUM_LIVING", "DISABLED_STUDENT"])),
    notes: w(fc.constantFrom("", "母亲长期患病")),
    familyMembers: w(fc.array(familyMember(w), { maxLength: 17 })),
    suddenEvents: w(fc.array(suddenEvent(w), { maxLength: 6 })),
  });
}

const valid: Wrap = (a) => a;
export const familyMemberInput = familyMember(sometimes);
export const suddenEventInput = suddenEvent(sometimes);
/** Household forms where about one value in four is hostile. */
export const householdInput = household(sometimes);
/** Household forms a real browser could send (hostile only in being random). */
export const plausibleHouseholdInput = household(valid);

/** A Chinese message: at least one CJK ideograph, no English-only text. */
export const isChinese = (s: unknown) => typeof s === "string" && /[\u4e00-\u9fff]/.test(s);

/**
 * Runs one hostile call and asserts what the fuzz tests promise: it never
 * throws; a refusal carries Chinese messages and leaves `snapshot()` (the
 * database rows the call could touch) exactly as it was.
 */
export async function expectSafe(
  snapshot: () => Promise<string>,
  run: () => Promise<ActionResult<unknown>>,
): Promise<ActionResult<unknown>> {
  const before = await snapshot();
  let result: ActionResult<unknown> | undefined;
  let thrown: unknown;
  try {
    result = await run();
  } catch (e) {
    thrown = e;
  }
  expect(thrown, String(thrown)).toBeUndefined();
  if (!result!.ok) {
    expect(result!.message).toSatisfy(isChinese);
    for (const m of Object.values(result!.fieldErrors ?? {})) expect(m).toSatisfy(isChinese);
    const after = await snapshot();
    if (after !== before)
      console.error(`refused (${result!.message}) but wrote:\nbefore ${before}\nafter  ${after}`);
    expect(after).toBe(before);
  }
  return result!;
}
