import { notFound } from "next/navigation";
import { PrintPage } from "@/components/print/print-page";
import { PublicityTable } from "@/components/print/publicity-table";
import { requirePageAccess } from "@/lib/auth/access";
import { PRINT_FORM_TITLES } from "@/lib/domain/print-forms";
import { loadPublicityTable } from "@/lib/services/print-forms";

export const metadata = { title: PRINT_FORM_TITLES.publicity };

/** 公示表 of the publicity batch ?batchId= of the school. */
export default async function PrintPublicityPage({
  searchParams,
}: {
  searchParams: Promise<{ batchId?: string }>;
}) {
  const { user } = await requirePageAccess("print.school_forms");
  const result = await loadPublicityTable(user, (await searchParams).batchId);
  if (!result.ok) notFound();
  return (
    <PrintPage title={PRINT_FORM_TITLES.publicity} count={1}>
      <PublicityTable doc={result.data} />
    </PrintPage>
  );
}
