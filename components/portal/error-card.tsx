import Link from "next/link";

export function ErrorCard({ message }: { message: string }) {
  return (
    <section role="alert" className="space-y-2 rounded-xl bg-white p-4 ring-1 ring-red-200">
      <p className="text-red-700">{message}</p>
      <Link href="/portal" className="text-sm text-brand-600">
        返回首页
      </Link>
    </section>
  );
}
