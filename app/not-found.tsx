import Link from "next/link";
import { ErrorPanel } from "@/components/ui/error-panel";

export default function NotFound() {
  return (
    <ErrorPanel code="404" title="页面不存在" message="您访问的页面不存在或已被移除，请检查网址。">
      <Link href="/" className="text-brand-600 underline">
        返回首页
      </Link>
    </ErrorPanel>
  );
}
