import { notFound } from "next/navigation";
import { HomeVisitSheet } from "@/components/print/home-visit-sheet";
import { PrintPage } from "@/components/print/print-page";
import { requirePageAccess } from "@/lib/auth/access";
import { PRINT_FORM_TITLES } from "@/lib/domain/print-forms";
import { loadHomeVisitSheets, printSelection } from "@/lib/services/print-forms";

export const metadata = { title: PRINT_FORM_TITLES["home-visit"] };

/** 入户走访调查情况和量化计分表 of one student (?applicationId=) or a class (?classId=). */
export default async function PrintHomeVisitsPage({
  searchParams,
}: {
  searchParams: Promise<{ applicationId?: string; classId?: string }>;
}) {
  const { user } = await requirePageAccess("print.class_forms");
  const result = await loadHomeVisitSheets(user, printSelection(await searchParams));
  if (!result.ok) notFound();
  return (
    <PrintPage title={PRINT_FORM_TITLES["home-visit"]} count={result.data.length}>
      {result.data.map((doc) => (
        <HomeVisitSheet key={doc.applicationId} doc={doc} />
      ))}
    </PrintPage>
  );
}
