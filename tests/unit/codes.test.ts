import { describe, expect, it } from "vitest";
import * as Enums from "@/lib/db/generated/enums";
import {
  APPLICATION_STATES,
  ENROLMENT_STATUSES,
  HARDSHIP_LEVELS,
  ROLES,
  SPECIAL_CATEGORIES,
  STAGES,
} from "@/lib/domain/codes";
import { applicantRoleFor } from "@/lib/domain/applicant";

describe("domain code lists", () => {
  it.each([
    ["Role", ROLES, Enums.Role],
    ["Stage", STAGES, Enums.Stage],
    ["ApplicationState", APPLICATION_STATES, Enums.ApplicationState],
    ["HardshipLevel", HARDSHIP_LEVELS, Enums.HardshipLevel],
    ["SpecialCategory", SPECIAL_CATEGORIES, Enums.SpecialCategory],
    ["EnrolmentStatus", ENROLMENT_STATUSES, Enums.EnrolmentStatus],
  ] as const)("%s matches the database enum", (_name, domain, prisma) => {
    expect([...domain]).toEqual(Object.values(prisma));
  });

  it("has the 11 national special-group categories and the 2 local ones", () => {
    expect(SPECIAL_CATEGORIES).toHaveLength(13);
  });
});

describe("who applies", () => {
  it("is the parent up to junior high and the student from senior high", () => {
    expect(["KINDERGARTEN", "PRIMARY", "JUNIOR"].map((s) => applicantRoleFor(s as never))).toEqual([
      "PARENT",
      "PARENT",
      "PARENT",
    ]);
    expect(["SENIOR", "VOCATIONAL", "COLLEGE", "GRADUATE"].map((s) => applicantRoleFor(s as never))).toEqual([
      "STUDENT",
      "STUDENT",
      "STUDENT",
      "STUDENT",
    ]);
  });
});
