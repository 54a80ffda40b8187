/**
 * Property-based fuzzing (tests/support/hostile.ts) extended to the staff inputs that landed
 * with the teacher workspace and determination: the teacher's return, verify,
 * guardian correction and home visit, and the school's level override,
 * revocation and the community's publicity objection. Random and hostile
 * values (tests/support/hostile.ts) never throw (no 500), are saved or refused
 * with a Chinese message, and a refusal leaves the database exactly as it was.
 */
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import type { SessionUser } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import { formatBeijingDate } from "@/lib/domain/time";
import { loadApplication } from "@/lib/services/determination-queue";
import { setLevel } from "@/lib/services/final-level";
import { revokeDetermination } from "@/lib/services/revocation";
import { fileObjection } from "@/lib/services/publicity";
import type { ActionResult } from "@/lib/domain/result";
import { correctGuardian } from "@/lib/services/class-roster";
import {
  loadHomeVisit,
  recordHomeVisit,
  returnApplication,
  verifyApplication,
} from "@/lib/services/teacher-verification";
import {
  ensureDefaultModel,
  makeApplication as makeDetermination,
  makeOpenBatch,
} from "../support/determination-fixtures";
import {
  makeCurrentTerm,
  makeRegionTree,
  makeSchool,
  makeStaff,
  makeStudent,
  makeStudentAccount,
  type StudentFixture,
} from "../support/fixtures";
import { expectSafe, hostileString, hostileValue, sometimes } from "../support/hostile";
import { makeApplication } from "../support/teacher-fixtures";
import { sessionUser } from "../support/session-user";

let school: Awaited<ReturnType<typeof makeSchool>>;
let teacher: SessionUser, admin: SessionUser, community: SessionUser;
let termId: string;
let student: StudentFixture;
let submittedId: string, verifiedId: string, determinedId: string, guardianId: string, batchId: string;
let indicatorKeys: { key: string; options: string[] }[] = [];

beforeAll(async () => {
  const { county } = await makeRegionTree();
  school = await makeSchool(county.id, "SENIOR");
  termId = (await makeCurrentTerm({ stage: "SENIOR" })).term.id;
  await ensureDefaultModel();
  teacher = sessionUser(
    (await makeStaff("TEACHER", { schoolId: school.school.id }, { classIds: [school.klass.id] })).user,
  );
  admin = sessionUser((await makeStaff("SCHOOL_ADMIN", { schoolId: school.school.id })).user);
  student = await makeStudent(school);
  submittedId = (await makeApplication(student, termId, "submitted")).id;
  guardianId = (await db().guardian.findFirstOrThrow({ where: { studentId: student.student.id } })).id;
  verifiedId = (await makeDetermination(school, "verified")).app.id;
  const determined = await makeDetermination(school, "determined", { name: "认定生" });
  determinedId = determined.app.id;
  batchId = (await makeOpenBatch(school.school.id, [{ id: determinedId, name: "认定生" }])).id;
  const neighbour = await makeStudent(school);
  community = sessionUser(await makeStudentAccount(neighbour));
  // Opening the determination detail saves the simulated level (derived data, recomputed on every view): do it once
  // up front, so what the fuzzed inputs are compared against is the state an admin acting on the page starts from.
  for (const appId of [verifiedId, determinedId])
    if (!(await loadApplication(admin, appId)).ok) throw new Error("setup");
  const hv = await loadHomeVisit(teacher, submittedId);
  if (!hv.ok) throw new Error(hv.message);
  indicatorKeys = hv.data.indicators.map((i) => ({ key: i.key, options: i.options.map((o) => o.key) }));
});

/** Everything these inputs can write, to compare before and after a refusal. */
async function snapshot() {
  const ids = [submittedId, verifiedId, determinedId];
  const [apps, transitions, determinations, visits, guardian, objections, students] = await Promise.all([
    db().application.findMany({
      where: { id: { in: ids } },
      orderBy: { id: "asc" },
      omit: { updatedAt: true },
    }),
    db().applicationTransition.count(),
    db().determination.findMany({
      where: { applicationId: { in: ids } },
      orderBy: { applicationId: "asc" },
      omit: { updatedAt: true },
    }),
    db().homeVisit.findMany({ orderBy: { applicationId: "asc" }, omit: { updatedAt: true } }),
    db().guardian.findUniqueOrThrow({ where: { id: guardianId } }),
    db().objection.count(),
    db().student.count(),
  ]);
  return JSON.stringify(
    { apps, transitions, determinations, visits, guardian, objections, students },
    (_k, v: unknown) => (typeof v === "bigint" ? String(v) : v),
  );
}

const safely = (run: () => Promise<ActionResult<unknown>>) => expectSafe(snapshot, run);

const versionOf = async (id: string) =>
  (await db().application.findUniqueOrThrow({ where: { id }, select: { version: true } })).version;
/** Puts an application back where the next run expects it after an input was accepted. */
const resetState = (id: string, state: "submitted" | "verified" | "determined") =>
  db().application.update({ where: { id }, data: { state } });

const RUNS = { numRuns: 60 };
const dateText = fc.oneof(
  fc.constant(""),
  fc
    .date({ min: new Date("2000-01-01"), max: new Date("2100-01-01"), noInvalidDate: true })
    .map((d) => d.toISOString().slice(0, 10)),
);
const id = (valid: () => string) =>
  fc.oneof(
    { arbitrary: fc.constant(null).map(() => valid()), weight: 3 },
    { arbitrary: hostileString, weight: 1 },
  );

describe("fuzzing the class teacher's inputs", () => {
  it("return for changes: reason, deadline, version and application id", async () => {
    let accepted = 0;
    const input = fc.record({
      reason: sometimes(fc.constantFrom("请补充医疗费用发票", "收入证明不清楚", "x")),
      deadline: sometimes(dateText),
    });
    await fc.assert(
      fc.asyncProperty(
        id(() => submittedId),
        input,
        fc.option(hostileValue),
        async (appId, raw, badVersion) => {
          const version = badVersion === null ? await versionOf(submittedId) : (badVersion as number);
          const r = await safely(() => returnApplication(teacher, appId, raw, version));
          if (r.ok) {
            accepted++;
            await resetState(submittedId, "submitted");
          }
        },
      ),
      { ...RUNS, examples: [[submittedId, { reason: "请补充医疗费用发票", deadline: "" }, null]] },
    ); // a valid return always runs too
    expect(accepted).toBeGreaterThan(0);
  });

  it("verify: application id and version", async () => {
    await fc.assert(
      fc.asyncProperty(hostileString, hostileValue, async (appId, version) => {
        const r = await safely(() => verifyApplication(teacher, appId, version as number));
        if (r.ok) await resetState(submittedId, "submitted");
      }),
      RUNS,
    );
  });

  it("guardian correction: name, relation, mobile, ID number and guardian id", async () => {
    let accepted = 0;
    const input = fc.record({
      name: sometimes(fc.constantFrom("陈红", "李四")),
      relation: sometimes(fc.constantFrom("母亲", "父亲", "其他监护人")),
      mobile: sometimes(fc.constantFrom("13912345678", "139 1234 5678", "+8613912345678")),
      idNumber: sometimes(fc.constantFrom("", student.idNumber)),
    });
    await fc.assert(
      fc.asyncProperty(
        id(() => guardianId),
        input,
        async (gid, raw) => {
          if ((await safely(() => correctGuardian(teacher, gid, raw))).ok) accepted++;
        },
      ),
      {
        ...RUNS,
        examples: [[guardianId, { name: "陈红", relation: "母亲", mobile: "13912345678", idNumber: "" }]],
      },
    ); // a valid correction always runs too
    expect(accepted).toBeGreaterThan(0);
  });

  it("home visit: date, visitors, findings and the score sheet", async () => {
    const today = formatBeijingDate(new Date());
    let accepted = 0;
    const scores = fc.oneof(
      {
        arbitrary: fc
          .constant(null)
          .map(() => Object.fromEntries(indicatorKeys.map((i) => [i.key, i.options[0] ?? ""]))),
        weight: 3,
      },
      { arbitrary: fc.dictionary(hostileString, hostileString, { maxKeys: 8 }), weight: 1 },
      { arbitrary: hostileValue, weight: 1 },
    );
    const input = fc.record({
      visitDate: sometimes(fc.constantFrom(today, "1999-01-01", "2026-10-08")),
      visitors: sometimes(fc.constantFrom("张老师、李老师", "王")),
      findings: sometimes(fc.constantFrom("家中两间瓦房，母亲长期卧床。", "好")),
      scores,
    });
    await fc.assert(
      fc.asyncProperty(
        id(() => submittedId),
        input,
        async (appId, raw) => {
          if ((await safely(() => recordHomeVisit(teacher, appId, raw))).ok) accepted++;
        },
      ),
      {
        ...RUNS, // a valid visit always runs too
        examples: [
          [
            submittedId,
            {
              visitDate: today,
              visitors: "张老师、李老师",
              findings: "家中两间瓦房，母亲长期卧床。",
              scores: Object.fromEntries(indicatorKeys.map((i) => [i.key, i.options[0] ?? ""])),
            },
          ],
        ],
      },
    );
    expect(accepted).toBeGreaterThan(0);
  });
});

describe("fuzzing the determination inputs", () => {
  it("level override: level, reason, version and application id", async () => {
    let accepted = 0;
    await fc.assert(
      fc.asyncProperty(
        id(() => verifiedId),
        sometimes(fc.constantFrom("SPECIAL", "HARDSHIP", "GENERAL", "NONE")),
        sometimes(fc.constantFrom("", "入户调查核实家庭收入低于填报")),
        fc.option(hostileValue),
        async (applicationId, level, reason, badVersion) => {
          const version = badVersion === null ? String(await versionOf(verifiedId)) : badVersion;
          const r = await safely(() => setLevel(admin, { applicationId, version, level, reason }));
          if (r.ok) {
            accepted++;
            await resetState(verifiedId, "verified");
          }
        },
      ),
      { ...RUNS, examples: [[verifiedId, "SPECIAL", "入户调查核实家庭收入低于填报", null]] },
    ); // a valid override always runs too
    expect(accepted).toBeGreaterThan(0);
  });

  it("revocation: reason code, detail, version and application id", async () => {
    await fc.assert(
      fc.asyncProperty(
        id(() => determinedId),
        hostileValue,
        hostileValue,
        fc.option(hostileValue),
        async (applicationId, reason, detail, badVersion) => {
          const version = badVersion === null ? String(await versionOf(determinedId)) : badVersion;
          const r = await safely(() =>
            revokeDetermination(admin, { applicationId, version, reason, detail }),
          );
          if (r.ok)
            await db().application.update({ where: { id: determinedId }, data: { state: "determined" } });
        },
      ),
      RUNS,
    );
  });

  it("publicity objection: content and batch id", async () => {
    let accepted = 0;
    await fc.assert(
      fc.asyncProperty(
        id(() => batchId),
        sometimes(fc.constantFrom("该生家里新买了小汽车，情况不属实。", "有")),
        async (bid, content) => {
          if ((await safely(() => fileObjection(community, { batchId: bid, content }, "203.0.113.9"))).ok)
            accepted++;
        },
      ),
      { ...RUNS, examples: [[batchId, "该生家里新买了小汽车，情况不属实。"]] },
    ); // a valid objection always runs too
    expect(accepted).toBeGreaterThan(0);
  });
});
