import { decode as nextAuthDecode, encode as nextAuthEncode } from "next-auth/jwt";
import { describe, expect, it } from "vitest";
import { decodeSessionToken, encodeSessionToken } from "@/lib/auth/jwt";

const secret = "a-test-secret-of-reasonable-length-0123456789";
const claims = { uid: "user-1", sv: 3, sid: "session-abc" };

describe("session token encoding (lib/auth/jwt.ts)", () => {
  it("reads tokens issued by next-auth's own encoder (sessions signed in before the change keep working)", async () => {
    const token = await nextAuthEncode({ token: claims, secret, maxAge: 60 });
    expect(await decodeSessionToken({ token, secret })).toMatchObject(claims);
  });

  it("issues tokens next-auth's own decoder reads, with iat, exp = iat + maxAge and a jti", async () => {
    const token = await encodeSessionToken({ token: claims, secret, maxAge: 120 });
    const payload = await nextAuthDecode({ token, secret });
    expect(payload).toMatchObject(claims);
    expect(Number(payload!.exp) - Number(payload!.iat)).toBe(120);
    expect(typeof payload!.jti).toBe("string");
  });

  it("refuses a token under another secret, an altered token and an expired one", async () => {
    const token = await encodeSessionToken({ token: claims, secret, maxAge: 60 });
    await expect(decodeSessionToken({ token, secret: `${secret}-other` })).rejects.toThrow();
    const parts = token.split(".");
    parts[3] = parts[3]!.slice(0, -2) + (parts[3]!.endsWith("AA") ? "BB" : "AA");
    await expect(decodeSessionToken({ token: parts.join("."), secret })).rejects.toThrow();
    const expired = await encodeSessionToken({ token: claims, secret, maxAge: -60 });
    await expect(decodeSessionToken({ token: expired, secret })).rejects.toThrow();
  });

  it("keeps keys apart per secret (a changed secret ends every session)", async () => {
    const a = await encodeSessionToken({ token: claims, secret: "secret-one-0123456789abcdef", maxAge: 60 });
    expect(await decodeSessionToken({ token: a, secret: "secret-one-0123456789abcdef" })).toMatchObject(
      claims,
    );
    await expect(decodeSessionToken({ token: a, secret: "secret-two-0123456789abcdef" })).rejects.toThrow();
  });

  it("returns null for no token", async () => {
    expect(await decodeSessionToken({ token: undefined, secret })).toBeNull();
  });
});
