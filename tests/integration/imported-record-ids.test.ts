/**
 * Records a roster import creates carry UUID ids (lib/db/student-roster.repo.ts inserts them in bulk);
 * every id check (lib/schemas/id.ts) must accept them, or the imported student is 未找到 everywhere:
 * the bindings page, reissuing the letter code, the applicant's /portal/apply/[personId].
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { SessionUser } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import { isId } from "@/lib/schemas/id";
import { personIdSchema } from "@/lib/schemas/application";
import { loadBindingView, reissueAccessCode } from "@/lib/services/access-codes";
import { applicantContext } from "@/lib/services/context";
import { importRoster } from "@/lib/services/student-roster-import";
import { makeCurrentTerm, makeRegionTree, makeSchool, makeStaff } from "../support/fixtures";
import { uniqueId, validRow, writeRosterFile } from "../support/student-roster-file";
import { sessionUser } from "../support/session-user";

let admin: SessionUser;
let student: { id: string; personId: string };

beforeAll(async () => {
  const { county } = await makeRegionTree();
  const s = await makeSchool(county.id, "SENIOR");
  admin = sessionUser((await makeStaff("SCHOOL_ADMIN", { schoolId: s.school.id })).user);
  const idNumber = uniqueId(97_101);
  const f = await writeRosterFile("imported-ids.xlsx", [validRow(97_101, s.grade.name, s.klass.name)]);
  const r = await importRoster(admin, { filePath: f, fileName: "ids.xlsx", mode: "GOOD_ROWS" });
  if (!r.ok) throw new Error(r.message);
  expect(r.data).toMatchObject({ created: 1, rejected: 0 });
  student = await db().student.findFirstOrThrow({
    where: { studentNo: `G${idNumber}`, schoolId: s.school.id },
    select: { id: true, personId: true },
  });
});

describe("an imported student's ids pass every id check", () => {
  it("the person and enrolment ids are accepted by the shared id schema", () => {
    expect(student.personId).toMatch(/-/); // the import's UUID form
    expect(isId(student.personId)).toBe(true);
    expect(isId(student.id)).toBe(true);
    expect(personIdSchema.safeParse(student.personId).success).toBe(true);
  });

  it("the bindings page and reissuing the letter code find the imported student", async () => {
    const view = await loadBindingView(admin, student.id);
    expect(view.ok).toBe(true);
    const letter = await reissueAccessCode(admin, student.id);
    expect(letter.ok).toBe(true);
  });

  it("the student's own application page finds them", async () => {
    await makeCurrentTerm({ stage: "SENIOR" });
    const account = await db().user.create({
      data: { role: "STUDENT", personId: student.personId, displayName: "导入学生", passwordHash: "x" },
    });
    const user: SessionUser = { ...sessionUser({ ...account, schoolId: null }), personId: student.personId };
    const r = await applicantContext(user, student.personId);
    expect(r.ok ? "found" : r.message).toBe("found");
  });

  it("ids that are neither a cuid nor a canonical lowercase UUID are still refused", () => {
    for (const bad of [
      "",
      "a".repeat(41),
      "ABC",
      "a-b",
      "x/../y",
      "1234567-89ab-cdef-0123-456789abcdef",
      `${student.personId} `,
    ])
      expect(isId(bad)).toBe(false);
    expect(isId(student.personId.toUpperCase())).toBe(false);
  });
});
