import Link from "next/link";
import { ServerForm } from "@/components/ui/server-form";
import { inputCls, linkCls } from "@/components/determination/styles";
import { ErrorPanel } from "@/components/ui/error-panel";
import { isAllowed, requirePageAccess } from "@/lib/auth/access";
import { HARDSHIP_LEVEL_LABELS, ROSTER_STATE_LABELS } from "@/lib/domain/codes";
import { fenToYuan } from "@/lib/domain/household";
import { loadProgrammes } from "@/lib/services/aid-roster";
import { generateAction, programmeAction } from "./actions";
import { Card } from "@/components/ui/card";

export const metadata = { title: "资助项目与名单" };
const y = (fen: number | null) => (fen === null ? "" : fenToYuan(fen));

export default async function RostersPage() {
  const { user } = await requirePageAccess("rosters.view");
  const r = await loadProgrammes(user);
  if (!r.ok) return <ErrorPanel code="—" title="无法打开" message={r.message} />;
  const manage = isAllowed(user.role, "rosters.manage");
  return (
    <>
      <header className="space-y-1">
        <h1 className="text-xl font-semibold">资助项目与名单 · {r.data.term.name}</h1>
        <p className="text-sm text-slate-600">
          按认定结果和资格生成候选名单（特殊群体学生优先），调整后审核通过；合计人数和金额超过名额或预算时不能审核通过。
        </p>
      </header>
      {r.data.programmes.map((p) => {
        const roster = r.data.rosters.find((x) => x.programmeId === p.programmeId);
        return (
          <Card
            tone="bordered"
            key={p.id}
            className="space-y-3"
            aria-label={p.programme.name}
            data-testid="programme"
          >
            <h2 className="font-semibold">{p.programme.name}</h2>
            <p className="text-sm text-slate-600">
              资格：{p.programme.eligibleLevels.map((l) => HARDSHIP_LEVEL_LABELS[l]).join("、") || "不限等级"}{" "}
              · 金额：
              {p.amountMode === "FIXED"
                ? `每人${y(p.fixedAmountFen)}元`
                : `特别困难${y(p.amountSpecialFen) || "—"}元 / 困难${y(p.amountHardshipFen) || "—"}元 / 一般困难${y(p.amountGeneralFen) || "—"}元`}{" "}
              · 名额：{p.quota ?? "不限"} · 预算：{p.budgetFen !== null ? `${y(p.budgetFen)}元` : "不限"}
              {p.schoolId ? "（本校设置）" : ""}
            </p>
            {roster ? (
              <p className="text-sm">
                名单：{roster._count.entries}人，{ROSTER_STATE_LABELS[roster.state]} ·{" "}
                <Link className={linkCls} href={`/console/rosters/${roster.id}`}>
                  查看名单
                </Link>
              </p>
            ) : (
              <p className="text-sm">尚未生成名单。</p>
            )}
            {p.programme.stage === "VOCATIONAL" && p.programme.kind !== "LOAN" ? (
              <p className="text-sm">
                中职国家助学金和免学费按月建名单，经主管部门确认公示后发放：见{" "}
                <Link className={linkCls} href="/console/rosters/vocational">
                  中职月度资助名单
                </Link>
                。
              </p>
            ) : null}
            {manage ? (
              <div className="grid gap-4 md:grid-cols-2">
                <ServerForm action={programmeAction} submitLabel="保存金额、名额和预算" variant="secondary">
                  <input type="hidden" name="programmeId" value={p.programmeId} />
                  <label className="block text-sm">
                    金额方式
                    <select name="amountMode" defaultValue={p.amountMode} className={inputCls}>
                      <option value="FIXED">固定金额</option>
                      <option value="BY_LEVEL">按认定等级</option>
                    </select>
                  </label>
                  <div className="grid grid-cols-2 gap-2">
                    {[
                      { name: "fixedAmount", label: "固定金额（元）", value: y(p.fixedAmountFen) },
                      { name: "amountSpecial", label: "特别困难（元）", value: y(p.amountSpecialFen) },
                      { name: "amountHardship", label: "困难（元）", value: y(p.amountHardshipFen) },
                      { name: "amountGeneral", label: "一般困难（元）", value: y(p.amountGeneralFen) },
                      { name: "quota", label: "名额（人）", value: p.quota ?? "" },
                      { name: "budget", label: "预算（元）", value: y(p.budgetFen) },
                    ].map((field) => (
                      <label key={field.name} className="block text-sm">
                        {field.label}
                        <input name={field.name} defaultValue={field.value} className={inputCls} />
                      </label>
                    ))}
                  </div>
                </ServerForm>
                <ServerForm
                  action={generateAction.bind(null, p.programmeId)}
                  submitLabel={roster ? "按认定结果重新生成名单" : "生成候选名单"}
                  confirmText={roster ? "重新生成会覆盖草稿名单中的调整，确定吗？" : undefined}
                />
              </div>
            ) : null}
          </Card>
        );
      })}
      {r.data.programmes.length === 0 ? (
        <p className="text-sm text-slate-600">本学期没有面向本校学段的资助项目。</p>
      ) : null}
    </>
  );
}
