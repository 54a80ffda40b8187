import { applicationWindow, type TermDates } from "@/lib/domain/term-window";

export function TermBanner({ termName, dates, now }: { termName: string; dates: TermDates; now: Date }) {
  const w = applicationWindow(dates, now);
  const cls =
    w.status === "open"
      ? "bg-brand-50 text-brand-700 ring-brand-100"
      : "bg-amber-50 text-amber-800 ring-amber-100";
  return (
    <section className={`rounded-xl p-4 ring-1 ${cls}`} aria-label="申请时间">
      <p className="font-medium">{termName}</p>
      <p className="text-sm">{w.message}</p>
    </section>
  );
}
