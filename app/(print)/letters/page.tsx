import Link from "next/link";
import { headers } from "next/headers";
import { LetterWorkbench, type LetterRow } from "@/components/letters/letter-workbench";
import { requirePageAccess } from "@/lib/auth/access";
import { applicantRoleFor } from "@/lib/domain/applicant";
import { formatBeijingDate } from "@/lib/domain/time";
import { loadClassLetterState, loadLetterClasses } from "@/lib/services/access-codes";
import { lettersAction } from "./actions";
import { ClassPicker } from "@/components/teacher/class-picker";

export const metadata = { title: "致学生家长的一封信" };

/** The address printed on the letters: NEXTAUTH_URL when set, else the address this page was opened at. */
async function portalUrl(): Promise<string> {
  if (process.env.NEXTAUTH_URL) return process.env.NEXTAUTH_URL.replace(/\/+$/, "");
  const h = await headers();
  const host = h.get("x-forwarded-host") ?? h.get("host") ?? "localhost:3000";
  const proto = h.get("x-forwarded-proto") ?? "http";
  return `${proto}://${host}`;
}

export default async function LettersPage({ searchParams }: { searchParams: Promise<{ classId?: string }> }) {
  const { user } = await requirePageAccess("letters.print");
  const sp = await searchParams;
  const classes = await loadLetterClasses(user);
  const list = classes.ok ? classes.data : [];
  const klass = list.find((c) => c.id === sp.classId) ?? (sp.classId ? null : (list[0] ?? null));
  const state = klass ? await loadClassLetterState(user, klass.id) : null;
  const rows: LetterRow[] =
    state?.ok === true
      ? state.data.map((s) => ({
          studentId: s.studentId,
          name: s.name,
          codeIssued: s.codeIssuedAt ? formatBeijingDate(s.codeIssuedAt) : null,
          issueCount: s.issueCount,
          state:
            applicantRoleFor(s.stage) === "PARENT"
              ? s.boundParents > 0
                ? `家长已绑定（${s.boundParents}）`
                : "家长未绑定"
              : s.activated
                ? "已激活"
                : "未激活",
        }))
      : [];
  return (
    <>
      <header className="space-y-2 print:hidden">
        <Link href="/console" className="text-sm text-brand-600">
          ← 返回工作台
        </Link>
        <h1 className="text-xl font-semibold">致学生家长的一封信（绑定/激活验证码）</h1>
        <p className="text-sm text-slate-600">
          每位学生一个验证码：家长凭验证码绑定孩子，高中及以上学生凭验证码激活账号。系统只保存验证码的加密摘要，验证码只在生成时显示一次；遗失须补发，补发后原验证码作废。生成、补发都记入审计日志。
        </p>
        {list.length === 0 ? (
          <p className="text-sm text-slate-600">没有可打印的班级。</p>
        ) : (
          <ClassPicker classes={list} currentId={klass?.id} />
        )}
      </header>
      {sp.classId && !klass ? (
        <p role="alert" className="text-red-700">
          未找到该班级，或该班级不由您负责。
        </p>
      ) : null}
      {klass ? (
        <LetterWorkbench
          key={klass.id}
          action={lettersAction.bind(null, klass.id)}
          rows={rows}
          portalUrl={await portalUrl()}
          bindingHrefBase="/console/bindings/"
        />
      ) : null}
    </>
  );
}
