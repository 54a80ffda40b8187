import { ServerForm } from "@/components/ui/server-form";
import { DeterminationNav } from "@/components/determination/sub-nav";
import { inputCls } from "@/components/determination/styles";
import { ErrorPanel } from "@/components/ui/error-panel";
import { isAllowed, requirePageAccess } from "@/lib/auth/access";
import { STAGE_LABELS, STAGES, HARDSHIP_LEVEL_LABELS } from "@/lib/domain/codes";
import { fenToYuan } from "@/lib/domain/household";
import { formatBeijingDateTime } from "@/lib/domain/time";
import { loadScoringModel } from "@/lib/services/scoring-model";
import { saveScoringModelAction, saveScoringModelFormAction } from "../actions";
import { Card } from "@/components/ui/card";

/** The two fallback minimum-living standards of the model editor, in the order shown. */
const MINIMUM_LIVING_AREAS = [
  { area: "URBAN", id: "f-ml-u", label: "城镇" },
  { area: "RURAL", id: "f-ml-r", label: "农村" },
] as const;

export const metadata = { title: "量化认定模型" };

export default async function ModelPage() {
  const { user } = await requirePageAccess("determination.view");
  const r = await loadScoringModel(user);
  if (!r.ok) return <ErrorPanel code="—" title="无法打开" message={r.message} />;
  const m = r.data;
  const edit = isAllowed(user.role, "determination.model");
  const c = m?.parsed;
  const fields =
    m && c ? (
      <>
        <div>
          <label className="block text-sm" htmlFor="f-mname">
            模型名称
          </label>
          <input
            id="f-mname"
            name="name"
            className={inputCls}
            defaultValue={m.schoolId ? m.name : `本校${m.name}`}
            maxLength={60}
            disabled={!edit}
          />
        </div>
        {c.indicators.map((ind) => (
          <fieldset key={ind.key} className="rounded-md border border-slate-200 p-3" disabled={!edit}>
            <legend className="px-1 text-sm font-medium">
              {ind.label}
              {ind.band ? "（按家庭数据自动分档）" : ind.source === "homeVisit" ? "（入户调查填写）" : ""}
            </legend>
            <div className="grid gap-2 md:grid-cols-2">
              {ind.options.map((o) => (
                <div key={o.key} className="flex items-center gap-2">
                  <label className="flex-1 text-sm" htmlFor={`f-${ind.key}-${o.key}`}>
                    {o.label}
                  </label>
                  <input
                    id={`f-${ind.key}-${o.key}`}
                    name={`pts.${ind.key}.${o.key}`}
                    defaultValue={o.points}
                    inputMode="numeric"
                    className={`${inputCls} w-20`}
                  />
                </div>
              ))}
            </div>
          </fieldset>
        ))}
        <fieldset
          className="grid gap-2 rounded-md border border-slate-200 p-3 md:grid-cols-3"
          disabled={!edit}
        >
          <legend className="px-1 text-sm font-medium">等级分数线（总分达到即为该等级）</legend>
          {(["SPECIAL", "HARDSHIP", "GENERAL"] as const).map((k) => (
            <div key={k}>
              <label className="block text-sm" htmlFor={`f-t-${k}`}>
                {HARDSHIP_LEVEL_LABELS[k]}
              </label>
              <input id={`f-t-${k}`} name={`t.${k}`} defaultValue={c.thresholds[k]} className={inputCls} />
            </div>
          ))}
        </fieldset>
        <fieldset
          className="grid gap-2 rounded-md border border-slate-200 p-3 md:grid-cols-4"
          disabled={!edit}
        >
          <legend className="px-1 text-sm font-medium">
            各学段分档（义务教育、中职可不分档，统一认定为“困难”）
          </legend>
          {STAGES.map((s) => (
            <div key={s}>
              <label className="block text-sm" htmlFor={`f-tier-${s}`}>
                {STAGE_LABELS[s]}
              </label>
              <select id={`f-tier-${s}`} name={`tier.${s}`} defaultValue={c.tiers[s]} className={inputCls}>
                <option value="THREE">分三档</option>
                <option value="ONE">不分档</option>
              </select>
            </div>
          ))}
        </fieldset>
        <fieldset
          className="grid gap-2 rounded-md border border-slate-200 p-3 md:grid-cols-3"
          disabled={!edit}
        >
          <legend className="px-1 text-sm font-medium">特殊群体与低保标准</legend>
          <label className="flex items-center gap-2 text-sm">
            <input
              type="checkbox"
              name="specialGroupsAreSpecial"
              defaultChecked={c.specialGroupsAreSpecial}
            />
            特殊群体学生直接认定为特别困难
          </label>
          {MINIMUM_LIVING_AREAS.map(({ area, id, label }) => (
            <div key={area}>
              <label className="block text-sm" htmlFor={id}>
                {label}低保标准（元/人·月）
              </label>
              <input
                id={id}
                name={`ml.${area}`}
                defaultValue={c.minimumLivingFen ? fenToYuan(c.minimumLivingFen[area]) : ""}
                className={inputCls}
              />
            </div>
          ))}
          <p className="text-xs text-slate-500 md:col-span-3">
            地区已登记低保标准的，按地区标准计算；未登记的按此处标准。
          </p>
        </fieldset>
      </>
    ) : null;
  return (
    <>
      <header className="space-y-2">
        <h1 className="text-xl font-semibold">量化认定模型</h1>
        <DeterminationNav current="/console/determination/model" />
        <p className="text-sm text-slate-600">
          模型由指标（选项与分值，或按家庭数据分档）、等级分数线和各学段分档设置组成。每次保存生成新版本；已认定的结果保留其使用的版本。
        </p>
      </header>
      {m && c ? (
        <>
          <p className="text-sm">
            当前使用：{m.name} · 第{m.version}版{m.schoolId ? "（本校）" : "（系统默认）"} ·{" "}
            {formatBeijingDateTime(m.createdAt)}
          </p>
          <Card tone="bordered" className="space-y-3" aria-labelledby="form-title">
            <h2 id="form-title" className="font-semibold">
              指标分值、分数线与分档
            </h2>
            {edit ? (
              <ServerForm action={saveScoringModelFormAction} submitLabel="保存为新版本">
                {fields}
              </ServerForm>
            ) : (
              <div className="space-y-3">{fields}</div>
            )}
          </Card>
          {edit ? (
            <Card tone="bordered" as="details" className="space-y-3">
              <summary className="cursor-pointer font-semibold">
                高级：直接编辑模型配置（JSON，可增删指标和分档区间）
              </summary>
              <ServerForm action={saveScoringModelAction} submitLabel="保存为新版本">
                <input type="hidden" name="name" value={m.schoolId ? m.name : `本校${m.name}`} />
                <label className="block text-sm" htmlFor="f-json">
                  模型配置（JSON）
                </label>
                <textarea
                  id="f-json"
                  name="config"
                  className={`${inputCls} font-mono`}
                  rows={24}
                  defaultValue={JSON.stringify(m.config, null, 2)}
                />
              </ServerForm>
            </Card>
          ) : null}
        </>
      ) : (
        <p>尚未设置模型，或当前模型配置无效。</p>
      )}
    </>
  );
}
