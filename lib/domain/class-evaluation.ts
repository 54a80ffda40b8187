/**
 * 班级评议: the class committee orders the verified applicants by
 * hardship; the committee has at least 3 members and no applicant of the
 * class may sit on it. Pure.
 */
import { normaliseName } from "./person-name";

export type CommitteeMember = { name: string; role: string; isStudent: boolean };

/** Moves `id` one place up or down in `order` (a no-op at either end or when absent). */
export function moveInOrder(order: readonly string[], id: string, direction: "up" | "down"): string[] {
  const out = [...order];
  const i = out.indexOf(id);
  const j = direction === "up" ? i - 1 : i + 1;
  if (i < 0 || j < 0 || j >= out.length) return out;
  [out[i], out[j]] = [out[j]!, out[i]!];
  return out;
}

/** Keeps the saved order for ids still present and appends new ones in the given fallback order. */
export function mergeOrder(saved: readonly string[], current: readonly string[]): string[] {
  const present = new Set(current);
  const kept = saved.filter((id) => present.has(id));
  return [...kept, ...current.filter((id) => !kept.includes(id))];
}

/** Problems with the committee, in Chinese; empty when it may submit. */
export function committeeProblems(
  members: readonly CommitteeMember[],
  applicantNames: readonly string[],
): string[] {
  const problems: string[] = [];
  const named = members.filter((m) => normaliseName(m.name) !== "");
  if (named.length < 3) problems.push(`评议小组成员至少3人，目前只有${named.length}人。`);
  const applicants = new Set(applicantNames.map(normaliseName));
  const clash = named.filter((m) => applicants.has(normaliseName(m.name)));
  if (clash.length) problems.push(`申请人不能担任评议小组成员：${clash.map((m) => m.name).join("、")}。`);
  const seen = new Set<string>();
  const dup = named.filter((m) =>
    seen.has(normaliseName(m.name)) ? true : (seen.add(normaliseName(m.name)), false),
  );
  if (dup.length) problems.push(`评议小组成员重复：${dup.map((m) => m.name).join("、")}。`);
  return problems;
}

/** Parses "姓名 职务" lines (职务 may contain 学生代表 to mark a student) into members. */
export function parseMembers(text: string): CommitteeMember[] {
  return text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean)
    .map((l) => {
      const [name = "", ...rest] = l.split(/[\s,，、]+/);
      const role = rest.join(" ") || "成员";
      return { name, role, isStudent: /学生/.test(role) };
    });
}

/** A senior-high class committee includes student representatives, at least 10% of the class (rounded up). */
export const SENIOR_REP_SHARE = 0.1;

/** The fewest student representatives a class of `classSize` students needs (10%, rounded up; at least 1 for a non-empty class). */
export function minStudentRepresentatives(classSize: number): number {
  return classSize <= 0 ? 0 : Math.ceil(classSize * SENIOR_REP_SHARE - 1e-9);
}

/** Parses the "学生代表（每行一人）" text: one name per line, marked as student members. */
export function parseRepresentatives(text: string): CommitteeMember[] {
  return text
    .split(/\r?\n/)
    .map((l) => l.trim().split(/[\s,，、]+/)[0] ?? "")
    .filter(Boolean)
    .map((name) => ({ name, role: "学生代表", isStudent: true }));
}

/**
 * Problems with the student representatives of a senior-high committee, in
 * Chinese; empty for other stages or when the rule holds. Representatives
 * are the members marked as students; each must be a student of the class
 * and not an applicant this term (the applicant clash itself is reported by
 * committeeProblems).
 */
export function representativeProblems(
  stage: string,
  members: readonly CommitteeMember[],
  classStudentNames: readonly string[],
  applicantNames: readonly string[],
): string[] {
  if (stage !== "SENIOR") return [];
  const need = minStudentRepresentatives(classStudentNames.length);
  const inClass = new Set(classStudentNames.map(normaliseName));
  const applicants = new Set(applicantNames.map(normaliseName));
  const reps = [
    ...new Map(
      members
        .filter((m) => m.isStudent && normaliseName(m.name) !== "")
        .map((m) => [normaliseName(m.name), m]),
    ).values(),
  ];
  const problems: string[] = [];
  const outsiders = reps.filter((m) => !inClass.has(normaliseName(m.name)));
  if (outsiders.length)
    problems.push(`学生代表须为本班学生：${outsiders.map((m) => m.name).join("、")}不是本班学生。`);
  const valid = reps.filter(
    (m) => inClass.has(normaliseName(m.name)) && !applicants.has(normaliseName(m.name)),
  );
  if (valid.length < need)
    problems.push(
      `高中班级评议小组中学生代表不少于班级人数的10%（本班${classStudentNames.length}人，至少${need}人），目前符合条件的学生代表${valid.length}人。`,
    );
  return problems;
}
