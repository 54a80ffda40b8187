/**
 * Key rotation (lib/security/rotate-keys.ts): after adding key version 2 and making it
 * current, the rotation re-encrypts every encrypted column; values, lookups
 * and masks are unchanged; a second run does nothing; key 1 can then be removed.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { authenticate } from "@/lib/auth/authenticate";
import { encryptField } from "@/lib/crypto/field-crypto";
import { fieldKeys, reveal } from "@/lib/crypto/keys";
import { db } from "@/lib/db/client";
import { rotateFieldKeys } from "@/lib/security/rotate-keys";
import { makeParent, makeRegionTree, makeSchool, makeStudent, PASSWORD } from "../support/fixtures";
import { TEST_SECRETS } from "../support/test-env";

const KEY2 = Buffer.alloc(32, 42).toString("base64");
const saved = { keys: process.env.FIELD_ENCRYPTION_KEYS, current: process.env.FIELD_ENCRYPTION_CURRENT };

async function allCiphers(): Promise<string[]> {
  const rows = await db().$queryRaw<{ v: string }[]>`
    SELECT "idNumberCipher" AS v FROM "Person"
    UNION ALL SELECT "phoneCipher" FROM "Guardian"
    UNION ALL SELECT "phoneCipher" FROM "User" WHERE "phoneCipher" IS NOT NULL
    UNION ALL SELECT "valuesCipher" FROM "ImportRejection"`;
  return rows.map((r) => r.v);
}

let before: Map<string, string>;

beforeAll(async () => {
  const s = await makeSchool((await makeRegionTree()).county.id);
  for (let i = 0; i < 4; i++) await makeStudent(s);
  const parent = await makeParent("13755556666");
  // Rejected import rows have a composite primary key (jobId, rowNumber) and no `id`.
  const job = await db().importJob.create({
    data: {
      schoolId: s.school.id,
      createdById: parent.id,
      kind: "ROSTER",
      mode: "GOOD_ROWS",
      fileName: "名单.xlsx",
    },
  });
  for (const rowNumber of [3, 12, 25])
    await db().importRejection.create({
      data: {
        jobId: job.id,
        rowNumber,
        reason: "重复",
        valuesCipher: encryptField(fieldKeys(), `["行${rowNumber}"]`),
      },
    });
  before = new Map((await allCiphers()).map((c) => [c, reveal(c)]));
});

afterAll(() => {
  process.env.FIELD_ENCRYPTION_KEYS = saved.keys;
  process.env.FIELD_ENCRYPTION_CURRENT = saved.current;
});

describe("rotateFieldKeys", () => {
  it("re-encrypts every value with the new current version, keeping plaintexts and lookups", async () => {
    expect([...before.keys()].every((c) => c.startsWith("v1."))).toBe(true);
    process.env.FIELD_ENCRYPTION_KEYS = `${TEST_SECRETS.FIELD_ENCRYPTION_KEYS},2:${KEY2}`;
    process.env.FIELD_ENCRYPTION_CURRENT = "2";

    const dry = await rotateFieldKeys({ dryRun: true });
    expect(dry.reduce((a, r) => a + r.rewritten, 0)).toBe(before.size);
    expect((await allCiphers()).every((c) => c.startsWith("v1."))).toBe(true);

    const report = await rotateFieldKeys({ batchSize: 2 });
    expect(report.reduce((a, r) => a + r.rewritten, 0)).toBe(before.size);
    expect(report.map((r) => `${r.table}.${r.column}`)).toEqual(
      expect.arrayContaining([
        "Person.idNumberCipher",
        "Guardian.phoneCipher",
        "User.phoneCipher",
        "ImportRejection.valuesCipher",
      ]),
    );

    const after = await allCiphers();
    expect(after.every((c) => c.startsWith("v2."))).toBe(true);
    expect(after.map(reveal).sort()).toEqual([...before.values()].sort());
  });

  it("is idempotent", async () => {
    const again = await rotateFieldKeys();
    expect(again.reduce((a, r) => a + r.rewritten, 0)).toBe(0);
  });

  it("lets the old key be removed afterwards: everything still decrypts and sign-in by phone works", async () => {
    process.env.FIELD_ENCRYPTION_KEYS = `2:${KEY2}`;
    process.env.FIELD_ENCRYPTION_CURRENT = "2";
    expect((await allCiphers()).map(reveal).sort()).toEqual([...before.values()].sort());
    expect(
      await authenticate({ kind: "parent", identifier: "13755556666", password: PASSWORD }, null),
    ).toMatchObject({ ok: true });
  });
});
