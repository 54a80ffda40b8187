import Link from "next/link";
import { ErrorPanel } from "@/components/ui/error-panel";

export const metadata = { title: "无权访问" };

export default function Forbidden() {
  return (
    <ErrorPanel
      code="403"
      title="无权访问该页面"
      message="您的账号没有查看或操作这项内容的权限。如需办理，请联系班主任或学校资助管理员。"
    >
      <Link href="/" className="text-brand-600 underline">
        返回首页
      </Link>
    </ErrorPanel>
  );
}
