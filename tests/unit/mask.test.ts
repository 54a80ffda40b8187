import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  isValidMobile,
  maskBankAccount,
  maskIdNumber,
  maskMiddle,
  maskName,
  maskPhone,
  maskStudentNo,
  normaliseBankAccount,
  normaliseMobile,
} from "@/lib/domain/mask";

const starCount = (s: string) => Array.from(s).filter((c) => c === "*").length;

describe("maskMiddle", () => {
  it("keeps head and tail and stars the middle", () => {
    expect(maskMiddle("ABCDEFGHIJKLMNOP", 4, 4)).toBe("ABCD********MNOP");
    expect(maskMiddle("ABCDEFGH", 4, 4)).toBe("AB****GH");
    expect(maskMiddle("ABC", 4, 4)).toBe("***");
    expect(maskMiddle("", 4, 4)).toBe("");
  });

  it("preserves length, keeps head/tail verbatim and stars at least half (property)", () => {
    fc.assert(
      fc.property(
        fc.string({ unit: "grapheme", maxLength: 40 }).filter((s) => !s.includes("*")),
        fc.nat(10),
        fc.nat(10),
        (s, h, t) => {
          const chars = Array.from(s);
          const masked = Array.from(maskMiddle(s, h, t));
          expect(masked.length).toBe(chars.length);
          const stars = masked.filter((c) => c === "*").length;
          expect(stars).toBeGreaterThanOrEqual(Math.ceil(chars.length / 2));
          expect(masked.every((c, i) => c === "*" || c === chars[i])).toBe(true);
        },
      ),
    );
  });

  it("does not split astral characters", () => {
    expect(maskMiddle("𠮷𠮷𠮷𠮷𠮷𠮷𠮷𠮷", 4, 4)).toBe("𠮷𠮷****𠮷𠮷");
  });
});

describe("maskIdNumber", () => {
  it("keeps the first 4 and last 4 characters of an 18-character id", () => {
    expect(maskIdNumber("440106200801011234")).toBe("4401**********1234");
    expect(maskIdNumber(" 11010519491231002x ")).toBe("1101**********002X");
  });

  it("stars at least half of short values", () => {
    expect(maskIdNumber("E12345678")).toBe("E1*****78");
    expect(maskIdNumber("12345678")).toBe("12****78");
    expect(maskIdNumber("1234")).toBe("1**4");
    expect(maskIdNumber("123")).toBe("***");
    expect(maskIdNumber("")).toBe("");
  });

  it("never reveals more than 8 characters nor more than half (property)", () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[0-9A-Z]{0,30}$/), (id) => {
        const masked = maskIdNumber(id);
        expect(masked.length).toBe(id.length);
        expect(masked.length - starCount(masked)).toBeLessThanOrEqual(Math.min(8, Math.floor(id.length / 2)));
        expect(masked.slice(0, 1)).toBe(id.length >= 4 ? id.slice(0, 1) : id.length ? "*" : "");
      }),
    );
  });
});

describe("normaliseMobile / isValidMobile", () => {
  it.each([
    ["13812345678", "13812345678"],
    [" 138 1234 5678 ", "13812345678"],
    ["138-1234-5678", "13812345678"],
    ["+86 138 1234 5678", "13812345678"],
    ["+86-13812345678", "13812345678"],
    ["8613812345678", "13812345678"],
    ["008613812345678", "13812345678"],
    ["(+86)13812345678", "13812345678"],
    ["１３８１２３４５６７８", "13812345678"],
    ["020-12345678", "02012345678"],
    ["86123", "86123"],
  ])("normalises %j to %j", (raw, expected) => {
    expect(normaliseMobile(raw)).toBe(expected);
  });

  it.each(["13812345678", "19912345678", "+86 15012345678", "8617012345678", "166-0000-0000"])(
    "accepts %j",
    (raw) => {
      expect(isValidMobile(raw)).toBe(true);
    },
  );

  it.each([
    "",
    "1381234567",
    "138123456789",
    "12812345678",
    "10012345678",
    "23812345678",
    "1381234567a",
    "+1 13812345678",
    "02012345678",
  ])("rejects %j", (raw) => {
    expect(isValidMobile(raw)).toBe(false);
  });

  it("accepts every 1[3-9]xxxxxxxxx number in any common spelling (property)", () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^1[3-9][0-9]{9}$/),
        fc.constantFrom("", "+86", "86", "0086", "+86 "),
        (mobile, prefix) => {
          const spaced = `${mobile.slice(0, 3)} ${mobile.slice(3, 7)}-${mobile.slice(7)}`;
          expect(normaliseMobile(prefix + spaced)).toBe(mobile);
          expect(isValidMobile(prefix + mobile)).toBe(true);
        },
      ),
    );
  });
});

describe("maskPhone", () => {
  it("masks mobiles as 3 + **** + 4", () => {
    expect(maskPhone("13812345678")).toBe("138****5678");
    expect(maskPhone("+86 138-1234-5678")).toBe("138****5678");
  });

  it("masks longer landlines keeping 3 and 4", () => {
    expect(maskPhone("0755-12345678")).toBe("075*****5678");
  });

  it("stars at least half of short numbers", () => {
    expect(maskPhone("12345678")).toBe("12****78");
    expect(maskPhone("12345")).toBe("1***5");
    expect(maskPhone("")).toBe("");
  });
});

describe("normaliseBankAccount / maskBankAccount", () => {
  it("normalises spaces, dashes and full-width digits", () => {
    expect(normaliseBankAccount(" 6222 0212-3456 7890 123 ")).toBe("6222021234567890123");
    expect(normaliseBankAccount("６２２２")).toBe("6222");
  });

  it("masks as 4 + two groups of stars + 4, hiding the length", () => {
    expect(maskBankAccount("6222021234567890123")).toBe("6222 **** **** 0123");
    expect(maskBankAccount("6222 0212 3456 7890")).toBe("6222 **** **** 7890");
    expect(maskBankAccount("62220212345678901234567")).toBe("6222 **** **** 4567");
  });

  it("stars at least half of short accounts", () => {
    expect(maskBankAccount("123456789012")).toBe("123******012");
    expect(maskBankAccount("1234")).toBe("1**4");
  });
});

describe("maskName", () => {
  it.each([
    ["张三丰", "张*丰"],
    ["李四", "李*"],
    ["王", "*"],
    ["欧阳娜娜", "欧**娜"],
    [" 张三丰 ", "张*丰"],
    ["阿卜杜拉·买买提", "阿******提"],
    ["𠮷田", "𠮷*"],
    ["", ""],
  ])("masks %j as %j", (name, masked) => {
    expect(maskName(name)).toBe(masked);
  });

  it("always hides at least one character of a non-empty name (property)", () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 1 }).filter((s) => s.trim() !== ""),
        (name) => {
          const masked = maskName(name);
          expect(masked).toContain("*");
          expect(Array.from(masked).length).toBe(Array.from(name.trim()).length);
        },
      ),
    );
  });
});

describe("maskStudentNo", () => {
  it("masks a 学籍号 that embeds an ID number like the ID number itself", () => {
    expect(maskStudentNo("G440106200801011234")).toBe("G4401**********1234");
    expect(maskStudentNo("G44010620080101123X")).toBe("G4401**********123X");
    expect(maskStudentNo("440106200801011234")).toBe("4401**********1234");
  });
  it("leaves a local student number without an ID number as it is", () => {
    expect(maskStudentNo("S2026001")).toBe("S2026001");
    expect(maskStudentNo("")).toBe("");
  });
  it("never shows more than 8 digits of an embedded ID number (property)", () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[A-Z]?\d{17}[\dX]$/), (no) => {
        expect(maskStudentNo(no).slice(-18).replace(/\*/g, "").length).toBeLessThanOrEqual(8);
      }),
    );
  });
});
