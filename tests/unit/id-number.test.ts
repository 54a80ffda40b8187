import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  buildResidentId,
  chinaDateString,
  normaliseIdNumber,
  residentIdCheckDigit,
  toHalfWidth,
  validateIdNumber,
  validateResidentId,
} from "@/lib/domain/id-number";
import type { IdType } from "@/lib/domain/codes";

const TODAY = new Date("2026-03-01T04:00:00Z");

/** Arbitrary valid inputs for buildResidentId. */
const regionArb = fc
  .tuple(fc.constantFrom("11", "31", "44", "51", "65", "71"), fc.integer({ min: 0, max: 9999 }))
  .map(([p, rest]) => p + String(rest).padStart(4, "0"));
const birthArb = fc
  .date({ min: new Date("1900-01-01T00:00:00Z"), max: new Date("2025-12-31T00:00:00Z"), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));
const genderArb = fc.constantFrom("MALE" as const, "FEMALE" as const);
const validIdArb = fc
  .tuple(regionArb, birthArb, fc.integer({ min: 0, max: 999 }), genderArb)
  .map(([r, b, s, g]) => ({ id: buildResidentId(r, b, s, g), region: r, birth: b, gender: g }));

describe("toHalfWidth / normaliseIdNumber", () => {
  it("converts full-width digits, letters and spaces", () => {
    expect(toHalfWidth("１２３ｘＸ　ａ")).toBe("123xX a");
    expect(toHalfWidth("张三")).toBe("张三");
  });

  it("trims, removes inner spaces and upper-cases x", () => {
    expect(normaliseIdNumber("  11010519491231002x ")).toBe("11010519491231002X");
    expect(normaliseIdNumber("110105 19491231 002X")).toBe("11010519491231002X");
    expect(normaliseIdNumber("１１０１０５１９４９１２３１００２ｘ")).toBe("11010519491231002X");
    expect(normaliseIdNumber("\t1101\u300005194912\n31002x")).toBe("11010519491231002X");
    expect(normaliseIdNumber("")).toBe("");
  });

  it("is idempotent", () => {
    fc.assert(
      fc.property(fc.string(), (s) => normaliseIdNumber(normaliseIdNumber(s)) === normaliseIdNumber(s)),
    );
  });
});

describe("residentIdCheckDigit", () => {
  it("matches the GB 11643-1999 published example and known values", () => {
    expect(residentIdCheckDigit("11010519491231002")).toBe("X"); // standard's own example
    expect(residentIdCheckDigit("44052418800101001")).toBe("4");
    expect(residentIdCheckDigit("11010120000101001")).toBe("0");
    expect(residentIdCheckDigit("44010620080101001")).toBe("7");
  });

  it("covers every check character", () => {
    const seen = new Set<string>();
    for (let seq = 0; seq < 1000 && seen.size < 11; seq++) {
      seen.add(residentIdCheckDigit(`44010620080101${String(seq).padStart(3, "0")}`));
    }
    expect([...seen].sort()).toEqual(["0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "X"]);
  });

  it("rejects input that is not 17 digits", () => {
    expect(() => residentIdCheckDigit("1234")).toThrow(RangeError);
    expect(() => residentIdCheckDigit("1101051949123100X")).toThrow(RangeError);
    expect(() => residentIdCheckDigit("110105194912310021")).toThrow(RangeError);
  });
});

describe("validateResidentId", () => {
  it("accepts a valid number and extracts its data", () => {
    expect(validateResidentId("11010519491231002X", TODAY)).toEqual({
      ok: true,
      id: "11010519491231002X",
      birthDate: "1949-12-31",
      gender: "FEMALE",
      regionCode: "110105",
    });
    expect(validateResidentId("440106200801010017", TODAY)).toEqual({
      ok: true,
      id: "440106200801010017",
      birthDate: "2008-01-01",
      gender: "MALE",
      regionCode: "440106",
    });
  });

  it("accepts lower-case x, full-width and spaced input and returns the canonical id", () => {
    const r = validateResidentId(" 110105 1949 1231 002x ", TODAY);
    expect(r).toMatchObject({ ok: true, id: "11010519491231002X" });
    expect(validateResidentId("１１０１０５１９４９１２３１００２Ｘ", TODAY)).toMatchObject({ ok: true });
  });

  it.each([
    ["", "请填写身份证号"],
    ["   ", "请填写身份证号"],
    ["11010519491231002", "身份证号应为18位（17位数字加1位数字或X），请核对后重新填写"],
    ["11010519491231002X1", "身份证号应为18位（17位数字加1位数字或X），请核对后重新填写"],
    ["1101051949123100XX", "身份证号应为18位（17位数字加1位数字或X），请核对后重新填写"],
    ["11010519491231002Y", "身份证号应为18位（17位数字加1位数字或X），请核对后重新填写"],
    ["110105194912310021-", "身份证号应为18位（17位数字加1位数字或X），请核对后重新填写"],
    ["110105194912310", "身份证号应为18位（17位数字加1位数字或X），请核对后重新填写"], // old 15-digit format
  ])("rejects bad format %j", (raw, reason) => {
    expect(validateResidentId(raw, TODAY)).toEqual({ ok: false, reason });
  });

  it("rejects region codes starting with 0 or naming no province", () => {
    for (const prefix of ["010105", "000000", "990101", "200101", "700101"]) {
      const first17 = `${prefix}20080101123`;
      const r = validateResidentId(first17 + residentIdCheckDigit(first17), TODAY);
      expect(r).toEqual({ ok: false, reason: "身份证号前6位地区码无效，请核对后重新填写" });
    }
  });

  it("tells the user to pick the residence-permit type for 81/82/830000 numbers", () => {
    const id = buildResidentId("810000", "2008-01-01", 12, "MALE");
    const r = validateResidentId(id, TODAY);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toContain("港澳台居民居住证");
  });

  const withBirth = (yyyymmdd: string) => {
    const first17 = `440106${yyyymmdd}123`;
    return first17 + residentIdCheckDigit(first17);
  };

  it.each([
    "20080230",
    "20080231",
    "20070229",
    "21000229",
    "19000229",
    "20081301",
    "20080001",
    "20080100",
    "20080432",
    "20080631",
  ])("rejects invalid calendar date %s", (d) => {
    const r = validateResidentId(withBirth(d), TODAY);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toContain("身份证号中的出生日期无效");
  });

  it.each(["20080229", "20000229", "20240229", "19960229", "20081231", "19000101"])(
    "accepts valid date %s (leap years)",
    (d) => {
      expect(validateResidentId(withBirth(d), TODAY)).toMatchObject({ ok: true });
    },
  );

  it("rejects birth dates before 1900", () => {
    const r = validateResidentId(withBirth("18991231"), TODAY);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toContain("不能早于1900年");
  });

  it("rejects future birth dates, judged in China time", () => {
    const r = validateResidentId(withBirth("20260302"), TODAY);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toContain("出生日期不能晚于今天");
    expect(validateResidentId(withBirth("20260301"), TODAY)).toMatchObject({ ok: true });
    // 2026-03-01T17:00Z is already 2026-03-02 in Beijing.
    expect(validateResidentId(withBirth("20260302"), new Date("2026-03-01T17:00:00Z"))).toMatchObject({
      ok: true,
    });
    expect(validateResidentId(withBirth("20260302"), new Date("2026-03-01T15:59:59Z")).ok).toBe(false);
  });

  it("uses the current date by default", () => {
    expect(validateResidentId(withBirth("20080101")).ok).toBe(true);
    expect(validateResidentId(withBirth("29991231")).ok).toBe(false);
  });

  it("rejects a wrong check digit", () => {
    expect(validateResidentId("110105194912310021", TODAY)).toEqual({
      ok: false,
      reason: "身份证号校验位错误，请核对最后一位（以及其他各位）是否填写正确",
    });
  });

  it("every built id validates and round-trips its data (property)", () => {
    fc.assert(
      fc.property(validIdArb, ({ id, region, birth, gender }) => {
        expect(validateResidentId(id, TODAY)).toEqual({
          ok: true,
          id,
          birthDate: birth,
          gender,
          regionCode: region,
        });
      }),
    );
  });

  it("any single-character substitution makes a valid id invalid (property)", () => {
    // MOD 11-2 weights are all non-zero mod 11 (a prime), so any single change shifts the checksum.
    fc.assert(
      fc.property(
        validIdArb,
        fc.integer({ min: 0, max: 17 }),
        fc.constantFrom(..."0123456789X"),
        ({ id }, pos, ch) => {
          fc.pre(id[pos] !== ch);
          const mutated = id.slice(0, pos) + ch + id.slice(pos + 1);
          expect(validateResidentId(mutated, TODAY).ok).toBe(false);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it("exhaustively: every single-digit change of one id is detected", () => {
    const id = "11010519491231002X";
    for (let pos = 0; pos < 18; pos++) {
      for (const ch of "0123456789X") {
        if (ch === id[pos]) continue;
        expect(validateResidentId(id.slice(0, pos) + ch + id.slice(pos + 1), TODAY).ok).toBe(false);
      }
    }
  });

  it("any transposition of two different adjacent characters is detected (property)", () => {
    fc.assert(
      fc.property(validIdArb, fc.integer({ min: 0, max: 16 }), ({ id }, pos) => {
        fc.pre(id[pos] !== id[pos + 1]);
        const swapped = id.slice(0, pos) + id[pos + 1] + id[pos] + id.slice(pos + 2);
        expect(validateResidentId(swapped, TODAY).ok).toBe(false);
      }),
      { numRuns: 1000 },
    );
  });

  it("never throws on arbitrary input (property)", () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        const r = validateResidentId(s, TODAY);
        expect(typeof r.ok).toBe("boolean");
      }),
    );
  });
});

describe("buildResidentId", () => {
  it("forces the sequence parity to match the gender", () => {
    expect(buildResidentId("440106", "2008-01-01", 122, "MALE").slice(14, 17)).toBe("123");
    expect(buildResidentId("440106", "2008-01-01", 123, "MALE").slice(14, 17)).toBe("123");
    expect(buildResidentId("440106", "2008-01-01", 123, "FEMALE").slice(14, 17)).toBe("122");
    expect(buildResidentId("440106", "2008-01-01", 0, "MALE").slice(14, 17)).toBe("001");
    expect(buildResidentId("440106", "2008-01-01", 999, "FEMALE").slice(14, 17)).toBe("998");
    expect(buildResidentId("440106", "2008-01-01", 998, "MALE").slice(14, 17)).toBe("999");
  });

  it("builds the standard example", () => {
    expect(buildResidentId("110105", "1949-12-31", 2, "FEMALE")).toBe("11010519491231002X");
  });

  it.each([
    ["04010", "2008-01-01", 1],
    ["010101", "2008-01-01", 1],
    ["440106", "2008-02-30", 1],
    ["440106", "20080101", 1],
    ["440106", "1899-12-31", 1],
    ["440106", "2008-01-01", 1000],
    ["440106", "2008-01-01", -1],
    ["440106", "2008-01-01", 1.5],
  ])("throws on invalid input %j %j %j", (region, birth, seq) => {
    expect(() => buildResidentId(region, birth, seq, "MALE")).toThrow(RangeError);
  });
});

describe("chinaDateString", () => {
  it("gives the date in UTC+8", () => {
    expect(chinaDateString(new Date("2026-12-31T15:59:59Z"))).toBe("2026-12-31");
    expect(chinaDateString(new Date("2026-12-31T16:00:00Z"))).toBe("2027-01-01");
  });
});

describe("validateIdNumber", () => {
  it("delegates RESIDENT_ID to the resident-ID rules", () => {
    expect(validateIdNumber("RESIDENT_ID", "11010519491231002x", TODAY)).toEqual(
      validateResidentId("11010519491231002x", TODAY),
    );
    expect(validateIdNumber("RESIDENT_ID", "110105194912310021", TODAY).ok).toBe(false);
  });

  it("validates HMT residence permits (810000/820000/830000 + check digit)", () => {
    for (const region of ["810000", "820000", "830000"]) {
      const id = buildResidentId(region, "2009-06-15", 35, "MALE");
      expect(validateIdNumber("HMT_RESIDENCE_PERMIT", id.toLowerCase(), TODAY)).toEqual({
        ok: true,
        id,
        birthDate: "2009-06-15",
        gender: "MALE",
        regionCode: region,
      });
    }
    const mainland = buildResidentId("440106", "2009-06-15", 35, "MALE");
    const r = validateIdNumber("HMT_RESIDENCE_PERMIT", mainland, TODAY);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toContain("810000");
    const bad = buildResidentId("810000", "2009-06-15", 35, "MALE").slice(0, 17) + "Y";
    expect(validateIdNumber("HMT_RESIDENCE_PERMIT", bad, TODAY).ok).toBe(false);
    const wrongCheck = (() => {
      const id = buildResidentId("820000", "2009-06-15", 35, "FEMALE");
      const last = id.at(-1) === "0" ? "1" : "0";
      return id.slice(0, 17) + last;
    })();
    const wc = validateIdNumber("HMT_RESIDENCE_PERMIT", wrongCheck, TODAY);
    expect(wc.ok).toBe(false);
    if (!wc.ok) expect(wc.reason).toContain("居住证号码校验位错误");
    const future = validateIdNumber(
      "HMT_RESIDENCE_PERMIT",
      buildResidentId("830000", "2027-01-01", 1, "MALE"),
      TODAY,
    );
    expect(future.ok).toBe(false);
  });

  it.each<[IdType, string, string]>([
    ["PASSPORT", " e1234 5678 ", "E12345678"],
    ["PASSPORT", "ｇ１２３４５６７８", "G12345678"],
    ["HMT_TRAVEL_PERMIT", "h12345678", "H12345678"],
    ["HMT_TRAVEL_PERMIT", "12345678", "12345678"],
    ["OTHER", "ABCDE", "ABCDE"],
    ["OTHER", "A".repeat(20), "A".repeat(20)],
  ])("accepts %s %j as %j without personal data", (type, raw, id) => {
    expect(validateIdNumber(type, raw, TODAY)).toEqual({ ok: true, id });
  });

  it.each<[IdType, string, string]>([
    ["PASSPORT", "", "请填写护照号码"],
    ["PASSPORT", "E123", "护照号码应为5–20位英文字母或数字"],
    ["PASSPORT", "E1234-5678", "护照号码应为5–20位英文字母或数字"],
    ["HMT_TRAVEL_PERMIT", "H1234567#", "通行证号码应为5–20位英文字母或数字"],
    ["OTHER", "A".repeat(21), "证件号码应为5–20位英文字母或数字"],
    ["OTHER", "张三12345", "证件号码应为5–20位英文字母或数字"],
  ])("rejects %s %j", (type, raw, reason) => {
    const r = validateIdNumber(type, raw, TODAY);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toContain(reason);
  });

  it("rejects an unknown id type at runtime", () => {
    expect(validateIdNumber("NOPE" as IdType, "E12345678", TODAY)).toEqual({
      ok: false,
      reason: "请选择证件类型",
    });
  });
});
