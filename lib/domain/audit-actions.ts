/**
 * THE table of audited actions: every code written to AuditLog.action (by lib/services/audit.ts `audit`, or
 * `writeAudit` in lib/db/audit.repo.ts, whose `action` is typed by it) with its Chinese name; and the target
 * types. Staff read and filter the audit log by these names, never by the codes. Codes are `area.snake_case`,
 * the style of the access matrix's actions (lib/auth/access). The log is append-only and hash-chained: a
 * renamed code keeps its old spelling in LEGACY_AUDIT_ACTIONS so old entries read and filter as the new one.
 */
import { ACTION_LABELS, type ApplicationAction } from "./application-state";
import { APPLICATION_STATE_LABELS, type ApplicationState } from "./codes";

export const AUDIT_ACTION_LABELS = {
  "auth.sign_in": "登录成功",
  "auth.sign_in_failed": "登录失败",
  "auth.account_locked": "账号锁定",
  "auth.password_changed": "修改密码",
  "auth.password_change_failed": "修改密码失败",
  "auth.password_reset": "重置密码",
  "auth.sign_out_everywhere": "退出所有设备",
  "account.activation_failed": "学生激活失败",
  "account.student_activated": "学生账号激活",
  "account.parent_registered": "家长注册",
  "account.child_bound": "绑定孩子",
  "account.parent_registration_duplicate": "家长注册（手机号已注册）",
  "account.parent_registration_failed": "家长注册失败",
  "access_code.print": "打印告家长书（发放验证码）",
  "access_code.reissue": "补发验证码",
  "access_code.reissue_class": "全班重新生成验证码",
  "binding.release": "释放被占用的监护人手机号",
  "account.bind_child_failed": "绑定孩子失败",
  "account.create": "新建教职工账号",
  "account.disable": "停用账号",
  "account.enable": "启用账号",
  "account.reset_password": "重置账号密码",
  "class.assign_teacher": "指定班主任",
  "class.unassign_teacher": "取消班主任",
  "structure.grade_create": "新建年级",
  "structure.grade_update": "修改年级",
  "structure.grade_delete": "删除年级",
  "structure.class_create": "新建班级",
  "structure.class_rename": "修改班级名称",
  "structure.class_delete": "删除班级",
  "calendar.save": "设置校历工作日",
  "calendar.delete": "删除校历设置",
  "programme.configure": "设置资助项目",
  "roster.import": "导入学生名册",
  "roster.import_enrolled_elsewhere": "他校导入本校学生被拒",
  "roster.export": "导出名册",
  "roster.import_rejections_download": "下载学生名册导入被拒行",
  "special_group.import_rejections_download": "下载特殊群体导入被拒行",
  "roster.generate": "生成资助名单",
  "roster.approve": "审批资助名单",
  "roster.unlock": "解锁资助名单",
  "roster.add_entry": "名单增加学生",
  "roster.remove_entry": "名单移除学生",
  "roster.pay": "登记发放",
  "roster.payment_correct": "更正发放金额",
  "roster.payment_reverse": "冲销发放",
  "roster.receipt": "登记签收",
  "vocational_list.build": "生成中职月度资助名单",
  "vocational_list.transition": "中职月度资助名单状态变更",
  "vocational_list.attach": "上传中职月度资助名单公示附件",
  "vocational_list.entry_change": "修改中职月度资助名单",
  "vocational_list.attachment_viewed": "查看中职月度资助名单公示附件",
  "vocational_list.entry_amount": "修改中职月度资助名单实发金额",
  "fee_waiver_list.build": "生成普高免学杂费资助名单",
  "fee_waiver_list.remove_entry": "移出普高免学杂费资助名单学生",
  "fee_waiver_list.review": "审核普高免学杂费资助名单",
  "fee_waiver_payments.export": "导出普高免学杂费资金发放名单",
  "guardian.correct": "更正监护人信息",
  "guardian.phone_viewed": "查看监护人完整手机号",
  "enrolment_issue.fix": "更正学籍问题",
  "enrolment_issue.escalate": "学籍问题上报学校",
  "enrolment_issue.resolve": "处理学籍问题",
  "signin_problem.report": "上报登录问题",
  "signin_problem.resolve": "处理登录问题",
  "notifications.template_save": "修改通知模板",
  "notifications.template_reset": "恢复默认通知模板",
  "support.file": "提交技术支持问题",
  "support.take": "受理技术支持问题",
  "support.pass_up": "技术支持问题上报上级",
  "support.resolve": "答复并办结技术支持问题",
  "support.confirm": "确认技术支持问题已解决",
  "support.reopen": "重新打开技术支持问题",
  "support.convert_sign_in_problem": "登录问题转为技术支持工单",
  "support.file_viewed": "查看技术支持附件",
  "support.statistics_export": "导出技术支持统计",
  "holiday_calendar.edit": "修改全国节假日安排",
  "support_answer.save": "新增常见问题",
  "support_answer.delete": "删除常见问题",
  "support_contact.save": "报送技术支持服务备案",
  "training.record": "登记培训及参训人员",
  "special_group.import": "导入特殊群体名单",
  "special_group.add": "录入特殊群体",
  "special_group.evidence_uploaded": "上传特殊群体证明",
  "special_group.evidence_viewed": "查看特殊群体证明",
  "application.created": "开始申请",
  "application.inspect": "查看申请详情",
  "application.export": "导出班级申请",
  "application.reviewed": "学校审核通过",
  "application.returned": "学校退回修改",
  "evidence.uploaded": "上传佐证材料",
  "evidence.deleted": "删除佐证材料",
  "evidence.viewed": "查看佐证材料",
  "homevisit.record": "记录入户调查",
  "evaluation.submit": "提交班级评议",
  "evaluation.supplement": "重新打开班级评议（补充评议）",
  "term.extend_window": "延长申请时间",
  "paper.enter": "代录纸质申请",
  "paper.submit": "提交纸质申请",
  "paper.scan_attached": "上传纸质申请扫描件",
  "determination.recompute": "重新计算模拟等级",
  "determination.set": "确定认定等级",
  "determination.grade_adjust": "年级认定小组调整",
  "determination.bulk_accept": "批量采用模拟等级",
  "determination.step": "记录认定程序",
  "determination.sign_off": "校领导审定",
  "determination.revoke": "取消认定资格",
  "scoring_model.version": "保存认定模型新版本",
  "publicity.create": "发布公示",
  "publicity.objection": "收到公示异议",
  "publicity.answer": "答复公示异议",
  "publicity.finalise": "公示结束定稿",
  "publicity.create_roster": "由公示生成名单",
  "result.review_request": "申请复议",
  "no_aid_reason.record": "记录未资助原因",
  "no_aid_reason.export": "导出未资助原因",
  "export.determination": "导出家庭经济信息表",
  "export.determination.report": "导出家庭经济信息表（校验未通过）",
  "export.roster": "导出资助名册",
  "export.roster.report": "导出资助名册（校验未通过）",
  "export.aid_records": "导出受助情况",
  "export.aid_records.report": "导出受助情况（校验未通过）",
  "supervisor_account.create": "主管部门新建下级账号",
  "supervisor_account.disable": "主管部门停用下级账号",
  "supervisor_account.enable": "主管部门启用下级账号",
  "supervisor_account.reset_password": "主管部门重置下级账号密码",
  "account_request.file": "提交用户申请",
  "account_request.approve": "同意用户申请并创建账号",
  "account_request.refuse": "不同意用户申请",
  "school_registry.add_region": "新增行政区划",
  "school_registry.rename_region": "修改行政区划名称",
  "school_registry.save_school": "新增或修改学校",
  "school_registry.import": "导入学校名录",
  "school_registry.export": "导出学校名录",
  "work_progress.export": "导出工作进展",
  "region_query.export": "主管部门导出查询结果",
  "region_query.id_revealed": "主管部门查看完整身份证号",
  "statistics.export": "导出资助统计",
  "loan.import": "导入贷款信息",
  "loan.repayment_import": "导入还款信息",
  "loan.review": "审核贷款信息",
  "loan.repayment_review": "审核还款信息",
  "loan.cap_change": "修改贷款额度标准",
  "loan.id_revealed": "查看贷款学生完整证件号",
  "loan.export": "导出贷款信息",
} as const satisfies Record<string, string>;

/** An audited action: a code of the table, or an application transition written as `application.<step>`. */
export type AuditAction = keyof typeof AUDIT_ACTION_LABELS | `application.${ApplicationAction}`;

/** Spellings stored before the codes took one case style (old rows are never rewritten) → today's code. */
export const LEGACY_AUDIT_ACTIONS: Record<string, keyof typeof AUDIT_ACTION_LABELS> = {
  "roster.addEntry": "roster.add_entry",
  "roster.removeEntry": "roster.remove_entry",
  "determination.gradeAdjust": "determination.grade_adjust",
  "determination.bulkAccept": "determination.bulk_accept",
  "determination.signOff": "determination.sign_off",
  "scoringModel.version": "scoring_model.version",
  "publicity.createRoster": "publicity.create_roster",
  "result.reviewRequest": "result.review_request",
  "export.followUp": "no_aid_reason.export",
  /** The follow-up page had its own export of the no-aid reasons, folded into no_aid_reason.export. */
  "export.follow_up": "no_aid_reason.export",
  "noAid.record": "no_aid_reason.record",
};

/** Today's code of a stored action code (itself unless it is an old spelling). */
export const currentAuditAction = (code: string): string => LEGACY_AUDIT_ACTIONS[code] ?? code;

/** The stored spellings of a code, for filtering the log: the code and its old spellings. */
export const storedAuditActions = (code: string): string[] => [
  code,
  ...Object.entries(LEGACY_AUDIT_ACTIONS)
    .filter(([, current]) => current === code)
    .map(([old]) => old),
];

export const AUDIT_TARGET_LABELS = {
  Application: "申请",
  EvidenceFile: "佐证材料",
  User: "账号",
  Person: "学生",
  Student: "学生",
  Guardian: "监护人",
  Grade: "年级",
  SchoolClass: "班级",
  School: "学校",
  ScoringModel: "认定模型",
  ReviewStep: "认定程序",
  Roster: "资助名单",
  AidTerm: "资助学期",
  PublicityBatch: "公示",
  Objection: "公示异议",
  ImportJob: "导入任务",
  SpecialGroupEntry: "特殊群体名单",
  SignInProblem: "登录问题",
  HomeVisit: "入户调查",
  ClassEvaluation: "班级评议",
  EnrolmentIssue: "学籍问题",
  RosterEntry: "名单学生",
  SchoolCalendarDay: "校历",
  TermProgramme: "资助项目",
  AccountRequest: "用户申请",
  LoanImport: "贷款或还款导入",
  LoanRecord: "贷款记录",
  RepaymentRecord: "还款记录",
  LoanCap: "贷款额度标准",
  FeeWaiverList: "普高免学杂费资助名单",
  SupportProblem: "技术支持问题",
  HolidayCalendarDay: "节假日安排",
  SupportAnswer: "常见问题",
  SupportContactFiling: "技术支持服务备案",
  TrainingSession: "培训记录",
  NotificationTemplate: "通知模板",
} as const satisfies Record<string, string>;
export type AuditTargetType = keyof typeof AUDIT_TARGET_LABELS;

/** The Chinese name of an audited action; an application transition code reads as its step. */
export function auditActionLabel(stored: string): string {
  const code = currentAuditAction(stored);
  const known = (AUDIT_ACTION_LABELS as Record<string, string>)[code];
  if (known) return known;
  const [head, tail] = code.split(".", 2);
  if (head === "application" && tail) {
    const step =
      ACTION_LABELS[tail as ApplicationAction] ?? APPLICATION_STATE_LABELS[tail as ApplicationState];
    if (step) return step;
  }
  return "其他操作";
}

export const auditTargetLabel = (type: string | null): string =>
  type ? ((AUDIT_TARGET_LABELS as Record<string, string>)[type] ?? "其他") : "";

/** Every code that can be chosen in the filter, with its name: the fixed ones and the application steps. */
export function auditActionChoices(): { code: string; label: string }[] {
  const steps = Object.keys(ACTION_LABELS).map((a) => `application.${a}`);
  const codes = [...new Set([...Object.keys(AUDIT_ACTION_LABELS), ...steps])];
  return codes.map((code) => ({ code, label: auditActionLabel(code) }));
}

const DETAIL_KEY_LABELS: Record<string, string> = {
  reason: "原因",
  kind: "类别",
  from: "原状态",
  to: "新状态",
  comment: "意见",
  applicationId: "申请编号",
  level: "等级",
  version: "版本",
  name: "名称",
  purpose: "材料用途",
};
const DETAIL_VALUE_LABELS: Record<string, string> = {
  wrong_password: "密码错误",
  unknown_account: "账号不存在",
  locked: "账号已锁定",
  rate_limited: "尝试过于频繁",
  disabled: "账号已停用",
  student: "学生",
  parent: "家长",
  staff: "教职工",
  ...APPLICATION_STATE_LABELS,
};

/** An audit entry's detail as Chinese "名称：值" pairs (codes it knows are named, the rest shown as stored). */
export function auditDetailText(detail: unknown, max = 160): string {
  if (detail === null || detail === undefined) return "";
  const text =
    typeof detail === "object" && !Array.isArray(detail)
      ? Object.entries(detail as Record<string, unknown>)
          .map(([k, v]) => {
            const value = typeof v === "string" ? (DETAIL_VALUE_LABELS[v] ?? v) : JSON.stringify(v);
            return `${DETAIL_KEY_LABELS[k] ?? k}：${value}`;
          })
          .join("；")
      : JSON.stringify(detail);
  return text.length > max ? `${text.slice(0, max)}…` : text;
}
