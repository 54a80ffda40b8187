/**
 * Code lists of the domain with their Chinese labels. The database enums in
 * prisma/schema.prisma carry the same values (tests/unit/codes.test.ts checks
 * they stay equal), so the domain layer needs no Prisma import.
 */
export const ROLES = ["STUDENT", "PARENT", "TEACHER", "SCHOOL_ADMIN", "SCHOOL_LEADER", "SUPERVISOR"] as const;
export type Role = (typeof ROLES)[number];
export const ROLE_LABELS: Record<Role, string> = {
  STUDENT: "学生",
  PARENT: "家长/监护人",
  TEACHER: "班主任",
  SCHOOL_ADMIN: "学校资助管理员",
  SCHOOL_LEADER: "校领导",
  SUPERVISOR: "主管部门",
};

export const STAGES = [
  "KINDERGARTEN",
  "PRIMARY",
  "JUNIOR",
  "SENIOR",
  "VOCATIONAL",
  "COLLEGE",
  "GRADUATE",
] as const;
export type Stage = (typeof STAGES)[number];
export const STAGE_LABELS: Record<Stage, string> = {
  KINDERGARTEN: "学前",
  PRIMARY: "小学",
  JUNIOR: "初中",
  SENIOR: "普通高中",
  VOCATIONAL: "中职",
  COLLEGE: "本专科",
  GRADUATE: "研究生",
};

export const APPLICATION_STATES = [
  "draft",
  "submitted",
  "returned",
  "verified",
  "reviewed",
  "determined",
  "waived",
  "withdrawn",
  "revoked",
] as const;
export type ApplicationState = (typeof APPLICATION_STATES)[number];
export const APPLICATION_STATE_LABELS: Record<ApplicationState, string> = {
  draft: "草稿",
  submitted: "已提交，待班主任核实",
  returned: "已退回修改",
  verified: "班主任已核实",
  reviewed: "学校已审核",
  determined: "已认定",
  waived: "已放弃申请",
  withdrawn: "已撤回",
  revoked: "资格已取消",
};

export const HARDSHIP_LEVELS = ["SPECIAL", "HARDSHIP", "GENERAL", "NONE"] as const;
export type HardshipLevel = (typeof HARDSHIP_LEVELS)[number];
export const HARDSHIP_LEVEL_LABELS: Record<HardshipLevel, string> = {
  SPECIAL: "特别困难",
  HARDSHIP: "困难",
  GENERAL: "一般困难",
  NONE: "不困难",
};

export const SPECIAL_CATEGORIES = [
  "POVERTY_ALLEVIATED",
  "POVERTY_UNSTABLE",
  "MARGINAL_POVERTY_RISK",
  "SUDDEN_SEVERE_HARDSHIP",
  "MINIMUM_LIVING",
  "EXTREME_POVERTY_SUPPORT",
  "ORPHAN",
  "DISABLED_STUDENT",
  "CHILD_OF_DISABLED",
  "DE_FACTO_UNSUPPORTED",
  "NEAR_MINIMUM_LIVING",
  "MARTYR_CHILD",
  "CHILD_IN_DISTRESS",
] as const;
export type SpecialCategory = (typeof SPECIAL_CATEGORIES)[number];
export const SPECIAL_CATEGORY_LABELS: Record<SpecialCategory, string> = {
  POVERTY_ALLEVIATED: "脱贫家庭（原建档立卡）",
  POVERTY_UNSTABLE: "脱贫不稳定家庭（原建档立卡）",
  MARGINAL_POVERTY_RISK: "边缘易致贫家庭",
  SUDDEN_SEVERE_HARDSHIP: "突发严重困难家庭",
  MINIMUM_LIVING: "城乡低保家庭",
  EXTREME_POVERTY_SUPPORT: "特困救助供养",
  ORPHAN: "孤儿",
  DISABLED_STUDENT: "残疾学生",
  CHILD_OF_DISABLED: "残疾人子女",
  DE_FACTO_UNSUPPORTED: "事实无人抚养儿童",
  NEAR_MINIMUM_LIVING: "低保边缘家庭",
  MARTYR_CHILD: "烈士子女",
  CHILD_IN_DISTRESS: "重点困境儿童",
};

export const ENROLMENT_STATUSES = ["IN_SCHOOL", "SUSPENDED", "TRANSFERRED_OUT", "GRADUATED"] as const;
export type EnrolmentStatus = (typeof ENROLMENT_STATUSES)[number];
export const ENROLMENT_STATUS_LABELS: Record<EnrolmentStatus, string> = {
  IN_SCHOOL: "在读",
  SUSPENDED: "休学",
  TRANSFERRED_OUT: "转出",
  GRADUATED: "毕业",
};

export const SUDDEN_EVENT_KIND_LABELS: Record<string, string> = {
  NATURAL_DISASTER: "自然灾害",
  ACCIDENT: "重大突发意外",
  SERIOUS_ILLNESS: "家庭成员患重大疾病",
  OTHER: "其他",
};
