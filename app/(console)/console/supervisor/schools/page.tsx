import { Card } from "@/components/ui/card";
import { TitledSection } from "@/components/ui/titled-section";
import { Field, Select, TextField } from "@/components/ui/form";
import { ServerForm } from "@/components/ui/server-form";
import { DataTable, Td, Tr } from "@/components/ui/table";
import { requirePageAccess } from "@/lib/auth/access";
import { stagesText } from "@/lib/domain/school-registry";
import { REGION_LEVEL_LABELS } from "@/lib/domain/codes";
import { viewRegistry } from "@/lib/services/school-registry";
import { addRegionAction, importRegistryAction, renameRegionAction, saveSchoolAction } from "./actions";

export const metadata = { title: "学校与行政区划" };

const depthOf = (path: string) => path.split("/").filter(Boolean).length;

/** One option a region, shown as "name（code）", answering its id or its code. */
function RegionOptions({
  regions,
  value,
}: {
  regions: { id: string; name: string; code: string }[];
  value: "id" | "code";
}) {
  return regions.map((region) => (
    <option key={region.id} value={region[value]}>
      {region.name}（{region.code}）
    </option>
  ));
}

export default async function SchoolRegistryPage() {
  const { user } = await requirePageAccess("school_registry.view");
  const result = await viewRegistry(user);
  if (!result.ok) return <p className="text-sm text-red-600">{result.message}</p>;
  const { regions, schools } = result.data;
  const own = regions[0];
  const parents = regions.filter((region) => region.level !== "COUNTY");
  const counties = regions.filter((region) => region.level === "COUNTY");
  return (
    <>
      <header className="space-y-1">
        <h1 className="text-xl font-semibold">学校与行政区划</h1>
        <p className="text-sm text-slate-600">
          维护本辖区（{own?.name}）的行政区划和学校名录；本级行政区划的名称由上一级维护。
        </p>
      </header>

      <TitledSection id="regions-heading" title="行政区划">
        <DataTable columns={["名称", "代码", "级别", "学校数", "修改名称"]}>
          {regions.map((region) => (
            <Tr key={region.id}>
              <Td>
                <span
                  style={{ paddingLeft: `${(depthOf(region.path) - depthOf(own?.path ?? "")) * 1.5}rem` }}
                >
                  {region.name}
                </span>
              </Td>
              <Td className="font-mono">{region.code}</Td>
              <Td>{REGION_LEVEL_LABELS[region.level]}</Td>
              <Td>{region.schools}</Td>
              <Td>
                {region.id === own?.id ? (
                  <span className="text-xs text-slate-500">由上级维护</span>
                ) : (
                  <ServerForm action={renameRegionAction} inline variant="secondary" submitLabel="改名">
                    <input type="hidden" name="id" value={region.id} />
                    <label htmlFor={`rename-${region.id}`} className="sr-only">
                      {region.name}的新名称
                    </label>
                    <input
                      id={`rename-${region.id}`}
                      name="name"
                      defaultValue={region.name}
                      maxLength={40}
                      className="rounded-md border border-slate-300 px-2 py-1 text-sm"
                    />
                  </ServerForm>
                )}
              </Td>
            </Tr>
          ))}
        </DataTable>
        {parents.length > 0 ? (
          <Card aria-labelledby="add-region-heading" className="space-y-3">
            <h3 id="add-region-heading" className="font-medium">
              新增下级行政区划
            </h3>
            <ServerForm action={addRegionAction} submitLabel="新增行政区划">
              <div className="grid gap-3 md:grid-cols-3">
                <Field id="region-parent" label="上级行政区划" required>
                  <Select id="region-parent" name="parentId" aria-required="true">
                    <RegionOptions regions={parents} value="id" />
                  </Select>
                </Field>
                <TextField
                  id="region-code"
                  name="code"
                  label="行政区划代码"
                  maxLength={6}
                  inputMode="numeric"
                  required
                  hint="6位数字"
                />
                <TextField id="region-name" name="name" label="名称" maxLength={40} required />
              </div>
            </ServerForm>
          </Card>
        ) : null}
      </TitledSection>

      <section aria-labelledby="schools-heading" className="space-y-3">
        <div className="flex flex-wrap items-center justify-between gap-2">
          <h2 id="schools-heading" className="font-semibold">
            学校名录（{schools.length} 所）
          </h2>
          <a
            href="/console/supervisor/schools/export"
            className="rounded-md bg-white px-3 py-1.5 text-sm font-medium text-slate-700 ring-1 ring-slate-300 hover:bg-slate-50"
          >
            导出学校名录（.xlsx）
          </a>
        </div>
        <Card aria-labelledby="save-school-heading" className="space-y-3">
          <h3 id="save-school-heading" className="font-medium">
            新增或修改学校
          </h3>
          <p className="text-sm text-slate-600">学校标识码已在本辖区时修改该校信息，否则新增学校。</p>
          <ServerForm action={saveSchoolAction} submitLabel="保存学校">
            <div className="grid gap-3 md:grid-cols-3">
              <TextField
                id="school-code"
                name="code"
                label="学校标识码"
                maxLength={10}
                inputMode="numeric"
                required
                hint="10位数字"
              />
              <TextField id="school-name" name="name" label="学校名称" maxLength={60} required />
              <TextField
                id="school-stages"
                name="stages"
                label="学段"
                maxLength={60}
                required
                hint="如：小学、初中（可选 学前 小学 初中 普通高中 中职 本专科 研究生）"
              />
              <Field id="school-village" label="是否村小">
                <Select id="school-village" name="isVillage" defaultValue="否">
                  <option value="否">否</option>
                  <option value="是">是</option>
                </Select>
              </Field>
              <Field id="school-region" label="所在区县" required>
                <Select id="school-region" name="regionCode" aria-required="true">
                  <RegionOptions regions={counties} value="code" />
                </Select>
              </Field>
            </div>
          </ServerForm>
        </Card>
        <Card aria-labelledby="import-heading" className="space-y-3">
          <h3 id="import-heading" className="font-medium">
            从 .xlsx 导入学校名录
          </h3>
          <p className="text-sm text-slate-600">
            列：学校标识码、学校名称、学段、是否村小、所在区县代码（与导出的文件相同，可先导出再修改）。
            正确的行会保存，有问题的行逐行列出行号和原因。
          </p>
          <ServerForm action={importRegistryAction} submitLabel="导入">
            <Field id="import-file" label="名录文件（.xlsx）" required>
              <input
                id="import-file"
                type="file"
                name="file"
                accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                aria-required="true"
                className="block text-sm"
              />
            </Field>
          </ServerForm>
        </Card>
        <DataTable columns={["学校标识码", "学校名称", "学段", "村小", "所在区县"]}>
          {schools.map((school) => (
            <Tr key={school.id}>
              <Td className="font-mono">{school.code}</Td>
              <Td>{school.name}</Td>
              <Td>{stagesText(school.stages)}</Td>
              <Td>{school.isVillage ? "是" : "否"}</Td>
              <Td>
                {school.regionName}
                <span className="ml-1 text-xs text-slate-500">{school.regionCode}</span>
              </Td>
            </Tr>
          ))}
        </DataTable>
      </section>
    </>
  );
}
