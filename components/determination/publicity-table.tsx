import { Tr, Th, Td } from "@/components/ui/table";
/**
 * The public publicity list (公示): name, class and result only — never ID
 * numbers, income, family details or special-group categories.
 * The props type itself admits nothing else.
 */
export type PublicityView = {
  title: string;
  schoolName: string;
  startDate: string;
  endDate: string;
  workingDays: number;
  items: { studentName: string; className: string; result: string }[];
};

export function PublicityTable({ view }: { view: PublicityView }) {
  return (
    <section aria-labelledby="pub-title" className="space-y-3">
      <h1 id="pub-title" className="text-xl font-semibold">
        {view.title}
      </h1>
      <p className="text-sm text-slate-600">
        {view.schoolName} · 公示期 {view.startDate} 至 {view.endDate}（{view.workingDays}
        个工作日）。如有异议，请在公示期内提出。
      </p>
      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
        <table className="min-w-full text-sm">
          <thead className="bg-slate-50 text-left">
            <tr>
              <Th>序号</Th>
              <Th>姓名</Th>
              <Th>班级</Th>
              <Th>认定结果</Th>
            </tr>
          </thead>
          <tbody>
            {view.items.map((it, i) => (
              <Tr key={i}>
                <Td>{i + 1}</Td>
                <Td>{it.studentName}</Td>
                <Td>{it.className}</Td>
                <Td>{it.result}</Td>
              </Tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

/** Only the public fields, whatever the caller passed in. */
export function toPublicityView(b: {
  title: string;
  school: { name: string };
  startDate: Date;
  endDate: Date;
  workingDays: number;
  items: { studentName: string; className: string; result: string }[];
}): PublicityView {
  return {
    title: b.title,
    schoolName: b.school.name,
    startDate: b.startDate.toISOString().slice(0, 10),
    endDate: b.endDate.toISOString().slice(0, 10),
    workingDays: b.workingDays,
    items: b.items.map((i) => ({ studentName: i.studentName, className: i.className, result: i.result })),
  };
}
