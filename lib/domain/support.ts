/**
 * The support desk (技术支持服务, seed 001 of /work/shared/seeds: 广东省学生资助管理信息系统技术支持服务管理办法):
 * categories (第八至十条), the subject line "XX市-XX学段-XX类问题" (第十一条), handling level by level with
 * first-taker ownership (首接负责制, 第十三条) and answer deadlines in working days (第十四条). Pure: no I/O.
 */
import { STAGE_LABELS, STAGES, type Stage } from "./codes";
import {
  addDays,
  countWorkingDays,
  parseDay,
  publicityEndDate,
  type DayString,
  type HolidayCalendar,
} from "./working-days";

export const SUPPORT_CATEGORIES = ["APPLICATION", "TECHNICAL", "USER_REQUEST", "SUGGESTION"] as const;
export type SupportCategory = (typeof SUPPORT_CATEGORIES)[number];
/** The names of 第十一条: the last part of the subject line. */
export const SUPPORT_CATEGORY_LABELS: Record<SupportCategory, string> = {
  APPLICATION: "应用类问题",
  TECHNICAL: "技术类问题",
  USER_REQUEST: "用户申请",
  SUGGESTION: "需求建议",
};

/** The kinds within 应用类 and 技术类; the other two categories have none. */
export const SUPPORT_SUBCATEGORIES = {
  APPLICATION: { OPERATION: "操作", SIGN_IN: "系统登录", TRAINING: "培训指导" },
  TECHNICAL: { DATA: "数据问题", BUG: "系统漏洞" },
} as const;
export type SupportSubcategory =
  keyof (typeof SUPPORT_SUBCATEGORIES)["APPLICATION"] | keyof (typeof SUPPORT_SUBCATEGORIES)["TECHNICAL"];

export function subcategoryLabel(category: SupportCategory, sub: string | null): string | null {
  if (category !== "APPLICATION" && category !== "TECHNICAL") return null;
  const kinds: Record<string, string> = SUPPORT_SUBCATEGORIES[category];
  return sub && sub in kinds ? kinds[sub]! : null;
}

/** Whether `sub` is a kind of `category` (null exactly for the categories without kinds). */
export function validSubcategory(category: SupportCategory, sub: string | null): boolean {
  if (category !== "APPLICATION" && category !== "TECHNICAL") return sub === null;
  return subcategoryLabel(category, sub) !== null;
}

/**
 * Working days for the answer (第十四条: 应用类 1–2, 技术类 2–3, 需求建议 5; 用户申请 has no figure there and
 * gets the 5 of 需求建议, both being collected by the city per 学段 and sent to the province, 第九、十条). Where
 * the rule gives a range the upper bound is the deadline: the lower bound is the aim, the upper the limit a
 * problem is overdue after.
 */
export const SUPPORT_DEADLINE_WORKING_DAYS: Record<SupportCategory, number> = {
  APPLICATION: 2,
  TECHNICAL: 3,
  USER_REQUEST: 5,
  SUGGESTION: 5,
};
/** The filer confirms the answer or reopens the problem within this many working days (issue 21 item 4). */
export const CONFIRM_WORKING_DAYS = 5;

export const SUPPORT_LEVELS = ["SCHOOL", "COUNTY", "CITY", "PROVINCE"] as const;
export type SupportLevel = (typeof SUPPORT_LEVELS)[number];
export const SUPPORT_LEVEL_LABELS: Record<SupportLevel, string> = {
  SCHOOL: "学校",
  COUNTY: "区县",
  CITY: "地市",
  PROVINCE: "省级",
};

export const SUPPORT_STATES = ["QUEUED", "TAKEN", "RESOLVED", "CLOSED"] as const;
export type SupportState = (typeof SUPPORT_STATES)[number];
export const SUPPORT_STATE_LABELS: Record<SupportState, string> = {
  QUEUED: "待受理",
  TAKEN: "处理中",
  RESOLVED: "已答复待确认",
  CLOSED: "已办结",
};
export const OPEN_SUPPORT_STATES: readonly SupportState[] = ["QUEUED", "TAKEN"];

export const SUPPORT_EVENT_LABELS = {
  FILE: "提交问题",
  TAKE: "受理（首接负责）",
  PASS_UP: "上报上级",
  RESOLVE: "答复并办结",
  CONFIRM: "确认解决并评价",
  REOPEN: "未解决，重新打开",
  AUTO_CLOSE: "确认期满，自动办结",
} as const;
export type SupportEventAction = keyof typeof SUPPORT_EVENT_LABELS;

export type RegionRef = { id: string; name: string; level: "PROVINCE" | "CITY" | "COUNTY" };

/**
 * "XX市-XX学段-XX类问题" (第十一条). `regions` is the filer's region chain from the province down; the city is
 * the chain's CITY region, and a province user (no city) writes the province's name. A user without a stage
 * (a supervisor filing about no one stage) writes "全学段".
 */
export function supportSubject(
  regions: readonly Pick<RegionRef, "name" | "level">[],
  stage: Stage | null,
  category: SupportCategory,
): string {
  const city = regions.find((r) => r.level === "CITY") ?? regions.find((r) => r.level === "PROVINCE");
  const place = city?.name ?? "未知地区";
  return `${place}-${stage ? STAGE_LABELS[stage] : "全学段"}-${SUPPORT_CATEGORY_LABELS[category]}`;
}

/** Where a problem waits: a school's queue (its aid officers) or a region's (its supervisors). */
export type SupportQueue =
  | { level: "SCHOOL"; schoolId: string; regionId: null }
  | { level: Exclude<SupportLevel, "SCHOOL">; schoolId: null; regionId: string };

export const regionQueue = (region: Pick<RegionRef, "id" | "level">): SupportQueue => ({
  level: region.level,
  schoolId: null,
  regionId: region.id,
});

/**
 * The queue a new problem lands in: the level that handles the filer's level (第八条, handled as low as possible):
 * a teacher's at the school's aid officers, a school's (aid officer, leader) at the school's county, a county's
 * at its city, a city's at the province; the province's own at the province.
 */
export function firstQueue(
  filer:
    | { role: "TEACHER"; schoolId: string }
    | { role: "SCHOOL_ADMIN" | "SCHOOL_LEADER"; schoolRegion: Pick<RegionRef, "id" | "level"> }
    | {
        role: "SUPERVISOR";
        region: Pick<RegionRef, "id" | "level">;
        parent: Pick<RegionRef, "id" | "level"> | null;
      },
): SupportQueue {
  switch (filer.role) {
    case "TEACHER":
      return { level: "SCHOOL", schoolId: filer.schoolId, regionId: null };
    case "SCHOOL_ADMIN":
    case "SCHOOL_LEADER":
      return regionQueue(filer.schoolRegion);
    case "SUPERVISOR":
      return regionQueue(filer.parent ?? filer.region);
  }
}

/** The level a filer belongs to (the level their own problems start from). */
export function filerLevel(role: string, regionLevel: RegionRef["level"] | null): SupportLevel {
  return role === "SUPERVISOR" && regionLevel ? regionLevel : "SCHOOL";
}

/** Beijing calendar day of an instant. */
export function beijingDay(at: Date): DayString {
  return new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}

/** The last day for the answer: the Nth working day after the filing day (the filing day itself not counted). */
export function supportDeadline(filedDay: DayString, category: SupportCategory, cal: HolidayCalendar) {
  return publicityEndDate(addDays(filedDay, 1), SUPPORT_DEADLINE_WORKING_DAYS[category], cal);
}

/** The last day the filer may reopen: the 5th working day after the day of the answer. */
export function confirmByDay(resolvedDay: DayString, cal: HolidayCalendar): DayString {
  return publicityEndDate(addDays(resolvedDay, 1), CONFIRM_WORKING_DAYS, cal);
}

export type DeadlineStatus = {
  /** Working days since the filing day (0 on the filing day). */
  ageWorkingDays: number;
  overdue: boolean;
  /** Working days past the deadline (overdue), or left after today up to the deadline day. */
  workingDays: number;
  /** Shown in text, never by colour alone: "已超期 2 个工作日" / "剩余 1 个工作日" / "今天到期". */
  text: string;
};

/** Where an open problem stands against its deadline on `today` (a closed or answered one is never overdue). */
export function deadlineStatus(
  filedDay: DayString,
  deadline: DayString,
  state: SupportState,
  today: DayString,
  cal: HolidayCalendar,
): DeadlineStatus {
  const ageWorkingDays =
    parseDay(today) > parseDay(filedDay) ? countWorkingDays(addDays(filedDay, 1), today, cal) : 0;
  const open = OPEN_SUPPORT_STATES.includes(state);
  if (!open) return { ageWorkingDays, overdue: false, workingDays: 0, text: SUPPORT_STATE_LABELS[state] };
  if (parseDay(today) > parseDay(deadline)) {
    const late = Math.max(1, countWorkingDays(addDays(deadline, 1), today, cal));
    return { ageWorkingDays, overdue: true, workingDays: late, text: `已超期 ${late} 个工作日` };
  }
  const left = countWorkingDays(addDays(today, 1), deadline, cal);
  return {
    ageWorkingDays,
    overdue: false,
    workingDays: left,
    text: today === deadline ? "今天到期" : `剩余 ${left} 个工作日`,
  };
}

/** The progress list's order: overdue first (most overdue first), then by deadline, urgent before others. */
export function compareProgress(
  a: { status: DeadlineStatus; deadline: DayString; urgent: boolean; filedAt: Date },
  b: { status: DeadlineStatus; deadline: DayString; urgent: boolean; filedAt: Date },
): number {
  if (a.status.overdue !== b.status.overdue) return a.status.overdue ? -1 : 1;
  if (a.status.overdue && a.status.workingDays !== b.status.workingDays)
    return b.status.workingDays - a.status.workingDays;
  if (a.deadline !== b.deadline) return a.deadline < b.deadline ? -1 : 1;
  if (a.urgent !== b.urgent) return a.urgent ? -1 : 1;
  return a.filedAt.getTime() - b.filedAt.getTime();
}

/** May the filer still reopen an answered problem on `today`? */
export const canReopen = (state: SupportState, confirmBy: DayString | null, today: DayString) =>
  state === "RESOLVED" && confirmBy !== null && today <= confirmBy;

/** Kinds of a 常见问题 answer (issue 21 item 5). */
export const SUPPORT_ANSWER_KIND_LABELS = {
  TRAINED: "已培训内容",
  KNOWN_ISSUE: "已知问题",
  FAQ: "常见问题",
} as const;
export type SupportAnswerKind = keyof typeof SUPPORT_ANSWER_KIND_LABELS;

/** The label of a problem's 学段; a problem filed without one (a supervisor's) is "全学段". */
export const supportStageLabel = (stage: Stage | null) => (stage ? STAGE_LABELS[stage] : "全学段");

/**
 * Problems grouped by 学段 in the code list's order, "全学段" last, each group keeping the rows' order: a city
 * forwards per 学段 (issue 21 item 2), and the city's and province's queues read that way.
 */
export function groupByStage<T extends { stage: Stage | null }>(rows: readonly T[]) {
  const order = [...STAGES, null] as const;
  return order
    .map((stage) => ({
      stage,
      label: supportStageLabel(stage),
      rows: rows.filter((row) => row.stage === stage),
    }))
    .filter((group) => group.rows.length > 0);
}
