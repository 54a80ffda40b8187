/**
 * Field tokens and blind indexes under both cipher suites (lib/crypto/field-crypto.ts):
 * `v…` tokens are AES-256-GCM, `s…` tokens SM4-CTR + HMAC-SM3; either is readable whatever
 * CIPHER_SUITE is now, and needsReencryption flags the other suite's tokens for keys:rotate.
 * The SM4 and SM3 primitives themselves are checked against GB/T 32907 / GB/T 32905 in
 * tests/unit/cipher-suite.test.ts.
 */
import { createDecipheriv, createHmac, randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  blindIndex,
  blindIndexCandidates,
  decryptField,
  encryptField,
  needsReencryption,
  parseFieldKeys,
  sealSensitive,
  sensitiveHash,
  sensitiveHashCandidates,
  tokenSuite,
} from "@/lib/crypto/field-crypto";

const b64 = () => randomBytes(32).toString("base64");
const K1 = b64();
const K2 = b64();
const IDX = b64();
const base = {
  FIELD_ENCRYPTION_KEYS: `1:${K1},2:${K2}`,
  FIELD_ENCRYPTION_CURRENT: "1",
  BLIND_INDEX_KEY: IDX,
};
const aes = parseFieldKeys(base);
const sm = parseFieldKeys({ ...base, CIPHER_SUITE: "sm4-sm3" });

const parts = (token: string) => token.split(".").map((p, i) => (i === 0 ? p : Buffer.from(p, "base64url")));

describe("field tokens under CIPHER_SUITE", () => {
  it("writes v<version> tokens by default and s<version> tokens under sm4-sm3", () => {
    expect(aes.suite).toBe("aes-gcm");
    expect(sm.suite).toBe("sm4-sm3");
    const v = encryptField(aes, "110101200001011234");
    const s = encryptField(sm, "110101200001011234");
    expect(v).toMatch(/^v1\./);
    expect(s).toMatch(/^s1\./);
    expect(tokenSuite(v)).toBe("aes-gcm");
    expect(tokenSuite(s)).toBe("sm4-sm3");
    const [, nonce, tag, ciphertext] = parts(s) as [string, Buffer, Buffer, Buffer];
    expect([nonce.length, tag.length, ciphertext.length]).toEqual([16, 32, 18]);
    expect(s).not.toContain("110101");
  });

  it("an s-token is SM4-CTR under HMAC-SM3(key, 'enc') with an HMAC-SM3 tag (checked independently)", () => {
    const token = encryptField(sm, "13812345678");
    const [prefix, nonce, tag, ciphertext] = parts(token) as [string, Buffer, Buffer, Buffer];
    const key = Buffer.from(K1, "base64");
    const encKey = createHmac("sm3", key).update("enc").digest().subarray(0, 16);
    const decipher = createDecipheriv("sm4-ctr", encKey, nonce);
    expect(Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString("utf8")).toBe(
      "13812345678",
    );
    const mac = createHmac("sm3", createHmac("sm3", key).update("mac").digest());
    for (const part of [Buffer.from(prefix), nonce, ciphertext]) {
      const length = Buffer.alloc(8);
      length.writeBigUInt64BE(BigInt(part.length));
      mac.update(length).update(part);
    }
    expect(mac.digest().equals(tag)).toBe(true);
  });

  it("reads tokens of either suite whatever the current suite is", () => {
    for (const writer of [aes, sm])
      for (const reader of [aes, sm]) {
        const text = `银行卡 6222 0212 3456 7890 ${writer.suite}`;
        expect(decryptField(reader, encryptField(writer, text))).toBe(text);
      }
    expect(decryptField(sm, encryptField(aes, ""))).toBe("");
  });

  it("needsReencryption: the other suite's tokens and other key versions, not current ones", () => {
    const v1 = encryptField(aes, "x");
    const s1 = encryptField(sm, "x");
    expect(needsReencryption(aes, v1)).toBe(false);
    expect(needsReencryption(aes, s1)).toBe(true);
    expect(needsReencryption(sm, s1)).toBe(false);
    expect(needsReencryption(sm, v1)).toBe(true);
    const sm2 = { ...sm, current: 2 };
    expect(needsReencryption(sm2, s1)).toBe(true);
    expect(needsReencryption(sm2, encryptField(sm2, "x"))).toBe(false);
  });

  it("refuses tampered s-tokens, relabelled versions and relabelled suites", () => {
    const token = encryptField(sm, "secret");
    for (const index of [1, 2, 3]) {
      const p = token.split(".");
      const buf = Buffer.from(p[index]!, "base64url");
      buf[0] = buf[0]! ^ 1;
      p[index] = buf.toString("base64url");
      expect(() => decryptField(sm, p.join("."))).toThrow(/tampered/);
    }
    // Same key under both versions: the version is still authenticated.
    const same = { ...sm, keys: new Map([...sm.keys].map(([v]) => [v, sm.keys.get(1)!])) };
    expect(() => decryptField(same, token.replace(/^s1/, "s2"))).toThrow(/tampered/);
    // An s-token read as a v-token has the wrong nonce and tag lengths.
    expect(() => decryptField(sm, token.replace(/^s1/, "v1"))).toThrow(/Malformed/);
    expect(() => decryptField(sm, encryptField(aes, "secret").replace(/^v1/, "s1"))).toThrow(/Malformed/);
  });
});

describe("blind indexes under BLIND_INDEX_SUITE", () => {
  const idx = Buffer.from(IDX, "base64");

  it("is HMAC-SHA-256 by default and HMAC-SM3 under sm4-sm3 (following CIPHER_SUITE)", () => {
    expect(aes.indexSuite).toBe("aes-gcm");
    expect(sm.indexSuite).toBe("sm4-sm3");
    expect(blindIndex(aes, "13812345678")).toBe(
      createHmac("sha256", idx).update("13812345678").digest("hex"),
    );
    expect(blindIndex(sm, "13812345678")).toBe(createHmac("sm3", idx).update("13812345678").digest("hex"));
    expect(blindIndex(sm, "13812345678")).not.toBe(blindIndex(aes, "13812345678"));
  });

  it("BLIND_INDEX_SUITE can be set apart from CIPHER_SUITE, and a bad value names the variable", () => {
    const mixed = parseFieldKeys({ ...base, CIPHER_SUITE: "sm4-sm3", BLIND_INDEX_SUITE: "aes-gcm" });
    expect([mixed.suite, mixed.indexSuite]).toEqual(["sm4-sm3", "aes-gcm"]);
    expect(() => parseFieldKeys({ ...base, BLIND_INDEX_SUITE: "sm3" })).toThrow(/BLIND_INDEX_SUITE/);
    expect(() => parseFieldKeys({ ...base, CIPHER_SUITE: "des" })).toThrow(/CIPHER_SUITE/);
  });

  it("lookup candidates are the current function's hash first, then the other suite's", () => {
    expect(blindIndexCandidates(aes, "v")).toEqual([blindIndex(aes, "v"), blindIndex(sm, "v")]);
    expect(blindIndexCandidates(sm, "v")).toEqual([blindIndex(sm, "v"), blindIndex(aes, "v")]);
    expect(sensitiveHashCandidates(sm, "138 1234 5678", "phone")).toEqual([
      sealSensitive(sm, "13812345678", "phone").hash,
      sealSensitive(aes, "13812345678", "phone").hash,
    ]);
  });

  it("recomputing a hash from the stored (normalised) plaintext gives the hash sealSensitive stored", () => {
    for (const [raw, kind] of [
      ["11010120000101123x", "idNumber"],
      ["+86 138-1234-5678", "phone"],
      ["6222 0212 3456 7890", "bankAccount"],
    ] as const) {
      const sealed = sealSensitive(sm, raw, kind);
      expect(sensitiveHash(sm, decryptField(sm, sealed.cipher), kind)).toBe(sealed.hash);
      expect(sensitiveHash(aes, decryptField(sm, sealed.cipher), kind)).toBe(
        sealSensitive(aes, raw, kind).hash,
      );
    }
  });
});
