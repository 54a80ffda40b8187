import type { Role } from "@/lib/domain/codes";

export type NavItem = { href: string; label: string };

/**
 * The console's navigation per role. Teacher pages live under
 * app/(console)/console/teacher/, the aid office's under …/admin/,
 * determination and rosters under …/determination/ and …/rosters/.
 */
export const CONSOLE_NAV: Record<Exclude<Role, "STUDENT" | "PARENT">, NavItem[]> = {
  TEACHER: [
    { href: "/console", label: "工作台" },
    { href: "/console/teacher/roster", label: "班级花名册" },
    { href: "/console/teacher/applications", label: "申请监控与核实" },
    { href: "/console/teacher/call-list", label: "联系家长" },
    { href: "/console/teacher/evaluation", label: "班级评议" },
    { href: "/console/teacher/paper", label: "录入纸质申请" },
    { href: "/console/teacher/sign-in-problems", label: "登录问题" },
    { href: "/letters", label: "告家长书与验证码" },
    { href: "/console/support", label: "问题反馈" },
    { href: "/console/support/answers", label: "常见问题" },
  ],
  SCHOOL_ADMIN: [
    { href: "/console", label: "工作台" },
    { href: "/console/admin/accounts", label: "账号管理" },
    { href: "/console/admin/account-requests", label: "用户申请" },
    { href: "/console/admin/structure", label: "年级与班级" },
    { href: "/console/admin/window", label: "申请时间" },
    { href: "/console/admin/students", label: "学生名册导入" },
    { href: "/console/admin/special-groups", label: "特殊群体名单" },
    { href: "/console/admin/sign-in-problems", label: "登录问题处理" },
    { href: "/console/admin/enrolment-issues", label: "学籍信息纠错" },
    { href: "/console/admin/audit", label: "审计日志" },
    { href: "/letters", label: "告家长书与验证码" },
    { href: "/console/determination", label: "审核认定" },
    { href: "/console/determination/publicity", label: "公示与异议" },
    { href: "/console/rosters", label: "资助项目与名单" },
    { href: "/console/determination/export", label: "导出家庭经济信息" },
    { href: "/console/determination/follow-up", label: "特殊群体未资助跟进" },
    { href: "/console/determination/no-aid-reasons", label: "未资助原因上报" },
    { href: "/console/support", label: "问题反馈" },
    { href: "/console/support/answers", label: "常见问题" },
    { href: "/console/support/queue", label: "问题受理" },
    { href: "/console/support/progress", label: "问题处理进度清单" },
  ],
  SCHOOL_LEADER: [
    { href: "/console", label: "工作台" },
    { href: "/console/determination", label: "认定结果" },
    { href: "/console/determination/process", label: "审核环节与签字" },
    { href: "/console/rosters", label: "资助名单" },
    { href: "/console/determination/follow-up", label: "特殊群体未资助跟进" },
    { href: "/console/determination/no-aid-reasons", label: "未资助原因上报" },
    { href: "/console/admin/special-groups", label: "特殊群体名单" },
    { href: "/console/support", label: "问题反馈" },
    { href: "/console/support/answers", label: "常见问题" },
  ],
  SUPERVISOR: [
    { href: "/console", label: "工作台" },
    { href: "/console/supervisor/accounts", label: "下级账号管理" },
    { href: "/console/supervisor/requests", label: "用户申请" },
    { href: "/console/supervisor/schools", label: "学校与行政区划" },
    { href: "/console/supervisor/progress", label: "工作进展" },
    { href: "/console/supervisor/queries/determinations", label: "困难学生认定结果" },
    { href: "/console/supervisor/queries/special-groups", label: "重点保障人群查询" },
    { href: "/console/supervisor/queries/hukou", label: "本地户籍外地就读" },
    { href: "/console/supervisor/statistics", label: "资助统计" },
    { href: "/console/support", label: "问题反馈" },
    { href: "/console/support/answers", label: "常见问题" },
    { href: "/console/support/queue", label: "问题受理" },
    { href: "/console/support/progress", label: "问题处理进度清单" },
  ],
};
