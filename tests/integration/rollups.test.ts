/**
 * The rollup framework (migration 400, lib/db/rollups/, lib/services/rollup-job.ts) on the real database
 * as the app role: every watched base table marks exactly the (school, term) its statement touched; the
 * drain recomputes the progress rollup from the base tables; and through the real queue a determination
 * is in the figures well within a minute, with no one running anything by hand.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seal } from "@/lib/crypto/keys";
import { db } from "@/lib/db/client";
import { jobQueue, startWorkers, stopJobs } from "@/lib/jobs/queue";
import { QUEUES } from "@/lib/jobs/queues";
import { registerAllJobHandlers } from "@/lib/services/job-handlers";
import { drainRollups, rebuildRollups } from "@/lib/services/rollup-job";
import {
  currentTermId,
  ensureDefaultModel,
  makeApplication,
  makeOpenBatch,
  makeRoster,
} from "../support/determination-fixtures";
import { makeCurrentTerm, makeRegionTree, makeSchool, makeStaff, makeStudent } from "../support/fixtures";
import { waitFor } from "../support/import-jobs";

let school: Awaited<ReturnType<typeof makeSchool>>;
let other: Awaited<ReturnType<typeof makeSchool>>;
let termId: string;

/** The distinct (school, term) pairs marked (one mark per statement and pair). */
const dirty = async () =>
  [
    ...new Set(
      (await db().rollupDirty.findMany({ select: { schoolId: true, termId: true } })).map(
        (d) => `${d.schoolId}|${d.termId}`,
      ),
    ),
  ].sort();
const clearDirty = () => db().rollupDirty.deleteMany();
const pair = (schoolId: string, term = termId) => `${schoolId}|${term}`;
const progress = (schoolId: string) =>
  db().progressRollup.findUniqueOrThrow({ where: { schoolId_termId: { schoolId, termId } } });

beforeAll(async () => {
  const { county } = await makeRegionTree();
  school = await makeSchool(county.id, "SENIOR");
  other = await makeSchool(county.id, "SENIOR");
  termId = (await makeCurrentTerm({ stage: "SENIOR" })).term.id;
  await ensureDefaultModel();
  await makeStaff("SCHOOL_ADMIN", { schoolId: school.school.id });
});
afterAll(async () => {
  await stopJobs(1);
});

describe("dirty marking by statement triggers", () => {
  it("applications, determinations, rosters, entries, publicity, no-aid records mark their school and term", async () => {
    await clearDirty();
    const { app, student } = await makeApplication(school, "verified");
    expect(await dirty()).toEqual([pair(school.school.id)]);

    await clearDirty();
    const model = await ensureDefaultModel();
    await db().determination.create({
      data: {
        applicationId: app.id,
        scoringModelId: model.id,
        simulatedScore: 40,
        simulatedLevel: "HARDSHIP",
        explanation: {},
      },
    });
    expect(await dirty()).toEqual([pair(school.school.id)]);

    await clearDirty();
    await db().determination.update({ where: { applicationId: app.id }, data: { simulatedScore: 41 } });
    expect(await dirty()).toEqual([pair(school.school.id)]);

    await clearDirty();
    const roster = await makeRoster(school.school.id, [{ studentId: student.student.id }]);
    expect(await dirty()).toEqual([pair(school.school.id)]);
    await clearDirty();
    await db().rosterEntry.updateMany({
      where: { rosterId: roster.id },
      data: { paidAt: new Date(), paidAmountFen: 100_000 },
    });
    expect(await dirty()).toEqual([pair(school.school.id)]);
    await clearDirty();
    await db().roster.update({ where: { id: roster.id }, data: { unlockReason: "x" } });
    expect(await dirty()).toEqual([pair(school.school.id)]);

    await clearDirty();
    const batch = await makeOpenBatch(other.school.id);
    expect(await dirty()).toEqual([pair(other.school.id)]);
    await clearDirty();
    await db().publicityItem.create({
      data: { batchId: batch.id, studentName: "某某", className: "1班", result: "困难" },
    });
    expect(await dirty()).toEqual([pair(other.school.id)]);

    await clearDirty();
    const recorder = (await makeStaff("SCHOOL_ADMIN", { schoolId: school.school.id })).user;
    await db().noAidRecord.create({
      data: {
        termId,
        schoolId: school.school.id,
        studentId: student.student.id,
        reason: "WAIVED",
        recordedById: recorder.id,
      },
    });
    expect(await dirty()).toEqual([pair(school.school.id)]);

    await clearDirty();
    await db().noAidRecord.deleteMany({ where: { studentId: student.student.id } });
    expect(await dirty()).toEqual([pair(school.school.id)]);

    await clearDirty();
    await db().publicityBatch.delete({ where: { id: batch.id } });
    expect(await dirty()).toEqual([pair(other.school.id)]);
  });

  it("enrolments and special-group lists mark their school for the current term; a move marks both schools", async () => {
    await clearDirty();
    const st = await makeStudent(school);
    expect(await dirty()).toEqual([pair(school.school.id)]);

    await clearDirty();
    await db().student.update({
      where: { id: st.student.id },
      data: { schoolId: other.school.id, gradeId: other.grade.id, classId: other.klass.id },
    });
    expect(await dirty()).toEqual([pair(school.school.id), pair(other.school.id)].sort());

    await clearDirty();
    const id = seal(st.idNumber, "idNumber");
    await db().specialGroupEntry.create({
      data: {
        category: "ORPHAN",
        source: "SCHOOL",
        name: st.name,
        idNumberCipher: id.cipher,
        idNumberHash: id.hash,
        idNumberMasked: id.masked,
        schoolId: other.school.id,
        listYear: 2026,
        personId: st.person.id,
        matchedAt: new Date(),
      },
    });
    expect(await dirty()).toEqual([pair(other.school.id)]);
  });

  it("a new school and a term becoming current are marked; a burst of rows is one mark", async () => {
    await clearDirty();
    const { county } = await makeRegionTree();
    const fresh = await makeSchool(county.id, "SENIOR");
    expect(await dirty()).toContain(pair(fresh.school.id));

    await clearDirty();
    const students = await Promise.all([1, 2, 3].map(() => makeStudent(fresh)));
    await db().student.updateMany({
      where: { id: { in: students.map((s) => s.student.id) } },
      data: { status: "SUSPENDED" },
    });
    expect(await dirty()).toEqual([pair(fresh.school.id)]);

    await clearDirty();
    const schools = await db().school.count();
    const previous = termId;
    const next = (await makeCurrentTerm({ stage: "SENIOR" })).term.id;
    const marked = await dirty();
    expect(marked.filter((m) => m.endsWith(`|${next}`))).toHaveLength(schools);
    // Put the earlier term back as current for the tests below.
    await db().aidTerm.update({ where: { id: next }, data: { isCurrent: false } });
    await db().aidTerm.update({ where: { id: previous }, data: { isCurrent: true } });
    await clearDirty();
  });
});

describe("refresh", () => {
  it("the drain recomputes the figures from the base tables and stamps the refresh", async () => {
    const { county } = await makeRegionTree();
    const s = await makeSchool(county.id, "SENIOR");
    const special = await makeApplication(s, "determined", { level: "SPECIAL", categories: ["ORPHAN"] });
    await makeApplication(s, "determined", { level: "GENERAL" });
    await makeApplication(s, "submitted");
    await makeApplication(s, "waived");
    await makeApplication(s, "draft");
    await makeStudent(s);
    await makeRoster(s.school.id, [{ studentId: special.student.student.id, paid: true }], "APPROVED");
    await makeOpenBatch(s.school.id, [{ id: special.app.id, name: special.student.name }]);
    expect(await drainRollups()).toBeGreaterThan(0);
    expect(await db().rollupDirty.count()).toBe(0);
    expect(await progress(s.school.id)).toMatchObject({
      studentsInSchool: 6,
      applied: 3,
      waived: 1,
      inProgress: 1,
      notStarted: 1,
      awaitingVerification: 1,
      verified: 2,
      determinedSpecial: 1,
      determinedGeneral: 1,
      determinedHardship: 0,
      publicised: 1,
      rosterApproved: 1,
      paid: 1,
      specialGroup: 1,
      specialAided: 1,
      specialNoAidWithoutReason: 0,
    });
    const state = await db().rollupState.findUniqueOrThrow({
      where: { schoolId_termId: { schoolId: s.school.id, termId } },
    });
    expect(Date.now() - state.refreshedAt.getTime()).toBeLessThan(60_000);
  });

  it("workers draining at once take different pairs and leave nothing behind", async () => {
    const { county } = await makeRegionTree();
    const schools = await Promise.all([1, 2, 3, 4, 5, 6].map(() => makeSchool(county.id, "SENIOR")));
    for (const s of schools) await makeApplication(s, "submitted");
    const pending = (await dirty()).length;
    expect(pending).toBeGreaterThanOrEqual(6);
    const done = await Promise.all([drainRollups(), drainRollups(), drainRollups()]);
    expect(done.reduce((sum, n) => sum + n, 0)).toBe(pending);
    expect(await db().rollupDirty.count()).toBe(0);
    for (const s of schools) expect((await progress(s.school.id)).awaitingVerification).toBe(1);
  });

  it("the rebuild marks and recomputes every school of the current term", async () => {
    await db().progressRollup.deleteMany();
    const { pairs } = await rebuildRollups();
    expect(pairs).toBeGreaterThanOrEqual(await db().school.count());
    expect(await db().progressRollup.count({ where: { termId } })).toBe(await db().school.count());
  });
});

describe("the rollups job", () => {
  it("a determination is in the figures within a minute, through the queue's own chain", async () => {
    const { county } = await makeRegionTree();
    const s = await makeSchool(county.id, "SENIOR");
    const { app } = await makeApplication(s, "reviewed");
    await drainRollups();
    expect(await progress(s.school.id)).toMatchObject({ awaitingDetermination: 1, determinedHardship: 0 });

    registerAllJobHandlers();
    await startWorkers({ pollingIntervalSeconds: 0.5 });
    // What the per-minute schedule does on a fresh install: start the chain.
    await (await jobQueue()).send(QUEUES.rollups, {});
    const model = await ensureDefaultModel();
    const started = Date.now();
    await db().$transaction([
      db().determination.create({
        data: {
          applicationId: app.id,
          scoringModelId: model.id,
          simulatedScore: 45,
          simulatedLevel: "HARDSHIP",
          explanation: {},
          finalLevel: "HARDSHIP",
          determinedAt: new Date(),
        },
      }),
      db().application.update({ where: { id: app.id }, data: { state: "determined" } }),
    ]);
    expect(
      await waitFor(async () => (await progress(s.school.id)).determinedHardship === 1, 60_000, 250),
    ).toBe(true);
    expect(Date.now() - started).toBeLessThan(60_000);
    expect(await progress(s.school.id)).toMatchObject({ awaitingDetermination: 0 });

    // The chain goes on: a second change later is picked up without another send.
    await db().application.update({ where: { id: app.id }, data: { state: "revoked" } });
    expect(
      await waitFor(async () => (await progress(s.school.id)).determinedHardship === 0, 60_000, 250),
    ).toBe(true);
    expect(await currentTermId()).toBe(termId);
  }, 150_000);
});
