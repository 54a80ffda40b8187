import { Notice } from "@/components/teacher/notice";
import { Field, Select, TextInput } from "@/components/ui/form";
import { ServerForm } from "@/components/ui/server-form";
import { DataTable, Td, Tr } from "@/components/ui/table";
import { TitledSection } from "@/components/ui/titled-section";
import { requirePageAccess } from "@/lib/auth/access";
import { loadHolidayCalendar } from "@/lib/services/holiday-calendar";
import { addHolidayDaysAction, removeHolidayDayAction } from "./actions";

export const metadata = { title: "全国节假日安排" };

const WEEKDAYS = ["日", "一", "二", "三", "四", "五", "六"];
const weekday = (day: string) => `周${WEEKDAYS[new Date(`${day}T00:00:00Z`).getUTCDay()]}`;

export default async function HolidayCalendarPage() {
  const { user } = await requirePageAccess("holiday_calendar.edit");
  const r = await loadHolidayCalendar(user);
  if (!r.ok) return <Notice kind="error">{r.message}</Notice>;
  return (
    <>
      <h1 className="text-xl font-semibold">全国节假日安排</h1>
      <p className="text-sm text-slate-600">
        国务院办公厅每年发布下一年的部分节假日安排通知后，在这里录入放假日期和调休上班日期。公示期限（年级不少于2个、学校不少于5个工作日）
        和问题反馈的答复期限都按这里的安排计算工作日；没有录入的年份只按周一至周五计算。学校自己的放假与补课日在学校的公示设置中维护。
      </p>
      <TitledSection id="add-heading" title="添加日期">
        <ServerForm action={addHolidayDaysAction} submitLabel="保存">
          <div className="grid gap-3 sm:grid-cols-2">
            <Field id="kind" label="类型" required>
              <Select id="kind" name="kind" defaultValue="holiday" aria-required="true">
                <option value="holiday">放假（连续日期）</option>
                <option value="workday">调休上班（周六或周日）</option>
              </Select>
            </Field>
            <Field id="note" label="说明" required hint="如：2027年春节">
              <TextInput id="note" name="note" maxLength={100} aria-required="true" />
            </Field>
            <Field id="from" label="开始日期" required>
              <TextInput id="from" name="from" type="date" aria-required="true" />
            </Field>
            <Field id="to" label="结束日期" hint="只有一天可留空">
              <TextInput id="to" name="to" type="date" />
            </Field>
          </div>
        </ServerForm>
      </TitledSection>
      {r.data.map(({ year, days }) => (
        <TitledSection key={year} id={`year-${year}`} title={`${year}年`}>
          <DataTable columns={["日期", "类型", "说明", "操作"]}>
            {days.map((day) => (
              <Tr key={day.day}>
                <Td>
                  {day.day}（{weekday(day.day)}）
                </Td>
                <Td>{day.working ? "调休上班" : "放假"}</Td>
                <Td>{day.note}</Td>
                <Td>
                  <ServerForm
                    action={removeHolidayDayAction}
                    inline
                    variant="danger"
                    confirmText={`确定从节假日安排中删除 ${day.day}？`}
                    submitLabel={
                      <>
                        删除<span className="sr-only"> {day.day}</span>
                      </>
                    }
                  >
                    <input type="hidden" name="day" value={day.day} />
                  </ServerForm>
                </Td>
              </Tr>
            ))}
          </DataTable>
        </TitledSection>
      ))}
    </>
  );
}
