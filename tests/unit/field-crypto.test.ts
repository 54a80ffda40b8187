import { randomBytes } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  blindIndex,
  decryptField,
  encryptField,
  generateFieldKeySecrets,
  needsReencryption,
  parseFieldKeys,
  sealSensitive,
  sensitiveHash,
  type FieldKeys,
} from "@/lib/crypto/field-crypto";

const b64 = (n = 32) => randomBytes(n).toString("base64");
const K1 = b64();
const K2 = b64();
const IDX = b64();

const keysV1 = () => parseFieldKeys({ FIELD_ENCRYPTION_KEYS: `1:${K1}`, BLIND_INDEX_KEY: IDX });
const keysV12 = () => parseFieldKeys({ FIELD_ENCRYPTION_KEYS: `1:${K1},2:${K2}`, BLIND_INDEX_KEY: IDX });

/** Flips one bit of the decoded bytes of a token part and re-encodes it canonically. */
function tamper(token: string, part: 1 | 2 | 3, byte = 0): string {
  const parts = token.split(".");
  const buf = Buffer.from(parts[part] ?? "", "base64url");
  buf[byte % buf.length] = (buf[byte % buf.length] ?? 0) ^ 0x01;
  parts[part] = buf.toString("base64url");
  return parts.join(".");
}

describe("parseFieldKeys", () => {
  it("parses keys and defaults current to the highest version", () => {
    const keys = parseFieldKeys({
      FIELD_ENCRYPTION_KEYS: ` 2:${K2} , 1:${K1} `,
      BLIND_INDEX_KEY: ` ${IDX} `,
    });
    expect(keys.current).toBe(2);
    expect([...keys.keys.keys()].sort()).toEqual([1, 2]);
    expect(keys.keys.get(1)?.equals(Buffer.from(K1, "base64"))).toBe(true);
    expect(keys.indexKey.length).toBe(32);
  });

  it("honours FIELD_ENCRYPTION_CURRENT", () => {
    expect(
      parseFieldKeys({
        FIELD_ENCRYPTION_KEYS: `1:${K1},2:${K2}`,
        FIELD_ENCRYPTION_CURRENT: "1",
        BLIND_INDEX_KEY: IDX,
      }).current,
    ).toBe(1);
    expect(
      parseFieldKeys({
        FIELD_ENCRYPTION_KEYS: `1:${K1},2:${K2}`,
        FIELD_ENCRYPTION_CURRENT: "",
        BLIND_INDEX_KEY: IDX,
      }).current,
    ).toBe(2);
  });

  it("accepts url-safe base64 keys", () => {
    const raw = randomBytes(32);
    const keys = parseFieldKeys({
      FIELD_ENCRYPTION_KEYS: `7:${raw.toString("base64url")}`,
      BLIND_INDEX_KEY: IDX,
    });
    expect(keys.keys.get(7)?.equals(raw)).toBe(true);
  });

  it.each([
    [{ BLIND_INDEX_KEY: IDX }, /FIELD_ENCRYPTION_KEYS is not set/],
    [{ FIELD_ENCRYPTION_KEYS: "  ", BLIND_INDEX_KEY: IDX }, /FIELD_ENCRYPTION_KEYS is not set/],
    [{ FIELD_ENCRYPTION_KEYS: K1, BLIND_INDEX_KEY: IDX }, /FIELD_ENCRYPTION_KEYS entry 1 is malformed/],
    [
      { FIELD_ENCRYPTION_KEYS: `1:${K1},x:${K2}`, BLIND_INDEX_KEY: IDX },
      /FIELD_ENCRYPTION_KEYS entry 2 is malformed/,
    ],
    [
      { FIELD_ENCRYPTION_KEYS: `0:${K1}`, BLIND_INDEX_KEY: IDX },
      /FIELD_ENCRYPTION_KEYS entry 1 is malformed/,
    ],
    [
      { FIELD_ENCRYPTION_KEYS: `1:${K1},`, BLIND_INDEX_KEY: IDX },
      /FIELD_ENCRYPTION_KEYS entry 2 is malformed/,
    ],
    [
      { FIELD_ENCRYPTION_KEYS: `1:${K1},1:${K2}`, BLIND_INDEX_KEY: IDX },
      /FIELD_ENCRYPTION_KEYS lists version 1 more than once/,
    ],
    [
      { FIELD_ENCRYPTION_KEYS: `1:${b64(16)}`, BLIND_INDEX_KEY: IDX },
      /FIELD_ENCRYPTION_KEYS version 1 must be base64 encoding exactly 32 bytes/,
    ],
    [
      { FIELD_ENCRYPTION_KEYS: `1:${b64(33)}`, BLIND_INDEX_KEY: IDX },
      /FIELD_ENCRYPTION_KEYS version 1 must be base64 encoding exactly 32 bytes/,
    ],
    [
      { FIELD_ENCRYPTION_KEYS: "1:not*base64!", BLIND_INDEX_KEY: IDX },
      /FIELD_ENCRYPTION_KEYS version 1 must be base64/,
    ],
    [
      { FIELD_ENCRYPTION_KEYS: `1:${K1}`, FIELD_ENCRYPTION_CURRENT: "2", BLIND_INDEX_KEY: IDX },
      /FIELD_ENCRYPTION_CURRENT must be one of the versions in FIELD_ENCRYPTION_KEYS \(1\)/,
    ],
    [
      { FIELD_ENCRYPTION_KEYS: `1:${K1}`, FIELD_ENCRYPTION_CURRENT: "1.0", BLIND_INDEX_KEY: IDX },
      /FIELD_ENCRYPTION_CURRENT/,
    ],
    [{ FIELD_ENCRYPTION_KEYS: `1:${K1}` }, /BLIND_INDEX_KEY is not set/],
    [
      { FIELD_ENCRYPTION_KEYS: `1:${K1}`, BLIND_INDEX_KEY: b64(31) },
      /BLIND_INDEX_KEY must be base64 encoding exactly 32 bytes/,
    ],
    [{ FIELD_ENCRYPTION_KEYS: `1:${K1}`, BLIND_INDEX_KEY: K1 }, /BLIND_INDEX_KEY must differ/],
  ])("rejects bad configuration %#", (env, message) => {
    expect(() => parseFieldKeys(env)).toThrow(message);
  });

  it("never echoes key material in errors", () => {
    const short = b64(16);
    try {
      parseFieldKeys({ FIELD_ENCRYPTION_KEYS: `1:${short}`, BLIND_INDEX_KEY: IDX });
      expect.unreachable();
    } catch (e) {
      expect(String(e)).not.toContain(short);
    }
  });
});

describe("generateFieldKeySecrets", () => {
  it("produces a parseable, random version-1 configuration", () => {
    const a = generateFieldKeySecrets();
    const b = generateFieldKeySecrets();
    expect(a.FIELD_ENCRYPTION_KEYS).toMatch(/^1:[A-Za-z0-9+/]{43}=$/);
    expect(a.FIELD_ENCRYPTION_CURRENT).toBe("1");
    expect(a.FIELD_ENCRYPTION_KEYS).not.toBe(b.FIELD_ENCRYPTION_KEYS);
    expect(a.BLIND_INDEX_KEY).not.toBe(b.BLIND_INDEX_KEY);
    const keys = parseFieldKeys(a);
    expect(keys.current).toBe(1);
    expect(decryptField(keys, encryptField(keys, "测试"))).toBe("测试");
  });
});

describe("encryptField / decryptField", () => {
  const keys = keysV1();

  it("round-trips text, including empty and non-ASCII strings (property)", () => {
    for (const s of ["", "440106200801011234", "张三丰 𠮷", "x".repeat(10_000)]) {
      expect(decryptField(keys, encryptField(keys, s))).toBe(s);
    }
    fc.assert(
      fc.property(fc.string({ unit: "grapheme" }), (s) => decryptField(keys, encryptField(keys, s)) === s),
    );
  });

  it("has the documented token format", () => {
    const token = encryptField(keys, "13812345678");
    expect(token).toMatch(/^v1\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]+$/);
    const [, iv, tag, ct] = token.split(".");
    expect(Buffer.from(iv ?? "", "base64url")).toHaveLength(12);
    expect(Buffer.from(tag ?? "", "base64url")).toHaveLength(16);
    expect(Buffer.from(ct ?? "", "base64url")).toHaveLength(11);
    expect(token).not.toContain("13812345678");
  });

  it("uses a different IV every time", () => {
    const tokens = Array.from({ length: 200 }, () => encryptField(keys, "same value"));
    expect(new Set(tokens).size).toBe(200);
    expect(new Set(tokens.map((t) => t.split(".")[1])).size).toBe(200);
  });

  it("detects tampering with iv, tag or ciphertext", () => {
    const token = encryptField(keys, "440106200801011234");
    for (const part of [1, 2, 3] as const) {
      for (let byte = 0; byte < 12; byte++) {
        expect(() => decryptField(keys, tamper(token, part, byte))).toThrow(/tampered/);
      }
    }
  });

  it("detects tampering with any single character of the token (property)", () => {
    const token = encryptField(keys, "6222021234567890123");
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: token.length - 1 }),
        fc.constantFrom(..."ABCabc019-_v.2"),
        (pos, ch) => {
          fc.pre(token[pos] !== ch);
          const mutated = token.slice(0, pos) + ch + token.slice(pos + 1);
          expect(() => decryptField(keys, mutated)).toThrow();
        },
      ),
      { numRuns: 500 },
    );
  });

  it("rejects truncated and malformed tokens", () => {
    const token = encryptField(keys, "abc");
    for (const bad of [
      "",
      "v1",
      "v1...",
      token.slice(0, -1),
      `${token}.x`,
      token.replace(/^v1/, "1"),
      token.replace(/^v1/, "v01"),
      `${token}=`,
    ]) {
      expect(() => decryptField(keys, bad)).toThrow();
    }
    const [, iv, tag, ct] = token.split(".");
    expect(() => decryptField(keys, `v1.${iv}AA.${tag}.${ct}`)).toThrow(/Malformed/);
  });

  it("authenticates the version prefix", () => {
    const key = Buffer.from(K1, "base64");
    const k1same: FieldKeys = {
      current: 2,
      keys: new Map([
        [1, key],
        [2, key],
      ]),
      indexKey: Buffer.from(IDX, "base64"),
    };
    // Even with the same key under both versions, relabelling a token fails.
    const token = encryptField({ ...k1same, current: 1 }, "secret");
    expect(() => decryptField(k1same, token.replace(/^v1/, "v2"))).toThrow(/tampered/);
  });

  it("fails with a wrong key", () => {
    const other = parseFieldKeys({ FIELD_ENCRYPTION_KEYS: `1:${b64()}`, BLIND_INDEX_KEY: IDX });
    expect(() => decryptField(other, encryptField(keys, "secret"))).toThrow(/wrong/);
  });
});

describe("key rotation", () => {
  it("old tokens still decrypt after adding version 2, and need re-encryption", () => {
    const old = keysV1();
    const token1 = encryptField(old, "440106200801011234");
    expect(needsReencryption(old, token1)).toBe(false);

    const rotated = keysV12();
    expect(rotated.current).toBe(2);
    expect(decryptField(rotated, token1)).toBe("440106200801011234");
    expect(needsReencryption(rotated, token1)).toBe(true);

    const token2 = encryptField(rotated, decryptField(rotated, token1));
    expect(token2.startsWith("v2.")).toBe(true);
    expect(needsReencryption(rotated, token2)).toBe(false);
    expect(decryptField(rotated, token2)).toBe("440106200801011234");
  });

  it("refuses tokens whose key version is not configured", () => {
    const token2 = encryptField(keysV12(), "x");
    expect(() => decryptField(keysV1(), token2)).toThrow("Unknown field encryption key version 2");
    expect(needsReencryption(keysV1(), token2)).toBe(true);
  });

  it("needsReencryption throws on malformed tokens", () => {
    expect(() => needsReencryption(keysV1(), "garbage")).toThrow(/Malformed/);
  });

  it("encryptField refuses a current version without a key", () => {
    const keys = keysV1();
    expect(() => encryptField({ ...keys, current: 9 }, "x")).toThrow(/version 9/);
  });
});

describe("blindIndex", () => {
  const keys = keysV12();

  it("is deterministic lower-case hex SHA-256 length and independent of the encryption key version", () => {
    const h = blindIndex(keys, "440106200801011234");
    expect(h).toMatch(/^[0-9a-f]{64}$/);
    expect(blindIndex(keys, "440106200801011234")).toBe(h);
    expect(blindIndex(keysV1(), "440106200801011234")).toBe(h);
  });

  it("depends on the value and on the index key", () => {
    expect(blindIndex(keys, "440106200801011234")).not.toBe(blindIndex(keys, "440106200801011235"));
    const other = parseFieldKeys({ FIELD_ENCRYPTION_KEYS: `1:${K1}`, BLIND_INDEX_KEY: b64() });
    expect(blindIndex(other, "440106200801011234")).not.toBe(blindIndex(keys, "440106200801011234"));
  });

  it("does not normalise (callers must)", () => {
    expect(blindIndex(keys, "11010519491231002x")).not.toBe(blindIndex(keys, "11010519491231002X"));
  });

  it("is injective on sampled distinct inputs (property)", () => {
    fc.assert(
      fc.property(
        fc.string(),
        fc.string(),
        (a, b) => (a === b) === (blindIndex(keys, a) === blindIndex(keys, b)),
      ),
    );
  });
});

describe("sealSensitive / sensitiveHash", () => {
  const keys = keysV12();

  it("seals an ID number: normalised cipher, hash and mask", () => {
    const sealed = sealSensitive(keys, " 11010519491231002x ", "idNumber");
    expect(decryptField(keys, sealed.cipher)).toBe("11010519491231002X");
    expect(sealed.hash).toBe(blindIndex(keys, "11010519491231002X"));
    expect(sealed.masked).toBe("1101**********002X");
    expect(sensitiveHash(keys, "110105 19491231 002x", "idNumber")).toBe(sealed.hash);
  });

  it("seals a phone number", () => {
    const sealed = sealSensitive(keys, "+86 138-1234-5678", "phone");
    expect(decryptField(keys, sealed.cipher)).toBe("13812345678");
    expect(sealed.hash).toBe(blindIndex(keys, "13812345678"));
    expect(sealed.masked).toBe("138****5678");
    expect(sensitiveHash(keys, "13812345678", "phone")).toBe(sealed.hash);
  });

  it("seals a bank account", () => {
    const sealed = sealSensitive(keys, "6222 0212 3456 7890 123", "bankAccount");
    expect(decryptField(keys, sealed.cipher)).toBe("6222021234567890123");
    expect(sealed.hash).toBe(blindIndex(keys, "6222021234567890123"));
    expect(sealed.masked).toBe("6222 **** **** 0123");
  });

  it("encrypts with a fresh IV but hashes identically each time", () => {
    const a = sealSensitive(keys, "13812345678", "phone");
    const b = sealSensitive(keys, "13812345678", "phone");
    expect(a.cipher).not.toBe(b.cipher);
    expect(a.hash).toBe(b.hash);
  });

  it("refuses empty values", () => {
    expect(() => sealSensitive(keys, "  ", "idNumber")).toThrow(/empty idNumber/);
    expect(() => sealSensitive(keys, "", "phone")).toThrow(/empty phone/);
  });
});

describe("parseFieldKeys(process.env)", () => {
  it("accepts a process.env-shaped object", () => {
    const env: NodeJS.ProcessEnv = { ...process.env, ...generateFieldKeySecrets() };
    expect(parseFieldKeys(env).current).toBe(1);
  });
});
