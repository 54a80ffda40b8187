import Link from "next/link";
import { PrintPageButton } from "@/components/archive/print-page-button";
import { PrintStyles } from "./print-parts";

/**
 * A print page's frame (app/(print)/print/*): the stylesheet, a screen-only bar (back, title, how many
 * documents, 打印) that is not printed, then the documents, one per A4 sheet.
 */
export function PrintPage({
  title,
  count,
  children,
}: {
  title: string;
  count: number;
  children: React.ReactNode;
}) {
  return (
    <>
      <PrintStyles />
      <header className="pf-screen space-y-2">
        <Link href="/print" className="text-sm text-brand-600">
          ← 返回打印表格
        </Link>
        <h1 className="text-xl font-semibold">{title}</h1>
        <p className="text-sm text-slate-600">
          共 {count} 份，每份从新的一页开始（A4）。打印时请在浏览器的打印设置中选择 A4
          纸、不打印页眉页脚；也可“另存为 PDF”。
        </p>
        <PrintPageButton variant="primary" label={`打印（${count} 份）`} />
      </header>
      <div data-testid="print-documents">{children}</div>
    </>
  );
}
