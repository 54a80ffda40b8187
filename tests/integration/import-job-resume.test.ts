/**
 * An import job interrupted mid-way (its worker process SIGKILLed after a few batches) and run again by
 * another worker resumes from its checkpoint (ImportBatch, lib/services/import-job-runner.ts) and ends with exactly
 * the result of an uninterrupted run of the same file: the same students, the same rejected rows with
 * the same reasons, the same counts — nothing written or counted twice, nothing lost. Both imports:
 * roster (good-rows mode) and special-group list.
 */
import { once } from "node:events";
import { beforeAll, describe, expect, it } from "vitest";
import type { SessionUser } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import { runImportJob } from "@/lib/services/import-job-runner";
import { IMPORT_RUNNERS } from "@/lib/services/import-runners";
import { importJobData, queueImport } from "@/lib/services/import-queue";
import { importRoster, ROSTER_BATCH } from "@/lib/services/student-roster-import";
import { importSpecialGroupList } from "@/lib/services/special-groups";
import { makeRegionTree, makeSchool, makeStaff } from "../support/fixtures";
import { committedBatchCount, sessionOf, spawnImportChild, waitFor } from "../support/import-jobs";
import { uniqueId, validRow, writeRosterFile, writeXlsx } from "../support/student-roster-file";

const N = 5 * ROSTER_BATCH - 700; // five batches, the last one short

type School = Awaited<ReturnType<typeof makeSchool>>;
async function schoolWithAdmin(countyId: string) {
  const s = await makeSchool(countyId, "SENIOR");
  for (let c = 2; c <= 10; c++)
    await db().schoolClass.create({ data: { schoolId: s.school.id, gradeId: s.grade.id, name: `${c}班` } });
  const a = await makeStaff("SCHOOL_ADMIN", { schoolId: s.school.id });
  return { s, admin: sessionOf(a.user) };
}

/** The same roster for two schools, differing only in the ID numbers' region (so no person is shared). */
function rosterRows(s: School, region: string, phonePrefix: string) {
  return Array.from({ length: N }, (_, i) => {
    const id = uniqueId(i, region);
    const row = validRow(i, s.grade.name, `${(i % 10) + 1}班`, {
      idNumber: id,
      studentNo: `G${id}`,
      guardianPhone: `${phonePrefix}${String(i).padStart(8, "0")}`,
    });
    if (i % 997 === 13) return { ...row, className: "99班" }; // bad: no such class
    if (i % 1499 === 7 && i > ROSTER_BATCH) {
      // the ID of a row in an earlier batch: a duplicate only a run that read that batch can see
      const earlier = uniqueId(i - ROSTER_BATCH - 3, region);
      return { ...row, idNumber: earlier, studentNo: `G${earlier}` };
    }
    return row;
  });
}

async function studentsOf(schoolId: string, region: string) {
  const rows = await db().student.findMany({
    where: { schoolId },
    select: { studentNo: true, class: { select: { name: true } }, person: { select: { name: true } } },
  });
  return rows // the 学籍号 without the region code and check digit, the parts that differ between the two files
    .map((r) => `${r.studentNo.replace(region, "R").slice(0, -1)}|${r.class?.name}|${r.person.name}`)
    .sort();
}
const rejectionsOf = (jobId: string) =>
  db().importRejection.findMany({
    where: { jobId },
    orderBy: { rowNumber: "asc" },
    select: { rowNumber: true, reason: true },
  });
const COUNT_FIELDS = {
  state: true,
  committed: true,
  processedRows: true,
  created: true,
  updated: true,
  unchanged: true,
  rejected: true,
  matched: true,
  unmatched: true,
  newlyMatched: true,
} as const;
type Counts = Record<Exclude<keyof typeof COUNT_FIELDS, "state" | "committed">, number> & {
  state: string;
  committed: boolean;
};

/** Runs the job in a worker process, kills it after `batches` committed batches, then runs it here. */
async function interruptAndResume(data: ReturnType<typeof importJobData>, batches: number) {
  const { child, output } = spawnImportChild(data);
  const exited = once(child, "exit");
  const reached = await waitFor(
    async () => child.exitCode !== null || (await committedBatchCount(data.importJobId)) >= batches,
    240_000,
    20,
  );
  expect(reached).toBe(true);
  expect(child.exitCode, `the job ended before it could be killed:\n${output()}`).toBeNull();
  child.kill("SIGKILL");
  await exited;
  const left = await db().importJob.findUniqueOrThrow({
    where: { id: data.importJobId },
    select: { state: true },
  });
  expect(left.state).toBe("RUNNING");
  const committed = await committedBatchCount(data.importJobId);
  expect(committed).toBeGreaterThanOrEqual(batches);
  // Another worker takes the job over.
  await runImportJob(data, IMPORT_RUNNERS);
  return committed;
}

let A: { s: School; admin: SessionUser };
let B: { s: School; admin: SessionUser };
beforeAll(async () => {
  const { county } = await makeRegionTree();
  A = await schoolWithAdmin(county.id);
  B = await schoolWithAdmin(county.id);
}, 60_000);

describe("a roster import killed mid-way and resumed by another worker", () => {
  it("ends with the rows and counts of an uninterrupted run", async () => {
    const fileA = await writeRosterFile("clean.xlsx", rosterRows(A.s, "440111", "139"));
    const fileB = await writeRosterFile("killed.xlsx", rosterRows(B.s, "440112", "138"));

    const clean = await importRoster(A.admin, { filePath: fileA, fileName: "r.xlsx", mode: "GOOD_ROWS" });
    if (!clean.ok) throw new Error(clean.message);
    expect(clean.data).toMatchObject({ state: "DONE", committed: true, processedRows: N });
    expect(clean.data.rejected).toBeGreaterThan(5);

    const jobId = await queueImport({
      user: B.admin,
      schoolId: B.s.school.id,
      kind: "ROSTER",
      mode: "GOOD_ROWS",
      fileName: "r.xlsx",
      filePath: fileB,
      enqueue: false,
    });
    const committedBeforeResume = await interruptAndResume(importJobData(B.admin, jobId), 2);
    expect(committedBeforeResume).toBeLessThan(5);

    const [a, b] = (await Promise.all(
      [clean.data.id, jobId].map((id) =>
        db().importJob.findUniqueOrThrow({ where: { id }, select: { ...COUNT_FIELDS, attempts: true } }),
      ),
    )) as [Counts & { attempts: number }, Counts & { attempts: number }];
    expect(b.attempts).toBe(2);
    expect({ ...b, attempts: 1 }).toEqual({ ...a, attempts: 1 });
    // The reasons name the school's grade: the same text once the two schools' grade names are aligned.
    const reasonsB = (await rejectionsOf(jobId)).map((r) => ({
      ...r,
      reason: r.reason.replaceAll(B.s.grade.name, A.s.grade.name),
    }));
    expect(reasonsB).toEqual(await rejectionsOf(clean.data.id));
    const studentsA = await studentsOf(A.s.school.id, "440111");
    expect(studentsA).toHaveLength(a.created);
    expect(await studentsOf(B.s.school.id, "440112")).toEqual(studentsA);
    expect(await db().importBatch.count({ where: { jobId } })).toBe(5);
    // The upload was removed from the file store once the job had finished.
    expect((await db().importJob.findUniqueOrThrow({ where: { id: jobId } })).fileKey).toBeNull();
  }, 600_000);
});

describe("a special-group list import killed mid-way and resumed", () => {
  it("ends with the entries and counts of an uninterrupted run", async () => {
    const M = 2600; // six batches of 500 rows
    const rows = (region: string) =>
      Array.from({ length: M }, (_, i) => [
        `名单${i}`,
        i % 401 === 5 ? "440111200901019999" : uniqueId(i + 50_000, region),
        "城乡低保家庭",
        "2026",
      ]);
    const headers = ["姓名", "身份证件号", "类别", "年度"];
    const fileA = await writeXlsx("list-a.xlsx", headers, rows("440111"));
    const fileB = await writeXlsx("list-b.xlsx", headers, rows("440112"));
    const input = { fileName: "l.xlsx", category: null, listYear: 2026 } as const;
    const clean = await importSpecialGroupList(A.admin, { ...input, filePath: fileA });
    if (!clean.ok) throw new Error(clean.message);
    expect(clean.data).toMatchObject({ state: "DONE", processedRows: M });

    const jobId = await queueImport({
      user: B.admin,
      schoolId: B.s.school.id,
      kind: "SPECIAL_GROUP",
      mode: "GOOD_ROWS",
      fileName: "l.xlsx",
      filePath: fileB,
      params: { category: null, listYear: 2026 },
      enqueue: false,
    });
    await interruptAndResume(importJobData(B.admin, jobId), 2);
    const [a, b] = (await Promise.all(
      [clean.data.id, jobId].map((id) =>
        db().importJob.findUniqueOrThrow({ where: { id }, select: COUNT_FIELDS }),
      ),
    )) as [Counts, Counts];
    expect(b).toEqual(a);
    expect(b.created).toBeGreaterThan(0);
    expect(await rejectionsOf(jobId)).toEqual(await rejectionsOf(clean.data.id));
    const entries = async (schoolId: string) => db().specialGroupEntry.count({ where: { schoolId } });
    expect(await entries(B.s.school.id)).toBe(await entries(A.s.school.id));
  }, 600_000);
});
