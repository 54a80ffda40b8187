import Link from "next/link";
import { HomeVisitForm } from "@/components/teacher/home-visit-form";
import { Notice } from "@/components/teacher/notice";
import { requirePageAccess } from "@/lib/auth/access";
import { formatBeijingDate } from "@/lib/domain/time";
import { loadHomeVisit } from "@/lib/services/teacher-verification";
import { homeVisitAction } from "../../actions";
import { Card } from "@/components/ui/card";

export const metadata = { title: "入户调查" };

export default async function HomeVisitPage({ params }: { params: Promise<{ id: string }> }) {
  const { user } = await requirePageAccess("homevisit.record");
  const { id } = await params;
  const r = await loadHomeVisit(user, id);
  if (!r.ok) return <Notice kind="error">{r.message}</Notice>;
  const { app, model, indicators, dateRange } = r.data;
  const v = app.homeVisit;
  return (
    <>
      <header>
        <h1 className="text-xl font-semibold">入户调查 · {app.person.name}</h1>
        <p className="text-sm text-slate-600">
          积分表来自量化认定模型：{model.name}（第 {model.version} 版）
        </p>
      </header>
      <Card className="max-w-2xl">
        <HomeVisitForm
          action={homeVisitAction.bind(null, app.id)}
          indicators={indicators}
          dateRange={dateRange}
          initial={{
            visitDate: v ? formatBeijingDate(v.visitDate) : formatBeijingDate(new Date()),
            visitors: v?.visitors ?? "",
            findings: v?.findings ?? "",
            scores: (v?.scores ?? {}) as Record<string, string>,
          }}
        />
      </Card>
      <Link href={`/console/teacher/applications/${app.id}`} className="text-sm text-brand-600">
        返回申请详情
      </Link>
    </>
  );
}
