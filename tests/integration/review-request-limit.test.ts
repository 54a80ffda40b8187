/**
 * 复议 requests have their own rate-limit counter: five objections filed by an
 * applicant's account in a day must not use up the right to ask for a review
 * of their own result, and a review request is counted only when it is filed.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { fileObjection, requestReview } from "@/lib/services/publicity";
import { makeApplication, makeOpenBatch } from "../support/determination-fixtures";
import {
  makeCurrentTerm,
  makeRegionTree,
  makeSchool,
  makeStaff,
  makeStudent,
  makeStudentAccount,
} from "../support/fixtures";
import { sessionUser } from "../support/session-user";

let school: Awaited<ReturnType<typeof makeSchool>>;

beforeAll(async () => {
  const { county } = await makeRegionTree();
  school = await makeSchool(county.id, "SENIOR");
  await makeCurrentTerm({ stage: "SENIOR" });
  await makeStaff("SCHOOL_ADMIN", { schoolId: school.school.id });
});

describe("复议 rate limit", () => {
  it("five objections of the day leave the applicant's review request possible; reviews count on their own", async () => {
    const st = await makeStudent(school);
    const student = sessionUser(await makeStudentAccount(st));
    const { app } = await makeApplication(school, "determined", { student: st });
    const batch = await makeOpenBatch(school.school.id, [{ id: app.id, name: st.name }]);
    const ip = "10.1.2.3";

    for (let i = 1; i <= 5; i++)
      expect(
        await fileObjection(
          student,
          { batchId: batch.id, content: `第${i}条异议：某同学情况与公示不符` },
          ip,
        ),
      ).toMatchObject({ ok: true });
    expect(
      await fileObjection(student, { batchId: batch.id, content: "第6条异议：某同学情况与公示不符" }, ip),
    ).toMatchObject({ ok: false, code: "LIMIT" });

    for (let i = 1; i <= 5; i++)
      expect(
        await requestReview(
          student,
          { personId: st.person.id, content: `第${i}次：我家情况更困难，申请复议` },
          ip,
        ),
      ).toMatchObject({ ok: true });
    expect(
      await requestReview(
        student,
        { personId: st.person.id, content: "第6次：我家情况更困难，申请复议" },
        ip,
      ),
    ).toMatchObject({ ok: false, code: "LIMIT" });
    expect(await db().objection.count({ where: { batchId: batch.id, kind: "REVIEW_REQUEST" } })).toBe(5);
  });

  it("a refused review request (no publicity open) does not count", async () => {
    const st = await makeStudent(school);
    const student = sessionUser(await makeStudentAccount(st));
    const { app } = await makeApplication(school, "determined", { student: st });
    for (let i = 1; i <= 6; i++)
      expect(
        await requestReview(student, { personId: st.person.id, content: "我家情况更困难，申请复议" }),
      ).toMatchObject({ ok: false, code: "REFUSED" });
    const batch = await makeOpenBatch(school.school.id, [{ id: app.id, name: st.name }]);
    expect(
      await requestReview(student, {
        personId: st.person.id,
        content: "公示开始了，我家情况更困难，申请复议",
      }),
    ).toMatchObject({ ok: true });
    expect(await db().objection.count({ where: { batchId: batch.id } })).toBe(1);
  });
});
