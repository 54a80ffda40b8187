import Link from "next/link";
import { Notice } from "@/components/teacher/notice";
import { Field, Select, TextInput } from "@/components/ui/form";
import { inputCls } from "@/components/ui/form-styles";
import { ServerForm } from "@/components/ui/server-form";
import { DataTable, Td, Tr } from "@/components/ui/table";
import { TitledSection } from "@/components/ui/titled-section";
import { requirePageAccess } from "@/lib/auth/access";
import { ROLE_LABELS, type Role } from "@/lib/domain/codes";
import { TRAINING_WAY_LABELS, TRAINING_WAYS, type TrainingWay } from "@/lib/domain/support-records";
import { beijingDay } from "@/lib/domain/support";
import { loadTrainingPage } from "@/lib/services/support-records";
import { recordTrainingAction } from "./actions";

export const metadata = { title: "培训记录" };

export default async function TrainingPage({
  searchParams,
}: {
  searchParams: Promise<{ name?: string | string[] }>;
}) {
  const { user } = await requirePageAccess("training.record");
  const r = await loadTrainingPage(user, (await searchParams).name);
  if (!r.ok) return <Notice kind="error">{r.message}</Notice>;
  const { regions, candidates, sessions, nameFilter } = r.data;
  return (
    <>
      <h1 className="text-xl font-semibold">培训记录</h1>
      <p className="text-sm text-slate-600">
        登记本辖区开展的资助系统用户培训及参训人员。区县级、校级用户每年至少参加一次培训。
        <Link href="/console/support/training/untrained" className="ml-2 underline">
          查看未参加培训的用户
        </Link>
      </p>
      <TitledSection id="record-heading" title="登记培训">
        <form method="get" className="flex flex-wrap items-end gap-2" role="search" aria-label="筛选参训人员">
          <label className="text-sm">
            <span className="block text-slate-600">按姓名筛选参训人员</span>
            <input name="name" defaultValue={nameFilter} maxLength={20} className={inputCls} />
          </label>
          <button type="submit" className="server-form-button server-form-button-secondary">
            筛选
          </button>
        </form>
        <ServerForm action={recordTrainingAction} submitLabel="登记培训">
          <Field id="training-day" label="培训日期" required>
            <TextInput
              id="training-day"
              name="day"
              type="date"
              defaultValue={beijingDay(new Date())}
              aria-required="true"
            />
          </Field>
          <Field id="training-topic" label="培训主题" required>
            <TextInput id="training-topic" name="topic" maxLength={100} aria-required="true" />
          </Field>
          <Field id="training-way" label="培训方式" required>
            <Select id="training-way" name="way" defaultValue="ONSITE" aria-required="true">
              {TRAINING_WAYS.map((way) => (
                <option key={way} value={way}>
                  {TRAINING_WAY_LABELS[way]}
                </option>
              ))}
            </Select>
          </Field>
          <Field id="training-trainer" label="培训人" required>
            <TextInput id="training-trainer" name="trainer" maxLength={50} aria-required="true" />
          </Field>
          <Field id="training-region" label="所属区域" required>
            <Select id="training-region" name="regionId" defaultValue={regions[0]?.id} aria-required="true">
              {regions.map((region) => (
                <option key={region.id} value={region.id}>
                  {region.name}
                </option>
              ))}
            </Select>
          </Field>
          <fieldset className="space-y-1">
            <legend className="text-sm font-medium text-slate-700">
              参训人员（{nameFilter ? `姓名含“${nameFilter}”，` : ""}共{candidates.length}人可选）
            </legend>
            {candidates.length === 0 ? (
              <p className="text-sm text-slate-600">没有可选的区县级或校级用户。</p>
            ) : (
              <ul className="grid max-h-80 gap-1 overflow-y-auto text-sm sm:grid-cols-2">
                {candidates.map((candidate) => (
                  <li key={candidate.id}>
                    <label className="inline-flex items-center gap-2">
                      <input type="checkbox" name="attendeeIds" value={candidate.id} />
                      {candidate.displayName}（{candidate.unit} ·{" "}
                      {ROLE_LABELS[candidate.role as Role] ?? candidate.role}）
                    </label>
                  </li>
                ))}
              </ul>
            )}
          </fieldset>
        </ServerForm>
      </TitledSection>
      <TitledSection id="sessions-heading" title="已登记的培训">
        {sessions.length === 0 ? (
          <p className="text-sm text-slate-600">还没有登记培训。</p>
        ) : (
          <DataTable columns={["日期", "主题", "方式", "培训人", "区域", "参训人数"]}>
            {sessions.map((session) => (
              <Tr key={session.id}>
                <Td>{session.day.toISOString().slice(0, 10)}</Td>
                <Td>{session.topic}</Td>
                <Td>{TRAINING_WAY_LABELS[session.way as TrainingWay] ?? session.way}</Td>
                <Td>{session.trainer}</Td>
                <Td>{session.regionName}</Td>
                <Td>{session.attendees}</Td>
              </Tr>
            ))}
          </DataTable>
        )}
      </TitledSection>
    </>
  );
}
