import Link from "next/link";

/** The teacher's classes as links (`?classId=…`); the shown class is highlighted and marked aria-current. */
export function ClassPicker({
  classes,
  currentId,
}: {
  classes: readonly { id: string; label: string }[];
  currentId: string | undefined;
}) {
  return (
    <nav aria-label="班级" className="flex flex-wrap gap-2">
      {classes.map((c) => (
        <Link
          key={c.id}
          href={`?classId=${c.id}`}
          aria-current={c.id === currentId ? "page" : undefined}
          className={`rounded-md px-3 py-1.5 text-sm ring-1 ring-slate-300 ${c.id === currentId ? "bg-brand-600 text-white" : "bg-white"}`}
        >
          {c.label}
        </Link>
      ))}
    </nav>
  );
}
