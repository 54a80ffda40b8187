/**
 * 班级评议 (SPEC §5, §7): the class committee orders the verified applicants by
 * hardship; the committee has at least 3 members and no applicant of the
 * class may sit on it. Pure.
 */
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

const normName = (s: string) => s.replace(/\s+/g, "");

/** Problems with the committee, in Chinese; empty when it may submit. */
export function committeeProblems(members: readonly CommitteeMember[], applicantNames: readonly string[]): string[] {
  const problems: string[] = [];
  const named = members.filter((m) => normName(m.name) !== "");
  if (named.length < 3) problems.push(`评议小组成员至少3人，目前只有${named.length}人。`);
  const applicants = new Set(applicantNames.map(normName));
  const clash = named.filter((m) => applicants.has(normName(m.name)));
  if (clash.length) problems.push(`申请人不能担任评议小组成员：${clash.map((m) => m.name).join("、")}。`);
  const seen = new Set<string>();
  const dup = named.filter((m) => (seen.has(normName(m.name)) ? true : (seen.add(normName(m.name)), false)));
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
