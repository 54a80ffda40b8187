import { createCipheriv, createHash, createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  CIPHER_SUITES,
  DecryptionError,
  cipherSuite,
  cipherSuiteById,
  currentCipherSuite,
} from "@/lib/crypto/cipher-suite";

const hex = (text: string) => Buffer.from(text.replace(/\s+/g, ""), "hex");

describe("the national algorithms in this runtime (GB/T 32907 SM4, GB/T 32905 SM3)", () => {
  const sm4Key = hex("0123456789abcdeffedcba9876543210");

  it("SM4: GB/T 32907 appendix A, example 1 (one block)", () => {
    const cipher = createCipheriv("sm4-ecb", sm4Key, null).setAutoPadding(false);
    const out = Buffer.concat([cipher.update(sm4Key), cipher.final()]);
    expect(out.toString("hex")).toBe("681edf34d206965e86b3e94f536e4246");
  });

  it("SM4: GB/T 32907 appendix A, example 2 (the block encrypted 1,000,000 times)", () => {
    const cipher = createCipheriv("sm4-ecb", sm4Key, null).setAutoPadding(false);
    let block: Buffer = sm4Key;
    for (let round = 0; round < 1_000_000; round++) block = cipher.update(block);
    expect(block.toString("hex")).toBe("595298c7c6fd271f0402f804c33d3f66");
  });

  it('SM3: GB/T 32905 appendix A, "abc" and the 512-bit message', () => {
    expect(createHash("sm3").update("abc").digest("hex")).toBe(
      "66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0",
    );
    expect(createHash("sm3").update("abcd".repeat(16)).digest("hex")).toBe(
      "debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732",
    );
  });

  it("HMAC-SM3 is HMAC (RFC 2104) over SM3 with its 64-byte block", () => {
    const key = Buffer.alloc(32, 0x0b);
    const message = Buffer.from("学生资助");
    const block = Buffer.concat([key, Buffer.alloc(64 - key.length)]);
    const inner = createHash("sm3")
      .update(block.map((byte) => byte ^ 0x36))
      .update(message)
      .digest();
    const outer = createHash("sm3")
      .update(block.map((byte) => byte ^ 0x5c))
      .update(inner)
      .digest();
    expect(createHmac("sm3", key).update(message).digest()).toEqual(outer);
    expect(cipherSuite("sm4-sm3").mac(key, message)).toEqual(outer);
  });

  it("sm4-ctr is SM4 in counter mode: the keystream is the SM4 encryption of the counter blocks", () => {
    const nonce = hex("000102030405060708090a0b0c0d0eff");
    const plaintext = Buffer.from("两个块以上的明文，用来检查计数器进位。");
    const ctr = createCipheriv("sm4-ctr", sm4Key, nonce);
    const viaCtr = Buffer.concat([ctr.update(plaintext), ctr.final()]);
    const ecb = createCipheriv("sm4-ecb", sm4Key, null).setAutoPadding(false);
    const counter = BigInt(`0x${nonce.toString("hex")}`);
    const keystream = Buffer.concat(
      Array.from({ length: Math.ceil(plaintext.length / 16) }, (_, index) =>
        ecb.update(hex((counter + BigInt(index)).toString(16).padStart(32, "0"))),
      ),
    );
    expect(viaCtr).toEqual(Buffer.from(plaintext.map((byte, index) => byte ^ keystream[index]!)));
  });
});

describe.each(CIPHER_SUITES)("cipher suite %s", (name) => {
  const suite = cipherSuite(name);
  const key = Buffer.alloc(32, 0x42);
  const aad = Buffer.from("EvidenceFile:v1");

  it("round-trips, and the ciphertext does not contain the plaintext", () => {
    const plaintext = Buffer.from("440106201003151012 陈思远 家庭年收入 18000");
    const sealed = suite.seal(key, plaintext, aad);
    expect(sealed.nonce).toHaveLength(suite.nonceBytes);
    expect(sealed.tag).toHaveLength(suite.tagBytes);
    expect(sealed.ciphertext.includes(Buffer.from("440106201003151012"))).toBe(false);
    expect(suite.open(key, sealed, aad)).toEqual(plaintext);
  });

  it("refuses a wrong key, altered ciphertext, altered tag, altered nonce or other additional data", () => {
    const sealed = suite.seal(key, Buffer.from("secret"), aad);
    const flip = (buffer: Buffer) =>
      Buffer.from(buffer.map((byte, index) => (index === 0 ? byte ^ 1 : byte)));
    expect(() => suite.open(Buffer.alloc(32, 0x43), sealed, aad)).toThrow(DecryptionError);
    expect(() => suite.open(key, { ...sealed, ciphertext: flip(sealed.ciphertext) }, aad)).toThrow(
      DecryptionError,
    );
    expect(() => suite.open(key, { ...sealed, tag: flip(sealed.tag) }, aad)).toThrow(DecryptionError);
    expect(() => suite.open(key, { ...sealed, nonce: flip(sealed.nonce) }, aad)).toThrow(DecryptionError);
    expect(() => suite.open(key, sealed, Buffer.from("EvidenceFile:v2"))).toThrow(DecryptionError);
  });

  it("is found again by its id, and refuses a key of the wrong length", () => {
    expect(cipherSuiteById(suite.id)).toBe(suite);
    expect(() => suite.seal(Buffer.alloc(16), Buffer.from("x"), aad)).toThrow(/32 bytes/);
  });

  it("uses a key buffer's current bytes, also after they were changed in place (key objects are cached)", () => {
    const changing = Buffer.alloc(32, 0x11);
    const first = suite.seal(changing, Buffer.from("one"), aad);
    const firstMac = suite.mac(changing, "440106201003151012");
    changing.fill(0x22);
    const second = suite.seal(changing, Buffer.from("two"), aad);
    expect(suite.open(Buffer.alloc(32, 0x11), first, aad).toString()).toBe("one");
    expect(suite.open(Buffer.alloc(32, 0x22), second, aad).toString()).toBe("two");
    expect(() => suite.open(Buffer.alloc(32, 0x11), second, aad)).toThrow(DecryptionError);
    expect(suite.mac(changing, "440106201003151012")).toEqual(
      suite.mac(Buffer.alloc(32, 0x22), "440106201003151012"),
    );
    expect(suite.mac(changing, "440106201003151012")).not.toEqual(firstMac);
  });

  it("gives every seal a fresh nonce, across refills of the nonce pool", () => {
    const nonces = new Set<string>();
    for (let index = 0; index < 5000; index++)
      nonces.add(suite.seal(key, Buffer.from("x"), aad).nonce.toString("hex"));
    expect(nonces.size).toBe(5000);
  });
});

describe("CIPHER_SUITE", () => {
  it("defaults to AES-256-GCM, selects SM4+SM3, and names the variable when unknown", () => {
    expect(currentCipherSuite({}).name).toBe("aes-gcm");
    expect(currentCipherSuite({ CIPHER_SUITE: "sm4-sm3" }).name).toBe("sm4-sm3");
    expect(() => currentCipherSuite({ CIPHER_SUITE: "des" })).toThrow(/CIPHER_SUITE/);
  });
});
