import { notFound } from "next/navigation";
import { DeterminationSummary } from "@/components/print/determination-summary";
import { PrintPage } from "@/components/print/print-page";
import { requirePageAccess } from "@/lib/auth/access";
import { PRINT_FORM_TITLES } from "@/lib/domain/print-forms";
import { loadDeterminationSummary } from "@/lib/services/print-forms";

export const metadata = { title: PRINT_FORM_TITLES["determination-summary"] };

/** The school's determination summary of the current term, with the leader's signature line. */
export default async function PrintDeterminationSummaryPage() {
  const { user } = await requirePageAccess("print.school_forms");
  const result = await loadDeterminationSummary(user);
  if (!result.ok) notFound();
  return (
    <PrintPage title={PRINT_FORM_TITLES["determination-summary"]} count={1}>
      <DeterminationSummary doc={result.data} />
    </PrintPage>
  );
}
