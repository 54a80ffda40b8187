import Link from "next/link";
import { notFound } from "next/navigation";
import { requirePageAccess } from "@/lib/auth/access";
import { PRINT_FORM_TITLES } from "@/lib/domain/print-forms";
import { loadPrintIndex } from "@/lib/services/print-forms";

export const metadata = { title: "打印表格" };

const link = "text-brand-600 underline";

/** The print index: per class (own classes for a teacher) the class's forms; the term's lists; the school's forms. */
export default async function PrintIndexPage() {
  const { user } = await requirePageAccess("print.class_forms");
  const index = await loadPrintIndex(user);
  if (!index.ok) notFound();
  const { classes, rosters, batches, schoolForms, termName } = index.data;
  return (
    <div className="space-y-6">
      <header className="space-y-2">
        <Link href="/console" className="text-sm text-brand-600">
          ← 返回工作台
        </Link>
        <h1 className="text-xl font-semibold">打印表格（{termName}）</h1>
        <p className="text-sm text-slate-600">
          按学校资助档案要求打印、签字、存档。每份表格单独一页（A4）；身份证号按系统规则部分隐藏。打印申请表、计分表和签收表记入审计日志。
        </p>
      </header>
      <section aria-labelledby="print-classes" className="space-y-2">
        <h2 id="print-classes" className="font-semibold">
          班级表格
        </h2>
        {classes.length === 0 ? <p className="text-sm text-slate-600">没有可打印的班级。</p> : null}
        <ul className="space-y-2">
          {classes.map((klass) => (
            <li
              key={klass.id}
              className="rounded-md bg-white p-3 ring-1 ring-slate-200"
              data-testid="print-class"
            >
              <p className="font-medium">
                {klass.grade.name}
                {klass.name}
              </p>
              <p className="flex flex-wrap gap-x-4 gap-y-1 text-sm">
                <Link className={link} href={`/print/applications?classId=${klass.id}`}>
                  {PRINT_FORM_TITLES.application}
                </Link>
                <Link className={link} href={`/print/home-visits?classId=${klass.id}`}>
                  {PRINT_FORM_TITLES["home-visit"]}
                </Link>
                <Link className={link} href={`/print/evaluation?classId=${klass.id}`}>
                  {PRINT_FORM_TITLES.evaluation}
                </Link>
                {rosters.map((roster) => (
                  <Link
                    key={roster.id}
                    className={link}
                    href={`/print/sign-off?rosterId=${roster.id}&classId=${klass.id}`}
                  >
                    {PRINT_FORM_TITLES["sign-off"]}（{roster.programme.name}）
                  </Link>
                ))}
              </p>
            </li>
          ))}
        </ul>
      </section>
      {schoolForms ? (
        <section aria-labelledby="print-school" className="space-y-2">
          <h2 id="print-school" className="font-semibold">
            学校表格
          </h2>
          <ul className="list-disc space-y-1 pl-6 text-sm">
            <li>
              <Link className={link} href="/print/determination-summary">
                {PRINT_FORM_TITLES["determination-summary"]}
              </Link>
            </li>
            {rosters.map((roster) => (
              <li key={roster.id}>
                <Link className={link} href={`/print/sign-off?rosterId=${roster.id}`}>
                  {PRINT_FORM_TITLES["sign-off"]}（{roster.programme.name}，全校）
                </Link>
              </li>
            ))}
            {batches.map((batch) => (
              <li key={batch.id}>
                <Link className={link} href={`/print/publicity?batchId=${batch.id}`}>
                  {PRINT_FORM_TITLES.publicity}：{batch.title}
                </Link>
              </li>
            ))}
            <li>
              <Link className={link} href="/console/archive">
                学期资助档案下载（全部表格 PDF 和名单 .xlsx，打包为 zip）
              </Link>
            </li>
          </ul>
        </section>
      ) : null}
    </div>
  );
}
