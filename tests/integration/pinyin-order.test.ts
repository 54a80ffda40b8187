/**
 * Lists of Chinese names read in pinyin order, as a Chinese user expects (阿 < 陈 < 李 < 王 < 张),
 * not in Unicode code-point order; class numbers in numeric order (2班 before 10班). The admin lists
 * still come straight from their sort-key index (migration 170 keeps the index usable).
 */
import { beforeAll, describe, expect, it } from "vitest";
import { scopeOf } from "@/lib/auth/scope";
import type { SessionUser } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import { listStudentRoster } from "@/lib/db/student-roster.repo";
import { loadRoster } from "@/lib/services/class-roster";
import { makeRegionTree, makeSchool, makeStaff, makeStudent } from "../support/fixtures";
import { sessionUser } from "../support/session-user";

const NAMES = ["张伟", "王芳", "李娜", "赵敏", "陈晨", "阿依古丽", "刘洋", "黄磊"];
const PINYIN = ["阿依古丽", "陈晨", "黄磊", "李娜", "刘洋", "王芳", "张伟", "赵敏"];

let admin: SessionUser, teacher: SessionUser;
let school: Awaited<ReturnType<typeof makeSchool>>;

beforeAll(async () => {
  const { county } = await makeRegionTree();
  school = await makeSchool(county.id, "SENIOR");
  const class10 = await db().schoolClass.create({
    data: { schoolId: school.school.id, gradeId: school.grade.id, name: "10班" },
  });
  const class2 = await db().schoolClass.create({
    data: { schoolId: school.school.id, gradeId: school.grade.id, name: "2班" },
  });
  admin = sessionUser((await makeStaff("SCHOOL_ADMIN", { schoolId: school.school.id })).user);
  teacher = sessionUser(
    (await makeStaff("TEACHER", { schoolId: school.school.id }, { classIds: [school.klass.id] })).user,
  );
  for (const name of NAMES) await makeStudent(school, { name });
  await makeStudent({ ...school, klass: class10 }, { name: "十班生" });
  await makeStudent({ ...school, klass: class2 }, { name: "二班生" });
});

describe("pinyin order", () => {
  it("the class teacher's roster lists the class by pinyin", async () => {
    const r = await loadRoster(teacher, school.klass.id, 1);
    if (!r.ok) throw new Error(r.message);
    expect(r.data.rows.map((x) => x.person.name)).toEqual(PINYIN);
  });

  it("the admin roster: classes in numeric order, names by pinyin", async () => {
    const rows = (await listStudentRoster(scopeOf(admin), { skip: 0, take: 100 })).rows;
    expect(rows.map((x) => `${x.className}:${x.name}`)).toEqual([
      ...PINYIN.map((n) => `1班:${n}`),
      "2班:二班生",
      "10班:十班生",
    ]);
  });

  it("the admin roster's page 1 still comes from the sort-key index, without sorting", async () => {
    const plan = await db().$transaction(async (tx) => {
      await tx.$executeRawUnsafe("SET LOCAL enable_seqscan = off");
      await tx.$executeRawUnsafe("SET LOCAL enable_sort = off");
      return tx.$queryRawUnsafe<{ "QUERY PLAN": string }[]>(
        `EXPLAIN SELECT "id" FROM "Student" WHERE "schoolId" = $1
         ORDER BY "sortGradeName", "sortClassName", "sortName", "id" LIMIT 20`,
        school.school.id,
      );
    });
    const text = plan.map((p) => p["QUERY PLAN"]).join("\n");
    expect(text).toContain("Student_schoolId_sortGradeName_sortClassName_sortName_id_idx");
    expect(text).not.toMatch(/\bSort\b/);
  });
});
