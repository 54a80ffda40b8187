/**
 * The 403 page (HTTP 403 through next/navigation's forbidden(); app/forbidden/page.tsx, where
 * requirePageAccess redirects, calls it). Whom to ask depends on who is refused: families ask the
 * class teacher, school staff the school's aid office, bureau staff their own administrator.
 */
import Link from "next/link";
import { ErrorPanel } from "@/components/ui/error-panel";
import type { Role } from "@/lib/domain/codes";
import { getSessionUser, homeFor } from "@/lib/auth/session";

const WHOM: Record<Role, string> = {
  STUDENT: "如需办理，请联系班主任。",
  PARENT: "如需办理，请联系孩子的班主任。",
  TEACHER: "这项工作由学校资助管理员办理；如需权限，请联系学校资助管理员。",
  SCHOOL_ADMIN: "这项工作由其他岗位办理（如校领导审定）；如需调整账号权限，请联系学校系统管理员。",
  SCHOOL_LEADER: "这项工作由学校资助管理员办理；如需查看，请联系学校资助管理员。",
  SUPERVISOR: "主管部门账号可查看辖区学校的公示和汇总情况；如需其他权限，请联系本单位的系统管理员。",
};

export default async function Forbidden() {
  const user = await getSessionUser();
  return (
    <ErrorPanel
      code="403"
      title="无权访问该页面"
      message={`您的账号没有查看或操作这项内容的权限。${user ? WHOM[user.role] : "请先登录。"}`}
    >
      <Link href={user ? homeFor(user.role) : "/login"} className="text-brand-600 underline">
        {user ? "返回工作台" : "去登录"}
      </Link>
    </ErrorPanel>
  );
}
