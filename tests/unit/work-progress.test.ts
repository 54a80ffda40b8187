import { describe, expect, it } from "vitest";
import {
  addFigures,
  behindSchedule,
  collectionPercent,
  emptyFigures,
  formatAsOf,
  vocationalCurrent,
} from "@/lib/domain/work-progress";

const deadlines = {
  verifyDeadline: new Date("2026-09-20T15:59:59Z"),
  reviewDeadline: new Date("2026-10-10T15:59:59Z"),
};
const before = new Date("2026-09-20T15:59:58Z");
const afterVerify = new Date("2026-09-20T16:00:00Z");
const afterReview = new Date("2026-10-10T16:00:00Z");

describe("behind schedule", () => {
  it("is on schedule before any deadline, whatever is pending", () => {
    expect(behindSchedule({ awaitingVerification: 5, awaitingDetermination: 5 }, deadlines, before)).toEqual(
      [],
    );
  });
  it("after the verification deadline only unverified submissions make it behind", () => {
    expect(
      behindSchedule({ awaitingVerification: 0, awaitingDetermination: 3 }, deadlines, afterVerify),
    ).toEqual([]);
    expect(
      behindSchedule({ awaitingVerification: 2, awaitingDetermination: 0 }, deadlines, afterVerify),
    ).toEqual(["核实截止（2026-09-20 23:59）已过，2份申请未核实"]);
  });
  it("after the determination deadline verified applications not determined make it behind too", () => {
    expect(
      behindSchedule({ awaitingVerification: 1, awaitingDetermination: 3 }, deadlines, afterReview),
    ).toEqual([
      "核实截止（2026-09-20 23:59）已过，1份申请未核实",
      "认定截止（2026-10-10 23:59）已过，3份已核实申请未认定",
    ]);
    expect(
      behindSchedule({ awaitingVerification: 0, awaitingDetermination: 0 }, deadlines, afterReview),
    ).toEqual([]);
  });
});

describe("figures", () => {
  it("回收率 counts applied and waived forms against students in school, rounded down, capped", () => {
    expect(collectionPercent({ applied: 2, waived: 1, studentsInSchool: 4 })).toBe(75);
    expect(collectionPercent({ applied: 199, waived: 0, studentsInSchool: 200 })).toBe(99);
    expect(collectionPercent({ applied: 200, waived: 0, studentsInSchool: 200 })).toBe(100);
    expect(collectionPercent({ applied: 3, waived: 0, studentsInSchool: 2 })).toBe(100);
    expect(collectionPercent({ applied: 0, waived: 0, studentsInSchool: 0 })).toBeNull();
  });
  it("a region's figures are the sums of its schools'", () => {
    const a = { ...emptyFigures(), applied: 2, vocationalInSchool: 5, vocationalOverdue: 1 };
    const b = { ...emptyFigures(), applied: 3, vocationalInSchool: 1 };
    const sum = addFigures(addFigures(emptyFigures(), a), b);
    expect(sum).toMatchObject({ applied: 5, vocationalInSchool: 6, vocationalOverdue: 1 });
    expect(vocationalCurrent(sum)).toBe(5);
  });
  it("shows freshness to the second in Beijing time", () => {
    expect(formatAsOf(new Date("2026-11-24T12:15:03.456Z"))).toBe("2026-11-24 20:15:03");
  });
});
