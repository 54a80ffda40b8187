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
              <th className="px-3 py-2">序号</th>
              <th className="px-3 py-2">姓名</th>
              <th className="px-3 py-2">班级</th>
              <th className="px-3 py-2">认定结果</th>
            </tr>
          </thead>
          <tbody>
            {view.items.map((it, i) => (
              <tr key={i} className="border-t border-slate-100">
                <td className="px-3 py-2">{i + 1}</td>
                <td className="px-3 py-2">{it.studentName}</td>
                <td className="px-3 py-2">{it.className}</td>
                <td className="px-3 py-2">{it.result}</td>
              </tr>
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
