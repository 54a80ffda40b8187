/**
 * The follow-up before a school's publicity (seed 003 六.2(5): 抽查回访率不低于30%): two groups — the
 * satisfaction survey of applicants who applied and were not determined (SURVEY) and the follow-up visits of
 * special-group students who waived (WAIVER) — of which at least 30% each is drawn at random, reproducibly.
 *
 * The draw: every member's key is SHA-256(seed, NUL, group, NUL, student id); the members with the smallest keys
 * are drawn. Given the recorded seed anyone can redo it (same seed and population → same sample, whatever order
 * the population was read in), and without the seed nobody can steer who is drawn.
 */
import { createHash } from "node:crypto";

export const FOLLOW_UP_GROUPS = ["SURVEY", "WAIVER"] as const;
export type FollowUpGroupCode = (typeof FOLLOW_UP_GROUPS)[number];

export const FOLLOW_UP_GROUP_LABELS: Record<FollowUpGroupCode, string> = {
  SURVEY: "满意度调查（已申请未认定）",
  WAIVER: "自愿放弃回访（特殊群体）",
};

export const CONTACT_WAYS = ["PHONE", "FACE_TO_FACE", "HOME_VISIT", "ONLINE", "OTHER"] as const;
export type ContactWayCode = (typeof CONTACT_WAYS)[number];
export const CONTACT_WAY_LABELS: Record<ContactWayCode, string> = {
  PHONE: "电话",
  FACE_TO_FACE: "面谈",
  HOME_VISIT: "家访",
  ONLINE: "网络（微信等）",
  OTHER: "其他",
};

/** The least share drawn of each group: 3/10 (抽查回访率不低于30%). */
export const MIN_SHARE_PERCENT = 30;

/** How many of a group of `population` are drawn: ⌈30%⌉, so never below 30%, and a group of one gives one. */
export function sampleSize(population: number): number {
  if (!Number.isInteger(population) || population < 0) throw new RangeError(`bad population ${population}`);
  return Math.floor((population * MIN_SHARE_PERCENT + 99) / 100);
}

const drawKey = (seed: string, group: FollowUpGroupCode, id: string) =>
  createHash("sha256").update(`${seed}\u0000${group}\u0000${id}`).digest("hex");

/**
 * The drawn members of one group, in draw order: the `sampleSize` ids with the smallest keys. Duplicates in
 * `ids` count once.
 */
export function drawGroup(seed: string, group: FollowUpGroupCode, ids: readonly string[]): string[] {
  const unique = [...new Set(ids)];
  return unique
    .map((id) => ({ id, key: drawKey(seed, group, id) }))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    .slice(0, sampleSize(unique.length))
    .map((member) => member.id);
}

export type GroupProgress = {
  group: FollowUpGroupCode;
  /** Students of the group now. */
  population: number;
  /** Students of the group when the sample was drawn. */
  drawnFrom: number;
  sampled: number;
  /** Sampled students with at least one contact recorded. */
  contacted: number;
};

export type FollowUpProgress = {
  /** null: no sample drawn yet. */
  drawnAt: Date | null;
  /** Any contact recorded (the sample can no longer be drawn again). */
  anyContact: boolean;
  groups: GroupProgress[];
  /** Dissatisfied contacts the school has not answered yet. */
  openReinvestigations: number;
};

/**
 * Why the school's publicity cannot start yet (Chinese, naming the counts and the group), or null. Nothing to
 * follow up (both groups empty) needs no sample.
 */
export function publicityFollowUpProblem(progress: FollowUpProgress): string | null {
  const populated = progress.groups.filter((g) => g.population > 0);
  if (!progress.drawnAt) {
    if (populated.length === 0) return null;
    const who = populated.map((g) => `${FOLLOW_UP_GROUP_LABELS[g.group]}${g.population}人`).join("、");
    return `公示前须完成满意度调查与回访：尚未抽取样本（${who}），请在“满意度调查与回访”中抽取样本并逐一联系。`;
  }
  const problems: string[] = [];
  if (!progress.anyContact) {
    const grown = progress.groups.filter((g) => g.population !== g.drawnFrom);
    if (grown.length > 0)
      problems.push(
        `抽样后名单已变化（${grown.map((g) => `${FOLLOW_UP_GROUP_LABELS[g.group]}现为${g.population}人，抽样时${g.drawnFrom}人`).join("；")}），请重新抽取样本`,
      );
  }
  for (const g of progress.groups) {
    const missing = g.sampled - g.contacted;
    if (missing > 0)
      problems.push(`${FOLLOW_UP_GROUP_LABELS[g.group]}抽中${g.sampled}人，还有${missing}人未记录联系情况`);
  }
  if (progress.openReinvestigations > 0)
    problems.push(`还有${progress.openReinvestigations}项不满意的重新调查尚未答复`);
  return problems.length ? `公示前须完成满意度调查与回访：${problems.join("；")}。` : null;
}
