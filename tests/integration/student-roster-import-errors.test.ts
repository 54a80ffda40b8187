/**
 * A roster import that fails on a unique violation (two schools importing the same person at once) is
 * recognised as such and logged without its message: PostgreSQL's DETAIL quotes the row's values, and
 * the 学籍号 holds the ID number (lib/services/student-roster-import.ts).
 */
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { redactedError } from "@/lib/services/import-start";
import { isUniqueViolation } from "@/lib/services/student-roster-import";
import { makeRegionTree, makeSchool, makeStudent } from "../support/fixtures";

describe("a unique violation during an import", () => {
  it("is recognised, and what is logged holds no ID number or 学籍号", async () => {
    const { county } = await makeRegionTree();
    const A = await makeSchool(county.id, "SENIOR");
    const B = await makeSchool(county.id, "SENIOR");
    const st = await makeStudent(A);
    // The same raw INSERT the import uses (lib/db/student-roster.repo.ts): a second 在读 enrolment.
    const error = await db()
      .$executeRaw`INSERT INTO "Student" ("id", "personId", "schoolId", "gradeId", "classId", "stage", "studentNo", "enrolledOn", "programmeYears", "status", "updatedAt")
        VALUES (gen_random_uuid()::text, ${st.person.id}, ${B.school.id}, ${B.grade.id}, ${B.klass.id}, 'SENIOR'::"Stage", ${st.studentNo}, '2026-09-01'::date, 3, 'SUSPENDED'::"EnrolmentStatus", now())`.then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).not.toBeNull();
    expect(isUniqueViolation(error)).toBe(true);
    const logged = JSON.stringify(redactedError(error));
    expect(logged).not.toContain(st.idNumber);
    expect(logged).not.toContain(st.person.id);
    expect(isUniqueViolation(new Error("导入失败"))).toBe(false);
  });
});
