import { randomInt } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  ACCESS_CODE_ALPHABET,
  accessCodeFrom,
  formatAccessCode,
  normaliseAccessCode,
  normaliseOtp,
  otpFrom,
} from "@/lib/domain/access-code";

describe("school-issued access code", () => {
  it("has 8 characters without look-alikes", () => {
    for (const ch of "01OIL") expect(ACCESS_CODE_ALPHABET).not.toContain(ch);
    for (let i = 0; i < 200; i++) {
      const code = accessCodeFrom(randomInt);
      expect(code).toMatch(/^[A-HJKMNP-Z2-9]{8}$/);
      expect(normaliseAccessCode(code)).toBe(code);
    }
  });

  it("accepts what people type: dash, spaces, lower case, full-width", () => {
    expect(formatAccessCode("ABCDEFGH")).toBe("ABCD-EFGH");
    expect(normaliseAccessCode("abcd-efgh")).toBe("ABCDEFGH");
    expect(normaliseAccessCode(" AB CD EF GH ")).toBe("ABCDEFGH");
    expect(normaliseAccessCode("ＡＢＣＤ－ＥＦＧＨ")).toBe("ABCDEFGH");
  });

  it("refuses what cannot be a code", () => {
    expect(normaliseAccessCode("")).toBeNull();
    expect(normaliseAccessCode("ABCDEFG")).toBeNull();
    expect(normaliseAccessCode("ABCDEFGHJ")).toBeNull();
    expect(normaliseAccessCode("ABCD-EFG0")).toBeNull();
    expect(normaliseAccessCode("ABCD\u0000EFG")).toBeNull();
  });
});

describe("one-time SMS code", () => {
  it("is 6 digits", () => {
    expect(otpFrom(() => 0)).toBe("000000");
    for (let i = 0; i < 50; i++) expect(otpFrom(randomInt)).toMatch(/^\d{6}$/);
    expect(normaliseOtp(" １２３４５６ ")).toBe("123456");
    expect(normaliseOtp("12345")).toBeNull();
    expect(normaliseOtp("12345a")).toBeNull();
  });
});
