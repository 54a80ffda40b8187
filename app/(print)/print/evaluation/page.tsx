import { notFound } from "next/navigation";
import { EvaluationRecord } from "@/components/print/evaluation-record";
import { PrintPage } from "@/components/print/print-page";
import { requirePageAccess } from "@/lib/auth/access";
import { PRINT_FORM_TITLES } from "@/lib/domain/print-forms";
import { loadEvaluationRecord } from "@/lib/services/print-forms";

export const metadata = { title: PRINT_FORM_TITLES.evaluation };

/** The class evaluation record of ?classId= in the current term. */
export default async function PrintEvaluationPage({
  searchParams,
}: {
  searchParams: Promise<{ classId?: string }>;
}) {
  const { user } = await requirePageAccess("print.class_forms");
  const result = await loadEvaluationRecord(user, (await searchParams).classId);
  if (!result.ok) notFound();
  return (
    <PrintPage title={PRINT_FORM_TITLES.evaluation} count={1}>
      <EvaluationRecord doc={result.data} />
    </PrintPage>
  );
}
