/**
 * Realistic generated students for benchmarks: valid 18-digit ID numbers
 * (check digit per GB 11643), Chinese names, 学籍号, grades and classes of a
 * large school, guardians with mobile numbers. Deterministic for a seed.
 */
import { buildResidentId } from "@/lib/domain/id-number";
import { adultName, childName, mobile, rng } from "@/lib/db/seed/random";

export type GeneratedStudent = {
  name: string;
  gender: "MALE" | "FEMALE";
  idNumber: string;
  birthDate: string;
  studentNo: string;
  grade: string;
  className: string;
  entryYear: number;
  guardianName: string;
  guardianRelation: string;
  guardianPhone: string;
};

const COUNTIES = ["440106", "440105", "440111", "441403", "445302", "440981"];
const GRADES = [
  { name: "高一", entryYear: 2026 },
  { name: "高二", entryYear: 2025 },
  { name: "高三", entryYear: 2024 },
];

/** `n` students spread over three grades with 50 per class. */
export function* generateStudents(n: number, seed = 2026): Generator<GeneratedStudent> {
  const r = rng(seed);
  const perGrade = Math.ceil(n / GRADES.length);
  for (let i = 0; i < n; i++) {
    const g = GRADES[Math.floor(i / perGrade)]!;
    const inGrade = i % perGrade;
    const gender = r.chance(0.5) ? "MALE" : "FEMALE";
    // County, sequence pair and birth day are derived from i so every ID number is unique (up to ~200,000).
    const county = COUNTIES[i % COUNTIES.length]!;
    const k = Math.floor(i / COUNTIES.length);
    const day = new Date(Date.UTC(g.entryYear - 15, 0, 1 + Math.floor(k / 500) * 10));
    const birthDate = day.toISOString().slice(0, 10);
    const idNumber = buildResidentId(county, birthDate, (k % 500) * 2, gender);
    const surname = childName(r, "MALE").slice(0, 1);
    yield {
      name: childName(r, gender, surname),
      gender,
      idNumber,
      birthDate,
      studentNo: `G${idNumber}`,
      grade: g.name,
      className: `${Math.floor(inGrade / 50) + 1}班`,
      entryYear: g.entryYear,
      guardianName: adultName(r, "MALE", surname),
      guardianRelation: "父亲",
      guardianPhone: mobile(r),
    };
  }
}
