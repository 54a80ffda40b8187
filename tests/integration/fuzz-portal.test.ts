/**
 * Property-based fuzzing of the applicant's server-side use cases
 * (tests/support/hostile.ts) against a real database: random and hostile household forms,
 * programme choices, enrolment-error reports and person ids never throw
 * (no 500), are either saved or refused with Chinese messages, and a
 * refusal writes nothing at all (no partial write).
 */
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import type { SessionUser } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import {
  chooseProgrammes,
  reportEnrolmentError,
  saveHouseholdInfo,
  startApplication,
} from "@/lib/services/application-portal";
import { applicantContext, type ApplicantContext } from "@/lib/services/context";
import type { ActionResult } from "@/lib/domain/result";
import {
  expectSafe,
  hostileString,
  hostileValue,
  householdInput,
  isChinese,
  plausibleHouseholdInput,
} from "../support/hostile";
import {
  makeCurrentTerm,
  makeRegionTree,
  makeSchool,
  makeStudent,
  makeStudentAccount,
  type StudentFixture,
} from "../support/fixtures";
import { sessionUser } from "../support/session-user";

let student: StudentFixture;
let user: SessionUser;
let applicationId: string;
let programmeId: string;

beforeAll(async () => {
  const s = await makeSchool((await makeRegionTree()).county.id, "SENIOR");
  student = await makeStudent(s);
  const account = await makeStudentAccount(student);
  user = sessionUser(account);
  programmeId = (await makeCurrentTerm({ stage: "SENIOR" })).programme.id;
  const started = await startApplication(await ctx());
  if (!started.ok) throw new Error(started.message);
  applicationId = started.data.applicationId;
});

async function ctx(): Promise<ApplicantContext> {
  const r = await applicantContext(user, student.person.id);
  if (!r.ok) throw new Error(r.message);
  return r.data;
}

/** Everything the applicant's writes can touch, to compare before and after a refusal. */
async function snapshot() {
  const [household, members, events, programmes, issues, app] = await Promise.all([
    db().household.findUnique({ where: { applicationId } }),
    db().familyMember.findMany({
      where: { applicationId },
      orderBy: { sortOrder: "asc" },
      omit: { id: true },
    }),
    db().suddenEvent.findMany({
      where: { applicationId },
      orderBy: { amountFen: "asc" },
      omit: { id: true },
    }),
    db().applicationProgramme.findMany({ where: { applicationId }, orderBy: { programmeId: "asc" } }),
    db().enrolmentIssue.count(),
    db().application.findUniqueOrThrow({
      where: { id: applicationId },
      select: { state: true, version: true, draftStep: true },
    }),
  ]);
  return JSON.stringify({
    household: household && { ...household, updatedAt: undefined },
    members,
    events,
    programmes,
    issues,
    app,
  });
}

const safely = (run: () => Promise<ActionResult<unknown>>) => expectSafe(snapshot, run);

const RUNS = { numRuns: 120 };

describe("fuzzing the household form (saveHouseholdInfo)", () => {
  it("saves or refuses in Chinese, never throws, never writes part of a refused form", async () => {
    let saved = 0;
    await fc.assert(
      fc.asyncProperty(fc.oneof(householdInput, plausibleHouseholdInput), async (input) => {
        const r = await safely(async () => {
          const c = await ctx();
          // The form always sends the version it was opened at (the hidden field).
          return saveHouseholdInfo(c, { ...(input as object), version: c.application!.version });
        });
        if (r.ok) {
          saved++;
          const members = await db().familyMember.count({ where: { applicationId } });
          expect(members).toBe((input.familyMembers as unknown[]).length);
          const h = await db().household.findUniqueOrThrow({ where: { applicationId } });
          expect(h.address ?? "").toBe(String(input.address).trim());
        }
      }),
      RUNS,
    );
    expect(saved).toBeGreaterThan(0); // the generator also produces valid forms
  });

  it("anything at all as the payload", async () => {
    await fc.assert(
      fc.asyncProperty(fc.anything(), async (input) => {
        await safely(async () => saveHouseholdInfo(await ctx(), input));
      }),
      { numRuns: 60 },
    );
  });
});

describe("fuzzing the other applicant inputs", () => {
  it("programme choice", async () => {
    const ids = fc.oneof(
      fc.array(fc.oneof(hostileString, fc.constant(programmeId)), { maxLength: 12 }),
      hostileValue,
    );
    await fc.assert(
      fc.asyncProperty(ids, async (programmeIds) => {
        await safely(async () => {
          const c = await ctx();
          return chooseProgrammes(c, { programmeIds, version: c.application!.version });
        });
      }),
      RUNS,
    );
  });

  it("enrolment error report", async () => {
    await fc.assert(
      fc.asyncProperty(hostileValue, async (content) => {
        await safely(async () => reportEnrolmentError(await ctx(), { content }));
      }),
      RUNS,
    );
  });

  it("person id from the address bar", async () => {
    await fc.assert(
      fc.asyncProperty(hostileString, async (personId) => {
        const r = await applicantContext(user, personId);
        if (!r.ok) expect(r.message).toSatisfy(isChinese);
        else expect(personId).toBe(student.person.id);
      }),
      RUNS,
    );
  });
});
