import Link from "next/link";
import { Notice } from "@/components/teacher/notice";
import { ActionButton } from "@/components/ui/action-button";
import { requirePageAccess } from "@/lib/auth/access";
import { APPLICATION_STATE_LABELS } from "@/lib/domain/codes";
import { listPaperCandidates } from "@/lib/services/paper-application";
import { startPaperAction } from "./actions";
import { Card } from "@/components/ui/card";

export const metadata = { title: "录入纸质申请" };

export default async function PaperPage() {
  const { user } = await requirePageAccess("paper.enter");
  const r = await listPaperCandidates(user);
  if (!r.ok) return <Notice kind="error">{r.message}</Notice>;
  return (
    <>
      <h1 className="text-xl font-semibold">录入纸质申请</h1>
      <p className="text-sm text-slate-600">
        学生或家长无法在网上申请时，交来纸质《家庭经济困难学生认定申请表》，由班主任代为录入并上传扫描件。
      </p>
      {r.data.entered.length ? (
        <section aria-label="已录入的纸质申请" className="space-y-1">
          <h2 className="font-semibold">已录入</h2>
          <ul className="text-sm">
            {r.data.entered.map((a) => (
              <li key={a.id}>
                <Link className="text-brand-600" href={`/console/teacher/paper/${a.personId}`}>
                  {a.person.name}
                </Link>
                （{APPLICATION_STATE_LABELS[a.state]}）
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <section aria-label="尚未申请的学生" className="space-y-2">
        <h2 className="font-semibold">尚未申请的学生（{r.data.candidates.length} 人）</h2>
        <ul className="grid gap-2 md:grid-cols-3">
          {r.data.candidates.map((s) => (
            <Card as="li" padding="sm" key={s.id} className="flex items-center justify-between gap-2 text-sm">
              <span>
                {s.person.name}
                <span className="block text-xs text-slate-500">
                  {s.class.grade.name}
                  {s.class.name}
                </span>
              </span>
              <span className="w-28">
                <ActionButton
                  action={startPaperAction.bind(null, s.personId)}
                  label="录入"
                  variant="secondary"
                />
              </span>
            </Card>
          ))}
        </ul>
      </section>
    </>
  );
}
