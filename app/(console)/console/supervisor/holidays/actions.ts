"use server";

import { formAction } from "@/lib/forms/action";
import type { FormState } from "@/lib/forms/state";
import { addHolidayDays, removeHolidayDay } from "@/lib/services/holiday-calendar";

const PATH = "/console/supervisor/holidays";

export async function addHolidayDaysAction(_prev: FormState, form: FormData) {
  return formAction({
    access: "holiday_calendar.edit",
    form,
    run: (user, input) => addHolidayDays(user, input),
    revalidate: [PATH],
    success: (data) => ({
      ok: true,
      message: `已保存 ${data.days} 天。公示期限和问题答复期限按新的安排计算。`,
    }),
  });
}

export async function removeHolidayDayAction(_prev: FormState, form: FormData) {
  return formAction({
    access: "holiday_calendar.edit",
    form,
    run: (user, input) => removeHolidayDay(user, input),
    revalidate: [PATH],
    success: "已删除。",
  });
}
