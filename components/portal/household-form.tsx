"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition, type ChangeEvent } from "react";
import type { FormState } from "@/lib/forms/state";
import {
  Field,
  FormMessage,
  RequiredMark,
  Select,
  SubmitButton,
  TextArea,
  TextField,
} from "@/components/ui/form";
import { useHydrated } from "@/components/ui/use-hydrated";
import {
  RESIDENCE_LABELS,
  RESIDENCES,
  SPECIAL_CATEGORIES,
  SPECIAL_CATEGORY_LABELS,
  SUDDEN_EVENT_KIND_LABELS,
  SUDDEN_EVENT_KINDS,
  WORK_STATUSES,
  type SpecialCategory,
} from "@/lib/domain/codes";
import { fenToYuan, IN_PERSON_MESSAGE, perCapitaMonthlyIncomeFen, yuanToFen } from "@/lib/domain/household";
import { householdStepProblems, type HouseholdInput } from "@/lib/schemas/application";
import { Card } from "@/components/ui/card";

type Member = HouseholdInput["familyMembers"][number];
type Event = HouseholdInput["suddenEvents"][number];
type HouseholdText = {
  [K in keyof HouseholdInput]-?: HouseholdInput[K] extends string ? K : never;
}[keyof HouseholdInput];
type MemberText = "name" | "relation" | "age" | "occupation" | "annualIncome" | "healthNote";

const emptyMember = (): Member => ({
  name: "",
  relation: "",
  age: "",
  occupation: "",
  workStatus: "",
  annualIncome: "",
  seriousIllness: false,
  disability: false,
  healthNote: "",
  inSchool: false,
});

/**
 * The household economic information form. The per-capita monthly
 * income is shown as derived from the total and the members; it cannot be typed.
 */
export function HouseholdForm({
  initial,
  version,
  confirmedCategories,
  action,
  nextHref,
  regions = [],
  askBoarding = false,
  readOnly = false,
}: {
  initial: HouseholdInput;
  /** The draft's version when the page was read; sent with every save so a stale save is refused. */
  version: number;
  confirmedCategories: SpecialCategory[];
  action: (payload: HouseholdInput & { version: number }) => Promise<FormState>;
  nextHref: string;
  /** County-level regions for the 户籍所在地 picker: code and "省 市 区县". */
  regions?: { code: string; label: string }[];
  /** A chosen programme (寄宿生生活补助) needs to know whether the child boards. */
  askBoarding?: boolean;
  /** Submitted: shown, not editable (every fieldset is disabled, no buttons). */
  readOnly?: boolean;
}) {
  const router = useRouter();
  const [v, setV] = useState<HouseholdInput>(() => ({
    ...initial,
    declaredCategories: [...new Set([...initial.declaredCategories, ...confirmedCategories])],
  }));
  const [state, setState] = useState<FormState>(null);
  const [ownVersion, setSavedVersion] = useState(version);
  // Another form of the same page (the teacher's paper entry) may have saved meanwhile and re-rendered
  // the page with a newer version: that is this person's own edit, not someone else's.
  const savedVersion = Math.max(ownVersion, version);
  const [pending, start] = useTransition();
  const hydrated = useHydrated();
  const err = (path: string) => state?.fieldErrors?.[path];
  const set = <K extends keyof HouseholdInput>(k: K, value: HouseholdInput[K]) =>
    setV((x) => ({ ...x, [k]: value }));
  const setMember = (i: number, patch: Partial<Member>) =>
    set(
      "familyMembers",
      v.familyMembers.map((m, j) => (j === i ? { ...m, ...patch } : m)),
    );
  const setEvent = (i: number, patch: Partial<Event>) =>
    set(
      "suddenEvents",
      v.suddenEvents.map((m, j) => (j === i ? { ...m, ...patch } : m)),
    );

  const removeAt = (key: "familyMembers" | "suddenEvents", index: number) =>
    key === "familyMembers"
      ? set(
          key,
          v.familyMembers.filter((_, j) => j !== index),
        )
      : set(
          key,
          v.suddenEvents.filter((_, j) => j !== index),
        );
  /** The id, error, value and change handler of one of the household's own text fields. */
  const householdText = (key: HouseholdText) => ({
    id: key,
    error: err(key),
    value: v[key],
    onChange: (e: ChangeEvent<HTMLInputElement>) => set(key, e.target.value),
  });
  /** The id, error, value and change handler of a family member's text field. */
  const memberText = (i: number, key: MemberText, idSuffix: string) => ({
    id: `m${i}-${idSuffix}`,
    error: err(`familyMembers.${i}.${key}`),
    value: v.familyMembers[i]![key],
    onChange: (e: ChangeEvent<HTMLInputElement>) => setMember(i, { [key]: e.target.value }),
  });
  /** The same for a sudden event's text field. */
  const eventText = (i: number, key: "amount" | "description", idSuffix: string) => ({
    id: `e${i}-${idSuffix}`,
    error: err(`suddenEvents.${i}.${key}`),
    value: v.suddenEvents[i]![key],
    onChange: (e: ChangeEvent<HTMLInputElement>) => setEvent(i, { [key]: e.target.value }),
  });

  const total = yuanToFen(v.totalAnnualIncome);
  const members = Number(v.memberCount);
  const perCapita =
    total !== null && Number.isInteger(members) && members >= 1 && members <= 30
      ? fenToYuan(perCapitaMonthlyIncomeFen(total, members))
      : null;
  const inPerson = v.stateEmployedParent === "yes" || v.stableIncome === "yes";

  function save(goNext: boolean) {
    start(async () => {
      const r = await action({ ...v, version: savedVersion });
      if (r?.ok && r.values?.version) setSavedVersion(Number(r.values.version));
      // Leaving the step: the draft is saved either way, but the next step waits until the required fields are filled.
      const missing = goNext ? householdStepProblems(v, { askBoarding }) : {};
      if (r?.ok && Object.keys(missing).length) {
        setState({
          message: "草稿已保存，但还有必填项没有填写，请补全标红的内容后再进入下一步。",
          fieldErrors: missing,
        });
        return;
      }
      setState(r);
      if (r?.ok && goNext) router.push(nextHref);
    });
  }

  return (
    <form
      method="post"
      className="space-y-4"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        save(true);
      }}
    >
      {readOnly ? null : (
        <p className="text-sm text-slate-600">
          带 <span className="text-red-600">*</span> 的为必填项。
        </p>
      )}
      <input type="hidden" name="version" value={savedVersion} />
      <Card as="fieldset" tone="portal" disabled={readOnly} className="space-y-3">
        <legend className="px-1 font-medium">家庭基本情况</legend>
        <Field id="residence" label="家庭居住地（城镇/农村）" required error={err("residence")}>
          <Select
            id="residence"
            aria-required="true"
            value={v.residence}
            onChange={(e) => set("residence", e.target.value as HouseholdInput["residence"])}
          >
            <option value="">请选择</option>
            {RESIDENCES.map((code) => (
              <option key={code} value={code}>
                {RESIDENCE_LABELS[code]}
              </option>
            ))}
          </Select>
        </Field>
        <Field id="regionCode" label="户籍所在地（区县）" error={err("regionCode")}>
          <Select
            id="regionCode"
            value={v.regionCode ?? ""}
            onChange={(e) => set("regionCode", e.target.value)}
          >
            <option value="">请选择（不在列表中可不选）</option>
            {regions.map((r) => (
              <option key={r.code} value={r.code}>
                {r.label}
              </option>
            ))}
          </Select>
        </Field>
        <TextField label="家庭住址" maxLength={100} {...householdText("address")} />
        <TextField
          label="家庭年总收入（元）"
          required
          inputMode="decimal"
          maxLength={20}
          {...householdText("totalAnnualIncome")}
        />
        <TextField
          label="家庭人口数"
          required
          inputMode="numeric"
          maxLength={2}
          {...householdText("memberCount")}
        />
        <p className="rounded bg-slate-50 px-3 py-2 text-sm" data-testid="per-capita">
          家庭人均月收入（自动计算）：{perCapita ? `${perCapita} 元` : "填写年总收入和人口数后自动计算"}
        </p>
        <TextField
          label="住房情况"
          maxLength={100}
          placeholder="如：租房 / 自有住房 / 与亲属同住"
          {...householdText("housing")}
        />
        <TextField
          label="车辆情况"
          maxLength={100}
          placeholder="如：无 / 农用车一辆"
          {...householdText("vehicles")}
        />
      </Card>

      <Card as="fieldset" tone="portal" disabled={readOnly} className="space-y-3">
        <legend className="px-1 font-medium">就业与稳定收入</legend>
        <YesNo
          required
          id="stateEmployedParent"
          label="父母（监护人）是否有一方在国家机关、事业单位或国有企业工作？"
          value={v.stateEmployedParent}
          error={err("stateEmployedParent")}
          onChange={(x) => set("stateEmployedParent", x)}
        />
        <YesNo
          required
          id="stableIncome"
          label="家庭是否有稳定收入项目或财产（如出租房屋、经营性收入）？"
          value={v.stableIncome}
          error={err("stableIncome")}
          onChange={(x) => set("stableIncome", x)}
        />
        {askBoarding ? (
          <YesNo
            required
            id="boarding"
            label="孩子是否在学校寄宿？（申请寄宿生生活补助需要回答）"
            value={v.boarding ?? ""}
            error={err("boarding")}
            onChange={(x) => set("boarding", x)}
          />
        ) : null}
        {inPerson ? (
          <p role="alert" className="rounded bg-amber-50 p-3 text-sm text-amber-800">
            {IN_PERSON_MESSAGE}
          </p>
        ) : null}
      </Card>

      <Card as="fieldset" tone="portal" disabled={readOnly} className="space-y-2">
        <legend className="px-1 font-medium">特殊群体情况</legend>
        {SPECIAL_CATEGORIES.map((c) => {
          const confirmed = confirmedCategories.includes(c);
          return (
            <label key={c} className="flex items-center gap-2 text-sm">
              <input
                type="checkbox"
                className="h-5 w-5"
                checked={v.declaredCategories.includes(c)}
                disabled={confirmed}
                onChange={(e) =>
                  set(
                    "declaredCategories",
                    e.target.checked
                      ? [...v.declaredCategories, c]
                      : v.declaredCategories.filter((x) => x !== c),
                  )
                }
              />
              <span>{SPECIAL_CATEGORY_LABELS[c]}</span>
              {confirmed ? (
                <span className="rounded bg-green-50 px-1.5 text-xs text-green-700">由学校名单确认</span>
              ) : null}
            </label>
          );
        })}
      </Card>

      <Card as="fieldset" tone="portal" disabled={readOnly} className="space-y-3">
        <legend className="px-1 font-medium">
          家庭成员 <span className="text-red-600">*</span>
          <span className="sr-only">（必填，至少一人）</span>
        </legend>
        {err("familyMembers") ? (
          <p role="alert" className="text-sm text-red-600">
            {err("familyMembers")}
          </p>
        ) : null}
        {v.familyMembers.map((m, i) => (
          <div
            key={i}
            className="space-y-2 rounded-lg border border-slate-200 p-3"
            data-testid="family-member"
          >
            <div className="flex items-center justify-between">
              <span className="text-sm font-medium">成员 {i + 1}</span>
              <RemoveButton hidden={readOnly} onClick={() => removeAt("familyMembers", i)}>
                删除
              </RemoveButton>
            </div>
            <TextField label="姓名" maxLength={30} {...memberText(i, "name", "name")} />
            <TextField
              label="与学生关系"
              maxLength={10}
              placeholder="如：父亲"
              {...memberText(i, "relation", "relation")}
            />
            <TextField label="年龄" inputMode="numeric" maxLength={3} {...memberText(i, "age", "age")} />
            <TextField label="职业" maxLength={30} {...memberText(i, "occupation", "occupation")} />
            <Field id={`m${i}-work`} label="工作状况" error={err(`familyMembers.${i}.workStatus`)}>
              <Select
                id={`m${i}-work`}
                value={m.workStatus}
                onChange={(e) => setMember(i, { workStatus: e.target.value as Member["workStatus"] })}
              >
                <option value="">请选择</option>
                {WORK_STATUSES.map((status) => (
                  <option key={status} value={status}>
                    {status}
                  </option>
                ))}
              </Select>
            </Field>
            <TextField
              label="年收入（元）"
              inputMode="decimal"
              maxLength={20}
              {...memberText(i, "annualIncome", "income")}
            />
            <div className="flex flex-wrap gap-4 text-sm">
              <MemberCheckbox
                checked={m.seriousIllness}
                onChange={(checked) => setMember(i, { seriousIllness: checked })}
                label="患重大疾病"
              />
              <MemberCheckbox
                checked={m.disability}
                onChange={(checked) => setMember(i, { disability: checked })}
                label="残疾"
              />
              <MemberCheckbox
                checked={m.inSchool}
                onChange={(checked) => setMember(i, { inSchool: checked })}
                label="在校就读"
              />
            </div>
            <TextField label="健康情况说明" maxLength={100} {...memberText(i, "healthNote", "health")} />
          </div>
        ))}
        <button
          type="button"
          hidden={readOnly}
          className="w-full rounded-md py-2 text-brand-600 ring-1 ring-brand-100"
          onClick={() => set("familyMembers", [...v.familyMembers, emptyMember()])}
        >
          ＋ 添加家庭成员
        </button>
      </Card>

      <Card as="fieldset" tone="portal" disabled={readOnly} className="space-y-3">
        <legend className="px-1 font-medium">突发事件（没有可不填）</legend>
        {v.suddenEvents.map((ev, i) => (
          <div key={i} className="space-y-2 rounded-lg border border-slate-200 p-3">
            <Field id={`e${i}-kind`} label="类型" error={err(`suddenEvents.${i}.kind`)}>
              <Select
                id={`e${i}-kind`}
                value={ev.kind}
                onChange={(e) => setEvent(i, { kind: e.target.value as Event["kind"] })}
              >
                {SUDDEN_EVENT_KINDS.map((kind) => (
                  <option key={kind} value={kind}>
                    {SUDDEN_EVENT_KIND_LABELS[kind]}
                  </option>
                ))}
              </Select>
            </Field>
            <TextField
              id={`e${i}-date`}
              label="发生日期"
              required
              error={err(`suddenEvents.${i}.occurredOn`)}
              type="date"
              value={ev.occurredOn ?? ""}
              max={new Date().toISOString().slice(0, 10)}
              onChange={(e) => setEvent(i, { occurredOn: e.target.value })}
            />
            <TextField
              label="损失金额（元）"
              inputMode="decimal"
              maxLength={20}
              {...eventText(i, "amount", "amount")}
            />
            <TextField label="说明" maxLength={200} {...eventText(i, "description", "desc")} />
            <RemoveButton hidden={readOnly} onClick={() => removeAt("suddenEvents", i)}>
              删除此事件
            </RemoveButton>
          </div>
        ))}
        <button
          type="button"
          hidden={readOnly}
          className="w-full rounded-md py-2 text-brand-600 ring-1 ring-brand-100"
          onClick={() =>
            set("suddenEvents", [
              ...v.suddenEvents,
              { kind: "SERIOUS_ILLNESS", occurredOn: "", amount: "", description: "" },
            ])
          }
        >
          ＋ 添加突发事件
        </button>
      </Card>

      <Card as="fieldset" tone="portal" disabled={readOnly}>
        <Field id="notes" label="其他需要说明的情况" error={err("notes")}>
          <TextArea
            id="notes"
            className="min-h-24"
            maxLength={500}
            value={v.notes}
            onChange={(e) => set("notes", e.target.value)}
          />
        </Field>
      </Card>

      {state?.message ? (
        <FormMessage kind={state.ok ? "success" : "error"}>{state.message}</FormMessage>
      ) : null}
      {readOnly ? null : (
        <>
          <button
            type="button"
            disabled={pending}
            onClick={() => save(false)}
            className="w-full rounded-md bg-white py-2.5 text-slate-700 ring-1 ring-slate-300"
          >
            保存草稿
          </button>
          <SubmitButton pending={pending} disabled={!hydrated}>
            保存，下一步
          </SubmitButton>
        </>
      )}
    </form>
  );
}

function YesNo({
  id,
  label,
  required,
  value,
  error,
  onChange,
}: {
  id: string;
  label: string;
  required?: boolean;
  value: "yes" | "no" | "";
  error?: string;
  onChange: (v: "yes" | "no") => void;
}) {
  return (
    <div
      role="radiogroup"
      aria-labelledby={`${id}-label`}
      aria-required={required ? "true" : undefined}
      className="space-y-1"
    >
      <p id={`${id}-label`} className="text-sm font-medium text-slate-700">
        {label}
        {required ? <RequiredMark /> : null}
      </p>
      <div className="flex gap-4 text-sm">
        <label className="flex items-center gap-1">
          <input type="radio" name={id} checked={value === "yes"} onChange={() => onChange("yes")} />是
        </label>
        <label className="flex items-center gap-1">
          <input type="radio" name={id} checked={value === "no"} onChange={() => onChange("no")} />否
        </label>
      </div>
      {error ? (
        <p role="alert" className="text-sm text-red-600">
          {error}
        </p>
      ) : null}
    </div>
  );
}

function MemberCheckbox({
  checked,
  onChange,
  label,
}: {
  checked: boolean;
  onChange: (checked: boolean) => void;
  label: string;
}) {
  return (
    <label className="flex items-center gap-1">
      <input type="checkbox" checked={checked} onChange={(e) => onChange(e.target.checked)} />
      {label}
    </label>
  );
}

function RemoveButton({
  hidden,
  onClick,
  children,
}: {
  hidden: boolean;
  onClick: () => void;
  children: string;
}) {
  return (
    <button type="button" hidden={hidden} className="text-sm text-red-600" onClick={onClick}>
      {children}
    </button>
  );
}
