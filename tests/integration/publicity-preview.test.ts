/**
 * A publicity is previewed before it is published: the admin sees exactly who will be listed, and the
 * applications still undetermined are named; publishing while any are pending needs "已知晓".
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { SessionUser } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import { recordReviewStep, signOffDetermination } from "@/lib/services/review-steps";
import { createPublicity, planPublicity } from "@/lib/services/publicity";
import { endedGradePublicity, ensureDefaultModel, makeApplication } from "../support/determination-fixtures";
import { makeCurrentTerm, makeRegionTree, makeSchool, makeStaff } from "../support/fixtures";
import { completeFollowUp } from "../support/follow-up-fixtures";
import { sessionUser } from "../support/session-user";

const today = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
const form = () => ({ scope: "SCHOOL", gradeId: "", startDate: today(), workingDays: "5" });

let admin: SessionUser;
let otherAdmin: SessionUser;

beforeAll(async () => {
  const { county } = await makeRegionTree();
  const school = await makeSchool(county.id, "SENIOR");
  const other = await makeSchool(county.id, "SENIOR");
  await makeCurrentTerm({ stage: "SENIOR" });
  await ensureDefaultModel();
  admin = sessionUser({ ...(await makeStaff("SCHOOL_ADMIN", { schoolId: school.school.id })).user });
  otherAdmin = sessionUser({ ...(await makeStaff("SCHOOL_ADMIN", { schoolId: other.school.id })).user });
  const leader = sessionUser({ ...(await makeStaff("SCHOOL_LEADER", { schoolId: school.school.id })).user });
  for (const name of ["赵一", "钱二", "孙三"]) await makeApplication(school, "determined", { name });
  await makeApplication(school, "determined", { name: "不困难生", level: "NONE" });
  const { app: returned } = await makeApplication(school, "submitted", { name: "吴五" });
  await db().application.update({
    where: { id: returned.id },
    data: {
      state: "returned",
      returnReason: "请补充收入证明",
      returnDeadline: new Date(Date.now() + 86_400_000),
    },
  });
  for (const [name, state] of [
    ["周四", "submitted"],
    ["郑六", "verified"],
    ["王七", "reviewed"],
    ["冯八", "verified"],
    ["陈九", "submitted"],
  ] as const)
    await makeApplication(school, state, { name });
  // Another school's undetermined application is not this school's concern.
  await makeApplication(other, "submitted", { name: "外校生" });
  // The grade publicity came first and has ended (the school committee waits for it).
  await endedGradePublicity(school);
  expect(
    await recordReviewStep(admin, {
      kind: "SCHOOL_COMMITTEE",
      gradeId: "",
      members: "张三、李四、王五",
      comment: "通过",
    }),
  ).toMatchObject({ ok: true });
  expect(await signOffDetermination(leader, { comment: "同意公示" })).toMatchObject({ ok: true });
  // The satisfaction survey of 不困难生 comes before the school publicity (lib/services/follow-up.ts).
  await completeFollowUp(admin);
});

describe("publicity preview", () => {
  it("lists who will be published and names the six undetermined applications, publishing nothing", async () => {
    const r = await planPublicity(admin, form());
    if (!r.ok) throw new Error(r.message);
    expect(r.data.candidates.map((c) => c.name).sort()).toEqual(["孙三", "赵一", "钱二"].sort());
    expect(r.data.pending.map((p) => [p.name, p.state]).sort()).toEqual(
      [
        ["周四", "submitted"],
        ["吴五", "returned"],
        ["郑六", "verified"],
        ["王七", "reviewed"],
        ["冯八", "verified"],
        ["陈九", "submitted"],
      ].sort(),
    );
    expect(await db().publicityBatch.count({ where: { schoolId: admin.schoolId!, scope: "SCHOOL" } })).toBe(
      0,
    );
  });

  it("refuses to publish over undetermined applications until the admin acknowledges them", async () => {
    const refused = await createPublicity(admin, form());
    expect(refused).toMatchObject({
      ok: false,
      code: "INVALID",
      fieldErrors: { acknowledgePending: expect.stringContaining("6") },
    });
    expect(await db().publicityBatch.count({ where: { schoolId: admin.schoolId!, scope: "SCHOOL" } })).toBe(
      0,
    );
    const r = await createPublicity(admin, { ...form(), acknowledgePending: "yes" });
    if (!r.ok) throw new Error(r.message);
    expect(r.data.items).toBe(3);
  });

  it("another school's admin sees only their own school (nothing to publish there)", async () => {
    expect(await planPublicity(otherAdmin, form())).toMatchObject({ ok: false });
  });
});
