import Link from "next/link";
import { TitledSection } from "@/components/ui/titled-section";
import { Notice } from "@/components/teacher/notice";
import { ActionForm } from "@/components/ui/action-form";
import { decide, requirePageAccess } from "@/lib/auth/access";
import { formatBeijingDate, formatBeijingDateTime } from "@/lib/domain/time";
import { loadBindingView } from "@/lib/services/access-codes";
import { releaseAction } from "./actions";
import { Th, Td } from "@/components/ui/table";
import { Card } from "@/components/ui/card";

export const metadata = { title: "账号与家长绑定记录" };

export default async function BindingPage({ params }: { params: Promise<{ studentId: string }> }) {
  const { user } = await requirePageAccess("binding.view");
  const canRelease = decide(user, "binding.release").ok;
  const { studentId } = await params;
  const r = await loadBindingView(user, studentId);
  if (!r.ok) return <Notice kind="error">{r.message}</Notice>;
  const s = r.data;
  return (
    <>
      <header className="space-y-1">
        <Link href={`/letters?classId=${s.classId}`} className="text-sm text-brand-600">
          ← 返回告家长书与验证码
        </Link>
        <h1 className="text-xl font-semibold">{s.person.name}：账号与家长绑定记录</h1>
        <p className="text-sm text-slate-600">
          {s.class.grade.name}
          {s.class.name} · 验证码：
          {s.accessCode
            ? `已发放（${formatBeijingDate(s.accessCode.issuedAt)}，共发放${s.accessCode.issueCount}次）`
            : "未发放"}
          {s.applicant === "STUDENT"
            ? ` · 学生账号：${s.person.account ? `已激活（${formatBeijingDate(s.person.account.createdAt)}）` : "未激活"}`
            : null}
        </p>
      </header>

      <TitledSection id="binding-log" title="家长绑定记录">
        {s.bindingRecords.length === 0 ? (
          <p className="text-sm text-slate-500">还没有家长绑定这名学生。</p>
        ) : (
          <table className="w-full border-collapse bg-white text-sm ring-1 ring-slate-200">
            <thead className="bg-slate-100 text-left">
              <tr>
                <Th scope="col">家长账号</Th>
                <Th scope="col">手机号</Th>
                <Th scope="col">绑定时间</Th>
                <Th scope="col">状态</Th>
              </tr>
            </thead>
            <tbody>
              {s.bindingRecords.map((b) => (
                <tr key={b.id} className="border-t border-slate-200" data-testid="binding-record">
                  <Td>{b.parent.displayName}</Td>
                  <Td>{b.phoneMasked}</Td>
                  <Td>{formatBeijingDateTime(b.boundAt)}</Td>
                  <Td>
                    {b.releasedAt
                      ? `已于${formatBeijingDateTime(b.releasedAt)}由${b.releasedBy?.displayName ?? ""}解除：${b.releaseReason ?? ""}`
                      : "有效"}
                  </Td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </TitledSection>

      <TitledSection id="guardian-mobiles" title="监护人手机号的注册情况" className="space-y-3">
        <p className="text-sm text-slate-600">
          学校登记的监护人手机号如被他人注册（监护人注册时无法使用、或孩子被陌生账号绑定），请监护人携带本人身份证和手机到校，核实手机号确属本人后“释放”：占用的账号被停用并标记、解除与孩子的绑定，监护人即可用该号码注册并凭验证码绑定。操作记入审计日志。如占用的账号还绑定了其他学校在读的学生，本校只解除其与这名学生的绑定，其余报上级资助管理部门处理。
          {canRelease ? null : "释放手机号由学校资助管理员办理。"}
        </p>
        {s.guardians.map((g) => (
          <Card as="div" key={g.id} className="space-y-2">
            <p>
              <strong>
                {g.name}（{g.relation}）
              </strong>{" "}
              {g.phoneMasked} ·{" "}
              {g.account
                ? `已被账号“${g.account.displayName}”于${formatBeijingDate(g.account.registeredAt)}注册，并已绑定这名学生${g.account.disabled ? "（账号已停用）" : ""}`
                : g.registered
                  ? "该号码已被注册"
                  : "尚未注册"}
            </p>
            {g.registered && canRelease ? (
              <ActionForm
                idPrefix={`release-${g.id}`}
                action={releaseAction.bind(null, s.id, g.id)}
                submitLabel={`释放手机号 ${g.phoneMasked}`}
                fields={[
                  {
                    name: "reason",
                    label: "核实情况",
                    hint: "如：监护人持本人身份证及手机到校，核实该号码属本人",
                    maxLength: 200,
                  },
                ]}
              />
            ) : null}
          </Card>
        ))}
      </TitledSection>
    </>
  );
}
