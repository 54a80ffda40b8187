/**
 * The class teacher's rules: return deadlines, what changed between
 * a return and the resubmission, the application monitor's counts and
 * 回收率 (forms back), and export-cell neutralisation. Pure.
 */
import { APPLICATION_STATES, RESIDENCE_LABELS, type ApplicationState, type Residence } from "./codes";
import { fenToYuan } from "./household";
import { beijingEndOfDay, formatBeijingDate } from "./time";

const DAY = 24 * 60 * 60 * 1000;

export type ReturnDeadlineResult = { ok: true; deadline: Date } | { ok: false; message: string };

/** The end of the Beijing calendar day `days` days after `now` (23:59:59.999 Beijing time). */
export function endOfBeijingDayAfter(now: Date, days: number): Date {
  return beijingEndOfDay(formatBeijingDate(new Date(now.getTime() + days * DAY)));
}

/** The days offered as quick picks for a correction deadline. */
export const QUICK_PICK_DAYS = [3, 7] as const;

/**
 * The quick picks ("3天后", "7天后") as Beijing dates, each ending at 23:59;
 * a pick past the verification deadline is left out.
 */
export function returnDeadlineQuickPicks(
  now: Date,
  verifyDeadline: Date,
): { days: number; date: string; label: string }[] {
  return QUICK_PICK_DAYS.map((days) => ({ days, date: formatBeijingDate(endOfBeijingDayAfter(now, days)) }))
    .filter((p) => p.date <= formatBeijingDate(verifyDeadline))
    .map((p) => ({ ...p, label: `${p.days}天后（${p.date}）` }));
}

/**
 * The correction deadline for a return: the teacher's choice, or the end
 * (23:59 Beijing time) of the day 3 days from now by default; never past the
 * term's verification deadline (a default that would pass it is cut back to
 * it), and always in the future.
 */
export function resolveReturnDeadline(
  now: Date,
  verifyDeadline: Date,
  requested: Date | null,
): ReturnDeadlineResult {
  if (now >= verifyDeadline)
    return { ok: false, message: "班主任核实截止时间已过，不能再退回修改，请联系学校资助管理员。" };
  if (!requested) {
    const threeDays = endOfBeijingDayAfter(now, 3);
    return { ok: true, deadline: threeDays < verifyDeadline ? threeDays : verifyDeadline };
  }
  if (requested <= now) return { ok: false, message: "修改截止时间须晚于现在，请重新选择日期。" };
  if (requested > verifyDeadline)
    return { ok: false, message: "修改截止时间不能晚于班主任核实截止时间，请选择更早的日期。" };
  return { ok: true, deadline: requested };
}

// ───────────── snapshot and changes ─────────────

export type SnapshotMember = {
  name: string;
  relation: string;
  age: number | null;
  workStatus: string | null;
  annualIncomeFen: number | null;
  seriousIllness: boolean;
  disability: boolean;
  inSchool: boolean;
};
export type SnapshotEvent = { kind: string; amountFen: number; description: string | null };

/** The parts of an application the applicant can change after a return. */
export type ApplicationSnapshot = {
  household: {
    residence: string | null;
    address: string | null;
    totalAnnualIncomeFen: number | null;
    memberCount: number | null;
    housing: string | null;
    vehicles: string | null;
    stateEmployedParent: boolean | null;
    stableIncome: boolean | null;
    declaredCategories: string[];
    notes: string | null;
  } | null;
  familyMembers: SnapshotMember[];
  suddenEvents: SnapshotEvent[];
  programmes: string[];
  evidenceCount: number;
};

export type Change = { field: string; before: string; after: string };

const HOUSEHOLD_LABELS: Record<keyof NonNullable<ApplicationSnapshot["household"]>, string> = {
  residence: "城乡",
  address: "家庭住址",
  totalAnnualIncomeFen: "家庭年总收入",
  memberCount: "家庭人口数",
  housing: "住房情况",
  vehicles: "车辆情况",
  stateEmployedParent: "父母在机关事业单位或国企工作",
  stableIncome: "有稳定收入项目或财产",
  declaredCategories: "特殊群体",
  notes: "其他情况说明",
};

function show(key: string, v: unknown): string {
  if (v === null || v === undefined || v === "") return "（空）";
  if (typeof v === "boolean") return v ? "是" : "否";
  if (key.endsWith("Fen") && typeof v === "number") return `${fenToYuan(v)} 元`;
  if (key === "residence") return RESIDENCE_LABELS[v as Residence] ?? String(v);
  if (Array.isArray(v)) return v.length ? v.join("、") : "（无）";
  return String(v);
}

const memberText = (m: SnapshotMember) =>
  `${m.name}（${m.relation}${m.age !== null ? `，${m.age}岁` : ""}${m.workStatus ? `，${m.workStatus}` : ""}，年收入 ${m.annualIncomeFen !== null ? `${fenToYuan(m.annualIncomeFen)} 元` : "未填"}${m.seriousIllness ? "，患重病" : ""}${m.disability ? "，残疾" : ""}${m.inSchool ? "，在校" : ""}）`;
const eventText = (e: SnapshotEvent) =>
  `${e.kind} ${fenToYuan(e.amountFen)} 元${e.description ? `（${e.description}）` : ""}`;

function listChanges(field: string, before: string[], after: string[]): Change[] {
  const removed = before.filter((x) => !after.includes(x));
  const added = after.filter((x) => !before.includes(x));
  if (!removed.length && !added.length) return [];
  return [{ field, before: removed.join("；") || "（无删除）", after: added.join("；") || "（无新增）" }];
}

/** What the applicant changed between the return (`before`) and now (`after`), in Chinese labels. */
export function diffSnapshots(before: ApplicationSnapshot, after: ApplicationSnapshot): Change[] {
  const out: Change[] = [];
  const keys = Object.keys(HOUSEHOLD_LABELS) as (keyof typeof HOUSEHOLD_LABELS)[];
  for (const k of keys) {
    const b = before.household?.[k] ?? null;
    const a = after.household?.[k] ?? null;
    const same =
      Array.isArray(b) || Array.isArray(a)
        ? JSON.stringify([...((b as string[]) ?? [])].sort()) ===
          JSON.stringify([...((a as string[]) ?? [])].sort())
        : b === a;
    if (!same) out.push({ field: HOUSEHOLD_LABELS[k], before: show(k, b), after: show(k, a) });
  }
  out.push(
    ...listChanges("家庭成员", before.familyMembers.map(memberText), after.familyMembers.map(memberText)),
  );
  out.push(...listChanges("突发事件", before.suddenEvents.map(eventText), after.suddenEvents.map(eventText)));
  out.push(...listChanges("资助项目", before.programmes, after.programmes));
  if (before.evidenceCount !== after.evidenceCount)
    out.push({ field: "佐证材料", before: `${before.evidenceCount} 份`, after: `${after.evidenceCount} 份` });
  return out;
}

// ───────────── monitor ─────────────

/** A student of the class without an application this term is "not started". */
export type MonitorState = ApplicationState | "not_started";

export const MONITOR_STATES: readonly MonitorState[] = ["not_started", ...APPLICATION_STATES];

/** Forms back (回收, Z): submitted or further on, or a waiver. Draft, returned, withdrawn and not started are still out. */
const BACK: readonly MonitorState[] = [
  "submitted",
  "verified",
  "reviewed",
  "determined",
  "revoked",
  "waived",
];

export const isFormBack = (s: MonitorState): boolean => BACK.includes(s);

export type MonitorCounts = Record<MonitorState, number>;

export function emptyCounts(): MonitorCounts {
  return Object.fromEntries(MONITOR_STATES.map((s) => [s, 0])) as MonitorCounts;
}

/** 回收率 as a whole percentage (rounded down so 100% means every form is back); 0 students → 0. */
export function collectionRate(counts: MonitorCounts): { back: number; total: number; percent: number } {
  const total = MONITOR_STATES.reduce((n, s) => n + counts[s], 0);
  const back = BACK.reduce((n, s) => n + counts[s], 0);
  return { back, total, percent: total === 0 ? 0 : Math.floor((back * 100) / total) };
}

/** Spreadsheet cells starting with = + - @ (or tab/CR) are formulas to Excel: prefix ' so they stay text. */
/** Formula-injection guard for spreadsheet cells (one home: lib/domain/spreadsheet-cell.ts). */
export { neutraliseCell } from "./spreadsheet-cell";
