import Link from "next/link";
import { describedBy, Field, FormMessage, TextField } from "@/components/ui/form";
import { requirePageAccess } from "@/lib/auth/access";
import { ROLE_LABELS } from "@/lib/domain/codes";
import { formatBeijingDateTime } from "@/lib/domain/time";
import {
  auditActionChoices,
  auditActionLabel,
  auditDetailText,
  auditTargetLabel,
} from "@/lib/domain/audit-actions";
import { searchAuditLog } from "@/lib/services/audit-log";
import { Tr, Td, DataTable } from "@/components/ui/table";

export const metadata = { title: "审计日志" };

type Params = { actor?: string; action?: string; from?: string; to?: string; page?: string };
const one = (v: unknown) => (typeof v === "string" ? v : undefined);
const actionChoices = auditActionChoices().sort((a, b) => a.label.localeCompare(b.label, "zh-Hans-CN"));

/** The school aid office searches its school's audit log (who, what, when, from where). */
export default async function AuditPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { user } = await requirePageAccess("audit.search");
  const sp = await searchParams;
  const params: Params = {
    actor: one(sp.actor),
    action: one(sp.action),
    from: one(sp.from),
    to: one(sp.to),
    page: one(sp.page),
  };
  const result = await searchAuditLog(user, params);
  const errors = result.ok ? {} : (result.fieldErrors ?? {});
  const pageHref = (page: number) => {
    const q = new URLSearchParams();
    for (const k of ["actor", "action", "from", "to"] as const) if (params[k]) q.set(k, params[k]!);
    q.set("page", String(page));
    return `/console/admin/audit?${q.toString()}`;
  };

  return (
    <>
      <header>
        <h1 className="text-xl font-semibold">审计日志</h1>
        <p className="text-sm text-slate-600">
          本校账号的登录、密码修改、申请办理、导入导出和查看完整个人信息等操作记录。记录只能追加，不能修改或删除，至少保存180天。
        </p>
      </header>

      <form
        method="get"
        aria-label="筛选审计日志"
        className="grid gap-3 rounded-lg bg-white p-4 ring-1 ring-slate-200 md:grid-cols-5 md:items-end"
      >
        <TextField
          id="actor"
          label="操作人"
          hint="姓名或用户名"
          error={errors.actor}
          name="actor"
          defaultValue={params.actor}
          maxLength={50}
        />
        <Field id="action" label="操作类型" error={errors.action}>
          <select
            id="action"
            name="action"
            defaultValue={params.action ?? ""}
            aria-describedby={describedBy("action", undefined, errors.action)}
            className="w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-base"
          >
            <option value="">全部操作</option>
            {actionChoices.map((c) => (
              <option key={c.code} value={c.code}>
                {c.label}
              </option>
            ))}
          </select>
        </Field>
        {(
          [
            ["from", "开始日期"],
            ["to", "结束日期"],
          ] as const
        ).map(([name, label]) => (
          <TextField
            key={name}
            id={name}
            label={label}
            error={errors[name]}
            name={name}
            type="date"
            defaultValue={params[name]}
          />
        ))}
        <div className="flex gap-2">
          <button type="submit" className="rounded-md bg-brand-600 px-4 py-2 text-white hover:bg-brand-700">
            查询
          </button>
          <Link
            href="/console/admin/audit"
            className="rounded-md px-3 py-2 text-slate-600 hover:bg-slate-100"
          >
            清除
          </Link>
        </div>
      </form>

      {!result.ok ? (
        <FormMessage kind="error">{result.message}</FormMessage>
      ) : (
        <section aria-label="查询结果" className="space-y-2">
          <p className="text-sm text-slate-600">
            共 {result.data.total} 条，第 {result.data.page} / {result.data.pages} 页（时间为北京时间）
          </p>
          <DataTable columns={["时间", "操作人", "操作", "对象", "来源地址", "详情"]}>
            {result.data.rows.length === 0 ? (
              <tr>
                <td colSpan={6} className="px-3 py-6 text-center text-slate-500">
                  没有符合条件的记录。
                </td>
              </tr>
            ) : (
              result.data.rows.map((r) => (
                <Tr key={r.id} className="align-top">
                  <Td className="whitespace-nowrap">{formatBeijingDateTime(r.at)}</Td>
                  <Td>
                    {r.actorName ?? "（未登录）"}
                    {r.actorUsername ? <span className="text-slate-500"> · {r.actorUsername}</span> : null}
                    {r.actorRole ? (
                      <span className="block text-xs text-slate-500">{ROLE_LABELS[r.actorRole]}</span>
                    ) : null}
                  </Td>
                  <Td>{auditActionLabel(r.action)}</Td>
                  <Td className="text-xs text-slate-600">
                    {r.targetType ? `${auditTargetLabel(r.targetType)} ${r.targetId ?? ""}` : ""}
                  </Td>
                  <Td className="text-xs">{r.ip ?? ""}</Td>
                  <Td className="max-w-xs break-all text-xs text-slate-600">{auditDetailText(r.detail)}</Td>
                </Tr>
              ))
            )}
          </DataTable>
          <nav aria-label="分页" className="flex gap-3 text-sm">
            {result.data.page > 1 ? (
              <Link href={pageHref(result.data.page - 1)} className="text-brand-600">
                上一页
              </Link>
            ) : null}
            {result.data.page < result.data.pages ? (
              <Link href={pageHref(result.data.page + 1)} className="text-brand-600">
                下一页
              </Link>
            ) : null}
          </nav>
        </section>
      )}
    </>
  );
}
