/**
 * Files at rest: every stored file is encrypted with its own data key, wrapped with the field key in
 * StoredFileKey — on local disk and in an S3-compatible store (a real S3-protocol server, s3rver, on
 * loopback; or the endpoint in S3_TEST_ENDPOINT with S3_TEST_BUCKET/_ACCESS_KEY_ID/_SECRET_ACCESS_KEY).
 * Key rotation and a move to SM4+SM3 re-wrap keys without rewriting files.
 */
import { createHash, randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import S3rver from "s3rver";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { storedFileKeys } from "@/lib/db/stored-file-keys.repo";
import { encryptPlaintextFiles } from "@/lib/security/encrypt-stored-files";
import { rewrapStoredFileKeys } from "@/lib/security/rotate-keys";
import { storeOrRefuse } from "@/lib/services/stored-files";
import { encryptedStorage } from "@/lib/storage";
import { StoredFileError } from "@/lib/storage/encrypted";
import type { FileStorage } from "@/lib/storage/types";
import { LocalDiskStorage } from "@/lib/storage/local-disk";
import { S3Storage, type S3Settings } from "@/lib/storage/s3";
import { makeParent } from "../support/fixtures";
import { TEST_SECRETS } from "../support/test-env";

const saved = { ...process.env };
const sha = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");
const PHOTO = Buffer.concat([
  Buffer.from([0xff, 0xd8, 0xff]),
  Buffer.from("低保证 440106201003151012 ".repeat(5000)),
]);

let server: S3rver | undefined;
let s3: S3Settings;
let localRoot: string;

beforeAll(async () => {
  localRoot = fs.mkdtempSync(path.join(os.tmpdir(), "aid-files-"));
  if (process.env.S3_TEST_ENDPOINT) {
    s3 = {
      endpoint: process.env.S3_TEST_ENDPOINT,
      bucket: process.env.S3_TEST_BUCKET ?? "aid-test",
      region: process.env.S3_TEST_REGION ?? "us-east-1",
      accessKeyId: process.env.S3_TEST_ACCESS_KEY_ID,
      secretAccessKey: process.env.S3_TEST_SECRET_ACCESS_KEY,
      forcePathStyle: process.env.S3_TEST_FORCE_PATH_STYLE !== "false",
      prefix: "aid-tests/",
    };
  } else {
    server = new S3rver({
      address: "127.0.0.1",
      port: 0,
      silent: true,
      directory: fs.mkdtempSync(path.join(os.tmpdir(), "aid-s3rver-")),
      configureBuckets: [{ name: "aid-evidence", configs: [] }],
    });
    const { port } = await server.run();
    s3 = {
      endpoint: `http://127.0.0.1:${port}`,
      bucket: "aid-evidence",
      region: "us-east-1",
      accessKeyId: "S3RVER",
      secretAccessKey: "S3RVER",
      forcePathStyle: true,
      prefix: "evidence/",
    };
  }
});

afterAll(async () => {
  process.env = saved;
  await server?.close();
});

const stores = () => ({
  local: new LocalDiskStorage(localRoot),
  s3: new S3Storage(s3),
});

describe.each(["local", "s3"] as const)("encrypted %s store", (kind) => {
  it("stores only ciphertext, keeps the wrapped key in the database, and returns the same bytes", async () => {
    const inner = stores()[kind];
    const store = encryptedStorage(inner);
    const key = await store.put(PHOTO);
    const raw = await inner.get(key);
    expect(raw).not.toBeNull();
    expect(Buffer.from(raw!).includes(Buffer.from("440106201003151012"))).toBe(false);
    expect(await storedFileKeys.load(key)).toMatchObject({ objectKey: key, suite: "aes-gcm", keyVersion: 1 });
    expect(sha((await store.get(key))!)).toBe(sha(PHOTO));

    await store.delete(key);
    expect(await store.get(key)).toBeNull();
    expect(await storedFileKeys.load(key)).toBeNull();
  });

  it("streams a multi-chunk file in and out, and reads files written by the whole-body path and back", async () => {
    const inner = stores()[kind];
    // The store as the code before streaming used it: whole bodies only (no putParts / getPieces).
    const wholeBodies: FileStorage = {
      put: (data) => inner.put(data),
      get: (key) => inner.get(key),
      delete: (key) => inner.delete(key),
    };
    const large = randomBytes(3 * 256 * 1024 + 4321);
    const streamed = encryptedStorage(inner);
    const whole = encryptedStorage(wholeBodies);
    for (const [writer, reader] of [
      [streamed, streamed],
      [whole, streamed],
      [streamed, whole],
    ] as const) {
      const key = await writer.put(large);
      expect(Buffer.from((await inner.get(key))!).includes(large.subarray(1000, 1064))).toBe(false);
      expect(sha((await reader.get(key))!)).toBe(sha(large));
      await writer.delete(key);
    }
  });

  it("answers null for a key that is malformed or was never stored", async () => {
    const store = encryptedStorage(stores()[kind]);
    expect(await store.get("../../etc/passwd")).toBeNull();
    expect(await store.get(randomBytes(32).toString("hex"))).toBeNull();
  });

  it("re-wraps keys on rotation and on a move to SM4+SM3 without rewriting the file", async () => {
    const inner = stores()[kind];
    const key = await encryptedStorage(inner).put(PHOTO);
    const fileBefore = sha((await inner.get(key))!);

    process.env.FIELD_ENCRYPTION_KEYS = `${TEST_SECRETS.FIELD_ENCRYPTION_KEYS},2:${Buffer.alloc(32, 42).toString("base64")}`;
    process.env.FIELD_ENCRYPTION_CURRENT = "2";
    process.env.CIPHER_SUITE = "sm4-sm3";
    const report = await rewrapStoredFileKeys({ batchSize: 1 });
    expect(report.rewrapped).toBeGreaterThanOrEqual(1);
    expect(await storedFileKeys.load(key)).toMatchObject({ suite: "sm4-sm3", keyVersion: 2 });
    expect(sha((await inner.get(key))!)).toBe(fileBefore);
    expect(sha((await encryptedStorage(inner).get(key))!)).toBe(sha(PHOTO));
    expect((await rewrapStoredFileKeys()).rewrapped).toBe(0);

    // A file written under SM4+SM3 reads back too.
    const smKey = await encryptedStorage(inner).put(PHOTO);
    expect(sha((await encryptedStorage(inner).get(smKey))!)).toBe(sha(PHOTO));

    // Without the key version the keys are wrapped with: a clear error, never garbage.
    process.env.FIELD_ENCRYPTION_KEYS = TEST_SECRETS.FIELD_ENCRYPTION_KEYS;
    process.env.FIELD_ENCRYPTION_CURRENT = "1";
    await expect(encryptedStorage(inner).get(key)).rejects.toThrow(StoredFileError);
    await expect(encryptedStorage(inner).get(key)).rejects.toThrow(/field key version 2 is not configured/);
    process.env = { ...saved, DATABASE_URL: process.env.DATABASE_URL };
    Object.assign(process.env, TEST_SECRETS);
  });
});

describe("faults", () => {
  it("an S3 endpoint that does not answer refuses the upload and leaves no key row", async () => {
    const rowsBefore = await db().storedFileKey.count();
    const down = encryptedStorage(new S3Storage({ ...s3, endpoint: "http://127.0.0.1:9" }));
    await expect(down.put(PHOTO)).rejects.toThrow();
    expect(await db().storedFileKey.count()).toBe(rowsBefore);
    // What an upload form shows: a Chinese message on the file field, nothing stored.
    const refused = await storeOrRefuse(down, PHOTO);
    expect(refused).toMatchObject({
      ok: false,
      fieldErrors: { file: expect.stringContaining("文件存储暂时无法使用") },
    });
    expect(await db().storedFileKey.count()).toBe(rowsBefore);
  });

  it("a file written before encryption at rest is still read (until files:encrypt), an encrypted one without its key is not", async () => {
    const inner = new LocalDiskStorage(localRoot);
    const legacy = await inner.put(PHOTO);
    expect(sha((await encryptedStorage(inner).get(legacy))!)).toBe(sha(PHOTO));

    const key = await encryptedStorage(inner).put(PHOTO);
    await db().storedFileKey.delete({ where: { objectKey: key } });
    await expect(encryptedStorage(inner).get(key)).rejects.toThrow(/data key of stored file/);
  });
});

describe("files:encrypt", () => {
  it("encrypts the plaintext evidence files in place of their plaintext, resumably, and checks each file's SHA-256", async () => {
    const inner = new LocalDiskStorage(fs.mkdtempSync(path.join(os.tmpdir(), "aid-legacy-")));
    const uploader = await makeParent("13712340001");
    const files = [PHOTO, Buffer.concat([PHOTO, Buffer.from("第二份")]), Buffer.from("%PDF-1.7 altered")];
    const rows = [];
    for (const [index, bytes] of files.entries()) {
      const storageKey = await inner.put(bytes);
      rows.push(
        await db().evidenceFile.create({
          data: {
            purpose: "household",
            originalName: `证明${index}.jpg`,
            mimeType: "image/jpeg",
            sizeBytes: bytes.length,
            sha256: sha(index === 2 ? Buffer.from("what was uploaded") : bytes),
            storageKey,
            uploadedById: uploader.id,
          },
        }),
      );
    }

    const dry = await encryptPlaintextFiles(inner, { dryRun: true });
    expect(dry).toMatchObject({ encrypted: 2, missing: [rows[2]!.id] });
    expect(await inner.get(rows[0]!.storageKey)).not.toBeNull();

    const report = await encryptPlaintextFiles(inner, { batchSize: 1 });
    expect(report).toMatchObject({ encrypted: 2, missing: [rows[2]!.id], skipped: 0 });
    for (const [index, row] of rows.slice(0, 2).entries()) {
      const moved = await db().evidenceFile.findUniqueOrThrow({ where: { id: row.id } });
      expect(moved.storageKey).not.toBe(row.storageKey);
      expect(await inner.get(row.storageKey)).toBeNull();
      expect(Buffer.from((await inner.get(moved.storageKey))!).includes(Buffer.from("440106"))).toBe(false);
      expect(sha((await encryptedStorage(inner).get(moved.storageKey))!)).toBe(sha(files[index]!));
    }
    expect((await encryptPlaintextFiles(inner)).encrypted).toBe(0);
  });
});
