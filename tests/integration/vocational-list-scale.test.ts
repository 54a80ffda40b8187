/**
 * Scale (lib/db/vocational-list.repo.ts `buildEntries`): a month's 中职 list of a 5,000-student school is built
 * in ≤ 1 s (service call: access, transaction, insert, overdue flags, history, audit), beside a plain INSERT …
 * SELECT of the same rows into the same table (the ratio is printed); every tenth student is
 * overdue and left out.
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { SessionUser } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import { buildMonthlyList } from "@/lib/services/vocational-roster";
import { ensureDefaultModel } from "../support/determination-fixtures";
import { makeCurrentTerm, makeRegionTree, makeSchool, makeStaff } from "../support/fixtures";
import { sessionUser } from "../support/session-user";

const ROWS = 5_000;
let officer: SessionUser;
let programmeId: string;
let termId: string;
let schoolId: string;

beforeAll(async () => {
  const { county } = await makeRegionTree();
  const { school, grade, klass } = await makeSchool(county.id, "VOCATIONAL");
  schoolId = school.id;
  const { term } = await makeCurrentTerm({ stage: "VOCATIONAL" });
  termId = term.id;
  await db().aidTerm.update({ where: { id: term.id }, data: { academicYear: "2026-2027" } });
  const programme = await db().aidProgramme.create({
    data: {
      code: `voc_scale_${Date.now()}`,
      name: "中职国家助学金",
      stage: "VOCATIONAL",
      kind: "SUBSIDY",
      period: "MONTHLY",
      eligibleLevels: ["HARDSHIP"],
    },
  });
  programmeId = programme.id;
  await db().termProgramme.create({
    data: { termId, programmeId, amountMode: "FIXED", fixedAmountFen: 20_000 },
  });
  const model = await ensureDefaultModel();
  await db().$executeRawUnsafe(
    `INSERT INTO "Person"(id, name, gender, "idType", "idNumberCipher", "idNumberHash", "idNumberMasked", "updatedAt")
     SELECT 'vocp' || n, '中职' || lpad(n::text, 4, '0'), 'MALE', 'RESIDENT_ID', 'x', 'voc-h' || n,
       '4401**********' || lpad(n::text, 4, '0'), now() FROM generate_series(1, ${ROWS}) n`,
  );
  await db().$executeRawUnsafe(
    `INSERT INTO "Student"(id, "personId", "schoolId", "gradeId", "classId", stage, "studentNo", "enrolledOn", "programmeYears", "updatedAt")
     SELECT 'vocs' || n, 'vocp' || n, $1, $2, $3, 'VOCATIONAL', 'V' || lpad(n::text, 8, '0'),
       CASE WHEN n % 10 = 0 THEN DATE '2023-09-01' ELSE DATE '2025-09-01' END, 3, now()
     FROM generate_series(1, ${ROWS}) n`,
    school.id,
    grade.id,
    klass.id,
  );
  await db().$executeRawUnsafe(
    `INSERT INTO "Application"(id, "termId", "personId", "studentId", "schoolId", "classId", state,
       "commitmentSignedAt", "submittedAt", "verifiedAt", "reviewedAt", "updatedAt")
     SELECT 'voca' || n, $1, 'vocp' || n, 'vocs' || n, $2, $3, 'determined', now(), now(), now(), now(), now()
     FROM generate_series(1, ${ROWS}) n`,
    termId,
    school.id,
    klass.id,
  );
  await db().$executeRawUnsafe(
    `INSERT INTO "Determination"("applicationId", "scoringModelId", "simulatedScore", "simulatedLevel", explanation,
       "finalLevel", "determinedAt", "updatedAt")
     SELECT 'voca' || n, $1, 50, 'HARDSHIP', '{}', 'HARDSHIP', now(), now() FROM generate_series(1, ${ROWS}) n`,
    model.id,
  );
  // No ANALYZE: freshly bulk-loaded rows without statistics are the planner's worst case, and the build must
  // stay fast even then (it once scanned a partial index of Student per application: quadratic).
  officer = sessionUser((await makeStaff("SCHOOL_ADMIN", { schoolId: school.id })).user);
});

describe("building a 5,000-student school's month", () => {
  it("takes ≤ 1 s and leaves the overdue tenth out", async () => {
    const started = performance.now();
    const built = await buildMonthlyList(officer, { programmeId, month: 10 });
    const elapsed = performance.now() - started;
    if (!built.ok) throw new Error(built.message);
    expect(built.data.added).toBe(ROWS - ROWS / 10);

    // The same rows by a plain INSERT … SELECT into another roster (same table, indexes, keys and triggers).
    const other = await db().roster.create({ data: { termId, programmeId, schoolId, month: 11 } });
    const plainStarted = performance.now();
    await db().$executeRawUnsafe(
      `INSERT INTO "RosterEntry" ("id", "rosterId", "studentId", "applicationId", "level", "amountFen")
       SELECT gen_random_uuid()::text, $3, a."studentId", a."id", d."finalLevel", 20000
       FROM "Application" a JOIN "Determination" d ON d."applicationId" = a."id"
       JOIN "Student" s ON s."id" = a."studentId"
       WHERE a."schoolId" = $1 AND a."termId" = $2 AND s."enrolledOn" > DATE '2023-09-01'`,
      schoolId,
      termId,
      other.id,
    );
    const plain = performance.now() - plainStarted;
    console.info(
      `vocational list build: ${elapsed.toFixed(0)} ms for ${built.data.added} entries; plain INSERT … SELECT ${plain.toFixed(0)} ms; ratio ${(elapsed / plain).toFixed(2)}`,
    );
    expect(elapsed).toBeLessThanOrEqual(1_000);
  });
});
