/** Printable pages (the 致学生家长的一封信): no navigation, white page; screen-only parts are hidden on paper. */
export default function PrintLayout({ children }: { children: React.ReactNode }) {
  return (
    <main className="mx-auto max-w-5xl space-y-6 bg-white p-4 md:p-8 print:max-w-none print:p-0">
      {children}
    </main>
  );
}
