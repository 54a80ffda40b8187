/**
 * The notification catalogue: every event kind the system notifies, who receives it, whether the recipient
 * may unsubscribe (optional kinds), the default Chinese wording with its named placeholders, the placeholders a
 * school's own wording may use, the longest text allowed, and the environment variable holding the SMS
 * provider's template code when the kind may go by SMS. Pure data; the enum of the same names is in migration
 * 600 (prisma/migrations/600.do.notifications.sql), whose CHECK on NotificationUnsubscribe lists the optional
 * kinds and whose CHECK on Notification requires a day key on the reminder kinds.
 */

export const NOTIFICATION_KINDS = [
  // applicant (student account and the bound parents)
  "APPLICATION_RETURNED",
  "APPLICATION_VERIFIED",
  "APPLICATION_DETERMINED",
  "PUBLICITY_STARTED",
  "OBJECTION_ANSWERED",
  "PAYMENT_RECORDED",
  "APPLICANT_DEADLINE_NEAR",
  // class teacher
  "SUBMISSION_RECEIVED",
  "VERIFICATION_DEADLINE_NEAR",
  "ENROLMENT_ERROR_REPORTED",
  // school admin
  "CLASS_EVALUATION_SUBMITTED",
  "OBJECTION_FILED",
  "IMPORT_FINISHED",
  "IMPORT_FAILED",
  "SUPERVISOR_REFUSED",
  // supervisor
  "LIST_AWAITING_CONFIRMATION",
  "WITHDRAWAL_REQUESTED",
  "SUPPORT_PROBLEM_ASSIGNED",
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export type NotificationAudience = "APPLICANT" | "TEACHER" | "SCHOOL_ADMIN" | "SUPERVISOR";

export const AUDIENCE_LABELS: Record<NotificationAudience, string> = {
  APPLICANT: "学生和家长",
  TEACHER: "班主任",
  SCHOOL_ADMIN: "学校资助管理员",
  SUPERVISOR: "主管部门",
};

/** Every placeholder any kind may use, with the Chinese name shown to the school admin editing a template. */
export const PLACEHOLDER_LABELS = {
  student: "学生姓名",
  reason: "原因",
  deadline: "截止时间",
  level: "认定等级",
  link: "链接",
  endDate: "公示截止日期",
  school: "学校名称",
  title: "标题",
  case: "异议或复议",
  programme: "资助项目",
  class: "班级",
  count: "数量",
  import: "导入内容",
  list: "名单",
  subject: "问题标题",
} as const;
export type Placeholder = keyof typeof PLACEHOLDER_LABELS;

/**
 * Placeholders whose values are free text somebody typed (a return reason, a problem's subject): they may
 * contain anything, so their values are screened (lib/domain/notifications/content.ts) before they go into a
 * text, and they never go into an SMS.
 */
export const FREE_TEXT_PLACEHOLDERS: readonly Placeholder[] = ["reason", "title", "subject"];

export type NotificationKindSpec = {
  label: string;
  audience: NotificationAudience;
  /** The recipient may unsubscribe (NotificationUnsubscribe); mandatory kinds always arrive. */
  optional: boolean;
  /** At most one per person per Beijing day: notify() must pass the day as dedupeKey (a CHECK in migration 600). */
  reminder: boolean;
  /** The default wording; `{name}` is replaced by the named parameter. */
  template: string;
  placeholders: readonly Placeholder[];
  /** The longest rendered text (characters), and the longest wording a school may save. */
  maxLength: number;
  /** The environment variable with the provider's template code; absent: the kind never goes by SMS. */
  smsTemplateEnv?: string;
};

const sms = (kind: NotificationKind) => `SMS_TEMPLATE_${kind}`;

export const NOTIFICATION_CATALOGUE: Record<NotificationKind, NotificationKindSpec> = {
  APPLICATION_RETURNED: {
    label: "申请被退回修改",
    audience: "APPLICANT",
    optional: false,
    reminder: false,
    template: "{student}的资助申请已被退回修改，原因：{reason}。请在{deadline}前修改并重新提交。",
    placeholders: ["student", "reason", "deadline", "link"],
    maxLength: 200,
    smsTemplateEnv: sms("APPLICATION_RETURNED"),
  },
  APPLICATION_VERIFIED: {
    label: "申请已核实",
    audience: "APPLICANT",
    optional: true,
    reminder: false,
    template: "{student}的资助申请已由班主任核实通过，请等待学校认定。",
    placeholders: ["student", "link"],
    maxLength: 120,
    smsTemplateEnv: sms("APPLICATION_VERIFIED"),
  },
  APPLICATION_DETERMINED: {
    label: "认定结果",
    audience: "APPLICANT",
    optional: false,
    reminder: false,
    template: "{student}的家庭经济困难认定结果为：{level}。请登录查看，如有异议可在公示期内提出。",
    placeholders: ["student", "level", "link"],
    maxLength: 150,
    smsTemplateEnv: sms("APPLICATION_DETERMINED"),
  },
  PUBLICITY_STARTED: {
    label: "公示开始",
    audience: "APPLICANT",
    optional: true,
    reminder: false,
    template: "{school}发布了资助公示“{title}”，公示期至{endDate}，请登录查看。",
    placeholders: ["school", "title", "endDate", "link"],
    maxLength: 150,
    smsTemplateEnv: sms("PUBLICITY_STARTED"),
  },
  OBJECTION_ANSWERED: {
    label: "异议或复议已答复",
    audience: "APPLICANT",
    optional: false,
    reminder: false,
    template: "您提出的{case}已有学校答复，请登录查看。",
    placeholders: ["case", "student", "link"],
    maxLength: 120,
    smsTemplateEnv: sms("OBJECTION_ANSWERED"),
  },
  PAYMENT_RECORDED: {
    label: "资助已发放",
    audience: "APPLICANT",
    optional: false,
    reminder: false,
    template: "{student}的{programme}已发放，请登录确认签收。",
    placeholders: ["student", "programme", "link"],
    maxLength: 120,
    smsTemplateEnv: sms("PAYMENT_RECORDED"),
  },
  APPLICANT_DEADLINE_NEAR: {
    label: "申请即将截止",
    audience: "APPLICANT",
    optional: true,
    reminder: true,
    template: "{student}的资助申请尚未提交，截止时间为{deadline}，请及时完成。",
    placeholders: ["student", "deadline", "link"],
    maxLength: 120,
    smsTemplateEnv: sms("APPLICANT_DEADLINE_NEAR"),
  },
  SUBMISSION_RECEIVED: {
    label: "收到新申请",
    audience: "TEACHER",
    optional: true,
    reminder: false,
    template: "{class}的{student}提交了资助申请，请及时核实。",
    placeholders: ["class", "student", "link"],
    maxLength: 120,
  },
  VERIFICATION_DEADLINE_NEAR: {
    label: "核实即将截止",
    audience: "TEACHER",
    optional: true,
    reminder: true,
    template: "您的班级还有{count}份申请待核实，核实截止时间为{deadline}。",
    placeholders: ["count", "deadline", "link"],
    maxLength: 120,
    smsTemplateEnv: sms("VERIFICATION_DEADLINE_NEAR"),
  },
  ENROLMENT_ERROR_REPORTED: {
    label: "学籍信息报错",
    audience: "TEACHER",
    optional: false,
    reminder: false,
    template: "{class}的{student}报告了学籍信息错误，请核对处理。",
    placeholders: ["class", "student", "link"],
    maxLength: 120,
  },
  CLASS_EVALUATION_SUBMITTED: {
    label: "班级评议已提交",
    audience: "SCHOOL_ADMIN",
    optional: true,
    reminder: false,
    template: "{class}已提交班级民主评议结果。",
    placeholders: ["class", "link"],
    maxLength: 120,
  },
  OBJECTION_FILED: {
    label: "收到异议",
    audience: "SCHOOL_ADMIN",
    optional: false,
    reminder: false,
    template: "公示“{title}”收到一条异议，请及时答复。",
    placeholders: ["title", "link"],
    maxLength: 120,
  },
  IMPORT_FINISHED: {
    label: "导入完成",
    audience: "SCHOOL_ADMIN",
    optional: true,
    reminder: false,
    template: "{import}导入已完成，共{count}条。",
    placeholders: ["import", "count", "link"],
    maxLength: 120,
  },
  IMPORT_FAILED: {
    label: "导入失败",
    audience: "SCHOOL_ADMIN",
    optional: false,
    reminder: false,
    template: "{import}导入失败：{reason}。",
    placeholders: ["import", "reason", "link"],
    maxLength: 200,
  },
  SUPERVISOR_REFUSED: {
    label: "主管部门退回",
    audience: "SCHOOL_ADMIN",
    optional: false,
    reminder: false,
    template: "主管部门未通过{list}，原因：{reason}。",
    placeholders: ["list", "reason", "link"],
    maxLength: 200,
    smsTemplateEnv: sms("SUPERVISOR_REFUSED"),
  },
  LIST_AWAITING_CONFIRMATION: {
    label: "名单待确认",
    audience: "SUPERVISOR",
    optional: false,
    reminder: false,
    template: "{school}的{list}等待您确认。",
    placeholders: ["school", "list", "link"],
    maxLength: 120,
  },
  WITHDRAWAL_REQUESTED: {
    label: "退回申请",
    audience: "SUPERVISOR",
    optional: false,
    reminder: false,
    template: "{school}申请退回{list}，请审核。",
    placeholders: ["school", "list", "link"],
    maxLength: 120,
  },
  SUPPORT_PROBLEM_ASSIGNED: {
    label: "问题待处理",
    audience: "SUPERVISOR",
    optional: false,
    reminder: false,
    template: "问题“{subject}”已转到您处理。",
    placeholders: ["subject", "link"],
    maxLength: 120,
  },
};

export const OPTIONAL_KINDS: readonly NotificationKind[] = NOTIFICATION_KINDS.filter(
  (kind) => NOTIFICATION_CATALOGUE[kind].optional,
);
export const REMINDER_KINDS: readonly NotificationKind[] = NOTIFICATION_KINDS.filter(
  (kind) => NOTIFICATION_CATALOGUE[kind].reminder,
);

/** Kinds whose wording a school may change: every kind sent within a school (not the supervisors'). */
export const SCHOOL_EDITABLE_KINDS: readonly NotificationKind[] = NOTIFICATION_KINDS.filter(
  (kind) => NOTIFICATION_CATALOGUE[kind].audience !== "SUPERVISOR",
);
