/**
 * Moving fields and blind indexes between cipher suites (lib/security/rotate-keys.ts): data written
 * under aes-gcm, then CIPHER_SUITE=sm4-sm3 and `keys:rotate` → every `…Cipher` value is an `s…`
 * token (SM4 + HMAC-SM3), every `…Hash` is recomputed with HMAC-SM3, sign-in by ID number and by
 * phone keeps working before, during and after the move, a second run does nothing; and back again.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { authenticate } from "@/lib/auth/authenticate";
import { accessCodeHash, accessCodeMatches } from "@/lib/crypto/access-code";
import { encryptField, sensitiveHash, type SensitiveKind } from "@/lib/crypto/field-crypto";
import { fieldKeys, reveal, seal } from "@/lib/crypto/keys";
import { db } from "@/lib/db/client";
import { findCipherColumns, readCipherBatch } from "@/lib/db/key-rotation.repo";
import { rotateFieldKeys } from "@/lib/security/rotate-keys";
import {
  makeParent,
  makeRegionTree,
  makeSchool,
  makeStudent,
  makeStudentAccount,
  PASSWORD,
} from "../support/fixtures";

const saved = { suite: process.env.CIPHER_SUITE, index: process.env.BLIND_INDEX_SUITE };
const KIND: Record<string, SensitiveKind> = {
  idNumberHash: "idNumber",
  phoneHash: "phone",
  bankAccountHash: "bankAccount",
};

type Stored = { table: string; column: string; cipher: string; hashColumn?: string; hash?: string | null };

/** Every encrypted value in the database with the blind index beside it. */
async function everything(): Promise<Stored[]> {
  const out: Stored[] = [];
  for (const t of await findCipherColumns()) {
    for (const row of await readCipherBatch(t, null, 10_000)) {
      for (const column of t.columns) {
        const cipher = row.values[column];
        if (!cipher) continue;
        const hashColumn = t.hashes[column];
        out.push({
          table: t.table,
          column,
          cipher,
          hashColumn,
          hash: hashColumn ? row.values[hashColumn] : undefined,
        });
      }
    }
  }
  return out;
}

const signIn = (kind: "student" | "parent", identifier: string) =>
  authenticate({ kind, identifier, password: PASSWORD }, null);

let plaintexts: string[];
let student: Awaited<ReturnType<typeof makeStudent>>;
let codeHashUnderAes: string;

function useSuite(suite: "aes-gcm" | "sm4-sm3") {
  process.env.CIPHER_SUITE = suite;
  delete process.env.BLIND_INDEX_SUITE;
}

async function expectAllUnder(letter: "v" | "s") {
  const stored = await everything();
  expect(stored.length).toBe(11);
  expect(stored.every((s) => s.cipher.startsWith(`${letter}1.`))).toBe(true);
  expect(stored.map((s) => reveal(s.cipher)).sort()).toEqual(plaintexts);
  const hashed = stored.filter((s) => s.hashColumn);
  expect(hashed.map((s) => `${s.table}.${s.hashColumn}`)).toEqual(
    expect.arrayContaining(["Person.idNumberHash", "Guardian.phoneHash", "User.phoneHash"]),
  );
  for (const s of hashed)
    expect(s.hash).toBe(sensitiveHash(fieldKeys(), reveal(s.cipher), KIND[s.hashColumn!]!));
}

beforeAll(async () => {
  useSuite("aes-gcm");
  const s = await makeSchool((await makeRegionTree()).county.id);
  student = await makeStudent(s);
  for (let i = 0; i < 3; i++) await makeStudent(s);
  await makeStudentAccount(student);
  const parent = await makeParent("13755556666");
  // The cells of rejected import rows (student-roster-export.ts's rejected-rows download): a composite key, no `id`.
  const job = await db().importJob.create({
    data: {
      schoolId: s.school.id,
      createdById: parent.id,
      kind: "ROSTER",
      mode: "GOOD_ROWS",
      fileName: "名单.xlsx",
    },
  });
  for (const rowNumber of [2, 10])
    await db().importRejection.create({
      data: {
        jobId: job.id,
        rowNumber,
        reason: "身份证号校验位不对",
        valuesCipher: encryptField(fieldKeys(), JSON.stringify([`学生${rowNumber}`, "440106201003151013"])),
      },
    });
  codeHashUnderAes = accessCodeHash(student.student.id, "ABCD2345");
  plaintexts = (await everything()).map((s) => reveal(s.cipher)).sort();
});

afterAll(() => {
  process.env.CIPHER_SUITE = saved.suite;
  if (saved.index === undefined) delete process.env.BLIND_INDEX_SUITE;
  else process.env.BLIND_INDEX_SUITE = saved.index;
  if (saved.suite === undefined) delete process.env.CIPHER_SUITE;
});

describe("keys:rotate between cipher suites", () => {
  it("starts with v-tokens and HMAC-SHA-256 hashes", async () => {
    await expectAllUnder("v");
  });

  it("after CIPHER_SUITE=sm4-sm3, before the rotation ran: sign-in still finds both accounts", async () => {
    useSuite("sm4-sm3");
    expect(await signIn("student", student.idNumber)).toMatchObject({ ok: true });
    expect(await signIn("parent", "13755556666")).toMatchObject({ ok: true });
  });

  it("moves every cipher to an s-token and recomputes every hash with HMAC-SM3", async () => {
    const dry = await rotateFieldKeys({ dryRun: true });
    expect(dry.reduce((a, r) => a + r.rewritten, 0)).toBe(plaintexts.length);
    expect((await everything()).every((s) => s.cipher.startsWith("v1."))).toBe(true);

    const report = await rotateFieldKeys({ batchSize: 2 });
    expect(report.reduce((a, r) => a + r.rewritten, 0)).toBe(plaintexts.length);
    expect(report.reduce((a, r) => a + r.rehashed, 0)).toBe(dry.reduce((a, r) => a + r.rehashed, 0));
    expect(report.find((r) => r.table === "Person" && r.column === "idNumberCipher")?.rehashed).toBe(4);
    expect(report.find((r) => r.table === "ImportRejection")).toMatchObject({
      column: "valuesCipher",
      rewritten: 2,
    });
    await expectAllUnder("s");
    const rejected = await db().importRejection.findMany({ orderBy: { rowNumber: "asc" } });
    expect(rejected.map((r) => JSON.parse(reveal(r.valuesCipher)) as string[])).toEqual([
      ["学生2", "440106201003151013"],
      ["学生10", "440106201003151013"],
    ]);
  });

  it("sign-in by ID number and by phone works on the moved hashes; an access code issued before still matches", async () => {
    expect(await signIn("student", student.idNumber)).toMatchObject({ ok: true });
    expect(await signIn("parent", "137 5555 6666")).toMatchObject({ ok: true });
    expect(await signIn("parent", "13755550000")).toMatchObject({ ok: false });
    expect(accessCodeMatches(student.student.id, codeHashUnderAes, "ABCD2345")).toBe(true);
    expect(accessCodeMatches(student.student.id, codeHashUnderAes, "ABCD2346")).toBe(false);
    expect(accessCodeHash(student.student.id, "ABCD2345")).not.toBe(codeHashUnderAes);
  });

  it("is idempotent: a second run rewrites nothing", async () => {
    const again = await rotateFieldKeys();
    expect(again.reduce((a, r) => a + r.rewritten + r.rehashed + r.skipped, 0)).toBe(0);
  });

  it("moves back to aes-gcm the same way", async () => {
    useSuite("aes-gcm");
    expect(await signIn("parent", "13755556666")).toMatchObject({ ok: true });
    const report = await rotateFieldKeys();
    expect(report.reduce((a, r) => a + r.rewritten, 0)).toBe(plaintexts.length);
    await expectAllUnder("v");
    expect(await signIn("student", student.idNumber)).toMatchObject({ ok: true });
    expect((await rotateFieldKeys()).reduce((a, r) => a + r.rewritten + r.rehashed, 0)).toBe(0);
  });

  it("BLIND_INDEX_SUITE alone moves only the hashes", async () => {
    process.env.BLIND_INDEX_SUITE = "sm4-sm3";
    const report = await rotateFieldKeys();
    expect(report.reduce((a, r) => a + r.rewritten, 0)).toBe(0);
    expect(report.reduce((a, r) => a + r.rehashed, 0)).toBeGreaterThan(0);
    await expectAllUnder("v");
    expect(await signIn("parent", "13755556666")).toMatchObject({ ok: true });
  });

  it("a person recorded twice meanwhile (one hash per suite) stops the run on that row, naming it", async () => {
    // Hashes are HMAC-SM3 now; going back to HMAC-SHA-256, a second record of the same ID number written
    // before the rotation ran takes the hash the first one is about to get.
    process.env.BLIND_INDEX_SUITE = "aes-gcm";
    const id = seal(student.idNumber, "idNumber");
    const twin = await db().person.create({
      data: {
        name: "重复",
        gender: "MALE",
        idType: "RESIDENT_ID",
        idNumberCipher: id.cipher,
        idNumberHash: id.hash,
        idNumberMasked: id.masked,
      },
    });
    await expect(rotateFieldKeys()).rejects.toThrow(
      new RegExp(`Person\\.idNumberCipher row ${student.person.id} could not be rewritten`),
    );
    await db().person.delete({ where: { id: twin.id } });
    expect((await rotateFieldKeys()).reduce((a, r) => a + r.rehashed, 0)).toBeGreaterThan(0);
    expect(await signIn("student", student.idNumber)).toMatchObject({ ok: true });
  });
});
