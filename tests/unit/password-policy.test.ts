import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  PASSWORD_MAX_LENGTH,
  PASSWORD_MIN_LENGTH,
  isCommonPassword,
  newPasswordSchema,
  newPasswordSchemaFor,
  passwordProblem,
} from "@/lib/domain/password-policy";

describe("passwordProblem", () => {
  it("accepts a reasonable password", () => {
    expect(passwordProblem("Hezuo2026zhu")).toBeNull();
    expect(passwordProblem("blue-river-7-lantern")).toBeNull();
    expect(passwordProblem("学生资助abc12345xyz")).toBeNull();
  });

  it("enforces the minimum length", () => {
    expect(PASSWORD_MIN_LENGTH).toBe(8);
    expect(passwordProblem("")).toBe("密码至少需要8位，请设置更长的密码");
    expect(passwordProblem("ab1cd2e")).toBe("密码至少需要8位，请设置更长的密码");
    expect(passwordProblem("ab1cd2ef")).toBeNull();
  });

  it("enforces the maximum length", () => {
    expect(PASSWORD_MAX_LENGTH).toBe(128);
    const max = "a1".repeat(64);
    expect(passwordProblem(max)).toBeNull();
    expect(passwordProblem(`${max}x`)).toBe("密码不能超过128位，请缩短后重试");
  });

  it("counts characters, not UTF-16 units", () => {
    expect(passwordProblem("𠮷𠮷𠮷a1𠮷𠮷")).toBe("密码至少需要8位，请设置更长的密码");
    expect(passwordProblem("𠮷𠮷𠮷a1𠮷𠮷𠮷")).toBeNull();
  });

  it.each([
    "abcdefghij",
    "ABCDEFGHIJ",
    "1234567890123",
    "!!!!????####",
    "学生资助学生资助123".replace(/\d/g, ""),
  ])("requires letters and digits: %j", (pw) => {
    expect(passwordProblem(pw)).toBe("密码需同时包含英文字母和数字，请修改后重试");
  });

  it.each([
    "woaini1314",
    "qq123456",
    "a123456789",
    "abc12345",
    "password1",
    "1qaz2wsx",
    "zxcvbnm123",
    "WoAiNi1314",
    "PASSWORD1",
    "P@ssw0rd",
    "Abcd1234",
  ])("rejects common password %j case-insensitively", (pw) => {
    expect(passwordProblem(pw)).toBe("该密码过于常见，容易被猜到，请换一个更复杂的密码");
    expect(isCommonPassword(pw)).toBe(true);
  });

  it("does not treat uncommon passwords as common", () => {
    expect(isCommonPassword("Hezuo2026zhu")).toBe(false);
    expect(isCommonPassword("woaini1314x")).toBe(false);
  });

  it("rejects passwords containing the username (case-insensitive, 3+ chars)", () => {
    expect(passwordProblem("Zhangsan2026", { username: "zhangsan" })).toBe(
      "密码不能包含用户名，请换一个密码",
    );
    expect(passwordProblem("xxZHANGSANxx9", { username: " ZhangSan " })).toBe(
      "密码不能包含用户名，请换一个密码",
    );
    // Very short usernames are not checked, otherwise almost any password would clash.
    expect(passwordProblem("Hezuo2026zhu", { username: "he" })).toBeNull();
    expect(passwordProblem("Hezuo2026zhu", { username: "" })).toBeNull();
  });

  it("rejects passwords containing the phone number in any spelling", () => {
    const msg = "密码不能包含手机号，请换一个密码";
    expect(passwordProblem("a13812345678", { phone: "13812345678" })).toBe(msg);
    expect(passwordProblem("x13812345678y", { phone: "+86 138-1234-5678" })).toBe(msg);
    expect(passwordProblem("a1381234567b", { phone: "13812345678" })).toBeNull();
  });

  it("rejects passwords containing the ID number or its last six characters", () => {
    const msg = "密码不能包含身份证号（包括身份证号后六位），请换一个密码";
    const id = "11010519491231002X";
    expect(passwordProblem(`pw${id}`, { idNumber: id })).toBe(msg);
    expect(passwordProblem("pw11010519491231002x", { idNumber: id })).toBe(msg);
    expect(passwordProblem("Hezuo31002x", { idNumber: "110105 19491231 002x" })).toBe(msg);
    expect(passwordProblem("Hezuo2026zhu", { idNumber: id })).toBeNull();
  });

  it("reports problems in a fixed order: length before composition before common list", () => {
    expect(passwordProblem("abc")).toContain("至少需要8位");
    expect(passwordProblem("password")).toContain("英文字母和数字");
    expect(passwordProblem("password1", { username: "password" })).toContain("过于常见");
  });

  it("always returns null or a non-empty Chinese message (property)", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (pw) => {
        const p = passwordProblem(pw);
        if (p !== null) expect(p).toMatch(/[\u4e00-\u9fff]/);
      }),
    );
  });

  it("accepts any 8–128 char password with a letter and a digit and no identifiers (property)", () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[a-z]{6,60}[0-9]{2,60}[A-Z]{0,4}$/), (pw) => {
        fc.pre(!isCommonPassword(pw));
        expect(passwordProblem(pw)).toBeNull();
      }),
    );
  });
});

describe("newPasswordSchema", () => {
  it("passes valid passwords through", () => {
    expect(newPasswordSchema.parse("Hezuo2026zhu")).toBe("Hezuo2026zhu");
  });

  it("fails with the policy message", () => {
    const r = newPasswordSchema.safeParse("qq123456");
    expect(r.success).toBe(false);
    expect(r.error?.issues).toHaveLength(1);
    expect(r.error?.issues[0]?.message).toBe("该密码过于常见，容易被猜到，请换一个更复杂的密码");
  });

  it("rejects non-strings", () => {
    expect(newPasswordSchema.safeParse(12345678).success).toBe(false);
  });

  it("newPasswordSchemaFor checks the account's identifiers", () => {
    const schema = newPasswordSchemaFor({ username: "liming", phone: "13812345678" });
    expect(schema.safeParse("Hezuo2026zhu").success).toBe(true);
    const r = schema.safeParse("liming2026");
    expect(r.error?.issues[0]?.message).toBe("密码不能包含用户名，请换一个密码");
  });
});
