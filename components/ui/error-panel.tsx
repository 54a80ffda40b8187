export function ErrorPanel({
  code,
  title,
  message,
  children,
}: {
  code: string;
  title: string;
  message: string;
  children?: React.ReactNode;
}) {
  return (
    <main className="mx-auto flex min-h-screen max-w-lg flex-col items-center justify-center gap-4 p-6 text-center">
      <p className="text-5xl font-bold text-slate-500">{code}</p>
      <h1 className="text-xl font-semibold">{title}</h1>
      <p className="text-slate-600">{message}</p>
      {children}
    </main>
  );
}
