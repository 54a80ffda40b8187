/**
 * The order of the two school-wide admin lists: the student
 * roster by grade name, class name, person name; the determination queue by
 * class name, person name — both read through sort keys the database keeps on
 * Student and Application (migration 070). The keys must follow a rename of
 * the person, the class or the grade, and a student's move to another class,
 * so the page shows the same order as sorting by the names themselves.
 * Names in pinyin order (migration 170): 陈 before 李 before 赵.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { scopeOf } from "@/lib/auth/scope";
import type { SessionUser } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import { seedDefaultModel } from "@/lib/db/seed/applications";
import { listStudentRoster } from "@/lib/db/student-roster.repo";
import { loadQueue } from "@/lib/services/determination-queue";
import {
  makeCurrentTerm,
  makeRegionTree,
  makeSchool,
  makeStaff,
  makeStudent,
  type StudentFixture,
} from "../support/fixtures";
import { makeApplication } from "../support/teacher-fixtures";
import { sessionUser } from "../support/session-user";

type School = Awaited<ReturnType<typeof makeSchool>>;
let s: School, other: School;
let admin: SessionUser;
let termId: string;
let gradeB: { id: string }, classA2: { id: string }, classB1: { id: string };
const st: Record<string, StudentFixture> = {};

const rosterNames = async () =>
  (await listStudentRoster(scopeOf(admin), { skip: 0, take: 100 })).rows.map(
    (r) => `${r.gradeName}${r.className}:${r.name}`,
  );
const queueNames = async (page = 1) => {
  const r = await loadQueue(admin, { page });
  if (!r.ok) throw new Error(r.message);
  return r.data.rows.map((x) => `${x.className}:${x.name}`);
};

/** The rows in the order the names themselves give (what the page showed before the sort keys). */
async function expectedRoster(): Promise<string[]> {
  const rows = await db().student.findMany({
    where: { schoolId: s.school.id },
    orderBy: [
      { grade: { name: "asc" } },
      { class: { name: "asc" } },
      { person: { name: "asc" } },
      { id: "asc" },
    ],
    select: {
      grade: { select: { name: true } },
      class: { select: { name: true } },
      person: { select: { name: true } },
    },
  });
  return rows.map((r) => `${r.grade.name}${r.class.name}:${r.person.name}`);
}
async function expectedQueue(): Promise<string[]> {
  const rows = await db().application.findMany({
    where: {
      schoolId: s.school.id,
      termId,
      state: { in: ["verified", "reviewed", "determined", "revoked"] },
    },
    orderBy: [{ class: { name: "asc" } }, { person: { name: "asc" } }, { id: "asc" }],
    select: { class: { select: { name: true } }, person: { select: { name: true } } },
  });
  return rows.map((r) => `${r.class.name}:${r.person.name}`);
}
/** Every stored sort key equals the name it copies. */
async function keysAreRight() {
  const [students, apps] = await Promise.all([
    db().student.findMany({
      select: {
        sortGradeName: true,
        sortClassName: true,
        sortName: true,
        grade: { select: { name: true } },
        class: { select: { name: true } },
        person: { select: { name: true } },
      },
    }),
    db().application.findMany({
      select: {
        sortClassName: true,
        sortName: true,
        class: { select: { name: true } },
        person: { select: { name: true } },
      },
    }),
  ]);
  for (const x of students)
    expect([x.sortGradeName, x.sortClassName, x.sortName]).toEqual([
      x.grade.name,
      x.class.name,
      x.person.name,
    ]);
  for (const a of apps) expect([a.sortClassName, a.sortName]).toEqual([a.class.name, a.person.name]);
}

beforeAll(async () => {
  const { county } = await makeRegionTree();
  s = await makeSchool(county.id, "SENIOR"); // grade 一年级N, class 1班
  other = await makeSchool(county.id, "SENIOR");
  await db().grade.update({ where: { id: s.grade.id }, data: { name: "高一" } });
  classA2 = await db().schoolClass.create({
    data: { schoolId: s.school.id, gradeId: s.grade.id, name: "2班" },
  });
  gradeB = await db().grade.create({
    data: { schoolId: s.school.id, stage: "SENIOR", name: "高二", entryYear: 2025 },
  });
  classB1 = await db().schoolClass.create({
    data: { schoolId: s.school.id, gradeId: gradeB.id, name: "1班" },
  });
  admin = sessionUser((await makeStaff("SCHOOL_ADMIN", { schoolId: s.school.id })).user);
  termId = (await makeCurrentTerm({ stage: "SENIOR" })).term.id;
  await seedDefaultModel(db());
  const a2 = { ...s, klass: classA2 };
  const b1 = { ...s, grade: { ...s.grade, id: gradeB.id }, klass: classB1 };
  for (const [key, where, name] of [
    ["wang", s, "王芳"],
    ["li", s, "李雷"],
    ["zhao", a2, "赵敏"],
    ["chen", a2, "陈晨"],
    ["zhou", b1, "周杰"],
    ["wu", b1, "吴磊"],
  ] as const) {
    st[key] = await makeStudent(where, { name });
  }
  await makeStudent(other, { name: "阿一" }); // another school's student never shows
  for (const k of ["wang", "li", "zhao", "chen", "zhou", "wu"])
    await makeApplication(st[k]!, termId, k === "wu" ? "submitted" : "verified");
});

describe("student roster order", () => {
  it("lists the school's students by grade name, class name and name, paginated without overlap", async () => {
    expect(await rosterNames()).toEqual([
      "高一1班:李雷",
      "高一1班:王芳",
      "高一2班:陈晨",
      "高一2班:赵敏",
      "高二1班:吴磊",
      "高二1班:周杰",
    ]);
    expect(await rosterNames()).toEqual(await expectedRoster());
    const p1 = (await listStudentRoster(scopeOf(admin), { skip: 0, take: 4 })).rows.map((r) => r.id);
    const p2 = (await listStudentRoster(scopeOf(admin), { skip: 4, take: 4 })).rows.map((r) => r.id);
    expect(p2).toHaveLength(2);
    expect(new Set([...p1, ...p2]).size).toBe(6);
    expect(
      (await listStudentRoster(scopeOf(admin), { q: "赵", skip: 0, take: 50 })).rows.map((r) => r.name),
    ).toEqual(["赵敏"]);
  });

  it("follows a rename of the person, a move to another class and a rename of the class and the grade", async () => {
    await db().person.update({ where: { id: st.wang!.person.id }, data: { name: "安娜" } });
    expect((await rosterNames()).slice(0, 2)).toEqual(["高一1班:安娜", "高一1班:李雷"]);
    expect((await listStudentRoster(scopeOf(admin), { q: "安娜", skip: 0, take: 50 })).total).toBe(1);

    await db().student.update({ where: { id: st.li!.student.id }, data: { classId: classA2.id } });
    expect(await rosterNames()).toEqual([
      "高一1班:安娜",
      "高一2班:陈晨",
      "高一2班:李雷",
      "高一2班:赵敏",
      "高二1班:吴磊",
      "高二1班:周杰",
    ]);

    await db().schoolClass.update({ where: { id: classA2.id }, data: { name: "0班" } });
    expect(await rosterNames()).toEqual([
      "高一0班:陈晨",
      "高一0班:李雷",
      "高一0班:赵敏",
      "高一1班:安娜",
      "高二1班:吴磊",
      "高二1班:周杰",
    ]);

    await db().grade.update({ where: { id: gradeB.id }, data: { name: "初二" } }); // sorts before 高一
    expect(await rosterNames()).toEqual([
      "初二1班:吴磊",
      "初二1班:周杰",
      "高一0班:陈晨",
      "高一0班:李雷",
      "高一0班:赵敏",
      "高一1班:安娜",
    ]);
    expect(await rosterNames()).toEqual(await expectedRoster());
    await keysAreRight();
  });
});

describe("determination queue order", () => {
  it("lists the term's queued applications by class name and name, follows renames, and keeps an application's class when its student moves", async () => {
    expect(await queueNames()).toEqual(await expectedQueue());
    const before = await queueNames();
    expect(before).not.toContain("1班:吴磊"); // still submitted: not queued

    await db().person.update({ where: { id: st.zhou!.person.id }, data: { name: "白雪" } });
    await db().schoolClass.update({ where: { id: classB1.id }, data: { name: "9班" } });
    const after = await queueNames();
    expect(after).toContain("9班:白雪");
    expect(after).toEqual(await expectedQueue());
    expect(after.indexOf("9班:白雪")).toBe(after.length - 1);

    // The student moves on; the application stays with the class it was filed in (as the queue always showed).
    await db().student.update({ where: { id: st.zhao!.student.id }, data: { classId: s.klass.id } });
    expect(await queueNames()).toEqual(await expectedQueue());
    expect(await queueNames()).toContain("0班:赵敏");
    await keysAreRight();
  });
});

describe("determination queue filters", () => {
  it("lists grades always and only the chosen grade's classes; filters by grade and by class; a class of another grade yields to a newly chosen grade", async () => {
    const all = await loadQueue(admin, {});
    if (!all.ok) throw new Error(all.message);
    expect(all.data.grades.map((g) => g.id).sort()).toEqual([s.grade.id, gradeB.id].sort());
    expect(all.data.classes).toEqual([]); // no grade chosen: no class list
    expect(all.data.gradeId).toBeNull();

    const byGrade = await loadQueue(admin, { gradeId: gradeB.id });
    if (!byGrade.ok) throw new Error(byGrade.message);
    expect(byGrade.data.classes.map((c) => c.id)).toEqual([classB1.id]);
    const gradeBApps = await db().application.findMany({
      where: {
        termId,
        state: { in: ["verified", "reviewed", "determined", "revoked"] },
        class: { gradeId: gradeB.id },
      },
      select: { id: true },
    });
    expect(byGrade.data.rows.map((r) => r.id).sort()).toEqual(gradeBApps.map((a) => a.id).sort());
    expect(byGrade.data.total).toBe(gradeBApps.length);
    // A page past the end still knows the queue's size (no row carries it).
    const pastEnd = await loadQueue(admin, { gradeId: gradeB.id, page: 99 });
    if (!pastEnd.ok) throw new Error(pastEnd.message);
    expect(pastEnd.data.rows).toEqual([]);
    expect(pastEnd.data.total).toBe(gradeBApps.length);

    // A class alone selects its grade.
    const byClass = await loadQueue(admin, { classId: classB1.id });
    if (!byClass.ok) throw new Error(byClass.message);
    expect(byClass.data.gradeId).toBe(gradeB.id);
    expect(byClass.data.classId).toBe(classB1.id);
    expect(byClass.data.rows.every((r) => r.classId === classB1.id)).toBe(true);

    // The grade was changed while a class of the old grade was still selected: the new grade wins.
    const changed = await loadQueue(admin, { gradeId: s.grade.id, classId: classB1.id });
    if (!changed.ok) throw new Error(changed.message);
    expect(changed.data.classId).toBeNull();
    expect(changed.data.rows.some((r) => r.classId === classB1.id)).toBe(false);
    expect(changed.data.rows.length).toBeGreaterThan(0);

    // Another school's class, or an id that is not one, is ignored like no filter.
    const foreign = await loadQueue(admin, { classId: other.klass.id });
    const junk = await loadQueue(admin, { classId: "x'; drop", gradeId: "../" });
    if (!foreign.ok || !junk.ok) throw new Error("refused");
    expect(foreign.data.classId).toBeNull();
    expect(foreign.data.total).toBe(all.data.total);
    expect(junk.data.total).toBe(all.data.total);
  });
});
