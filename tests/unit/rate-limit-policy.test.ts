/**
 * Every rate limit is defined in RATE_LIMITS (lib/security/rate-limit.ts) and its environment variable is
 * read there only, one way: a positive number, else the default.
 */
import fs from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { otpSendLimits, RATE_LIMITS } from "@/lib/security/rate-limit";

const names = ["RATE_BIND_CHILD", "RATE_OTP_SEND", "RATE_OTP_ADDRESS"];
afterEach(() => {
  for (const n of names) delete process.env[n];
});

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(full);
    return /\.tsx?$/.test(e.name) ? [full] : [];
  });
}

describe("rate limit policy", () => {
  it("binding per child and SMS sends have their defaults and their environment overrides", () => {
    expect(RATE_LIMITS.bindChild()).toEqual({ limit: 5, windowSeconds: 3600 });
    expect(RATE_LIMITS.otpSend()).toEqual({ limit: 5, windowSeconds: 3600 });
    expect(RATE_LIMITS.otpSendAddress()).toEqual({ limit: 30, windowSeconds: 3600 });
    Object.assign(process.env, { RATE_BIND_CHILD: "7", RATE_OTP_SEND: "0", RATE_OTP_ADDRESS: "12.9" });
    expect(RATE_LIMITS.bindChild().limit).toBe(7);
    expect(RATE_LIMITS.otpSend().limit).toBe(5);
    expect(RATE_LIMITS.otpSendAddress().limit).toBe(12);
    expect(otpSendLimits("s".repeat(64), "10.0.0.1")).toEqual([
      { key: `otp:send:${"s".repeat(40)}`, limit: 5, windowSeconds: 3600, what: "获取短信验证码" },
      { key: "otp:addr:10.0.0.1", limit: 12, windowSeconds: 3600, what: "您所在网络地址获取短信验证码" },
    ]);
    expect(otpSendLimits("s", null)).toHaveLength(1);
  });

  it("no code outside lib/security/rate-limit.ts reads a RATE_ variable", () => {
    const root = path.resolve(__dirname, "../..");
    const readers = ["lib", "app"]
      .flatMap((d) => sourceFiles(path.join(root, d)))
      // process.env.RATE_X, or a "RATE_X" name handed to an env reader of its own
      .filter((f) => /process\.env\.RATE_|["'`]RATE_[A-Z_]+["'`]/.test(fs.readFileSync(f, "utf8")))
      .map((f) => path.relative(root, f));
    expect(readers).toEqual([path.join("lib", "security", "rate-limit.ts")]);
  });
});
