import { inputCls } from "@/components/ui/form-styles";
import { ServerForm } from "@/components/ui/server-form";
import { requirePageAccess } from "@/lib/auth/access";
import { STAGE_LABELS } from "@/lib/domain/codes";
import { schoolStructure } from "@/lib/services/school-structure";
import {
  addClassAction,
  addGradeAction,
  editClassAction,
  editGradeAction,
  removeClassAction,
  removeGradeAction,
} from "./actions";
import { Card } from "@/components/ui/card";

export const metadata = { title: "年级与班级" };

export default async function StructurePage() {
  const { user } = await requirePageAccess("structure.edit");
  const r = await schoolStructure(user);
  if (!r.ok) return <p className="text-red-600">{r.message}</p>;
  const { school, grades } = r.data;
  return (
    <>
      <header>
        <h1 className="text-xl font-semibold">年级与班级</h1>
        <p className="text-sm text-slate-600">
          {school.name}（{school.stages.map((s) => STAGE_LABELS[s]).join("、")}
          ）。名册导入按这里的年级和班级名称匹配学生；有学生的班级不能删除。
        </p>
      </header>

      <Card aria-label="添加年级" className="space-y-2">
        <h2 className="font-semibold">添加年级</h2>
        <ServerForm action={addGradeAction} submitLabel="添加年级" inline>
          <select name="stage" aria-label="学段" className={inputCls}>
            {school.stages.map((s) => (
              <option key={s} value={s}>
                {STAGE_LABELS[s]}
              </option>
            ))}
          </select>
          <input
            name="name"
            aria-label="年级名称"
            placeholder="年级名称，如 高一"
            maxLength={20}
            className={inputCls}
          />
          <input
            name="entryYear"
            aria-label="入学年份"
            placeholder="入学年份，如 2026"
            maxLength={4}
            inputMode="numeric"
            className={`${inputCls} w-36`}
          />
        </ServerForm>
      </Card>

      {grades.map((g) => (
        <Card key={g.id} aria-label={`${STAGE_LABELS[g.stage]}${g.name}`} className="space-y-2">
          <div className="flex flex-wrap items-center justify-between gap-2">
            <h2 className="font-semibold">
              {STAGE_LABELS[g.stage]} · {g.name}{" "}
              <span className="text-sm font-normal text-slate-500">（{g.entryYear}年入学）</span>
            </h2>
            <div className="flex flex-wrap gap-2">
              <ServerForm action={editGradeAction} submitLabel="保存年级" variant="secondary" inline>
                <input type="hidden" name="id" value={g.id} />
                <input
                  name="name"
                  aria-label={`${g.name}的名称`}
                  defaultValue={g.name}
                  maxLength={20}
                  className={`${inputCls} w-28`}
                />
                <input
                  name="entryYear"
                  aria-label={`${g.name}的入学年份`}
                  defaultValue={g.entryYear}
                  maxLength={4}
                  className={`${inputCls} w-20`}
                />
              </ServerForm>
              {g.classes.length === 0 ? (
                <ServerForm
                  action={removeGradeAction}
                  submitLabel="删除年级"
                  variant="danger"
                  confirmText={`确定删除${g.name}吗？`}
                  inline
                >
                  <input type="hidden" name="id" value={g.id} />
                </ServerForm>
              ) : null}
            </div>
          </div>
          <ul className="divide-y divide-slate-100 text-sm">
            {g.classes.map((c) => (
              <li key={c.id} className="flex flex-wrap items-center justify-between gap-2 py-2">
                <span>
                  {c.name} · 学生 {c._count.students} 人 · 班主任：
                  {c.teachers.map((t) => t.teacher.displayName).join("、") || "未分配"}
                </span>
                <span className="flex flex-wrap gap-2">
                  <ServerForm action={editClassAction} submitLabel="改名" variant="secondary" inline>
                    <input type="hidden" name="id" value={c.id} />
                    <input
                      name="name"
                      aria-label={`${g.name}${c.name}的新名称`}
                      defaultValue={c.name}
                      maxLength={20}
                      className={`${inputCls} w-28`}
                    />
                  </ServerForm>
                  <ServerForm
                    action={removeClassAction}
                    submitLabel="删除"
                    variant="danger"
                    confirmText={`确定删除${g.name}${c.name}吗？`}
                    inline
                  >
                    <input type="hidden" name="id" value={c.id} />
                  </ServerForm>
                </span>
              </li>
            ))}
          </ul>
          <ServerForm action={addClassAction} submitLabel="添加班级" inline>
            <input type="hidden" name="gradeId" value={g.id} />
            <input
              name="name"
              aria-label={`${g.name}新班级名称`}
              placeholder="班级名称，如 3班"
              maxLength={20}
              className={inputCls}
            />
          </ServerForm>
        </Card>
      ))}
    </>
  );
}
