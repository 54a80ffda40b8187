import { randomInt } from "node:crypto";
import { describe, expect, it } from "vitest";
import { passwordProblem } from "@/lib/domain/password-policy";
import { temporaryPassword } from "@/lib/domain/temp-password";

describe("temporaryPassword", () => {
  it("is 10 characters without look-alikes, with a letter and a digit, and passes the password policy", () => {
    for (let i = 0; i < 500; i++) {
      const p = temporaryPassword((n) => randomInt(n));
      expect(p).toMatch(/^[a-km-zA-HJ-NP-Z2-9]{10}$/);
      expect(p).toMatch(/[A-Za-z]/);
      expect(p).toMatch(/\d/);
      expect(passwordProblem(p)).toBeNull();
    }
  });

  it("has a letter and a digit even when the random source always picks the first choice", () => {
    expect(temporaryPassword(() => 0)).toMatch(/^(?=.*[a-z])(?=.*2)/);
  });
});
