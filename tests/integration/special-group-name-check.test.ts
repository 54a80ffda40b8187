/**
 * A special-group list row matched to a student by ID number but written with another name is not
 * accepted silently: the aid office sees it listed for review, and the determination page says so.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { scopeOf } from "@/lib/auth/scope";
import type { SessionUser } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import { listNameMismatches } from "@/lib/db/special-groups.repo";
import { loadApplication } from "@/lib/services/determination-queue";
import { ensureDefaultModel, makeApplication } from "../support/determination-fixtures";
import { makeCurrentTerm, makeRegionTree, makeSchool, makeStaff } from "../support/fixtures";
import { sessionUser } from "../support/session-user";

let admin: SessionUser, otherAdmin: SessionUser;
let wrongId: string, rightId: string;

beforeAll(async () => {
  const { county } = await makeRegionTree();
  const school = await makeSchool(county.id, "SENIOR");
  const other = await makeSchool(county.id, "SENIOR");
  await makeCurrentTerm({ stage: "SENIOR" });
  await ensureDefaultModel();
  admin = sessionUser((await makeStaff("SCHOOL_ADMIN", { schoolId: school.school.id })).user);
  otherAdmin = sessionUser((await makeStaff("SCHOOL_ADMIN", { schoolId: other.school.id })).user);
  const wrong = await makeApplication(school, "verified", { name: "王芳", categories: ["ORPHAN"] });
  const right = await makeApplication(school, "verified", {
    name: "阿依古丽·买买提",
    categories: ["MINIMUM_LIVING"],
  });
  wrongId = wrong.app.id;
  rightId = right.app.id;
  // The list wrote another name against 王芳's ID number; the other only another middle dot.
  await db().specialGroupEntry.updateMany({
    where: { personId: wrong.student.person.id },
    data: { name: "王方" },
  });
  await db().specialGroupEntry.updateMany({
    where: { personId: right.student.person.id },
    data: { name: "阿依古丽•买买提" },
  });
});

describe("special-group name check", () => {
  it("lists the match whose list name differs from the student's, and only that one", async () => {
    const rows = await listNameMismatches(scopeOf(admin));
    expect(rows.map((r) => [r.listName, r.studentName, r.category])).toEqual([["王方", "王芳", "ORPHAN"]]);
    expect(await listNameMismatches(scopeOf(otherAdmin))).toEqual([]);
  });

  it("the determination page names the differing list name", async () => {
    const r = await loadApplication(admin, wrongId);
    if (!r.ok) throw new Error(r.message);
    expect(r.data.categories).toEqual(["ORPHAN"]);
    expect(r.data.listedNames).toEqual(["王方"]);
    const ok = await loadApplication(admin, rightId);
    if (!ok.ok) throw new Error(ok.message);
    expect(ok.data.listedNames).toEqual([]);
  });
});
