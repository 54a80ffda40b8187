import { describe, expect, it } from "vitest";
import * as Enums from "@/lib/db/generated/enums";
import * as Codes from "@/lib/domain/codes";
import { applicantRoleFor } from "@/lib/domain/applicant";

/** Each code list of lib/domain/codes.ts, the database enum it mirrors (if any) and its labels. */
const LISTS: [name: string, codes: readonly string[], prismaEnum: object | null, labels: object | null][] = [
  ["Role", Codes.ROLES, Enums.Role, Codes.ROLE_LABELS],
  ["Stage", Codes.STAGES, Enums.Stage, Codes.STAGE_LABELS],
  ["ApplicationState", Codes.APPLICATION_STATES, Enums.ApplicationState, Codes.APPLICATION_STATE_LABELS],
  ["HardshipLevel", Codes.HARDSHIP_LEVELS, Enums.HardshipLevel, Codes.HARDSHIP_LEVEL_LABELS],
  ["SpecialCategory", Codes.SPECIAL_CATEGORIES, Enums.SpecialCategory, Codes.SPECIAL_CATEGORY_LABELS],
  ["EnrolmentStatus", Codes.ENROLMENT_STATUSES, Enums.EnrolmentStatus, Codes.ENROLMENT_STATUS_LABELS],
  ["SuddenEventKind", Codes.SUDDEN_EVENT_KINDS, Enums.SuddenEventKind, Codes.SUDDEN_EVENT_KIND_LABELS],
  ["Gender", Codes.GENDERS, Enums.Gender, Codes.GENDER_LABELS],
  ["IdType", Codes.ID_TYPES, Enums.IdType, Codes.ID_TYPE_LABELS],
  ["Semester", Codes.SEMESTERS, Enums.Semester, Codes.SEMESTER_LABELS],
  ["Residence", Codes.RESIDENCES, Enums.Residence, Codes.RESIDENCE_LABELS],
  ["SpecialSource", Codes.SPECIAL_SOURCES, Enums.SpecialSource, Codes.SPECIAL_SOURCE_LABELS],
  ["RosterState", Codes.ROSTER_STATES, Enums.RosterState, Codes.ROSTER_STATE_LABELS],
  ["PaymentKind", Codes.PAYMENT_KINDS, Enums.PaymentKind, Codes.PAYMENT_KIND_LABELS],
  ["PublicityScope", Codes.PUBLICITY_SCOPES, Enums.PublicityScope, Codes.PUBLICITY_SCOPE_LABELS],
  ["ObjectionKind", Codes.OBJECTION_KINDS, Enums.ObjectionKind, Codes.OBJECTION_KIND_LABELS],
  ["ReviewStepKind", Codes.REVIEW_STEP_KINDS, Enums.ReviewStepKind, Codes.REVIEW_STEP_LABELS],
  ["RevokeReason", Codes.REVOKE_REASONS, Enums.RevokeReason, Codes.REVOKE_REASON_LABELS],
  ["NoAidReason", Codes.NO_AID_REASONS, Enums.NoAidReason, Codes.NO_AID_REASON_LABELS],
  ["evidence purpose", Codes.EVIDENCE_PURPOSES, null, Codes.EVIDENCE_PURPOSE_LABELS],
  ["work status", Codes.WORK_STATUSES, null, null],
];

describe("domain code lists", () => {
  it.each(LISTS.filter(([, , prisma]) => prisma))("%s matches the database enum", (_name, codes, prisma) => {
    expect([...codes]).toEqual(Object.values(prisma!));
  });

  it.each(LISTS.filter(([, , , labels]) => labels))(
    "%s: every code has a Chinese label and no label is given to a code not in the list",
    (_name, codes, _prisma, labels) => {
      expect(Object.keys(labels!).sort()).toEqual([...codes].sort());
      for (const label of Object.values(labels!))
        expect(label).toMatch(/^[^A-Za-z_]*[\u4e00-\u9fa5][^A-Za-z_]*$/);
    },
  );

  it("the work statuses are Chinese text (stored as typed)", () => {
    for (const status of Codes.WORK_STATUSES) expect(status).toMatch(/^[\u4e00-\u9fa5]+$/);
  });

  it("has the 11 national special-group categories and the 2 local ones", () => {
    expect(Codes.SPECIAL_CATEGORIES).toHaveLength(13);
  });

  it("an unknown stored evidence purpose reads as 其他材料 unless another fallback is given", () => {
    expect(Codes.evidencePurposeLabel("illness")).toBe("疾病诊断或医疗费用证明");
    expect(Codes.evidencePurposeLabel("x-ray")).toBe("其他材料");
    expect(Codes.evidencePurposeLabel("x-ray", "x-ray")).toBe("x-ray");
  });

  it("an unknown stored sudden-event kind reads as 其他", () => {
    expect(Codes.suddenEventKindLabel("FLOOD")).toBe("其他");
    expect(Codes.suddenEventKindLabel("ACCIDENT")).toBe("重大突发意外");
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
