import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { CIPHER_SUITES, DecryptionError, cipherSuite } from "@/lib/crypto/cipher-suite";
import type { FieldKeys } from "@/lib/crypto/field-crypto";
import {
  BodyDecryptor,
  CHUNK_BYTES,
  decryptBody,
  encryptBody,
  isEncryptedBody,
  rewrapDataKey,
  unwrapDataKey,
  wrapDataKey,
} from "@/lib/storage/encrypted";

const keysWith = (current: number): FieldKeys => ({
  current,
  keys: new Map([
    [1, Buffer.alloc(32, 1)],
    [2, Buffer.alloc(32, 2)],
  ]),
  indexKey: Buffer.alloc(32, 9),
});

describe.each(CIPHER_SUITES)("stored file body under %s", (name) => {
  const suite = cipherSuite(name);
  const dataKey = randomBytes(32);

  it.each([0, 1, CHUNK_BYTES - 1, CHUNK_BYTES, CHUNK_BYTES + 1, 3 * CHUNK_BYTES + 17])(
    "round-trips %i bytes, and holds no plaintext",
    (size) => {
      const plaintext = Buffer.alloc(size, "身份证 440106201003151012 ");
      const body = encryptBody(suite, dataKey, plaintext);
      expect(isEncryptedBody(body)).toBe(true);
      if (size > 40) expect(body.includes(Buffer.from("440106201003151012"))).toBe(false);
      // Buffer equality, not toEqual's element-by-element walk (slow at 768 KiB on a loaded machine).
      expect(decryptBody(dataKey, body).equals(plaintext)).toBe(true);
    },
  );

  it("refuses a body cut at a chunk boundary, a dropped or swapped chunk, a flipped byte and another key", () => {
    const plaintext = randomBytes(3 * CHUNK_BYTES);
    const body = encryptBody(suite, dataKey, plaintext);
    const header = 10;
    const record = suite.nonceBytes + CHUNK_BYTES + suite.tagBytes;
    const chunk = (index: number) => body.subarray(header + index * record, header + (index + 1) * record);
    const cut = body.subarray(0, header + 2 * record);
    const dropped = Buffer.concat([body.subarray(0, header), chunk(0), chunk(2)]);
    const swapped = Buffer.concat([body.subarray(0, header), chunk(1), chunk(0), chunk(2)]);
    const flipped = Buffer.from(body);
    flipped[header + record + 40]! ^= 1;
    for (const altered of [cut, dropped, swapped, flipped]) {
      expect(() => decryptBody(dataKey, altered)).toThrow(DecryptionError);
    }
    expect(() => decryptBody(randomBytes(32), body)).toThrow(DecryptionError);
    expect(() => decryptBody(dataKey, Buffer.from("%PDF-1.7 plain"))).toThrow(DecryptionError);
  });

  it("decrypts a body arriving in pieces of any size to the same bytes, and refuses one cut or padded", () => {
    const plaintext = randomBytes(3 * CHUNK_BYTES + 17);
    const body = encryptBody(suite, dataKey, plaintext);
    for (const pieceBytes of [1000, 65536, CHUNK_BYTES + suite.nonceBytes + 3, body.length]) {
      const decryptor = new BodyDecryptor(dataKey, body.length);
      for (let at = 0; at < body.length; at += pieceBytes)
        decryptor.write(body.subarray(at, at + pieceBytes));
      expect(decryptor.end().equals(plaintext)).toBe(true);
    }
    const cut = new BodyDecryptor(dataKey, body.length);
    cut.write(body.subarray(0, body.length - 1));
    expect(() => cut.end()).toThrow(DecryptionError);
    expect(() =>
      new BodyDecryptor(dataKey, body.length).write(Buffer.concat([body, Buffer.alloc(1)])),
    ).toThrow(DecryptionError);
  });

  it("reads a body written in 64 KiB chunks (the earlier chunk size, named in each header)", () => {
    const plaintext = randomBytes(200_000);
    const header = Buffer.concat([Buffer.from("AIDF1", "latin1"), Buffer.from([suite.id]), Buffer.alloc(4)]);
    header.writeUInt32BE(64 * 1024, 6);
    const parts: Buffer[] = [header];
    const count = Math.ceil(plaintext.length / (64 * 1024));
    for (let index = 0; index < count; index++) {
      const aad = Buffer.concat([header, Buffer.alloc(5)]);
      aad.writeUInt32BE(index, header.length);
      aad[header.length + 4] = index === count - 1 ? 1 : 0;
      const sealed = suite.seal(dataKey, plaintext.subarray(index * 65536, (index + 1) * 65536), aad);
      parts.push(sealed.nonce, sealed.ciphertext, sealed.tag);
    }
    expect(decryptBody(dataKey, Buffer.concat(parts)).equals(plaintext)).toBe(true);
  });

  it("wraps the data key bound to its object, and re-wraps it for a new key version without changing it", () => {
    const wrapped = wrapDataKey(keysWith(1), suite, "a".repeat(64), dataKey);
    expect(wrapped).toMatchObject({ suite: name, keyVersion: 1 });
    expect(unwrapDataKey(keysWith(1), wrapped)).toEqual(dataKey);
    expect(() => unwrapDataKey(keysWith(1), { ...wrapped, objectKey: "b".repeat(64) })).toThrow(
      DecryptionError,
    );
    expect(rewrapDataKey(keysWith(1), suite, wrapped)).toBeNull();
    const rewrapped = rewrapDataKey(keysWith(2), suite, wrapped)!;
    expect(rewrapped.keyVersion).toBe(2);
    expect(unwrapDataKey(keysWith(2), rewrapped)).toEqual(dataKey);
  });
});

describe("moving between cipher suites", () => {
  it("re-wraps an AES-GCM key under SM4+SM3, and a file written under one suite stays readable", () => {
    const dataKey = randomBytes(32);
    const body = encryptBody(cipherSuite("aes-gcm"), dataKey, Buffer.from("低保证.jpg"));
    const wrapped = wrapDataKey(keysWith(1), cipherSuite("aes-gcm"), "c".repeat(64), dataKey);
    const moved = rewrapDataKey(keysWith(1), cipherSuite("sm4-sm3"), wrapped)!;
    expect(moved.suite).toBe("sm4-sm3");
    expect(decryptBody(unwrapDataKey(keysWith(1), moved), body).toString()).toBe("低保证.jpg");
  });

  it("names the missing key version instead of returning garbage", () => {
    const wrapped = wrapDataKey(keysWith(2), cipherSuite("aes-gcm"), "d".repeat(64), randomBytes(32));
    const onlyVersion1: FieldKeys = { ...keysWith(1), keys: new Map([[1, Buffer.alloc(32, 1)]]) };
    expect(() => unwrapDataKey(onlyVersion1, wrapped)).toThrow(/field key version 2 is not configured/);
  });
});
