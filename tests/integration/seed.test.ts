import { beforeAll, describe, expect, it } from "vitest";
import { verifyPassword } from "@/lib/auth/password";
import { reveal } from "@/lib/crypto/keys";
import { db } from "@/lib/db/client";
import { seedDemoData } from "@/lib/db/seed";
import { DEMO } from "@/lib/db/seed/demo-accounts";
import { APPLICATION_STATES, ROLES } from "@/lib/domain/codes";
import { validateResidentId } from "@/lib/domain/id-number";

const TABLES = [
  "region",
  "school",
  "grade",
  "schoolClass",
  "person",
  "student",
  "guardian",
  "user",
  "teacherClass",
  "parentChild",
  "aidTerm",
  "aidProgramme",
  "termProgramme",
  "specialGroupEntry",
  "scoringModel",
  "application",
  "applicationTransition",
  "household",
  "familyMember",
  "determination",
  "supportProblem",
  "supportEvent",
  "supportMessage",
] as const;
const counts = async () =>
  Object.fromEntries(
    await Promise.all(
      TABLES.map(async (t) => [
        t,
        await (db() as unknown as Record<string, { count(): Promise<number> }>)[t]!.count(),
      ]),
    ),
  );

let first: Record<string, number>;
const now = new Date("2026-11-22T04:00:00Z");

beforeAll(async () => {
  await seedDemoData(db(), { now });
  first = await counts();
}, 120_000);

describe("demo data", () => {
  it("is idempotent: a second run changes no row count", async () => {
    await seedDemoData(db(), { now: new Date("2026-12-01T00:00:00Z") });
    expect(await counts()).toEqual(first);
  }, 120_000);

  it("has four schools in 天河区, three in 海珠区 (lib/db/seed/cross-region.ts, progress-demo.ts), about 440 students whose ID numbers are valid", async () => {
    expect(first.school).toBe(7);
    expect(first.student).toBeGreaterThanOrEqual(410);
    expect(first.student).toBeLessThanOrEqual(500);
    const people = await db().person.findMany({ select: { idNumberCipher: true, idNumberMasked: true } });
    for (const p of people) {
      const id = reveal(p.idNumberCipher);
      expect(validateResidentId(id).ok, id).toBe(true);
      expect(p.idNumberMasked).toBe(`${id.slice(0, 4)}**********${id.slice(-4)}`);
    }
  });

  it("has an account for every role, and the demo passwords work", async () => {
    for (const role of ROLES) expect(await db().user.count({ where: { role } }), role).toBeGreaterThan(0);
    for (const username of ["admin_sen", "leader_sen", "teacher_sen", "sup_tianhe"]) {
      const u = await db().user.findUniqueOrThrow({ where: { username } });
      expect(await verifyPassword(u.passwordHash, DEMO.staffPassword), username).toBe(true);
    }
    const fresh = await db().user.findUniqueOrThrow({ where: { username: DEMO.newTeacher.username } });
    expect(fresh.mustChangePassword).toBe(true);
    expect(await verifyPassword(fresh.passwordHash, DEMO.newTeacher.password)).toBe(true);
  });

  it("has an open application window for the current term", async () => {
    const term = await db().aidTerm.findFirstOrThrow({ where: { isCurrent: true } });
    expect(term.applyStart < now && now < term.applyEnd).toBe(true);
  });

  it("has applications in every state", async () => {
    const term = await db().aidTerm.findFirstOrThrow({ where: { isCurrent: true } });
    for (const state of APPLICATION_STATES)
      expect(await db().application.count({ where: { termId: term.id, state } }), state).toBeGreaterThan(0);
  });

  it("binds the demo parent to two children and leaves a third with the same guardian mobile unbound", async () => {
    const parent = await db().user.findFirstOrThrow({
      where: { role: "PARENT", displayName: DEMO.parent.name },
      include: { children: { include: { person: true } } },
    });
    expect(parent.children.map((c) => c.person.name).sort()).toEqual(
      DEMO.parent.children.map((c) => c.name).sort(),
    );
    const unbound = await db().student.findFirstOrThrow({
      where: { person: { name: DEMO.parent.unboundChild.name } },
      include: { guardians: true, person: { include: { parents: true } } },
    });
    expect(unbound.guardians.some((g) => g.phoneHash === parent.phoneHash)).toBe(true);
    expect(unbound.person.parents).toHaveLength(0);
  });

  it("has matched and unmatched special-group entries from both sources", async () => {
    expect(
      await db().specialGroupEntry.count({ where: { personId: { not: null }, source: "CENTRAL" } }),
    ).toBeGreaterThan(0);
    expect(await db().specialGroupEntry.count({ where: { personId: null } })).toBe(5);
    expect(await db().specialGroupEntry.count({ where: { source: "SCHOOL" } })).toBeGreaterThan(0);
  });

  it("gives the work-progress page two counties, a school behind schedule and overdue 中职 students", async () => {
    const progress = await db().progressRollup.findMany({
      include: { school: { include: { region: true } } },
    });
    const counties = new Set(progress.filter((p) => p.applied > 0).map((p) => p.school.region.code));
    expect([...counties].sort()).toEqual(["440105", "440106"]);
    expect(await db().rollupDirty.count()).toBe(0);
    const behind = await db().schoolTermSetting.findFirstOrThrow({
      where: { school: { code: "1144010511" } },
    });
    expect(behind.verifyDeadline!.getTime()).toBeLessThan(Date.now());
    expect(progress.find((p) => p.school.code === "1144010511")!.awaitingVerification).toBeGreaterThan(0);
    const due = await db().progressVocationalDue.findMany({ where: { school: { code: "1144010512" } } });
    expect(due.filter((d) => d.overdueFrom.getTime() < Date.now()).reduce((n, d) => n + d.students, 0)).toBe(
      5,
    );
  });

  it("leaves the demo student without an application so the portal demo can start one", async () => {
    const s = await db().person.findFirstOrThrow({
      where: { name: DEMO.student.name },
      include: { applications: true, account: true },
    });
    expect(s.account).not.toBeNull();
    expect(s.applications).toHaveLength(0);
  });
  it("gives both vocational schools 中职 monthly lists of this month and the two before it in several states (lib/db/seed/vocational-lists.ts)", async () => {
    const lists = await db().vocationalList.findMany({
      where: { roster: { school: { code: { in: ["1144010604", "1144010512"] } } } },
      select: {
        month: true,
        publicity: true,
        confirmation: true,
        payment: true,
        withdrawal: true,
        roster: { select: { school: { select: { code: true } }, _count: { select: { entries: true } } } },
      },
    });
    // The second run (1 December) added December's lists: the first run's months are 9–11.
    const voc = lists.filter((list) => list.roster.school.code === "1144010604" && list.month !== 12);
    expect(voc.map((list) => list.month).sort()).toEqual([10, 10, 11, 11, 9]);
    expect(voc.some((list) => list.publicity === "UNPUBLISHED")).toBe(true);
    expect(voc.some((list) => list.publicity === "PUBLISHED" && list.confirmation === "PENDING")).toBe(true);
    expect(voc.some((list) => list.payment === "PAID" && list.withdrawal === "NONE")).toBe(true);
    expect(voc.some((list) => list.withdrawal === "PENDING")).toBe(true);
    expect(
      lists.filter((list) => list.roster.school.code === "1144010512" && list.month !== 12),
    ).toHaveLength(2);
    expect(lists.every((list) => list.roster._count.entries > 0)).toBe(true);
  });

  it("gives the support desk problems in every state at school, county and city level, one of them overdue", async () => {
    const rows = await db().supportProblem.findMany({ select: { state: true, level: true, deadline: true } });
    for (const state of ["QUEUED", "TAKEN", "RESOLVED", "CLOSED"] as const)
      expect(
        rows.some((row) => row.state === state),
        state,
      ).toBe(true);
    for (const level of ["SCHOOL", "COUNTY", "CITY"] as const)
      expect(
        rows.some((row) => row.level === level && row.state === "TAKEN"),
        level,
      ).toBe(true);
    expect(
      rows.some((row) => row.state === "QUEUED" && row.deadline < new Date("2026-11-21T00:00:00Z")),
    ).toBe(true);
  });

  it("makes 中职免学费 a monthly programme whose 生成本月名单 finds students, and its seeded lists follow its rule", async () => {
    const waiver = await db().aidProgramme.findUniqueOrThrow({ where: { code: "vocational_fee_waiver" } });
    expect(waiver).toMatchObject({ period: "MONTHLY", eligibleLevels: ["HARDSHIP", "NONE"] });
    // The students buildEntries (lib/db/vocational-list.repo.ts) would put on a list of the vocational school.
    const eligible = await db().application.count({
      where: {
        school: { code: "1144010604" },
        state: "determined",
        student: { stage: "VOCATIONAL", status: "IN_SCHOOL" },
        determination: { finalLevel: { in: waiver.eligibleLevels } },
        term: { programmes: { some: { programmeId: waiver.id } } },
      },
    });
    expect(eligible).toBeGreaterThan(0);
    // Every student on a seeded 免学费 list has a level or a special group the programme lists.
    const seeded = await db().rosterEntry.findMany({
      where: { roster: { programmeId: waiver.id, vocationalList: { isNot: null } } },
      select: {
        level: true,
        student: { select: { person: { select: { specialGroupEntries: { select: { category: true } } } } } },
      },
    });
    expect(seeded.length).toBeGreaterThan(0);
    const outside = seeded.filter(
      (entry) =>
        !(entry.level !== null && waiver.eligibleLevels.includes(entry.level)) &&
        !entry.student.person.specialGroupEntries.some((group) =>
          waiver.eligibleCategories.includes(group.category),
        ),
    );
    expect(outside).toEqual([]);
  });

  it("has demo notifications in the inbox of 王建国, teacher_jun and sup_tianhe, with their log", async () => {
    const parent = await db().user.findFirstOrThrow({
      where: { role: "PARENT", displayName: DEMO.parent.name },
    });
    const inbox = await db().notification.findMany({
      where: { recipientId: parent.id, dispatchedAt: { not: null } },
      include: { deliveries: true },
    });
    expect(inbox.filter((row) => row.readAt === null).length).toBeGreaterThan(0);
    expect(
      inbox.flatMap((row) => row.deliveries).some((d) => d.channel === "SMS" && d.status === "FAILED"),
    ).toBe(true);
    for (const username of ["teacher_jun", "sup_tianhe"]) {
      const user = await db().user.findUniqueOrThrow({ where: { username } });
      expect(await db().notification.count({ where: { recipientId: user.id } }), username).toBeGreaterThan(0);
    }
  });
});
