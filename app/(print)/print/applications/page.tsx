import { notFound } from "next/navigation";
import { ApplicationForm } from "@/components/print/application-form";
import { PrintPage } from "@/components/print/print-page";
import { requirePageAccess } from "@/lib/auth/access";
import { PRINT_FORM_TITLES } from "@/lib/domain/print-forms";
import { loadApplicationForms, printSelection } from "@/lib/services/print-forms";

export const metadata = { title: PRINT_FORM_TITLES.application };

/** 认定申请表 of one student (?applicationId=) or a whole class (?classId=), one per sheet. */
export default async function PrintApplicationsPage({
  searchParams,
}: {
  searchParams: Promise<{ applicationId?: string; classId?: string }>;
}) {
  const { user } = await requirePageAccess("print.class_forms");
  const result = await loadApplicationForms(user, printSelection(await searchParams));
  if (!result.ok) notFound();
  return (
    <PrintPage title={PRINT_FORM_TITLES.application} count={result.data.length}>
      {result.data.map((doc) => (
        <ApplicationForm key={doc.applicationId} doc={doc} />
      ))}
    </PrintPage>
  );
}
