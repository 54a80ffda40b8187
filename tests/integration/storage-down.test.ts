/**
 * The S3 endpoint down while an applicant uploads evidence: the upload (lib/services/evidence.ts
 * uploadEvidence, what POST /api/evidence calls) is refused with a Chinese message on the file field,
 * nothing is written to the database — no StoredFileKey, no EvidenceFile, no audit entry — and once
 * the store is back the same applicant's next upload is stored and reads back byte for byte. Opening a
 * stored file while the store is down answers 503 with a Chinese message (GET /api/evidence/[id]).
 * The store is a real S3-protocol server (s3rver) on loopback, stopped and started again on its port.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import S3rver from "s3rver";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SessionUser } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import { startApplication } from "@/lib/services/application-portal";
import { applicantContext } from "@/lib/services/context";
import { openEvidence, uploadEvidence } from "@/lib/services/evidence";
import { encryptedStorage, setEvidenceStorage } from "@/lib/storage";
import { S3Storage } from "@/lib/storage/s3";
import {
  makeCurrentTerm,
  makeRegionTree,
  makeSchool,
  makeStudent,
  makeStudentAccount,
  type StudentFixture,
} from "../support/fixtures";

const directory = fs.mkdtempSync(path.join(os.tmpdir(), "aid-s3-down-"));
const s3rver = (port: number) =>
  new S3rver({
    address: "127.0.0.1",
    port,
    silent: true,
    directory,
    configureBuckets: [{ name: "aid-evidence", configs: [] }],
  });
let server: S3rver | undefined;
let port: number;

const JPEG = new Uint8Array(
  Buffer.concat([
    Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]),
    Buffer.from("JFIF\0" + "x".repeat(5000)),
    Buffer.from([0xff, 0xd9]),
  ]),
);

let alice: StudentFixture;
let storedId: string;
let aliceUser: SessionUser;

const counts = async () => ({
  keys: await db().storedFileKey.count(),
  evidence: await db().evidenceFile.count(),
  audit: await db().auditLog.count(),
});

beforeAll(async () => {
  server = s3rver(0);
  ({ port } = await server.run());
  setEvidenceStorage(
    encryptedStorage(
      new S3Storage({
        endpoint: `http://127.0.0.1:${port}`,
        bucket: "aid-evidence",
        region: "us-east-1",
        accessKeyId: "S3RVER",
        secretAccessKey: "S3RVER",
        forcePathStyle: true,
        prefix: "evidence/",
      }),
    ),
  );
  const { county } = await makeRegionTree();
  alice = await makeStudent(await makeSchool(county.id, "SENIOR"));
  const account = await makeStudentAccount(alice);
  aliceUser = {
    id: account.id,
    role: "STUDENT",
    displayName: "x",
    schoolId: null,
    regionId: null,
    personId: alice.person.id,
    regionPath: null,
    mustChangePassword: false,
  };
  await makeCurrentTerm({ stage: "SENIOR" });
  const ctx = await applicantContext(aliceUser, alice.person.id);
  if (!ctx.ok) throw new Error(ctx.message);
  await startApplication(ctx.data);
});

afterAll(async () => {
  await server?.close();
});

const upload = () =>
  uploadEvidence(aliceUser, {
    personId: alice.person.id,
    purpose: "income",
    originalName: "收入证明.jpg",
    bytes: JPEG,
  });

describe("the S3 endpoint down during an evidence upload", () => {
  it("with the store up, an upload is stored (the baseline of this test)", async () => {
    const r = await upload();
    if (!r.ok) throw new Error(r.message);
    storedId = r.data.id;
  });

  it("refuses the upload with a Chinese message on the file field and writes nothing to the database", async () => {
    await server!.close();
    server = undefined;
    const before = await counts();
    const r = await upload();
    expect(r).toMatchObject({ ok: false, code: "UNAVAILABLE", fieldErrors: { file: expect.any(String) } });
    expect(await counts()).toEqual(before);
  });

  it("a file stored before cannot be opened meanwhile: 503 with a Chinese message, not a crash", async () => {
    expect(await openEvidence(aliceUser, storedId)).toEqual({
      ok: false,
      status: 503,
      message: expect.stringContaining("文件存储暂时无法使用，暂时打不开这份文件"),
    });
  });

  it("once the store answers again, the next upload is stored and reads back byte for byte", async () => {
    server = s3rver(port);
    await server.run();
    const r = await upload();
    if (!r.ok) throw new Error(r.message);
    const opened = await openEvidence(aliceUser, r.data.id);
    if (!opened.ok) throw new Error(opened.message);
    expect(Buffer.from(opened.data.bytes).equals(Buffer.from(JPEG))).toBe(true);
    expect(await db().evidenceFile.count({ where: { application: { personId: alice.person.id } } })).toBe(2);
  });
});
