import Link from "next/link";
import { ProgrammeChoice } from "@/components/portal/programme-choice";
import { HouseholdForm } from "@/components/portal/household-form";
import { toHouseholdInput } from "@/components/portal/household-input";
import { Notice } from "@/components/teacher/notice";
import { ActionButton } from "@/components/ui/action-button";
import { FormMessage } from "@/components/ui/form";
import { requirePageAccess } from "@/lib/auth/access";
import { APPLICATION_STATE_LABELS, ROLE_LABELS } from "@/lib/domain/codes";
import { fenToYuan } from "@/lib/domain/household";
import { formatBeijingDateTime } from "@/lib/domain/time";
import { residenceRegions } from "@/lib/services/application-portal";
import { loadPaperApplication } from "@/lib/services/paper-application";
import { paperHouseholdAction, paperProgrammesAction, submitPaperAction } from "../actions";
import { Card } from "@/components/ui/card";

export const metadata = { title: "录入纸质申请" };

export default async function PaperEntryPage({
  params,
  searchParams,
}: {
  params: Promise<{ personId: string }>;
  searchParams: Promise<{ scan?: string; scanError?: string }>;
}) {
  const { user } = await requirePageAccess("paper.enter");
  const { personId } = await params;
  const sp = await searchParams;
  const r = await loadPaperApplication(user, personId);
  if (!r.ok) return <Notice kind="error">{r.message}</Notice>;
  const { student, application: app, programmes, scans } = r.data;
  const editable = app.state === "draft" || app.state === "returned";
  const chosen = new Set(app.programmes.map((p) => p.programme.id));
  return (
    <>
      <header className="space-y-1">
        <Link href="/console/teacher/paper" className="text-sm text-brand-600">
          ← 返回
        </Link>
        <h1 className="text-xl font-semibold">纸质申请 · {student.name}</h1>
        <p className="text-sm text-slate-600">
          {student.gradeName}
          {student.className} · 当前状态：<strong>{APPLICATION_STATE_LABELS[app.state]}</strong>
        </p>
      </header>
      {editable ? (
        <>
          <section aria-label="资助项目" className="space-y-2">
            <h2 className="font-semibold">1. 资助项目</h2>
            <ProgrammeChoice
              action={paperProgrammesAction.bind(null, personId)}
              version={app.version}
              options={programmes.map((p) => ({
                id: p.programme.id,
                name: p.programme.name,
                description: p.programme.description,
                checked: chosen.has(p.programme.id),
                amount:
                  p.amountMode === "FIXED" && p.fixedAmountFen != null
                    ? `${fenToYuan(p.fixedAmountFen)} 元`
                    : "按困难等级",
              }))}
            />
          </section>
          <section aria-label="家庭经济情况" className="space-y-2">
            <h2 className="font-semibold">2. 家庭经济情况（按纸质表填写）</h2>
            <HouseholdForm
              initial={toHouseholdInput(app)}
              version={app.version}
              confirmedCategories={[]}
              action={paperHouseholdAction.bind(null, personId)}
              nextHref={`/console/teacher/paper/${personId}`}
              regions={await residenceRegions()}
              askBoarding={app.programmes.some((p) =>
                p.programme.requiredFields.includes("household.boarding"),
              )}
            />
          </section>
          <Card aria-label="纸质申请表扫描件" className="space-y-2">
            <h2 className="font-semibold">3. 纸质申请表扫描件</h2>
            {scans.map((s) => (
              <p key={s.id} className="text-sm">
                已上传：
                <a className="text-brand-600" href={`/api/evidence/${s.id}`}>
                  {s.originalName}
                </a>
                （{formatBeijingDateTime(s.createdAt)}）
              </p>
            ))}
            {sp.scan ? <FormMessage kind="success">扫描件已上传。</FormMessage> : null}
            {sp.scanError ? <FormMessage kind="error">{sp.scanError}</FormMessage> : null}
            <form
              method="post"
              encType="multipart/form-data"
              action={`/console/teacher/paper/${personId}/scan`}
              className="space-y-2"
            >
              <label htmlFor="scan" className="block text-sm font-medium">
                选择扫描件或照片（JPG、PNG 或 PDF，不超过10MB）
              </label>
              <input
                id="scan"
                name="scan"
                type="file"
                accept="image/jpeg,image/png,application/pdf"
                className="block text-sm"
              />
              <button type="submit" className="rounded-md bg-white px-4 py-2 text-sm ring-1 ring-slate-300">
                上传扫描件
              </button>
            </form>
          </Card>
          <section aria-label="提交" className="max-w-md space-y-2">
            <h2 className="font-semibold">4. 提交</h2>
            <p className="text-sm text-slate-600">
              申请人已在纸质申请表上签署诚信承诺。提交后进入待核实，申请记录中注明由班主任代为录入。
            </p>
            <ActionButton action={submitPaperAction.bind(null, personId)} label="提交纸质申请" />
          </section>
        </>
      ) : (
        <p className="text-sm">
          该纸质申请已提交。
          <Link className="text-brand-600" href={`/console/teacher/applications/${app.id}`}>
            去核实
          </Link>
        </p>
      )}
      <Card aria-label="申请记录" className="text-sm">
        <h2 className="font-semibold">申请记录</h2>
        <ol className="mt-2 space-y-1">
          {app.transitions.map((t) => (
            <li key={t.id}>
              {APPLICATION_STATE_LABELS[t.toState]} · {formatBeijingDateTime(t.at)} ·{" "}
              {t.actorRole ? ROLE_LABELS[t.actorRole] : "系统"}
              {t.comment ? `：${t.comment}` : ""}
            </li>
          ))}
        </ol>
      </Card>
    </>
  );
}
