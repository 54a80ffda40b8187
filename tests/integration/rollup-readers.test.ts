/**
 * Pages that read the rollups of migration 670:
 * - the console home's school overview (lib/db/home.repo.ts `listSchoolSummaries`): counted live until the
 *   school's term is in the rollups, then read from them (ApplicationStateStat), with the time of a change
 *   not yet folded in; always within the caller's scope;
 * - the student roster's total (lib/db/student-roster.repo.ts `listStudentRoster`): the rollup's figure
 *   only while nothing of the school is pending, so it is always exact.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { listSchoolSummaries } from "@/lib/db/home.repo";
import { listStudentRoster } from "@/lib/db/student-roster.repo";
import { drainRollups } from "@/lib/services/rollup-job";
import { ensureDefaultModel, makeApplication } from "../support/determination-fixtures";
import { makeCurrentTerm, makeRegionTree, makeSchool, makeStudent } from "../support/fixtures";

type SchoolFx = Awaited<ReturnType<typeof makeSchool>>;
let school: SchoolFx;
let neighbour: SchoolFx;
let outside: SchoolFx;
let termId: string;
let countyPath: string;

const admin = (schoolId: string) => ({ role: "SCHOOL_ADMIN" as const, userId: "admin", schoolId });

beforeAll(async () => {
  const { county } = await makeRegionTree();
  const other = await makeRegionTree();
  countyPath = county.path;
  school = await makeSchool(county.id, "SENIOR");
  neighbour = await makeSchool(county.id, "SENIOR");
  outside = await makeSchool(other.county.id, "SENIOR");
  termId = (await makeCurrentTerm({ stage: "SENIOR" })).term.id;
  await ensureDefaultModel();
  await makeApplication(school, "submitted");
  await makeApplication(school, "submitted");
  await makeApplication(school, "verified");
  await makeStudent(school);
  await db().student.updateMany({
    where: { id: (await makeStudent(school)).student.id },
    data: { status: "GRADUATED" },
  });
  await makeApplication(neighbour, "draft");
});

describe("the console home's school overview", () => {
  it("counts live before the rollup has run: students in school and applications per state", async () => {
    await db().rollupState.deleteMany({ where: { schoolId: school.school.id } });
    const [row] = await listSchoolSummaries(admin(school.school.id), termId);
    // Three applicants and one more student in school; the graduate is not counted.
    expect(row).toMatchObject({ schoolId: school.school.id, students: 4, pendingSince: null });
    expect(row!.byState).toEqual({ submitted: 2, verified: 1 });
  });

  it("reads the rollup once computed, names a change not yet in it, and catches up after the drain", async () => {
    await drainRollups();
    const [computed] = await listSchoolSummaries(admin(school.school.id), termId);
    expect(computed).toMatchObject({
      students: 4,
      pendingSince: null,
      byState: { submitted: 2, verified: 1 },
    });
    expect(
      await db().applicationStateStat.findMany({
        where: { schoolId: school.school.id, termId },
        select: { state: true, applications: true },
        orderBy: { state: "asc" },
      }),
    ).toEqual([
      { state: "submitted", applications: 2 },
      { state: "verified", applications: 1 },
    ]);

    const before = Date.now();
    const app = await db().application.findFirstOrThrow({
      where: { schoolId: school.school.id, termId, state: "submitted" },
    });
    await db().application.update({ where: { id: app.id }, data: { state: "verified" } });
    const [stale] = await listSchoolSummaries(admin(school.school.id), termId);
    // The figures are the rollup's (as of the change), and the page says since when.
    expect(stale!.byState).toEqual({ submitted: 2, verified: 1 });
    expect(stale!.pendingSince).toBeInstanceOf(Date);
    expect(stale!.pendingSince!.getTime()).toBeGreaterThanOrEqual(before - 1000);

    await drainRollups();
    const [fresh] = await listSchoolSummaries(admin(school.school.id), termId);
    expect(fresh).toMatchObject({ pendingSince: null, byState: { submitted: 1, verified: 2 } });
  });

  it("shows no applications without a current term", async () => {
    const [row] = await listSchoolSummaries(admin(school.school.id), null);
    expect(row).toMatchObject({ students: 4, byState: {} });
  });

  it("keeps to the caller's scope: the own school, or the supervisor's region", async () => {
    expect((await listSchoolSummaries(admin(neighbour.school.id), termId)).map((s) => s.schoolId)).toEqual([
      neighbour.school.id,
    ]);
    const region = await listSchoolSummaries(
      { role: "SUPERVISOR", userId: "supervisor", regionPath: countyPath },
      termId,
    );
    const ids = region.map((s) => s.schoolId);
    expect(ids).toContain(school.school.id);
    expect(ids).toContain(neighbour.school.id);
    expect(ids).not.toContain(outside.school.id);
    expect(region.find((s) => s.schoolId === neighbour.school.id)!.byState).toEqual({ draft: 1 });
  });
});

describe("the student roster's total", () => {
  const total = async (q?: string) =>
    (await listStudentRoster(admin(school.school.id), { q, skip: 0, take: 2 })).total;
  const students = () => db().student.count({ where: { schoolId: school.school.id } });

  it("is exact whether the rollup is current, pending or missing", async () => {
    await drainRollups();
    // Five enrolments: three applicants, one more in school, one graduate (every status counts).
    expect(await students()).toBe(5);
    expect(await total()).toBe(5);
    // The rollup says 5; a new enrolment is pending: the live count answers.
    await makeStudent(school);
    expect(await db().rollupDirty.count({ where: { schoolId: school.school.id } })).toBeGreaterThan(0);
    expect(await total()).toBe(6);
    await drainRollups();
    expect(
      (
        await db().progressRollup.findUniqueOrThrow({
          where: { schoolId_termId: { schoolId: school.school.id, termId } },
        })
      ).studentRecords,
    ).toBe(6);
    expect(await total()).toBe(6);
    // A rollup figure that disagrees would show (proves the figure is read while nothing is pending).
    await db()
      .$executeRaw`UPDATE "ProgressRollup" SET "studentRecords" = 99 WHERE "schoolId" = ${school.school.id}`;
    expect(await total()).toBe(99);
    await db()
      .$executeRaw`UPDATE "ProgressRollup" SET "studentRecords" = 6 WHERE "schoolId" = ${school.school.id}`;
    // A search is always counted live.
    const one = await db().student.findFirstOrThrow({
      where: { schoolId: school.school.id },
      select: { sortName: true },
    });
    expect(await total(one.sortName)).toBeGreaterThanOrEqual(1);
    expect(await total("没有这个名字")).toBe(0);
  });
});
