export default function AuthLayout({ children }: { children: React.ReactNode }) {
  return (
    <main className="mx-auto flex min-h-screen w-full max-w-md flex-col justify-center px-4 py-8">
      <header className="mb-6 text-center">
        <p className="text-sm text-slate-500">家庭经济困难学生认定 · 学生资助</p>
        <h1 className="text-2xl font-semibold text-brand-700">学生资助申报系统</h1>
      </header>
      <div className="rounded-xl bg-white p-5 shadow-sm ring-1 ring-slate-200">{children}</div>
    </main>
  );
}
