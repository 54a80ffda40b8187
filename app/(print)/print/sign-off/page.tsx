import { notFound } from "next/navigation";
import { PrintPage } from "@/components/print/print-page";
import { SignOffSheet } from "@/components/print/sign-off-sheet";
import { requirePageAccess } from "@/lib/auth/access";
import { PRINT_FORM_TITLES } from "@/lib/domain/print-forms";
import { loadSignOffSheet } from "@/lib/services/print-forms";

export const metadata = { title: PRINT_FORM_TITLES["sign-off"] };

/** 资助发放签收表 of ?rosterId=, for one class (?classId=) or every student of the roster the caller sees. */
export default async function PrintSignOffPage({
  searchParams,
}: {
  searchParams: Promise<{ rosterId?: string; classId?: string }>;
}) {
  const { user } = await requirePageAccess("print.class_forms");
  const params = await searchParams;
  const result = await loadSignOffSheet(user, params.rosterId, params.classId ?? null);
  if (!result.ok) notFound();
  return (
    <PrintPage title={PRINT_FORM_TITLES["sign-off"]} count={1}>
      <SignOffSheet doc={result.data} />
    </PrintPage>
  );
}
