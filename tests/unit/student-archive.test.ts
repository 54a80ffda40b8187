import { describe, expect, it } from "vitest";
import { archiveSchools, maskFreeText, type ArchiveEnrolment } from "@/lib/domain/student-archive";

const junior: ArchiveEnrolment = {
  schoolId: "junior",
  status: "GRADUATED",
  enrolledOn: new Date("2023-09-01"),
  regionPath: "/44/4401/440106/",
};
const senior: ArchiveEnrolment = {
  schoolId: "senior",
  status: "IN_SCHOOL",
  enrolledOn: new Date("2026-09-01"),
  regionPath: "/44/4401/440105/",
};
const entries = (map: Map<string, string>) => Object.fromEntries(map);

describe("archiveSchools", () => {
  it("the current school sees its own records in full and the school the student left masked", () => {
    expect(entries(archiveSchools({ kind: "school", schoolId: "senior" }, senior, [junior, senior]))).toEqual(
      {
        senior: "full",
        junior: "masked",
      },
    );
  });

  it("a school the student has left sees only its own records", () => {
    expect(entries(archiveSchools({ kind: "school", schoolId: "junior" }, junior, [junior, senior]))).toEqual(
      {
        junior: "full",
      },
    );
    const transferred = { ...senior, status: "TRANSFERRED_OUT" as const };
    expect(
      entries(archiveSchools({ kind: "school", schoolId: "senior" }, transferred, [junior, transferred])),
    ).toEqual({ senior: "full" });
  });

  it("a suspended student's school still sees the earlier school", () => {
    const suspended = { ...senior, status: "SUSPENDED" as const };
    expect(
      entries(archiveSchools({ kind: "school", schoolId: "senior" }, suspended, [junior, suspended])),
    ).toEqual({ senior: "full", junior: "masked" });
  });

  it("another school where the person is enrolled now is never shown (double enrolment)", () => {
    const other = { ...senior, schoolId: "other" };
    expect(
      entries(archiveSchools({ kind: "school", schoolId: "senior" }, senior, [junior, senior, other])),
    ).toEqual({ senior: "full", junior: "masked" });
  });

  it("an enrolment opened at another school than the viewer's gives nothing", () => {
    expect(archiveSchools({ kind: "school", schoolId: "senior" }, junior, [junior, senior]).size).toBe(0);
  });

  it("a supervisor sees every school, those of their subtree in full", () => {
    expect(
      entries(archiveSchools({ kind: "region", regionPath: "/44/4401/440106/" }, junior, [junior, senior])),
    ).toEqual({ junior: "full", senior: "masked" });
    expect(
      entries(archiveSchools({ kind: "region", regionPath: "/44/4401/" }, senior, [junior, senior])),
    ).toEqual({ junior: "full", senior: "full" });
  });
});

describe("maskFreeText", () => {
  it("masks ID numbers, mobiles and short number runs written into a reason", () => {
    expect(maskFreeText("母亲身份证440106198001011234，电话13812345678")).toBe(
      "母亲身份证**************1234，电话*******5678",
    );
    expect(maskFreeText("存折号 123456 已核实")).toBe("存折号 ****** 已核实");
    expect(maskFreeText("父亲2025年病故")).toBe("父亲2025年病故");
    expect(maskFreeText(null)).toBeNull();
  });
});
