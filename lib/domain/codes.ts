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

export const SUDDEN_EVENT_KINDS = ["NATURAL_DISASTER", "ACCIDENT", "SERIOUS_ILLNESS", "OTHER"] as const;
export type SuddenEventKind = (typeof SUDDEN_EVENT_KINDS)[number];
export const SUDDEN_EVENT_KIND_LABELS: Record<SuddenEventKind, string> = {
  NATURAL_DISASTER: "自然灾害",
  ACCIDENT: "重大突发意外",
  SERIOUS_ILLNESS: "家庭成员患重大疾病",
  OTHER: "其他",
};
/** The label of a stored sudden-event kind; an unknown one reads as 其他. */
export const suddenEventKindLabel = (kind: string): string =>
  SUDDEN_EVENT_KIND_LABELS[kind as SuddenEventKind] ?? SUDDEN_EVENT_KIND_LABELS.OTHER;

/**
 * 工作状况 of a family member. The Chinese text is the stored value itself (a
 * JSON field of the household); the empty string means not chosen.
 */
export const WORK_STATUSES = ["在岗", "灵活就业", "务农", "失业", "退休", "丧失劳动能力", "在校"] as const;
export type WorkStatus = (typeof WORK_STATUSES)[number];

export const GENDERS = ["MALE", "FEMALE"] as const;
export type Gender = (typeof GENDERS)[number];
export const GENDER_LABELS: Record<Gender, string> = { MALE: "男", FEMALE: "女" };

export const ID_TYPES = [
  "RESIDENT_ID",
  "HMT_RESIDENCE_PERMIT",
  "HMT_TRAVEL_PERMIT",
  "PASSPORT",
  "OTHER",
] as const;
export type IdType = (typeof ID_TYPES)[number];
export const ID_TYPE_LABELS: Record<IdType, string> = {
  RESIDENT_ID: "居民身份证",
  HMT_RESIDENCE_PERMIT: "港澳台居民居住证",
  HMT_TRAVEL_PERMIT: "港澳居民来往内地通行证",
  PASSPORT: "护照",
  OTHER: "其他",
};

export const SEMESTERS = ["AUTUMN", "SPRING"] as const;
export type Semester = (typeof SEMESTERS)[number];
export const SEMESTER_LABELS: Record<Semester, string> = { AUTUMN: "秋季学期", SPRING: "春季学期" };

export const RESIDENCES = ["URBAN", "RURAL"] as const;
export type Residence = (typeof RESIDENCES)[number];
export const RESIDENCE_LABELS: Record<Residence, string> = { URBAN: "城镇", RURAL: "农村" };

export const SPECIAL_SOURCES = ["CENTRAL", "SCHOOL"] as const;
export type SpecialSource = (typeof SPECIAL_SOURCES)[number];
export const SPECIAL_SOURCE_LABELS: Record<SpecialSource, string> = { CENTRAL: "中央下发", SCHOOL: "自采集" };

export const ROSTER_STATES = ["DRAFT", "APPROVED"] as const;
export type RosterState = (typeof ROSTER_STATES)[number];
export const ROSTER_STATE_LABELS: Record<RosterState, string> = {
  DRAFT: "草稿",
  APPROVED: "已审核通过（锁定）",
};

export const PAYMENT_KINDS = ["PAYMENT", "CORRECTION", "REVERSAL"] as const;
export type PaymentKind = (typeof PAYMENT_KINDS)[number];
export const PAYMENT_KIND_LABELS: Record<PaymentKind, string> = {
  PAYMENT: "发放",
  CORRECTION: "更正",
  REVERSAL: "冲销",
};

export const PUBLICITY_SCOPES = ["GRADE", "SCHOOL"] as const;
export type PublicityScope = (typeof PUBLICITY_SCOPES)[number];
export const PUBLICITY_SCOPE_LABELS: Record<PublicityScope, string> = {
  GRADE: "年级公示",
  SCHOOL: "学校公示",
};

export const OBJECTION_KINDS = ["OBJECTION", "REVIEW_REQUEST"] as const;
export type ObjectionKind = (typeof OBJECTION_KINDS)[number];
export const OBJECTION_KIND_LABELS: Record<ObjectionKind, string> = {
  OBJECTION: "异议",
  REVIEW_REQUEST: "复议申请",
};

export const REVIEW_STEP_KINDS = [
  "CLASS_EVALUATION",
  "GRADE_COMMITTEE",
  "SCHOOL_COMMITTEE",
  "LEADER_SIGNOFF",
  "CENTRE_SCHOOL_REVIEW",
  "REPORTED_UPWARD",
] as const;
export type ReviewStepKindCode = (typeof REVIEW_STEP_KINDS)[number];
export const REVIEW_STEP_LABELS: Record<ReviewStepKindCode, string> = {
  CLASS_EVALUATION: "班级评议",
  GRADE_COMMITTEE: "年级认定小组审核调整",
  SCHOOL_COMMITTEE: "校级认定小组审核",
  LEADER_SIGNOFF: "校长（学校领导小组）签字",
  CENTRE_SCHOOL_REVIEW: "镇中心校审核",
  REPORTED_UPWARD: "上报主管部门",
};

/** Z 五(三): the behaviours that cancel a determination. */
export const REVOKE_REASONS = [
  "FALSE_INFORMATION",
  "HOUSE_CAR_BUSINESS",
  "EXTRAVAGANT_SPENDING",
  "OTHER",
] as const;
export type RevokeReasonCode = (typeof REVOKE_REASONS)[number];
export const REVOKE_REASON_LABELS: Record<RevokeReasonCode, string> = {
  FALSE_INFORMATION: "隐瞒家庭经济实际情况、提供虚假信息",
  HOUSE_CAR_BUSINESS: "因家庭建房、购房、购车或做生意等造成暂时困难",
  EXTRAVAGANT_SPENDING: "因生活奢侈浪费等造成暂时困难",
  OTHER: "其它不符合认定条件的情况",
};

export const NO_AID_REASONS = ["WAIVED", "LEFT_SCHOOL", "AIDED_ELSEWHERE", "NOT_ELIGIBLE", "OTHER"] as const;
export type NoAidReasonCode = (typeof NO_AID_REASONS)[number];
export const NO_AID_REASON_LABELS: Record<NoAidReasonCode, string> = {
  WAIVED: "本人（监护人）自愿放弃",
  LEFT_SCHOOL: "已离校或转学",
  AIDED_ELSEWHERE: "已在其他学校或渠道受助",
  NOT_ELIGIBLE: "经认定不符合资助条件",
  OTHER: "其他原因",
};

/** What an evidence file shows (stored as text on the file's row). */
export const EVIDENCE_PURPOSES = [
  "income",
  "illness",
  "disability",
  "special_group",
  "disaster",
  "housing",
  "other",
] as const;
export type EvidencePurpose = (typeof EVIDENCE_PURPOSES)[number];
export const EVIDENCE_PURPOSE_LABELS: Record<EvidencePurpose, string> = {
  income: "家庭收入证明",
  illness: "疾病诊断或医疗费用证明",
  disability: "残疾证",
  special_group: "特殊群体证明（低保证、特困证等）",
  disaster: "灾害或意外事故证明",
  housing: "住房情况证明",
  other: "其他材料",
};
/** The label of a stored evidence purpose; an unknown one reads as `fallback` (其他材料 unless told). */
export const evidencePurposeLabel = (
  purpose: string,
  fallback: string = EVIDENCE_PURPOSE_LABELS.other,
): string =>
  (EVIDENCE_PURPOSES as readonly string[]).includes(purpose)
    ? EVIDENCE_PURPOSE_LABELS[purpose as EvidencePurpose]
    : fallback;

/** 主管部门 region levels. */
export type RegionLevel = "PROVINCE" | "CITY" | "COUNTY";
export type SupervisorDuty = "OPERATOR" | "LEADER";

export const SUPERVISOR_DUTIES = ["OPERATOR", "LEADER"] as const satisfies readonly SupervisorDuty[];
export const SUPERVISOR_DUTY_LABELS: Record<SupervisorDuty, string> = {
  OPERATOR: "业务操作人员",
  LEADER: "业务主管领导",
};
export const REGION_LEVEL_LABELS: Record<RegionLevel, string> = {
  PROVINCE: "省级",
  CITY: "市级",
  COUNTY: "县级",
};

/** 用户申请 outcomes. */
export const ACCOUNT_REQUEST_STATUS_LABELS = {
  PENDING: "待上级审批",
  APPROVED: "已同意，账号已开设",
  REFUSED: "未同意",
} as const;

/** A publicity (公示) before, during and after its days. */
export const PUBLICITY_PHASE_LABELS = { before: "即将公示", open: "公示中", ended: "公示已结束" } as const;

/** 国家助学贷款: 培养层次, 贷款类型, 院校类型, review states (prisma/migrations/560.do.student-loans.sql). */
export type LoanLevel = "UNDERGRADUATE" | "GRADUATE";
export const LOAN_LEVELS = ["UNDERGRADUATE", "GRADUATE"] as const satisfies readonly LoanLevel[];
export const LOAN_LEVEL_LABELS: Record<LoanLevel, string> = { UNDERGRADUATE: "本专科", GRADUATE: "研究生" };
export type LoanType = "CAMPUS" | "ORIGIN";
export const LOAN_TYPE_LABELS: Record<LoanType, string> = { CAMPUS: "校园地", ORIGIN: "生源地" };
export type LoanInstitutionCategory =
  "UNDERGRADUATE_COLLEGE" | "JUNIOR_COLLEGE" | "RESEARCH_INSTITUTE" | "MILITARY_ACADEMY";
export const LOAN_INSTITUTION_CATEGORY_LABELS: Record<LoanInstitutionCategory, string> = {
  UNDERGRADUATE_COLLEGE: "本科院校",
  JUNIOR_COLLEGE: "专科院校",
  RESEARCH_INSTITUTE: "科研院所",
  MILITARY_ACADEMY: "军队院校",
};
export type LoanReviewState = "PENDING" | "APPROVED" | "REFUSED";
export const LOAN_REVIEW_STATE_LABELS: Record<LoanReviewState, string> = {
  PENDING: "待审核",
  APPROVED: "审核通过",
  REFUSED: "审核不通过",
};
